// The trainer's failures on purpose against a running practice org: each switch makes the next
// exchange of the editor's assertion fail with Salesforce's answer and the matching diagnosis,
// and Reset makes the same editor's assertion work again.
#include "integration/PracticeOrgFixture.h"

#include "core/Clock.h"
#include "flow/Diagnosis.h"
#include "flow/DiagnosisContext.h"
#include "flow/TokenDocument.h"
#include "trainer/ScenarioSwitchboard.h"

using namespace jwtflow;
using practicetest::PracticeOrgTest;

namespace {

class ScenarioSwitchboardTest : public PracticeOrgTest {
protected:
    void SetUp() override
    {
        PracticeOrgTest::SetUp();
        const PrivateKey key = demoKey;
        document.setSigner([key](Jwt &jwt) { return Signer::sign(jwt, key); });
        document.compose(R"({"alg":"RS256"})", QJsonDocument(claims()).toJson(QJsonDocument::Compact));
    }

    ExchangeResult send() { return exchange(QString::fromLatin1(document.jwt().encoded())); }

    TokenDocument document;
};

} // namespace

TEST_F(ScenarioSwitchboardTest, EachSwitchFailsWithItsErrorAndDiagnosisAndResetRestores)
{
    ScenarioSwitchboard board(&org, &document, SystemClock::instance());
    const QJsonObject original = document.jwt().claims();
    ASSERT_TRUE(send().ok());
    EXPECT_EQ(ScenarioSwitchboard::all().size(), 9);
    for (const ScenarioSwitchboard::Switch s : ScenarioSwitchboard::all()) {
        SCOPED_TRACE(ScenarioSwitchboard::name(s).toStdString());
        EXPECT_FALSE(ScenarioSwitchboard::title(s).isEmpty());
        const auto change = board.apply(s);
        ASSERT_TRUE(change.ok()) << change.error().text().toStdString();
        EXPECT_FALSE(change->isEmpty());
        EXPECT_FALSE(change->contains(QLatin1Char('\n'))) << "one line";
        EXPECT_EQ(board.active(), s);

        const ExchangeResult refused = send();
        ASSERT_FALSE(refused.ok());
        EXPECT_EQ(refused.error + QStringLiteral(": ") + refused.errorDescription, ScenarioSwitchboard::expectedError(s));
        const Diagnosis diagnosis = Diagnosis::diagnose(refused,
            DiagnosisContext::fromAssertion(org.url(), QString::fromLatin1(document.jwt().encoded()), SystemClock::instance()));
        EXPECT_EQ(diagnosis.code, ScenarioSwitchboard::expectedDiagnosisCode(s));

        EXPECT_FALSE(board.reset().isEmpty());
        EXPECT_FALSE(board.active().has_value());
        EXPECT_TRUE(org.activeScenarios().isEmpty());
        EXPECT_EQ(document.jwt().claims().value(QStringLiteral("aud")), original.value(QStringLiteral("aud")));
        EXPECT_GT(document.jwt().claims().value(QStringLiteral("exp")).toInteger(), QDateTime::currentSecsSinceEpoch());
        const ExchangeResult again = send();
        EXPECT_TRUE(again.ok()) << again.summary().toStdString();
    }
}

TEST_F(ScenarioSwitchboardTest, ClientSideSwitchesEditTheAssertionAndSayHow)
{
    FixedClock clock(QDateTime::currentSecsSinceEpoch());
    ScenarioSwitchboard board(&org, &document, clock);
    const auto aud = board.apply(ScenarioSwitchboard::Switch::SandboxAudience);
    ASSERT_TRUE(aud.ok());
    EXPECT_EQ(document.jwt().claims().value(QStringLiteral("aud")).toString(), QStringLiteral("https://test.salesforce.com"));
    EXPECT_TRUE(aud->contains(QStringLiteral("https://test.salesforce.com"))) << aud->toStdString();
    EXPECT_TRUE(aud->contains(origin())) << "names the value before";
    EXPECT_TRUE(org.activeScenarios().isEmpty()) << "the org is untouched";
    EXPECT_EQ(document.signature().state, TokenDocument::SignatureState::ReSigned);

    // Turning another switch on undoes the first.
    const auto exp = board.apply(ScenarioSwitchboard::Switch::ExpiredAssertion);
    ASSERT_TRUE(exp.ok());
    EXPECT_EQ(document.jwt().claims().value(QStringLiteral("aud")).toString(), origin());
    EXPECT_EQ(document.jwt().claims().value(QStringLiteral("exp")).toInteger(), clock.nowSecs() - 300);
    const auto org1 = board.apply(ScenarioSwitchboard::Switch::InactiveUser);
    ASSERT_TRUE(org1.ok());
    EXPECT_EQ(document.jwt().claims().value(QStringLiteral("exp")).toInteger(), clock.nowSecs() + 180);
    EXPECT_EQ(org.activeScenarios(), QList<PracticeScenario::Id> { PracticeScenario::Id::InactiveUser });
    EXPECT_TRUE(org1->contains(org.username()));
    board.reset();
    EXPECT_TRUE(board.reset().isEmpty()) << "nothing left to reset";
}

TEST_F(ScenarioSwitchboardTest, WithoutARunningOrgOrAnAssertionTheSwitchSaysWhy)
{
    TokenDocument empty;
    ScenarioSwitchboard noToken(&org, &empty, SystemClock::instance());
    const auto refused = noToken.apply(ScenarioSwitchboard::Switch::ExpiredAssertion);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, QStringLiteral("trainer.no-token"));
    EXPECT_FALSE(refused.error().hint.isEmpty());

    ScenarioSwitchboard noOrg(nullptr, &document, SystemClock::instance());
    const auto off = noOrg.apply(ScenarioSwitchboard::Switch::UserNotApproved);
    ASSERT_FALSE(off.ok());
    EXPECT_EQ(off.error().code, QStringLiteral("trainer.no-practice-org"));
}
