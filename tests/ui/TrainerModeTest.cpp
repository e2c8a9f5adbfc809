// Trainer mode against the in-process practice org: the whole lesson walked (every step reached,
// ticked by what really happens, Next/Back moving the focus), every failure switch producing its
// error and its diagnosis, Reset restoring success, the diagram drawing the real messages, and
// the lesson export carrying no access token.
#include "DiagnosisCard.h"
#include "KeyPicker.h"
#include "MainWindow.h"
#include "ResponsePane.h"
#include "ScenarioSwitches.h"
#include "SequenceDiagram.h"
#include "SignaturePanel.h"
#include "TrainerDock.h"
#include "WalkthroughView.h"
#include "flow/ExchangeResult.h"
#include "flow/TokenDocument.h"
#include "practice/PracticeOrg.h"
#include "trainer/ScenarioSwitchboard.h"
#include "trainer/SequenceLog.h"
#include "trainer/Walkthrough.h"

#include <QAction>
#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QMouseEvent>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTimer>

#include <gtest/gtest.h>

#include "support/WaitFor.h"

using namespace jwtflow;

namespace {

using test::waitFor;

struct TrainerWindow {
    QTemporaryDir data;
    std::unique_ptr<MainWindow> window;
    TrainerDock *trainer = nullptr;
    QList<QUrl> opened;
    TrainerWindow()
    {
        KeyPicker::setSynchronousLoading(true);
        MainWindow::Options options;
        options.practiceOrg = true;
        options.practiceDataFolder = data.path();
        window = std::make_unique<MainWindow>(SystemClock::instance(), options);
        window->responsePane()->setUrlOpener([this](const QUrl &url) {
            opened << url;
            return true;
        });
        window->resize(1400, 900);
        window->show();
        window->setTrainerMode(true);
        trainer = window->trainer();
    }
    // Sends and waits for this send's answer.
    const ExchangeResult &send()
    {
        window->responsePane()->clear();
        window->send();
        EXPECT_TRUE(waitFor([this] { return window->responsePane()->hasResult(); }));
        return window->responsePane()->result();
    }
    // The name of the focused widget, or of its nearest named ancestor.
    QString focusName() const
    {
        for (QWidget *w = window->focusWidget(); w; w = w->parentWidget()) {
            if (!w->objectName().isEmpty() && !w->objectName().startsWith(QLatin1String("qt_")))
                return w->objectName();
        }
        return {};
    }
};

void click(QWidget *widget, const QPoint &at)
{
    QMouseEvent press(QEvent::MouseButtonPress, at, widget->mapToGlobal(at), Qt::LeftButton, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(widget, &press);
}

} // namespace

TEST(TrainerMode, ViewMenuTogglesTheDock)
{
    TrainerWindow t;
    MainWindow &w = *t.window;
    QAction *action = w.findChild<QAction *>(QStringLiteral("trainerModeAction"));
    ASSERT_NE(action, nullptr);
    EXPECT_TRUE(action->isChecked());
    action->trigger();
    EXPECT_FALSE(t.trainer->isVisibleTo(&w));
    action->trigger();
    EXPECT_TRUE(t.trainer->isVisibleTo(&w));
}

TEST(TrainerMode, TheWholeLessonIsWalkedAndTickedByWhatReallyHappens)
{
    TrainerWindow t;
    MainWindow &w = *t.window;
    Walkthrough *walk = t.trainer->walkthrough();
    ASSERT_EQ(walk->count(), 8);
    // First launch: the practice org's demo key, its app, its pre-authorised user and the composed,
    // signed assertion are all there already, in place, but the lesson starts at step 1 with
    // nothing ticked: the class has seen nothing yet.
    EXPECT_EQ(walk->current(), 0);
    EXPECT_EQ(walk->doneCount(), 0);
    for (int i = 0; i < 5; ++i)
        EXPECT_TRUE(walk->step(i).inPlace) << walk->step(i).id.toStdString();
    for (int i = 5; i < 8; ++i)
        EXPECT_FALSE(walk->step(i).inPlace) << walk->step(i).id.toStdString();
    EXPECT_TRUE(t.trainer->walkthroughView()
            ->findChild<QLabel *>(QStringLiteral("walkthroughProgress"))
            ->text()
            .startsWith(QStringLiteral("0 of 8")));

    // Next moves through every step and puts the focus where it happens.
    const QStringList focusFor = { QStringLiteral("signingKeyPath"), QStringLiteral("clientId"), QStringLiteral("username"),
        QStringLiteral("payloadEditor"), QStringLiteral("encodedEditor"), QStringLiteral("sendButton"),
        QStringLiteral("responsePane"), QStringLiteral("responsePane") };
    WalkthroughView *view = t.trainer->walkthroughView();
    EXPECT_FALSE(view->backButton()->isEnabled());
    EXPECT_TRUE(view->explanationText().contains(walk->step(0).explanation));
    for (int i = 1; i < walk->count(); ++i) {
        view->nextButton()->click();
        EXPECT_EQ(walk->current(), i);
        EXPECT_EQ(view->list()->currentRow(), i);
        EXPECT_TRUE(view->explanationText().contains(walk->step(i).lookAt));
        EXPECT_EQ(t.focusName(), focusFor.at(i)) << walk->step(i).id.toStdString();
    }
    EXPECT_FALSE(view->nextButton()->isEnabled());
    for (int i = 0; i < 5; ++i)
        EXPECT_TRUE(walk->step(i).done) << "walked past: " << walk->step(i).id.toStdString();
    view->backButton()->click();
    EXPECT_EQ(walk->current(), 6);
    for (int i = 6; i > 0; --i)
        view->backButton()->click();
    EXPECT_EQ(walk->current(), 0);
    EXPECT_EQ(t.focusName(), focusFor.at(0));

    // Exchange: ticked by the real answer; two arrows appear.
    ASSERT_TRUE(t.send().ok());
    EXPECT_TRUE(walk->step(5).done);
    const SequenceLog *log = t.trainer->sequence();
    ASSERT_EQ(log->count(), 2);
    EXPECT_EQ(log->messages()[0].label, QStringLiteral("POST /services/oauth2/token (assertion)"));
    EXPECT_EQ(log->messages()[1].label, QStringLiteral("200 access_token"));

    // An API call with the token.
    Q_EMIT w.responsePane()->identityRequested();
    ASSERT_TRUE(waitFor([&] { return walk->step(6).done; }));
    ASSERT_EQ(log->count(), 4);
    EXPECT_EQ(log->messages()[2].to, SequenceLog::Lifeline::Api);

    // Frontdoor: now the focus target is the Open org button.
    view->list()->setCurrentRow(7);
    Q_EMIT view->list()->itemClicked(view->list()->item(7));
    EXPECT_EQ(t.focusName(), QStringLiteral("openOrgButton"));
    Q_EMIT w.responsePane()->openOrgRequested();
    ASSERT_EQ(t.opened.size(), 1);
    EXPECT_TRUE(walk->step(7).done);
    EXPECT_TRUE(walk->isComplete());
    ASSERT_EQ(log->count(), 5);

    // Clicking an arrow shows its raw message, masked.
    SequenceDiagram *diagram = t.trainer->diagram();
    const QString accessToken = w.responsePane()->result().token.accessToken;
    const QString signature = QString::fromLatin1(w.document()->jwt().encoded()).section(QLatin1Char('.'), 2);
    EXPECT_TRUE(diagram->messageRect(log->count() - 1).isValid()) << "the newest arrow is in view";
    for (int i = 0; i < log->count(); ++i) {
        diagram->setScrollBack(log->count() - 1 - i); // older arrows are scrolled back to
        const QRect rect = diagram->messageRect(i);
        ASSERT_TRUE(rect.isValid()) << i;
        click(diagram, rect.center());
        EXPECT_EQ(diagram->selected(), i);
        EXPECT_FALSE(t.trainer->shownMessage().isEmpty());
        EXPECT_FALSE(t.trainer->shownMessage().contains(accessToken.section(QLatin1Char('!'), 1))) << i;
        EXPECT_FALSE(t.trainer->shownMessage().contains(signature)) << i;
    }
    diagram->setScrollBack(log->count() - 1);
    click(diagram, diagram->messageRect(0).center());
    EXPECT_TRUE(t.trainer->shownMessage().startsWith(QStringLiteral("POST /services/oauth2/token HTTP/1.1")));

    // Every step is in the lesson.
    int steps = 0;
    for (const LessonRecorder::Entry &entry : t.trainer->lesson().entries())
        steps += entry.kind == LessonRecorder::Kind::Step ? 1 : 0;
    EXPECT_EQ(steps, 8);
}

TEST(TrainerMode, EachSwitchProducesItsErrorAndDiagnosisAndResetRestoresSuccess)
{
    TrainerWindow t;
    MainWindow &w = *t.window;
    ScenarioSwitches *switches = t.trainer->switches();
    ASSERT_TRUE(t.send().ok());
    for (const ScenarioSwitchboard::Switch s : ScenarioSwitchboard::all()) {
        SCOPED_TRACE(ScenarioSwitchboard::name(s).toStdString());
        ASSERT_TRUE(switches->isAvailable());
        switches->trigger(s);
        EXPECT_TRUE(switches->isOn(s));
        EXPECT_TRUE(switches->changeText().startsWith(QStringLiteral("Changed: "))) << switches->changeText().toStdString();

        const ExchangeResult refused = t.send();
        EXPECT_FALSE(refused.ok());
        EXPECT_EQ(refused.error + QStringLiteral(": ") + refused.errorDescription, ScenarioSwitchboard::expectedError(s));
        const DiagnosisCard *card = w.responsePane()->diagnosisCard();
        EXPECT_FALSE(card->isEmpty());
        EXPECT_EQ(card->diagnosis().code, ScenarioSwitchboard::expectedDiagnosisCode(s));
        EXPECT_TRUE(t.trainer->sequence()->messages().last().error) << "the refusal is a red arrow";
        EXPECT_TRUE(t.trainer->statusText().contains(card->diagnosis().title));

        switches->resetButton()->click();
        EXPECT_FALSE(switches->isOn(s));
        EXPECT_FALSE(t.trainer->switchboard()->active().has_value());
        const ExchangeResult again = t.send();
        EXPECT_TRUE(again.ok()) << again.summary().toStdString();
        EXPECT_FALSE(t.trainer->sequence()->messages().last().error);
    }
}

TEST(TrainerMode, TheLessonExportsAsMarkdownAndHtmlWithoutTheAccessToken)
{
    TrainerWindow t;
    MainWindow &w = *t.window;
    const ExchangeResult &ok = t.send();
    ASSERT_TRUE(ok.ok());
    const QString accessToken = ok.token.accessToken;
    Q_EMIT w.responsePane()->identityRequested();
    ASSERT_TRUE(waitFor([&] { return w.responsePane()->callCount() == 1; }));
    Q_EMIT w.responsePane()->openOrgRequested();
    t.trainer->switches()->trigger(ScenarioSwitchboard::Switch::ExpiredAssertion);
    ASSERT_FALSE(t.send().ok());
    t.trainer->switches()->resetButton()->click();

    QTemporaryDir dir;
    for (const QString &name : { QStringLiteral("lesson.md"), QStringLiteral("lesson.html") }) {
        SCOPED_TRACE(name.toStdString());
        const QString path = dir.filePath(name);
        TrainerDock::setFileChooser([path](QWidget *, const QString &, const QString &) { return path; });
        t.trainer->findChild<QPushButton *>(QStringLiteral("exportLesson"))->click();
        QFile file(path);
        ASSERT_TRUE(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        EXPECT_FALSE(text.contains(accessToken.section(QLatin1Char('!'), 1)));
        EXPECT_FALSE(text.contains(QString::fromLatin1(QUrl::toPercentEncoding(accessToken.section(QLatin1Char('!'), 1)))));
        EXPECT_TRUE(text.contains(QStringLiteral("POST /services/oauth2/token HTTP/1.1")));
        EXPECT_TRUE(text.contains(QStringLiteral("expired authorization code")));
        EXPECT_TRUE(text.contains(QStringLiteral("exp in the past")));
        EXPECT_TRUE(text.contains(QStringLiteral("frontdoor")));
        EXPECT_TRUE(t.trainer->statusText().contains(QStringLiteral("Lesson written")));
    }
    TrainerDock::setFileChooser([](QWidget *, const QString &, const QString &) { return QString(); });
    EXPECT_FALSE(t.trainer->exportLesson()) << "cancelled";
    TrainerDock::setFileChooser(
        [&dir](QWidget *, const QString &, const QString &) { return dir.filePath(QStringLiteral("no/such/lesson.md")); });
    EXPECT_FALSE(t.trainer->exportLesson());
    EXPECT_TRUE(t.trainer->statusText().contains(QStringLiteral("Cannot write")));
}

TEST(TrainerMode, PresentationModeEnlargesTheDiagramAndKeepsSecretsMasked)
{
    TrainerWindow t;
    MainWindow &w = *t.window;
    ASSERT_TRUE(t.send().ok());
    SequenceDiagram *diagram = t.trainer->diagram();
    const qreal before = diagram->font().pointSizeF();
    const int rowBefore = diagram->messageRect(1).height();
    ASSERT_GT(rowBefore, 0);
    w.setPresentationMode(true);
    EXPECT_GT(diagram->font().pointSizeF(), before);
    EXPECT_GT(diagram->messageRect(1).height(), rowBefore) << "the rows grow with the text";
    click(diagram, diagram->messageRect(1).center());
    EXPECT_FALSE(t.trainer->shownMessage().contains(w.responsePane()->result().token.accessToken.section(QLatin1Char('!'), 1)));
    EXPECT_TRUE(t.trainer->shownMessage().contains(QStringLiteral("access_token")));
    w.setPresentationMode(false);
}

// With the keys loaded (their facts carry 95-character fingerprints), the flow page must leave the
// dock its share of a 1600-pixel window and the JSON panes room for a readable line.
TEST(TrainerMode, TheFlowPageLeavesTheDockItsShareAndTheJsonReadable)
{
    TrainerWindow t;
    MainWindow &w = *t.window;
    ASSERT_TRUE(w.signaturePanel()->certificatePicker()->material().has_value());
    w.resize(1600, 960);
    w.setTrainerMode(true);
    QWidget *page = w.findChild<QWidget *>(QStringLiteral("flowPage"));
    ASSERT_NE(page, nullptr);
    QString parts; // which part holds the page wide, when it fails
    for (const char *name : { "connectionForm", "editorSplitter", "signaturePanel", "bottomTabs", "responsePane" }) {
        if (auto *part = page->findChild<QWidget *>(QString::fromLatin1(name)))
            parts += QStringLiteral(" %1=%2").arg(QString::fromLatin1(name)).arg(part->minimumSizeHint().width());
    }
    EXPECT_LT(page->minimumSizeHint().width(), 1600 * 3 / 5)
        << "the page's minimum decides how wide the dock can be:" << parts.toStdString();
    EXPECT_TRUE(waitFor([&] { return t.trainer->width() >= 1600 * 2 / 5 - 20; }, 2000)) << t.trainer->width();
    auto *header = w.findChild<QPlainTextEdit *>(QStringLiteral("headerEditor"));
    ASSERT_NE(header, nullptr);
    EXPECT_GE(header->width(), 30 * header->fontMetrics().averageCharWidth()) << header->width();
}

// A class watches a shared 1600×960 screen: in presentation mode, with the dock open and an
// answer shown, the window must still fit it (the signature block and the response scroll instead
// of holding the window taller than the screen).
TEST(TrainerMode, PresentationModeWithTheDockAndAnAnswerFitsA1600By960Screen)
{
    TrainerWindow t;
    MainWindow &w = *t.window;
    ASSERT_TRUE(t.send().ok());
    w.resize(1600, 960);
    w.setTrainerMode(true);
    w.setPresentationMode(true);
    EXPECT_LE(w.minimumSizeHint().height(), 960) << "taller than the screen";
    EXPECT_LE(w.minimumSizeHint().width(), 1600) << "wider than the screen";
    QWidget *page = w.findChild<QWidget *>(QStringLiteral("flowPage"));
    ASSERT_NE(page, nullptr);
    EXPECT_LE(page->minimumSizeHint().height(), 960 - 120) << "menus and status bar need the rest";
    w.setPresentationMode(false);
}

TEST(TrainerMode, WithoutThePracticeOrgTheSwitchesSayWhy)
{
    MainWindow w(SystemClock::instance());
    w.setTrainerMode(true);
    ScenarioSwitches *switches = w.trainer()->switches();
    EXPECT_FALSE(switches->isAvailable());
    EXPECT_FALSE(switches->resetButton()->isEnabled());
    EXPECT_TRUE(switches->changeText().contains(QStringLiteral("practice org")));
    EXPECT_EQ(w.trainer()->walkthrough()->doneCount(), 0);
}

TEST(TrainerMode, TheLessonRestartsAtStepOneAndExportsItsStepsInOrderWithWhatTheClassSaw)
{
    TrainerWindow t;
    Walkthrough *walk = t.trainer->walkthrough();
    WalkthroughView *view = t.trainer->walkthroughView();
    // Send before walking the steps: step 6 is ticked first, the others as the class moves past them.
    ASSERT_TRUE(t.send().ok());
    EXPECT_TRUE(walk->step(5).done);
    for (int i = 1; i < 6; ++i)
        view->nextButton()->click();
    EXPECT_EQ(walk->doneCount(), 6);

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("lesson.md"));
    ASSERT_TRUE(t.trainer->exportLessonTo(path).ok());
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QString md = QString::fromUtf8(file.readAll());
    QList<int> order;
    const QRegularExpression heading(QStringLiteral("^### Step (\\d):"), QRegularExpression::MultilineOption);
    for (auto it = heading.globalMatch(md); it.hasNext();)
        order << it.next().captured(1).toInt();
    EXPECT_EQ(order, (QList<int> { 1, 2, 3, 4, 5, 6 })) << md.toStdString();
    EXPECT_TRUE(md.contains(QStringLiteral("**What the class saw:** Signing key: RSA 2048-bit private key"))) << md.toStdString();
    EXPECT_TRUE(md.contains(QStringLiteral("**What the class saw:** The token endpoint answered: "))) << md.toStdString();

    // Restart: step 1, nothing ticked, an empty record and diagram; what holds is in place again.
    ASSERT_NE(view->restartButton(), nullptr);
    view->restartButton()->click();
    EXPECT_EQ(walk->current(), 0);
    EXPECT_EQ(walk->doneCount(), 0);
    EXPECT_TRUE(walk->step(0).inPlace);
    EXPECT_TRUE(t.trainer->lesson().isEmpty());
    EXPECT_EQ(t.trainer->sequence()->count(), 0);
    view->nextButton()->click();
    EXPECT_TRUE(walk->step(0).done);
    EXPECT_EQ(walk->doneCount(), 1);
}

TEST(TrainerMode, TheFailureSwitchesAreAListWhoseRowsKeepTheirHeight)
{
    TrainerWindow t;
    ScenarioSwitches *switches = t.trainer->switches();
    QListWidget *list = switches->list();
    ASSERT_EQ(list->objectName(), QStringLiteral("failureSwitchList"));
    EXPECT_EQ(list->count(), static_cast<int>(ScenarioSwitchboard::all().size()));
    // A click on a row switches it on: it is marked, the line says what changed.
    const ScenarioSwitchboard::Switch s = ScenarioSwitchboard::Switch::UserNotApproved;
    QListWidgetItem *row = nullptr;
    for (int i = 0; i < list->count(); ++i)
        row = list->item(i)->text() == ScenarioSwitchboard::title(s) ? list->item(i) : row;
    ASSERT_NE(row, nullptr);
    Q_EMIT list->itemClicked(row);
    EXPECT_TRUE(switches->isOn(s));
    EXPECT_TRUE(row->text().startsWith(QStringLiteral("● ")));
    EXPECT_TRUE(row->font().bold());
    EXPECT_TRUE(switches->changeText().startsWith(QStringLiteral("Changed: ")));
    switches->resetButton()->click();
    EXPECT_FALSE(switches->isOn(s));
    // However short the dock, a row is never squeezed below its text's height: the list scrolls.
    for (int i = 0; i < list->count(); ++i)
        EXPECT_GE(list->visualItemRect(list->item(i)).height(), list->fontMetrics().height()) << i;
}
