// The window on a classroom's screens: 1024×768, 1280×720, 1366×768 and 1920×1080, with and
// without presentation mode and the trainer. Its minimum size fits the screen (it adapts instead of
// growing), and the widgets a class needs are on screen, in view and at least their size hint:
// Send, the failure switches, a token's answer, the SOQL table of a query and the first cause of
// a diagnosis with its checklist. The screen's free area is simulated through
// MainWindow::Options::availableGeometry, where the window reads it (QScreen::availableGeometry
// otherwise).
#include "KeyPicker.h"
#include "MainWindow.h"
#include "ResponsePane.h"
#include "ScenarioSwitches.h"
#include "TrainerDock.h"
#include "flow/BearerFlowSession.h"
#include "flow/ExchangeResult.h"
#include "support/WaitFor.h"
#include "trainer/ScenarioSwitchboard.h"
#include "ui/support/ClassroomScreens.h"

#include <QAbstractButton>
#include <QHeaderView>
#include <QListWidget>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using namespace jwtflow;
using namespace jwtflow::test;

namespace {

// The part of `widget` (its top `height` pixels) lies within the window and within every scroll
// area's viewport around it: on screen without scrolling anything.
::testing::AssertionResult inView(QWidget *widget, int height)
{
    const QRect part(widget->mapTo(widget->window(), QPoint(0, 0)), QSize(widget->width(), std::min(height, widget->height())));
    if (!widget->window()->rect().contains(part))
        return ::testing::AssertionFailure() << "outside the window";
    for (QWidget *p = widget->parentWidget(); p; p = p->parentWidget()) {
        if (auto *scroll = qobject_cast<QScrollArea *>(p)) {
            QWidget *viewport = scroll->viewport();
            const QRect visible(viewport->mapTo(widget->window(), QPoint(0, 0)), viewport->size());
            if (!visible.contains(part))
                return ::testing::AssertionFailure() << "scrolled out of " << scroll->objectName().toStdString();
        }
    }
    return ::testing::AssertionSuccess();
}

::testing::AssertionResult atLeastSizeHint(QWidget *widget)
{
    if (!widget)
        return ::testing::AssertionFailure() << "missing";
    if (!widget->isVisible())
        return ::testing::AssertionFailure() << widget->objectName().toStdString() << " is not visible";
    const QSize hint = widget->sizeHint();
    if (widget->width() < hint.width() || widget->height() < hint.height())
        return ::testing::AssertionFailure() << widget->objectName().toStdString() << " is " << widget->width() << "×"
                                             << widget->height() << ", its size hint " << hint.width() << "×" << hint.height();
    return ::testing::AssertionSuccess();
}

class WindowFit : public ::testing::TestWithParam<ScreenCase> {
protected:
    void SetUp() override { KeyPicker::setSynchronousLoading(true); }
};

} // namespace

TEST_P(WindowFit, TheWindowFitsTheScreenAndKeepsItsKeyWidgetsUsable)
{
    const ScreenCase c = GetParam();
    QTemporaryDir data;
    const MainWindow::Options options = practiceOptions(c, data.path());
    MainWindow w(SystemClock::instance(), options);
    w.responsePane()->setUrlOpener([](const QUrl &) { return true; });

    // The first size fits the free area, title bar included.
    EXPECT_LE(w.width(), options.availableGeometry.width());
    EXPECT_LE(w.height() + kTitleBar, options.availableGeometry.height());

    showOnScreen(w, c);
    const QSize size = windowSize(c);
    const QSize minimum = w.minimumSizeHint().expandedTo(w.minimumSize());
    EXPECT_LE(minimum.width(), size.width()) << "the window would be wider than the screen";
    EXPECT_LE(minimum.height(), size.height()) << "the window would be taller than the screen";
    ASSERT_EQ(w.size(), size);

    if (c.trainer) {
        ASSERT_TRUE(w.isTrainerMode());
        EXPECT_TRUE(w.trainerPanel()->isVisible()) << (w.isTrainerTabbed() ? "tabbed" : "docked");
        w.trainerPanel()->findChild<QTabWidget *>(QStringLiteral("trainerTabs"))->setCurrentIndex(1);
        auto *list = w.findChild<QListWidget *>(QStringLiteral("failureSwitchList"));
        ASSERT_NE(list, nullptr);
        EXPECT_TRUE(list->isVisible());
        EXPECT_GE(list->height(), list->minimumSizeHint().height());
        EXPECT_GE(list->viewport()->height(), 3 * list->sizeHintForRow(0)) << "three rows at least in view";
        EXPECT_TRUE(inView(list, list->height()));
        EXPECT_TRUE(atLeastSizeHint(w.findChild<QWidget *>(QStringLiteral("switchReset"))));
    }

    // Send, on the bearer-flow tab (where a walkthrough step puts the focus).
    ASSERT_TRUE(w.focusTarget(QStringLiteral("send")));
    auto *send = w.findChild<QWidget *>(QStringLiteral("sendButton"));
    EXPECT_TRUE(atLeastSizeHint(send));
    EXPECT_TRUE(inView(send, send->height()));

    w.send();
    ASSERT_TRUE(waitFor([&] { return w.responsePane()->hasResult(); }));
    ASSERT_TRUE(w.responsePane()->result().ok()) << w.responsePane()->result().summary().toStdString();
    waitFor([] { return false; }, 50);
    auto *token = w.findChild<QWidget *>(QStringLiteral("accessToken"));
    EXPECT_TRUE(token->isVisible());
    const auto split = [&w] {
        auto *splitter = w.findChild<QSplitter *>(QStringLiteral("flowSplitter"));
        QString parts = QStringLiteral("split %1/%2, minimum of the editors %3, of the answer %4, answer wants %5")
                            .arg(splitter->sizes().value(0))
                            .arg(splitter->sizes().value(1))
                            .arg(splitter->widget(0)->minimumSizeHint().height())
                            .arg(splitter->widget(1)->minimumSizeHint().height())
                            .arg(w.responsePane()->sizeHint().height());
        for (const char *name :
            { "encodedEditor", "headerEditor", "signatureScroll", "connectionForm", "responseViews", "orgActions" })
            if (auto *part = w.findChild<QWidget *>(QString::fromLatin1(name)))
                parts += QStringLiteral(" %1=%2/%3")
                             .arg(QString::fromLatin1(name))
                             .arg(part->minimumSizeHint().height())
                             .arg(part->height());
        return parts.toStdString();
    };
    EXPECT_TRUE(inView(token, token->height())) << "the access token is the answer; " << split();
    if (c.screen.height() >= 1080) {
        // A tall screen: the answer takes a share, and the header editor keeps more than two lines.
        auto *header = w.findChild<QWidget *>(QStringLiteral("headerEditor"));
        ASSERT_NE(header, nullptr);
        EXPECT_GE(header->height(), 4 * header->fontMetrics().lineSpacing()) << split();
    }

    // A query's records are a table with column headers, in view without scrolling.
    Q_EMIT w.responsePane()->queryRequested(QStringLiteral("SELECT Id, Name FROM Organization"));
    ASSERT_TRUE(waitFor([&] { return w.responsePane()->callCount() == 2; }));
    waitFor([] { return false; }, 50);
    auto *table = w.findChild<QTableView *>(QStringLiteral("soqlTable"));
    ASSERT_NE(table, nullptr);
    EXPECT_TRUE(table->isVisible());
    ASSERT_GE(table->model()->rowCount(), 1);
    EXPECT_EQ(table->model()->headerData(0, Qt::Horizontal).toString(), QStringLiteral("Id"));
    const int firstRow = table->horizontalHeader()->height() + table->rowHeight(0);
    EXPECT_GE(table->height(), firstRow);
    EXPECT_TRUE(inView(table, firstRow)) << "the header and the first record; " << split();
    EXPECT_GE(table->width(), table->minimumSizeHint().width());

    // A refusal: the diagnosis's first cause is in view.
    ASSERT_TRUE(w.session()->applyFailure(ScenarioSwitchboard::Switch::UserNotApproved).ok());
    w.responsePane()->clear();
    w.send();
    ASSERT_TRUE(waitFor([&] { return w.responsePane()->hasResult(); }));
    waitFor([] { return false; }, 50);
    auto *cause = w.findChild<QWidget *>(QStringLiteral("diagnosisCause0"));
    ASSERT_NE(cause, nullptr);
    EXPECT_TRUE(cause->isVisible());
    EXPECT_GE(cause->width(), cause->minimumSizeHint().width());
    EXPECT_GE(cause->height(), cause->minimumSizeHint().height());
    auto *title = w.findChild<QWidget *>(QStringLiteral("diagnosisTitle"));
    ASSERT_NE(title, nullptr);
    EXPECT_TRUE(inView(title, title->height())) << "the diagnosis's headline; " << split();
    // The first cause follows the headline and the server's words (the evidence and the note on
    // an ambiguous message come later): its summary is in view on every screen.
    auto *summary = w.findChild<QWidget *>(QStringLiteral("diagnosisSummary0"));
    ASSERT_NE(summary, nullptr);
    EXPECT_TRUE(inView(summary, summary->height())) << "the first cause's summary; " << split() << " cause at "
                                                    << cause->mapTo(&w, QPoint(0, 0)).y() << "+" << cause->height();
    // Then its checklist, what the trainer works through with the class: every item (box and
    // text) in view too, the first one at least.
    int items = 0;
    for (int f = 0;; ++f) {
        auto *check = w.findChild<QWidget *>(QStringLiteral("diagnosisFix0_%1").arg(f));
        auto *fix = w.findChild<QWidget *>(QStringLiteral("diagnosisFixText0_%1").arg(f));
        if (!check || !fix)
            break;
        ++items;
        EXPECT_TRUE(inView(check, check->height())) << "the first cause's checkbox " << f << "; " << split();
        EXPECT_TRUE(inView(fix, fix->height())) << "the first cause's fix " << f << "; " << split() << " fix at "
                                                << fix->mapTo(&w, QPoint(0, 0)).y() << "+" << fix->height();
    }
    EXPECT_GE(items, 1) << "the first cause has a checklist";
    w.session()->resetFailure();
    if (c.presentation)
        w.setPresentationMode(false);
}

INSTANTIATE_TEST_SUITE_P(
    Screens, WindowFit, ::testing::ValuesIn(screenCases(classroomScreens(), { false, true })), screenCaseName);

TEST(WindowFit, TheDefaultSizeFitsTheAvailableArea)
{
    EXPECT_EQ(MainWindow::defaultSize(QRect(0, 0, 1920, 1040)), QSize(1280, 860));
    EXPECT_EQ(MainWindow::defaultSize(QRect(0, 32, 1280, 768)), QSize(1280, 728));
    EXPECT_EQ(MainWindow::defaultSize(QRect(0, 0, 1024, 736)), QSize(1024, 696));
    EXPECT_EQ(MainWindow::defaultSize(QRect()), QSize(1280, 860)) << "no screen known";
}
