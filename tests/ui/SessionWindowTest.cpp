// The window's derived views refresh from the session: the exp lints with the clock, the
// failure banner without the trainer dock, the fonts after presentation mode, the status bar
// per tab.
#include "ConnectionForm.h"
#include "DiagnosisCard.h"
#include "IdTokenInspector.h"
#include "LintList.h"
#include "MainWindow.h"
#include "ResponsePane.h"
#include "flow/BearerFlowSession.h"

#include <QCoreApplication>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include "support/WaitFor.h"

using namespace jwtflow;

namespace {

constexpr qint64 kNow = 1767225600;

bool listed(const QList<Lint> &lints, const char *code)
{
    for (const Lint &lint : lints) {
        if (lint.code == QLatin1String(code))
            return true;
    }
    return false;
}

} // namespace

// Was: the Problems list said "expires in 36 s" after the countdown read expired.
TEST(SessionWindow, TheProblemsListFollowsTheCountdown)
{
    FixedClock clock(kNow);
    MainWindow w(clock);
    w.connectionForm()->setClientId(QStringLiteral("3MVG9consumerKeyForTestsOnly0123456789abcdefghijklmnopqrstuvwxyz"));
    w.connectionForm()->setUsername(QStringLiteral("ann@acme.example"));
    w.document()->setClaim(QStringLiteral("exp"), kNow + 36);
    auto *lints = w.findChild<LintList *>(QStringLiteral("lintList"));
    ASSERT_NE(lints, nullptr);
    EXPECT_TRUE(listed(w.session()->lints(), "exp.soon"));
    const int before = lints->errorCount();
    clock.advance(40);
    w.session()->tick(); // what the session's one-second timer does
    EXPECT_TRUE(listed(w.session()->lints(), "exp.expired"));
    EXPECT_FALSE(listed(w.session()->lints(), "exp.soon"));
    EXPECT_EQ(lints->errorCount(), before + 1);
}

TEST(SessionWindow, ADiagnosisCardGetsItsFontsBackAfterPresentationMode)
{
    MainWindow w;
    w.show();
    Diagnosis d;
    d.code = QStringLiteral("E3");
    d.title = QStringLiteral("The audience is not one this host takes");
    w.responsePane()->diagnosisCard()->setDiagnosis(d);
    const auto titleSize = [&w] {
        QCoreApplication::processEvents();
        auto *title = w.responsePane()->diagnosisCard()->findChild<QLabel *>(QStringLiteral("diagnosisTitle"));
        return title ? QFontInfo(title->font()).pointSizeF() : -1.0;
    };
    const auto kindSize
        = [&w] { return QFontInfo(w.inspector()->findChild<QLabel *>(QStringLiteral("tokenKind"))->font()).pointSizeF(); };
    const qreal title = titleSize();
    const qreal kind = kindSize();
    ASSERT_GT(title, 0);
    w.setPresentationMode(true);
    test::waitFor([] { return false; }, 50);
    EXPECT_GT(titleSize(), title);
    w.setPresentationMode(false);
    test::waitFor([] { return false; }, 50);
    EXPECT_DOUBLE_EQ(titleSize(), title);
    EXPECT_DOUBLE_EQ(kindSize(), kind);
}

TEST(SessionWindow, TheStatusBarShowsTheCurrentTabsLastEvent)
{
    MainWindow w;
    auto *status = w.findChild<QLabel *>(QStringLiteral("decodeStatus"));
    auto *tabs = w.findChild<QTabWidget *>(QStringLiteral("mainTabs"));
    w.openToken(QStringLiteral("eyJhbGciOiJub25lIn0.eyJpc3MiOiIzTVZHOWFiYyJ9."));
    const QString flow = status->text();
    EXPECT_FALSE(flow.isEmpty());
    tabs->setCurrentIndex(1);
    EXPECT_NE(status->text(), flow);
    tabs->setCurrentIndex(0);
    EXPECT_EQ(status->text(), flow);
}

TEST(SessionWindow, AForeignPasteShowsTheBarAndLeavesTheConnection)
{
    MainWindow w;
    w.connectionForm()->setClientId(QStringLiteral("3MVG9mine"));
    w.openToken(QStringLiteral("eyJhbGciOiJub25lIn0.eyJpc3MiOiIzTVZHOWFiYyIsInN1YiI6ImJvYkBleGFtcGxlLmNvbSJ9."));
    auto *bar = w.findChild<QWidget *>(QStringLiteral("pastedTokenBar"));
    ASSERT_NE(bar, nullptr);
    EXPECT_FALSE(bar->isHidden());
    EXPECT_TRUE(w.findChild<QLabel *>(QStringLiteral("pastedTokenText"))->text().contains(QStringLiteral("3MVG9abc")));
    EXPECT_EQ(w.connectionForm()->clientId(), QStringLiteral("3MVG9mine"));
    w.findChild<QPushButton *>(QStringLiteral("composeFromConnection"))->click();
    EXPECT_TRUE(bar->isHidden());
    EXPECT_EQ(w.document()->jwt().claims().value(QStringLiteral("iss")).toString(), QStringLiteral("3MVG9mine"));
}

// Was: a failure switched on stayed on after the trainer dock closed, and a correct Send failed
// with nothing on screen saying why.
TEST(SessionWindow, AFailureOnPurposeShowsAsABannerWithResetWithoutTheTrainerDock)
{
    QTemporaryDir data;
    MainWindow::Options options;
    options.practiceOrg = true;
    options.practiceDataFolder = data.path();
    MainWindow w(SystemClock::instance(), options);
    auto *banner = w.findChild<QWidget *>(QStringLiteral("failureBanner"));
    ASSERT_NE(banner, nullptr);
    EXPECT_TRUE(banner->isHidden());
    ASSERT_TRUE(w.session()->applyFailure(ScenarioSwitchboard::Switch::UserNotApproved).ok());
    EXPECT_FALSE(banner->isHidden());
    EXPECT_TRUE(w.findChild<QLabel *>(QStringLiteral("failureBannerText"))
            ->text()
            .contains(ScenarioSwitchboard::title(ScenarioSwitchboard::Switch::UserNotApproved)));
    w.findChild<QPushButton *>(QStringLiteral("failureBannerReset"))->click();
    EXPECT_TRUE(banner->isHidden());
    EXPECT_FALSE(w.session()->activeFailure().has_value());
}
