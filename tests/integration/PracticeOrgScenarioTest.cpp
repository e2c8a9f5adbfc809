// Failures on purpose: each scenario makes the next exchange fail with Salesforce's answer for
// that cause, and a reset makes it work again.
#include "integration/PracticeOrgFixture.h"

#include "practice/PracticeScenario.h"

using namespace jwtflow;
using practicetest::PracticeOrgTest;

namespace {

class PracticeOrgScenarioTest : public PracticeOrgTest {
protected:
    // "error: description" of the exchange's answer, or "ok".
    QString outcome(const QJsonObject &claims)
    {
        const ExchangeResult r = exchange(sign(claims));
        if (r.ok())
            return QStringLiteral("ok");
        EXPECT_EQ(r.status(), 400);
        return r.error + QStringLiteral(": ") + r.errorDescription;
    }
};

} // namespace

TEST_F(PracticeOrgScenarioTest, EachScenarioFailsAsSalesforceDoesAndResets)
{
    for (const PracticeScenario::Id id : PracticeScenario::all()) {
        SCOPED_TRACE(PracticeScenario::name(id).toStdString());
        ASSERT_EQ(outcome(claims()), QStringLiteral("ok"));
        ASSERT_TRUE(org.applyScenario(id).ok());
        EXPECT_EQ(org.activeScenarios(), QList<PracticeScenario::Id> { id });
        QJsonObject c = claims();
        if (id == PracticeScenario::Id::SandboxOrg)
            c[QStringLiteral("aud")] = QStringLiteral("https://login.salesforce.com");
        const QString expected = PracticeScenario::expectedError(id);
        EXPECT_EQ(outcome(c), expected.isEmpty() ? QStringLiteral("ok") : expected);
        EXPECT_FALSE(PracticeScenario::title(id).isEmpty());
        EXPECT_FALSE(PracticeScenario::description(id).isEmpty());
        EXPECT_EQ(PracticeScenario::fromName(PracticeScenario::name(id)), id);
        org.resetScenarios();
        EXPECT_TRUE(org.activeScenarios().isEmpty());
    }
    EXPECT_EQ(outcome(claims()), QStringLiteral("ok"));
}

TEST_F(PracticeOrgScenarioTest, SandboxTakesTestAndMyDomain)
{
    ASSERT_TRUE(org.applyScenario(QStringLiteral("sandbox-org")).ok());
    QJsonObject c = claims();
    EXPECT_EQ(outcome(c), QStringLiteral("ok")); // My Domain
    c[QStringLiteral("aud")] = QStringLiteral("https://test.salesforce.com");
    EXPECT_EQ(outcome(c), QStringLiteral("ok"));
    c[QStringLiteral("aud")] = QStringLiteral("https://login.salesforce.com");
    EXPECT_EQ(outcome(c), QStringLiteral("invalid_grant: audience is invalid"));
}

TEST_F(PracticeOrgScenarioTest, NoApiScopeRefusesTheRestApi)
{
    ASSERT_TRUE(org.applyScenario(PracticeScenario::Id::NoApiScope).ok());
    const TokenResponse t = token();
    EXPECT_FALSE(t.scope.split(QLatin1Char(' ')).contains(QStringLiteral("api")));
    const practicetest::HttpAnswer answer
        = get(QStringLiteral("/services/data/v62.0/query?q=SELECT+Id+FROM+User"), t.accessToken);
    EXPECT_EQ(answer.status, 401);
    EXPECT_EQ(
        answer.body, R"([{"message":"This session is not valid for use with the REST API","errorCode":"INVALID_SESSION_ID"}])");
    // The identity URL does not need api.
    EXPECT_EQ(get(t.id, t.accessToken).status, 200);
}

TEST_F(PracticeOrgScenarioTest, ScenariosStackAndEndSessions)
{
    const TokenResponse t = token();
    ASSERT_TRUE(org.applyScenario(PracticeScenario::Id::UnknownConsumerKey).ok());
    ASSERT_TRUE(org.applyScenario(PracticeScenario::Id::InactiveUser).ok());
    EXPECT_EQ(org.activeScenarios().size(), 2);
    EXPECT_EQ(outcome(claims()), QStringLiteral("invalid_client_id: client identifier invalid"));
    // The inactive user's open session ends.
    EXPECT_EQ(get(QStringLiteral("/services/data/v62.0/"), t.accessToken).status, 401);
    // The app under its new key: now the user is the problem.
    QJsonObject c = claims();
    c[QStringLiteral("iss")] = org.consumerKey() + QStringLiteral(".rotated");
    EXPECT_EQ(outcome(c), QStringLiteral("invalid_grant: inactive user"));
    org.resetScenarios();
    EXPECT_EQ(outcome(claims()), QStringLiteral("ok"));
}

TEST_F(PracticeOrgScenarioTest, UnknownNamesAndTargetsAreErrors)
{
    const auto unknown = org.applyScenario(QStringLiteral("no-such-thing"));
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().code, QStringLiteral("practice.scenario.unknown"));
    EXPECT_TRUE(unknown.error().hint.contains(QStringLiteral("user-not-approved")));
    EXPECT_EQ(org.applyScenario(PracticeScenario::Id::InactiveUser, org.consumerKey(), QStringLiteral("nobody")).error().code,
        QStringLiteral("practice.scenario.no-user"));
    EXPECT_EQ(org.applyScenario(PracticeScenario::Id::InactiveUser, QStringLiteral("nope"), org.username()).error().code,
        QStringLiteral("practice.scenario.no-app"));
    EXPECT_TRUE(org.activeScenarios().isEmpty());
}
