// The whole bearer flow in the window against the built-in practice org: first launch is ready
// to send, one Send succeeds, the token works for an API call, and a refusal gets its diagnosis.
#include "ConnectionForm.h"
#include "DiagnosisCard.h"
#include "KeyPicker.h"
#include "MainWindow.h"
#include "ResponsePane.h"
#include "flow/ExchangeResult.h"
#include "flow/TokenDocument.h"
#include "practice/PracticeOrg.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QLineEdit>
#include <QTemporaryDir>
#include <QTimer>

#include <gtest/gtest.h>

#include "support/WaitFor.h"

using namespace jwtflow;

namespace {

using test::waitFor;

struct PracticeWindow {
    QTemporaryDir data;
    std::unique_ptr<MainWindow> window;
    PracticeWindow()
    {
        KeyPicker::setSynchronousLoading(true);
        MainWindow::Options options;
        options.practiceOrg = true;
        options.practiceDataFolder = data.path();
        window = std::make_unique<MainWindow>(SystemClock::instance(), options);
    }
};

} // namespace

TEST(PracticeFlow, FirstLaunchIsReadyAndOneSendSucceeds)
{
    PracticeWindow p;
    MainWindow &w = *p.window;
    ASSERT_NE(w.practiceOrg(), nullptr);
    ASSERT_TRUE(w.practiceOrg()->isRunning());
    EXPECT_EQ(w.connectionForm()->clientId(), w.practiceOrg()->consumerKey());
    EXPECT_EQ(w.document()->signature().state, TokenDocument::SignatureState::ReSigned);

    w.send();
    ASSERT_TRUE(waitFor([&] { return w.responsePane()->hasResult(); }));
    const ExchangeResult &result = w.responsePane()->result();
    EXPECT_TRUE(result.ok()) << result.summary().toStdString();
    EXPECT_TRUE(result.token.accessToken.startsWith(QStringLiteral("00D")));

    // The token works: the identity call lands in the pane's list of calls.
    Q_EMIT w.responsePane()->identityRequested();
    ASSERT_TRUE(waitFor([&] { return w.responsePane()->callCount() == 1; }));
}

TEST(PracticeFlow, ARefusalIsDiagnosed)
{
    PracticeWindow p;
    MainWindow &w = *p.window;
    ASSERT_TRUE(w.practiceOrg()->applyScenario(PracticeScenario::Id::UserNotApproved).ok());
    w.send();
    ASSERT_TRUE(waitFor([&] { return w.responsePane()->hasResult(); }));
    const ExchangeResult &result = w.responsePane()->result();
    EXPECT_EQ(result.outcome, ExchangeResult::Outcome::OAuthError);
    EXPECT_EQ(result.error, QStringLiteral("invalid_grant"));
    EXPECT_FALSE(w.responsePane()->diagnosisCard()->isEmpty());
}

TEST(PracticeFlow, PresentationModeMasksSecretsAndEnlargesText)
{
    PracticeWindow p;
    MainWindow &w = *p.window;
    w.send();
    ASSERT_TRUE(waitFor([&] { return w.responsePane()->hasResult(); }));
    w.responsePane()->setSecretsRevealed(true);
    w.setPresentationMode(true);
    EXPECT_TRUE(w.isPresentationMode());
    EXPECT_TRUE(w.styleSheet().contains(QStringLiteral("font-size")));
    auto *token = w.findChild<QLineEdit *>(QStringLiteral("accessToken"));
    ASSERT_NE(token, nullptr);
    EXPECT_FALSE(token->text().contains(w.responsePane()->result().token.accessToken)) << token->text().toStdString();
    w.responsePane()->setSecretsRevealed(true); // refused while presenting
    EXPECT_FALSE(token->text().contains(w.responsePane()->result().token.accessToken));
    w.setPresentationMode(false);
    EXPECT_TRUE(w.styleSheet().isEmpty());
}
