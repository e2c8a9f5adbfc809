// The practice app's "JWT-based access tokens" setting in the window: the trainer's App settings
// tab switches it on the running practice org (off by default, and the tab says where Setup keeps
// it for both kinds of app), Send then answers with a JWT access token, Inspect beside it opens the
// inspector, which names it a Salesforce access token (not an ID token) and verifies it with the
// keys the practice org publishes.
#include "IdTokenInspector.h"
#include "KeyPicker.h"
#include "MainWindow.h"
#include "PracticeAppOptions.h"
#include "ResponsePane.h"
#include "TrainerDock.h"
#include "inspect/KeyDiscovery.h"
#include "practice/PracticeOrg.h"
#include "support/WaitFor.h"
#include "token/Jwt.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QEventLoop>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <gtest/gtest.h>

using namespace jwtflow;
using test::waitFor;

namespace {

struct TrainerWindow {
    QTemporaryDir data;
    std::unique_ptr<MainWindow> window;
    TrainerDock *trainer = nullptr;
    TrainerWindow()
    {
        KeyPicker::setSynchronousLoading(true);
        MainWindow::Options options;
        options.practiceOrg = true;
        options.practiceDataFolder = data.path();
        window = std::make_unique<MainWindow>(SystemClock::instance(), options);
        window->resize(1400, 900);
        window->show();
        window->setTrainerMode(true);
        trainer = window->trainer();
    }
    const ExchangeResult &send()
    {
        window->responsePane()->clear();
        window->send();
        EXPECT_TRUE(waitFor([this] { return window->responsePane()->hasResult(); }));
        return window->responsePane()->result();
    }
    QCheckBox *jwtBox() const { return trainer->findChild<QCheckBox *>(QStringLiteral("appOption_jwtAccessTokens")); }
};

} // namespace

TEST(JwtAccessTokenTrainer, TheSettingIsOffAndTheTabTeachesBothSetupPaths)
{
    TrainerWindow t;
    ASSERT_NE(t.jwtBox(), nullptr);
    EXPECT_FALSE(t.jwtBox()->isChecked());
    EXPECT_TRUE(t.jwtBox()->isEnabled());
    EXPECT_FALSE(t.window->practiceOrg()->appOption(PracticeAppOption::Id::JwtAccessTokens));
    const QString text = t.trainer->findChild<QLabel *>(QStringLiteral("appOptionText_jwtAccessTokens"))->text();
    EXPECT_TRUE(text.contains(QStringLiteral("External Client App Manager"))) << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("Issue JSON Web Token (JWT)-based access tokens for named users")))
        << text.toStdString();
    // Off: the token is opaque, as before, and has no Inspect.
    const ExchangeResult &opaque = t.send();
    ASSERT_TRUE(opaque.ok()) << opaque.summary().toStdString();
    EXPECT_FALSE(Jwt::parse(opaque.token.accessToken).ok());
    EXPECT_FALSE(
        t.window->findChild<QAbstractButton *>(QStringLiteral("inspectAccessToken"))->isVisibleTo(t.window->responsePane()));
}

TEST(JwtAccessTokenTrainer, OnTheAnswerIsAJwtAccessTokenThatInspectNamesAndVerifies)
{
    TrainerWindow t;
    t.jwtBox()->click();
    EXPECT_TRUE(t.window->practiceOrg()->appOption(PracticeAppOption::Id::JwtAccessTokens));
    EXPECT_TRUE(t.trainer->statusText().contains(QStringLiteral("Inspect the access token")))
        << t.trainer->statusText().toStdString();

    const ExchangeResult &answer = t.send();
    ASSERT_TRUE(answer.ok()) << answer.summary().toStdString();
    const QString accessToken = answer.token.accessToken;
    const auto jwt = Jwt::parse(accessToken);
    ASSERT_TRUE(jwt.ok());
    EXPECT_EQ(jwt->header().value(QStringLiteral("tty")).toString(), QStringLiteral("sfdc-core-token"));

    auto *inspect = t.window->findChild<QAbstractButton *>(QStringLiteral("inspectAccessToken"));
    ASSERT_TRUE(inspect->isVisibleTo(t.window->responsePane()));
    inspect->click();
    IdTokenInspector *inspector = t.window->inspector();
    ASSERT_NE(inspector, nullptr);
    EXPECT_EQ(inspector->input().trimmed(), accessToken);
    const QString kind = inspector->findChild<QLabel *>(QStringLiteral("tokenKind"))->text();
    EXPECT_EQ(kind, QStringLiteral("Salesforce JWT-based access token"));
    const QString plain = inspector->findChild<QLabel *>(QStringLiteral("plainLanguageText"))->text();
    EXPECT_TRUE(plain.contains(QStringLiteral("treat it as opaque"))) << plain.toStdString();
    EXPECT_FALSE(inspector->findChild<QPushButton *>(QStringLiteral("useInBearerFlowButton"))->isVisible());

    // The issuer's published keys (discovery on the practice org) verify it.
    auto *fetch = inspector->findChild<QPushButton *>(QStringLiteral("fetchKeysButton"));
    ASSERT_TRUE(fetch->isEnabled());
    QEventLoop loop;
    QObject::connect(inspector->discovery(), &KeyDiscovery::keysReady, &loop, &QEventLoop::quit);
    QObject::connect(inspector->discovery(), &KeyDiscovery::failed, &loop, &QEventLoop::quit);
    QTimer::singleShot(8000, &loop, &QEventLoop::quit);
    fetch->click();
    loop.exec();
    ASSERT_TRUE(inspector->report().has_value());
    EXPECT_TRUE(inspector->report()->signatureVerified()) << inspector->verdictLine().toStdString();
    EXPECT_TRUE(inspector->verdictLine().startsWith(QStringLiteral("Salesforce JWT-based access token")))
        << inspector->verdictLine().toStdString();
    EXPECT_TRUE(inspector->verdictLine().contains(QStringLiteral("signature verified")))
        << inspector->verdictLine().toStdString();

    // Off again: the next answer is opaque.
    t.jwtBox()->click();
    EXPECT_FALSE(t.window->practiceOrg()->appOption(PracticeAppOption::Id::JwtAccessTokens));
    t.window->findChild<QTabWidget *>(QStringLiteral("mainTabs"))->setCurrentIndex(0);
    const ExchangeResult &again = t.send();
    ASSERT_TRUE(again.ok());
    EXPECT_FALSE(Jwt::parse(again.token.accessToken).ok());
}

TEST(JwtAccessTokenTrainer, WithoutThePracticeOrgTheSettingsSayWhy)
{
    MainWindow w(SystemClock::instance());
    w.setTrainerMode(true);
    PracticeAppOptions *options = w.trainer()->appOptions();
    EXPECT_FALSE(options->isAvailable());
    EXPECT_FALSE(options->checkBox(PracticeAppOption::Id::JwtAccessTokens)->isEnabled());
    EXPECT_TRUE(
        options->findChild<QLabel *>(QStringLiteral("appOptionsUnavailable"))->text().contains(QStringLiteral("practice org")));
}
