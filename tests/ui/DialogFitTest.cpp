// Every dialog the window opens on a classroom's screens (1024×768 and 1280×720, with and without
// presentation mode, the trainer open): its minimum size fits the screen's free area, and once a
// window manager has kept it on the screen its buttons are visible, inside it and at least their
// size hint. The dialogs: key generation, key paste, the passphrase prompt, the clear-text
// confirmation, Save profile, About. (The open and save file dialogs are Qt's own.)
#include "ClearTextConfirmation.h"
#include "KeyGenerationDialog.h"
#include "KeyPicker.h"
#include "MainWindow.h"
#include "ProfileMenu.h"
#include "SignaturePanel.h"
#include "flow/AssertionPreset.h"
#include "flow/BearerFlowSession.h"
#include "support/WaitFor.h"
#include "ui/support/ClassroomScreens.h"

#include <QApplication>
#include <QDialog>
#include <QLayout>
#include <QMenuBar>
#include <QPushButton>
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

// Runs `open` (which shows a modal dialog and waits on it), checks the dialog once it is up, then
// cancels it.
void withModal(const std::function<void()> &open, const QSize &room)
{
    bool seen = false;
    QTimer poll;
    poll.setInterval(10);
    QObject::connect(&poll, &QTimer::timeout, &poll, [&] {
        QWidget *modal = QApplication::activeModalWidget();
        if (!modal || seen)
            return;
        seen = true;
        poll.stop();
        expectFits(modal, room);
        if (auto *dialog = qobject_cast<QDialog *>(modal))
            dialog->reject();
        else
            modal->close();
    });
    poll.start();
    open();
    EXPECT_TRUE(seen) << "no dialog opened";
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
        withModal([signing] { signing->pasteKey(); }, room(c));
    }
    {
        SCOPED_TRACE("passphrase");
        withModal(
            [] { KeyPicker::askPassphrase(QStringLiteral("/home/trainer/keys/a-rather-long-connected-app-name-signing.key")); },
            room(c));
    }
    {
        SCOPED_TRACE("save profile");
        withModal([&w] { w.profileMenu()->saveAs(); }, room(c));
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
        withModal([about] { about->trigger(); }, room(c));
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
