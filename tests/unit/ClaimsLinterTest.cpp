#include "flow/ClaimsLinter.h"

#include "token/Jwt.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringList>

#include <gtest/gtest.h>

using jwtflow::AssertionPreset;
using jwtflow::ClaimsLinter;
using jwtflow::FixedClock;
using jwtflow::Jwt;
using jwtflow::Lint;
using Env = AssertionPreset::Environment;
using Severity = Lint::Severity;

namespace {

constexpr qint64 kNow = 1767225600;
const QString kKey = QStringLiteral("3MVG9lKcPoNINVBIPJjdw1J9LLM82HnFVVX19KY1uA5mu0QqEWhqKpoW3svG3X2jrpQFBOcEqt4ZiR.rIBQ2w");
const QString kUser = QStringLiteral("integration@acme.com");
const QString kClientId = QStringLiteral("11111111-2222-3333-4444-555555555555");
const QString kTenant = QStringLiteral("72f988bf-86f1-41af-91ab-2d7cd011db47");

AssertionPreset presetFor(Env env, const QString &input = {})
{
    return AssertionPreset::create(env, input).value();
}

class ClaimsLinterTest : public ::testing::Test {
protected:
    ClaimsLinterTest()
    {
        context.keyMatch = ClaimsLinter::KeyMatch::Matches;
        context.keyBits = 2048;
    }

    void usePreset(const AssertionPreset &preset)
    {
        context.preset = preset;
        claims = preset.claims(preset.isSalesforce() ? kKey : kClientId, kUser, clock);
        if (!preset.isSalesforce())
            header.insert(QStringLiteral("x5t#S256"), QStringLiteral("bm90LWEtcmVhbC10aHVtYnByaW50"));
    }
    void set(const char *name, const QJsonValue &value) { claims.insert(QString::fromLatin1(name), value); }
    void remove(const char *name) { claims.remove(QString::fromLatin1(name)); }

    QList<Lint> run() const { return ClaimsLinter(clock).lint(header, claims, context); }

    // The lint with this code, checked to concern this field and to carry a message and a fix.
    std::optional<Lint> find(const QString &code, const QString &field) const
    {
        for (const Lint &lint : run())
            if (lint.code == code) {
                EXPECT_EQ(lint.field, field) << code.toStdString();
                EXPECT_FALSE(lint.message.isEmpty()) << code.toStdString();
                EXPECT_FALSE(lint.fix.isEmpty()) << code.toStdString();
                return lint;
            }
        return std::nullopt;
    }
    void expectLint(Severity severity, const char *code, const char *field) const
    {
        const auto lint = find(QString::fromLatin1(code), QString::fromLatin1(field));
        ASSERT_TRUE(lint.has_value()) << "no " << code << " in: " << codes().toStdString();
        EXPECT_EQ(lint->severity, severity) << code;
    }
    QString codes() const
    {
        QStringList out;
        for (const Lint &lint : run())
            out << Lint::severityName(lint.severity) + u':' + lint.code + u'@' + lint.field;
        return out.join(QStringLiteral(", "));
    }

    FixedClock clock { kNow };
    QJsonObject header { { QStringLiteral("alg"), QStringLiteral("RS256") } };
    QJsonObject claims = AssertionPreset::production().claims(kKey, kUser, clock);
    ClaimsLinter::Context context;
};

} // namespace

TEST_F(ClaimsLinterTest, CleanAssertionHasNoLints)
{
    EXPECT_TRUE(run().isEmpty()) << codes().toStdString();
    for (const Env env : { Env::Production, Env::Sandbox }) {
        usePreset(presetFor(env));
        EXPECT_TRUE(run().isEmpty()) << codes().toStdString();
    }
    usePreset(presetFor(Env::MyDomain, QStringLiteral("acme.my.salesforce.com")));
    EXPECT_TRUE(run().isEmpty()) << codes().toStdString();
    set("aud", QStringLiteral("https://login.salesforce.com")); // the generic host works against My Domain too
    EXPECT_TRUE(run().isEmpty()) << codes().toStdString();
    usePreset(presetFor(Env::ExperienceCloudSite, QStringLiteral("acme.my.site.com/customers")));
    EXPECT_TRUE(run().isEmpty()) << codes().toStdString();
    usePreset(presetFor(Env::PracticeOrg, QStringLiteral("http://127.0.0.1:8443")));
    EXPECT_TRUE(run().isEmpty()) << codes().toStdString();
}

TEST_F(ClaimsLinterTest, CleanJwtWithTypAndExtraClaims)
{
    set("iat", kNow);
    set("jti", QStringLiteral("anything"));
    set("custom", QJsonArray { 1, 2 });
    header.insert(QStringLiteral("typ"), QStringLiteral("JWT"));
    const auto jwt = Jwt::compose(
        QJsonDocument(header).toJson(QJsonDocument::Compact), QJsonDocument(claims).toJson(QJsonDocument::Compact));
    ASSERT_TRUE(jwt.ok()) << jwt.error().message.toStdString();
    const auto lints = ClaimsLinter(clock).lint(*jwt, context);
    EXPECT_TRUE(lints.isEmpty()) << codes().toStdString();
}

TEST_F(ClaimsLinterTest, RequiredClaims)
{
    for (const char *name : { "iss", "sub", "aud", "exp" }) {
        const QJsonValue saved = claims.value(QString::fromLatin1(name));
        remove(name);
        expectLint(Severity::Error, "claim.missing", name);
        EXPECT_TRUE(ClaimsLinter::hasErrors(run()));
        set(name, saved);
    }
    set("iss", 42);
    expectLint(Severity::Error, "claim.not-string", "iss");
    set("iss", QString());
    expectLint(Severity::Error, "claim.empty", "iss");
}

TEST_F(ClaimsLinterTest, Algorithm)
{
    header.remove(QStringLiteral("alg"));
    expectLint(Severity::Error, "alg.missing", "header.alg");
    header.insert(QStringLiteral("alg"), QStringLiteral("none"));
    expectLint(Severity::Error, "alg.none", "header.alg");
    header.insert(QStringLiteral("alg"), QStringLiteral("nOnE"));
    expectLint(Severity::Error, "alg.none", "header.alg");
    header.insert(QStringLiteral("alg"), QStringLiteral("HS256"));
    expectLint(Severity::Error, "alg.hmac", "header.alg");
    for (const char *alg : { "RS512", "PS256", "ES256", "rs256" }) {
        header.insert(QStringLiteral("alg"), QString::fromLatin1(alg));
        expectLint(Severity::Error, "alg.unsupported", "header.alg");
    }
    header.insert(QStringLiteral("alg"), QJsonArray { QStringLiteral("RS256") });
    expectLint(Severity::Error, "alg.unsupported", "header.alg");
}

TEST_F(ClaimsLinterTest, SandboxProductionMixup)
{
    set("aud", QStringLiteral("https://test.salesforce.com"));
    expectLint(Severity::Error, "aud.environment-mixup", "aud");
    EXPECT_TRUE(find(QStringLiteral("aud.environment-mixup"), QStringLiteral("aud"))
            ->message.contains(QStringLiteral("audience is invalid")));

    usePreset(presetFor(Env::Sandbox));
    set("aud", QStringLiteral("https://login.salesforce.com"));
    expectLint(Severity::Error, "aud.environment-mixup", "aud");

    usePreset(presetFor(Env::MyDomain, QStringLiteral("acme--uat.sandbox.my.salesforce.com")));
    set("aud", QStringLiteral("https://login.salesforce.com"));
    expectLint(Severity::Error, "aud.environment-mixup", "aud");

    usePreset(presetFor(Env::MyDomain, QStringLiteral("acme.my.salesforce.com")));
    set("aud", QStringLiteral("https://test.salesforce.com"));
    expectLint(Severity::Error, "aud.environment-mixup", "aud");
}

TEST_F(ClaimsLinterTest, AudienceWrittenSlightlyWrong)
{
    set("aud", QStringLiteral("https://login.salesforce.com/"));
    expectLint(Severity::Warning, "aud.trailing-slash", "aud");
    EXPECT_FALSE(ClaimsLinter::hasErrors(run())) << codes().toStdString();

    set("aud", QStringLiteral("http://login.salesforce.com"));
    expectLint(Severity::Error, "aud.scheme", "aud");

    set("aud", QStringLiteral("https://Login.Salesforce.com"));
    expectLint(Severity::Warning, "aud.case", "aud");

    set("aud", QStringLiteral("https://login.salesforce.com/services/oauth2/token"));
    expectLint(Severity::Error, "aud.token-url", "aud");

    set("aud", QStringLiteral("https://login.salesforce.com/customers"));
    expectLint(Severity::Error, "aud.path", "aud");

    set("aud", QStringLiteral("https://login.salesforce.com:8443"));
    expectLint(Severity::Error, "aud.not-accepted", "aud");
}

TEST_F(ClaimsLinterTest, AudienceNotAccepted)
{
    set("aud", QStringLiteral("login.salesforce.com"));
    expectLint(Severity::Error, "aud.not-accepted", "aud");
    set("aud", QStringLiteral("https://other.my.salesforce.com"));
    expectLint(Severity::Error, "aud.not-accepted", "aud");
    set("aud", 5);
    expectLint(Severity::Error, "claim.not-string", "aud");

    usePreset(presetFor(Env::MyDomain, QStringLiteral("acme.my.salesforce.com")));
    set("aud", QStringLiteral("https://other.my.salesforce.com"));
    expectLint(Severity::Error, "aud.not-accepted", "aud");

    // A site takes its own URL, path included.
    usePreset(presetFor(Env::ExperienceCloudSite, QStringLiteral("acme.my.site.com/customers")));
    set("aud", QStringLiteral("https://login.salesforce.com"));
    expectLint(Severity::Error, "aud.not-accepted", "aud");
    set("aud", QStringLiteral("https://acme.my.site.com"));
    expectLint(Severity::Error, "aud.not-accepted", "aud");
    set("aud", QStringLiteral("https://acme.my.site.com/customers/"));
    expectLint(Severity::Warning, "aud.trailing-slash", "aud");
}

TEST_F(ClaimsLinterTest, AudienceArray)
{
    set("aud", QJsonArray { QStringLiteral("https://login.salesforce.com") });
    expectLint(Severity::Warning, "aud.array", "aud");
    EXPECT_FALSE(ClaimsLinter::hasErrors(run()));
    set("aud", QJsonArray { QStringLiteral("https://test.salesforce.com") });
    expectLint(Severity::Warning, "aud.array", "aud");
    expectLint(Severity::Error, "aud.environment-mixup", "aud");
    set("aud", QJsonArray {});
    expectLint(Severity::Error, "claim.not-string", "aud");
}

TEST_F(ClaimsLinterTest, ExpiryInThePastOrAtNow)
{
    set("exp", kNow - 1);
    expectLint(Severity::Error, "exp.expired", "exp");
    EXPECT_TRUE(find(QStringLiteral("exp.expired"), QStringLiteral("exp"))
            ->message.contains(QStringLiteral("expired authorization code")));
    set("exp", kNow);
    expectLint(Severity::Error, "exp.expired", "exp");
    set("exp", kNow + 1);
    expectLint(Severity::Info, "exp.soon", "exp");
    EXPECT_FALSE(ClaimsLinter::hasErrors(run()));
}

TEST_F(ClaimsLinterTest, ExpiryTooFarAhead)
{
    set("exp", kNow + ClaimsLinter::kMaxLifetimeSecs);
    EXPECT_TRUE(run().isEmpty()) << codes().toStdString();
    set("exp", kNow + ClaimsLinter::kMaxLifetimeSecs + 1);
    expectLint(Severity::Warning, "exp.too-far", "exp");
}

TEST_F(ClaimsLinterTest, ExpiryInMilliseconds)
{
    set("exp", (kNow + 120) * 1000);
    expectLint(Severity::Warning, "exp.milliseconds", "exp");
    EXPECT_TRUE(find(QStringLiteral("exp.milliseconds"), QStringLiteral("exp"))->fix.contains(QString::number(kNow + 120)));
    EXPECT_FALSE(find(QStringLiteral("exp.too-far"), QStringLiteral("exp")).has_value());
    EXPECT_FALSE(find(QStringLiteral("exp.expired"), QStringLiteral("exp")).has_value());
}

TEST_F(ClaimsLinterTest, ExpiryWrittenOddly)
{
    set("exp", QString::number(kNow + 120));
    expectLint(Severity::Warning, "exp.string", "exp");
    EXPECT_FALSE(ClaimsLinter::hasErrors(run()));
    set("exp", kNow + 120.5);
    expectLint(Severity::Warning, "exp.fraction", "exp");
    set("exp", true);
    expectLint(Severity::Error, "exp.invalid", "exp");
    set("exp", -5);
    expectLint(Severity::Error, "exp.invalid", "exp");
    set("exp", 1e20);
    expectLint(Severity::Error, "exp.invalid", "exp");
}

TEST_F(ClaimsLinterTest, NotBeforeAndIssuedAt)
{
    set("nbf", kNow + 10);
    expectLint(Severity::Warning, "nbf.future", "nbf");
    set("nbf", kNow + 180);
    expectLint(Severity::Error, "nbf.after-exp", "nbf");
    set("nbf", QStringLiteral("soon"));
    expectLint(Severity::Error, "nbf.invalid", "nbf");
    remove("nbf");

    set("iat", kNow + 30);
    expectLint(Severity::Warning, "iat.future", "iat");
    set("iat", QString::number(kNow));
    expectLint(Severity::Warning, "iat.string", "iat");
    set("iat", kNow * 1000);
    expectLint(Severity::Warning, "iat.milliseconds", "iat");
    set("iat", false);
    expectLint(Severity::Warning, "iat.invalid", "iat");
}

TEST_F(ClaimsLinterTest, IssuerShape)
{
    set("iss", kUser);
    expectLint(Severity::Error, "iss.looks-like-username", "iss");
    set("iss", QStringLiteral("my-connected-app"));
    expectLint(Severity::Warning, "iss.not-consumer-key", "iss");
    set("iss", kKey.left(30));
    expectLint(Severity::Warning, "iss.not-consumer-key", "iss");
    EXPECT_TRUE(
        find(QStringLiteral("iss.not-consumer-key"), QStringLiteral("iss"))->message.contains(QStringLiteral("cut short")));
    set("iss", kKey + QStringLiteral("\n"));
    expectLint(Severity::Error, "iss.whitespace", "iss");
    EXPECT_FALSE(find(QStringLiteral("iss.not-consumer-key"), QStringLiteral("iss")).has_value());
}

TEST_F(ClaimsLinterTest, SubjectShape)
{
    set("sub", kKey);
    expectLint(Severity::Error, "sub.looks-like-consumer-key", "sub");
    set("sub", QStringLiteral("005xx000001SwiUAAS"));
    expectLint(Severity::Warning, "sub.not-username", "sub");
    set("sub", QStringLiteral(" integration@acme.com"));
    expectLint(Severity::Error, "sub.whitespace", "sub");
    set("sub", QStringLiteral("integration@acme.com.uat")); // sandbox-suffixed usernames are fine
    EXPECT_TRUE(run().isEmpty()) << codes().toStdString();
}

TEST_F(ClaimsLinterTest, IssuerAndSubjectSwapped)
{
    set("iss", kUser);
    set("sub", kKey);
    expectLint(Severity::Error, "iss.looks-like-username", "iss");
    expectLint(Severity::Error, "sub.looks-like-consumer-key", "sub");
}

TEST_F(ClaimsLinterTest, PrnOverridesSub)
{
    set("prn", kUser);
    EXPECT_TRUE(run().isEmpty()) << codes().toStdString();
    set("prn", QStringLiteral("someone.else@acme.com"));
    expectLint(Severity::Warning, "prn.overrides-sub", "prn");
}

TEST_F(ClaimsLinterTest, Key)
{
    context.keyMatch = ClaimsLinter::KeyMatch::DoesNotMatch;
    expectLint(Severity::Error, "key.mismatch", "key");
    context.keyMatch = ClaimsLinter::KeyMatch::Unknown;
    expectLint(Severity::Info, "key.unchecked", "key");
    EXPECT_FALSE(ClaimsLinter::hasErrors(run()));
    context.keyMatch = ClaimsLinter::KeyMatch::Matches;
    context.keyBits = 1024;
    expectLint(Severity::Error, "key.weak", "key");
    context.keyBits = 4096;
    EXPECT_TRUE(run().isEmpty());
    context.keyBits.reset();
    EXPECT_TRUE(run().isEmpty());
}

TEST_F(ClaimsLinterTest, ErrorsComeFirst)
{
    context.keyMatch = ClaimsLinter::KeyMatch::Unknown; // info
    set("aud", QStringLiteral("https://login.salesforce.com/")); // warning
    set("exp", kNow - 10); // error
    const auto lints = run();
    ASSERT_EQ(lints.size(), 3) << codes().toStdString();
    EXPECT_EQ(lints[0].severity, Severity::Error);
    EXPECT_EQ(lints[1].severity, Severity::Warning);
    EXPECT_EQ(lints[2].severity, Severity::Info);
}

TEST_F(ClaimsLinterTest, EntraCleanAssertion)
{
    usePreset(presetFor(Env::EntraTenant, kTenant));
    EXPECT_TRUE(run().isEmpty()) << codes().toStdString();
    header.insert(QStringLiteral("alg"), QStringLiteral("PS256")); // Entra's current documentation
    EXPECT_TRUE(run().isEmpty()) << codes().toStdString();
    header.remove(QStringLiteral("x5t#S256"));
    header.insert(QStringLiteral("x5t"), QStringLiteral("hOBcHZi846VCHSJbFAs26Go9VTQ"));
    EXPECT_TRUE(run().isEmpty()) << codes().toStdString();
    set("exp", kNow + 600); // no 3-minute rule here
    EXPECT_TRUE(run().isEmpty()) << codes().toStdString();
}

TEST_F(ClaimsLinterTest, EntraLints)
{
    usePreset(presetFor(Env::EntraTenant, kTenant));
    header.remove(QStringLiteral("x5t#S256"));
    expectLint(Severity::Error, "entra.x5t-missing", "header.x5t");

    usePreset(presetFor(Env::EntraTenant, kTenant));
    set("sub", QStringLiteral("99999999-2222-3333-4444-555555555555"));
    expectLint(Severity::Error, "entra.iss-sub-differ", "sub");

    usePreset(presetFor(Env::EntraTenant, kTenant));
    set("iss", QStringLiteral("my-app"));
    set("sub", QStringLiteral("my-app"));
    expectLint(Severity::Warning, "entra.iss-not-client-id", "iss");

    usePreset(presetFor(Env::EntraTenant, kTenant));
    remove("jti");
    expectLint(Severity::Error, "claim.missing", "jti");

    usePreset(presetFor(Env::EntraTenant, kTenant));
    set("aud", QStringLiteral("https://login.microsoftonline.com/%1/v2.0").arg(kTenant));
    expectLint(Severity::Error, "entra.aud", "aud");
    set("aud", QStringLiteral("https://login.salesforce.com"));
    expectLint(Severity::Error, "entra.aud", "aud");

    usePreset(presetFor(Env::EntraTenant, kTenant));
    header.insert(QStringLiteral("alg"), QStringLiteral("HS256"));
    expectLint(Severity::Error, "alg.hmac", "header.alg");
}

TEST(ClaimsLinterShapes, ConsumerKeyAndUsername)
{
    EXPECT_TRUE(ClaimsLinter::looksLikeConsumerKey(kKey));
    EXPECT_FALSE(ClaimsLinter::looksLikeConsumerKey(QStringLiteral("3MVG9short")));
    EXPECT_FALSE(ClaimsLinter::looksLikeConsumerKey(kUser));
    EXPECT_TRUE(ClaimsLinter::looksLikeUsername(kUser));
    EXPECT_TRUE(ClaimsLinter::looksLikeUsername(QStringLiteral("admin@acme.com.uat")));
    EXPECT_FALSE(ClaimsLinter::looksLikeUsername(QStringLiteral("admin")));
    EXPECT_FALSE(ClaimsLinter::looksLikeUsername(QStringLiteral("ad min@acme.com")));
}
