// Every dialog the window opens on a classroom's screens (1024×768 and 1280×720, with and without
// presentation mode, the trainer open): its minimum size fits the screen's free area, and once a
// window manager has kept it on the screen its buttons are visible, inside it and at least their
// size hint. The dialogs: key generation, key paste, the passphrase prompt, the clear-text
// confirmation, Save profile, the profile menu's Rename (which profile, its new name) and Delete
// (which profile, are you sure), About. (The open and save file dialogs are Qt's own.)
#include "ClearTextConfirmation.h"
#include "KeyGenerationDialog.h"
#include "KeyPicker.h"
#include "MainWindow.h"
#include "ProfileMenu.h"
#include "SignaturePanel.h"
#include "flow/AssertionPreset.h"
#include "flow/BearerFlowSession.h"
#include "store/ProfileStore.h"
#include "support/WaitFor.h"
#include "ui/support/ClassroomScreens.h"

#include <QApplication>
#include <QDialog>
#include <QLayout>
#include <QMenuBar>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>
#include <functional>
#include <gtest/gtest.h>

using namespace jwtflow;
using namespace jwtflow::test;

namespace {

void expectFits(QWidget *dialog, const QSize &room)
{
    ASSERT_NE(dialog, nullptr);
    SCOPED_TRACE(dialog->objectName().isEmpty() ? dialog->metaObject()->className() : dialog->objectName().toStdString());
    QCoreApplication::processEvents();
    const QSize minimum = dialog->minimumSizeHint().expandedTo(dialog->minimumSize());
    EXPECT_LE(minimum.width(), room.width()) << "minimum " << minimum.width() << "×" << minimum.height();
    EXPECT_LE(minimum.height(), room.height()) << "minimum " << minimum.width() << "×" << minimum.height();
    // A window manager keeps the dialog on the screen.
    dialog->resize(dialog->size().boundedTo(room).expandedTo(minimum));
    if (dialog->layout())
        dialog->layout()->activate();
    QCoreApplication::processEvents();
    const QList<QPushButton *> buttons = dialog->findChildren<QPushButton *>();
    ASSERT_FALSE(buttons.isEmpty());
    int shown = 0;
    for (QPushButton *button : buttons) {
        if (button->isHidden())
            continue; // a button the dialog keeps hidden on purpose
        ++shown;
        SCOPED_TRACE(button->text().toStdString());
        EXPECT_TRUE(button->isVisible());
        const QRect area(button->mapTo(dialog, QPoint(0, 0)), button->size());
        EXPECT_TRUE(dialog->rect().contains(area)) << "outside the dialog";
        EXPECT_GE(button->width(), button->sizeHint().width());
        EXPECT_GE(button->height(), button->sizeHint().height());
    }
    EXPECT_GE(shown, 1);
}

// Runs `open`, which shows `prompts` modal dialogs one after the other and waits on each: checks
// each once it is up, accepts all but the last (the next one only comes after an answer) and
// cancels the last.
void withModals(const std::function<void()> &open, const QSize &room, int prompts = 1)
{
    int seen = 0;
    QPointer<QWidget> answered; // null once deleted: a next dialog at the same address is new
    QTimer poll;
    poll.setInterval(10);
    QObject::connect(&poll, &QTimer::timeout, &poll, [&] {
        QWidget *modal = QApplication::activeModalWidget();
        if (!modal || modal == answered || seen == prompts)
            return;
        answered = modal;
        ++seen;
        SCOPED_TRACE("prompt " + std::to_string(seen));
        expectFits(modal, room);
        auto *dialog = qobject_cast<QDialog *>(modal);
        if (seen < prompts) {
            if (dialog)
                dialog->accept();
            return;
        }
        poll.stop();
        if (dialog)
            dialog->reject();
        else
            modal->close();
    });
    poll.start();
    open();
    EXPECT_EQ(seen, prompts) << "dialogs opened";
}

class DialogFit : public ::testing::TestWithParam<ScreenCase> {
protected:
    void SetUp() override { KeyPicker::setSynchronousLoading(true); }
};

} // namespace

TEST_P(DialogFit, EveryDialogFitsTheScreenWithItsButtonsUsable)
{
    const ScreenCase c = GetParam();
    QTemporaryDir data;
    MainWindow w(SystemClock::instance(), practiceOptions(c, data.path()));
    showOnScreen(w, c);

    {
        SCOPED_TRACE("key generation");
        KeyGenerationDialog *generate = w.keyGenerationDialog();
        generate->show();
        expectFits(generate, room(c));
        generate->close();
    }
    {
        SCOPED_TRACE("key paste");
        KeyPicker *signing = w.findChild<SignaturePanel *>()->signingPicker();
        withModals([signing] { signing->pasteKey(); }, room(c));
    }
    {
        SCOPED_TRACE("passphrase");
        withModals(
            [] { KeyPicker::askPassphrase(QStringLiteral("/home/trainer/keys/a-rather-long-connected-app-name-signing.key")); },
            room(c));
    }
    {
        SCOPED_TRACE("save profile");
        withModals([&w] { w.profileMenu()->saveAs(); }, room(c));
    }
    {
        // A saved profile, with a name as long as a real one, for the menu's Rename and Delete.
        QSettings settings;
        ProfileStore profiles(settings);
        const QString name = QStringLiteral("Acme Corporation production (integration user, JWT bearer)");
        ConnectionProfile profile;
        profile.name = name;
        profile.clientId = QStringLiteral("3MVG9acme");
        profile.username = QStringLiteral("ann@acme.com");
        ASSERT_TRUE(profiles.save(profile));
        settings.sync();
        {
            SCOPED_TRACE("rename profile: which one, then its new name");
            withModals([&w] { w.profileMenu()->renameProfile(); }, room(c), 2);
        }
        {
            SCOPED_TRACE("delete profile: which one, then are you sure");
            withModals([&w] { w.profileMenu()->deleteProfile(); }, room(c), 2);
        }
        EXPECT_TRUE(profiles.contains(name)) << "both cancelled at their last prompt";
        ASSERT_TRUE(profiles.remove(name));
    }
    {
        SCOPED_TRACE("about");
        QAction *about = nullptr;
        for (QAction *menu : w.menuBar()->actions())
            if (menu->menu())
                for (QAction *action : menu->menu()->actions())
                    if (action->text().contains(QStringLiteral("About")))
                        about = action;
        ASSERT_NE(about, nullptr);
        withModals([about] { about->trigger(); }, room(c));
    }
    {
        SCOPED_TRACE("clear text");
        w.session()->setConnection(
            { AssertionPreset::Environment::MyDomain, QStringLiteral("http://a-long-test-server-name.training.internal:8080"),
                QStringLiteral("key"), QStringLiteral("ann@acme.com"), {} });
        w.send();
        QCoreApplication::processEvents();
        auto *confirm = w.findChild<ClearTextConfirmation *>(QStringLiteral("clearTextConfirmation"));
        ASSERT_NE(confirm, nullptr);
        expectFits(confirm, room(c));
        confirm->reject();
        QCoreApplication::processEvents();
    }
    if (c.presentation)
        w.setPresentationMode(false);
}

INSTANTIATE_TEST_SUITE_P(Screens, DialogFit, ::testing::ValuesIn(screenCases(projectorScreens(), { true })), screenCaseName);
