#include "flow/AssertionPreset.h"

#include <QJsonObject>
#include <QUuid>

#include <gtest/gtest.h>

using jwtflow::AssertionPreset;
using jwtflow::FixedClock;
using Env = AssertionPreset::Environment;

namespace {

constexpr qint64 kNow = 1767225600;
const QString kKey = QStringLiteral("3MVG9lKcPoNINVBIPJjdw1J9LLM82HnFVVX19KY1uA5mu0QqEWhqKpoW3svG3X2jrpQFBOcEqt4ZiR.rIBQ2w");
const QString kUser = QStringLiteral("integration@acme.com");
const QString kTenant = QStringLiteral("72f988bf-86f1-41af-91ab-2d7cd011db47");

QString errorCode(Env env, const QString &input)
{
    const auto preset = AssertionPreset::create(env, input);
    return preset.ok() ? QStringLiteral("ok") : preset.error().code;
}

QString baseOf(Env env, const QString &input)
{
    const auto preset = AssertionPreset::create(env, input);
    return preset.ok() ? preset->baseUrl().toString() : preset.error().code;
}

} // namespace

TEST(AssertionPreset, EnvironmentsHaveNamesAndInputs)
{
    const auto envs = AssertionPreset::environments();
    ASSERT_EQ(envs.size(), 6);
    for (const Env env : envs)
        EXPECT_FALSE(AssertionPreset::environmentName(env).isEmpty());
    EXPECT_TRUE(AssertionPreset::inputLabel(Env::Production).isEmpty());
    EXPECT_TRUE(AssertionPreset::inputLabel(Env::Sandbox).isEmpty());
    EXPECT_EQ(AssertionPreset::inputLabel(Env::MyDomain), QStringLiteral("My Domain URL"));
    EXPECT_FALSE(AssertionPreset::inputLabel(Env::EntraTenant).isEmpty());
}

TEST(AssertionPreset, Production)
{
    const auto p = AssertionPreset::production();
    EXPECT_EQ(p.environment(), Env::Production);
    EXPECT_TRUE(p.isSalesforce());
    EXPECT_FALSE(p.isSandbox());
    EXPECT_EQ(p.tokenEndpoint().toString(), QStringLiteral("https://login.salesforce.com/services/oauth2/token"));
    EXPECT_EQ(p.acceptedAudiences(), QStringList { QStringLiteral("https://login.salesforce.com") });
    EXPECT_TRUE(p.acceptsAudience(QStringLiteral("https://login.salesforce.com")));
    EXPECT_FALSE(p.acceptsAudience(QStringLiteral("https://test.salesforce.com")));

    const QJsonObject claims = p.claims(kKey, kUser, FixedClock(kNow));
    EXPECT_EQ(claims.size(), 4);
    EXPECT_EQ(claims.value(QStringLiteral("iss")).toString(), kKey);
    EXPECT_EQ(claims.value(QStringLiteral("sub")).toString(), kUser);
    EXPECT_EQ(claims.value(QStringLiteral("aud")).toString(), QStringLiteral("https://login.salesforce.com"));
    EXPECT_EQ(claims.value(QStringLiteral("exp")).toInteger(), kNow + 180);
    EXPECT_EQ(p.header().value(QStringLiteral("alg")).toString(), QStringLiteral("RS256"));
}

TEST(AssertionPreset, Sandbox)
{
    const auto p = AssertionPreset::create(Env::Sandbox, QStringLiteral("ignored"));
    ASSERT_TRUE(p.ok());
    EXPECT_TRUE(p->isSandbox());
    EXPECT_EQ(p->tokenEndpoint().toString(), QStringLiteral("https://test.salesforce.com/services/oauth2/token"));
    EXPECT_EQ(p->audience(), QStringLiteral("https://test.salesforce.com"));
    EXPECT_EQ(p->claims(kKey, kUser, FixedClock(kNow)).value(QStringLiteral("aud")).toString(),
        QStringLiteral("https://test.salesforce.com"));
}

TEST(AssertionPreset, MyDomainIsNormalised)
{
    for (const char *input : { "acme.my.salesforce.com", "acme.my.salesforce.com/", "https://acme.my.salesforce.com/",
             "  https://ACME.my.salesforce.com/services/oauth2/token  ", "HTTPS://acme.my.salesforce.com:443/?a=b#top",
             "https://acme.my.salesforce.com/lightning/setup/SetupOneHome/home" })
        EXPECT_EQ(baseOf(Env::MyDomain, QString::fromLatin1(input)), QStringLiteral("https://acme.my.salesforce.com")) << input;

    const auto p = AssertionPreset::create(Env::MyDomain, QStringLiteral("acme.my.salesforce.com"));
    ASSERT_TRUE(p.ok());
    EXPECT_FALSE(p->isSandbox());
    EXPECT_EQ(p->tokenEndpoint().toString(), QStringLiteral("https://acme.my.salesforce.com/services/oauth2/token"));
    EXPECT_EQ(p->acceptedAudiences(),
        (QStringList { QStringLiteral("https://acme.my.salesforce.com"), QStringLiteral("https://login.salesforce.com") }));
    EXPECT_EQ(p->claims(kKey, kUser, FixedClock(kNow)).value(QStringLiteral("aud")).toString(),
        QStringLiteral("https://acme.my.salesforce.com"));
}

TEST(AssertionPreset, SandboxMyDomainPairsWithTest)
{
    const auto p = AssertionPreset::create(Env::MyDomain, QStringLiteral("acme--uat.sandbox.my.salesforce.com"));
    ASSERT_TRUE(p.ok());
    EXPECT_TRUE(p->isSandbox());
    EXPECT_EQ(p->acceptedAudiences(),
        (QStringList {
            QStringLiteral("https://acme--uat.sandbox.my.salesforce.com"), QStringLiteral("https://test.salesforce.com") }));
}

TEST(AssertionPreset, MyDomainRejectsWhatIsNotALoginHost)
{
    EXPECT_EQ(errorCode(Env::MyDomain, QStringLiteral("http://acme.my.salesforce.com")), QStringLiteral("net.clear-text"));
    EXPECT_EQ(errorCode(Env::MyDomain, QStringLiteral("ftp://acme.my.salesforce.com")), QStringLiteral("preset.url-scheme"));
    EXPECT_EQ(errorCode(Env::MyDomain, QStringLiteral("   ")), QStringLiteral("preset.url-empty"));
    EXPECT_EQ(errorCode(Env::MyDomain, QStringLiteral("https://")), QStringLiteral("preset.url-invalid"));
    EXPECT_EQ(
        errorCode(Env::MyDomain, QStringLiteral("https://user:pw@acme.my.salesforce.com")), QStringLiteral("preset.url-invalid"));
    EXPECT_EQ(errorCode(Env::MyDomain, QStringLiteral("login.salesforce.com")), QStringLiteral("preset.not-my-domain"));
    EXPECT_EQ(errorCode(Env::MyDomain, QStringLiteral("acme.my.site.com")), QStringLiteral("preset.site-domain"));

    const auto lightning = AssertionPreset::create(
        Env::MyDomain, QStringLiteral("https://acme--uat.sandbox.lightning.force.com/lightning/page/home"));
    ASSERT_FALSE(lightning.ok());
    EXPECT_EQ(lightning.error().code, QStringLiteral("preset.lightning-domain"));
    EXPECT_TRUE(lightning.error().hint.contains(QStringLiteral("https://acme--uat.sandbox.my.salesforce.com")))
        << lightning.error().hint.toStdString();
}

TEST(AssertionPreset, HttpOnlyForLoopbackOrThePracticeOrg)
{
    EXPECT_EQ(baseOf(Env::MyDomain, QStringLiteral("http://localhost:8443/")), QStringLiteral("http://localhost:8443"));
    EXPECT_EQ(baseOf(Env::MyDomain, QStringLiteral("http://127.0.0.1:8443")), QStringLiteral("http://127.0.0.1:8443"));
    EXPECT_EQ(baseOf(Env::MyDomain, QStringLiteral("http://[::1]:8443")), QStringLiteral("http://[::1]:8443"));
    EXPECT_EQ(baseOf(Env::ExperienceCloudSite, QStringLiteral("http://acme.my.site.com")), QStringLiteral("net.clear-text"));
    // With the user's consent (--allow-insecure-http, the window's confirmation) http is kept.
    ASSERT_TRUE(AssertionPreset::create(Env::MyDomain, QStringLiteral("http://acme.my.salesforce.com"), true).ok());
    EXPECT_EQ(AssertionPreset::create(Env::MyDomain, QStringLiteral("http://acme.my.salesforce.com"), true)->baseUrl(),
        QUrl(QStringLiteral("http://acme.my.salesforce.com")));
    EXPECT_EQ(baseOf(Env::PracticeOrg, QStringLiteral("http://practice.internal:8080/services/oauth2/token")),
        QStringLiteral("http://practice.internal:8080"));
}

TEST(AssertionPreset, ExperienceCloudSiteKeepsItsPath)
{
    EXPECT_EQ(baseOf(Env::ExperienceCloudSite, QStringLiteral("https://acme.my.site.com/customers/s/login?startURL=%2F")),
        QStringLiteral("https://acme.my.site.com/customers"));
    EXPECT_EQ(baseOf(Env::ExperienceCloudSite, QStringLiteral("acme.my.site.com/customers/services/oauth2/token")),
        QStringLiteral("https://acme.my.site.com/customers"));
    EXPECT_EQ(baseOf(Env::ExperienceCloudSite, QStringLiteral("https://acme.my.site.com/")),
        QStringLiteral("https://acme.my.site.com"));
    EXPECT_EQ(baseOf(Env::ExperienceCloudSite, QStringLiteral("https://acme.my.site.com/s/")),
        QStringLiteral("https://acme.my.site.com"));

    const auto p = AssertionPreset::create(Env::ExperienceCloudSite, QStringLiteral("https://acme.force.com/customers/"));
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(p->tokenEndpoint().toString(), QStringLiteral("https://acme.force.com/customers/services/oauth2/token"));
    EXPECT_EQ(p->acceptedAudiences(), QStringList { QStringLiteral("https://acme.force.com/customers") });
}

TEST(AssertionPreset, PracticeOrgTakesItsOriginAndLogin)
{
    const auto p = AssertionPreset::create(Env::PracticeOrg, QStringLiteral("http://127.0.0.1:8443/"));
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(p->tokenEndpoint().toString(), QStringLiteral("http://127.0.0.1:8443/services/oauth2/token"));
    EXPECT_EQ(p->acceptedAudiences(),
        (QStringList { QStringLiteral("http://127.0.0.1:8443"), QStringLiteral("https://login.salesforce.com") }));
    EXPECT_EQ(p->claims(kKey, kUser, FixedClock(kNow)).value(QStringLiteral("aud")).toString(),
        QStringLiteral("http://127.0.0.1:8443"));
}

TEST(AssertionPreset, EntraTenant)
{
    const auto p = AssertionPreset::create(Env::EntraTenant, kTenant);
    ASSERT_TRUE(p.ok()) << p.error().message.toStdString();
    EXPECT_FALSE(p->isSalesforce());
    EXPECT_EQ(p->tenant(), kTenant);
    const QString tokenUrl = QStringLiteral("https://login.microsoftonline.com/%1/oauth2/v2.0/token").arg(kTenant);
    EXPECT_EQ(p->tokenEndpoint().toString(), tokenUrl);
    EXPECT_EQ(p->acceptedAudiences(), QStringList { tokenUrl });

    const QString clientId = QStringLiteral("11111111-2222-3333-4444-555555555555");
    const QJsonObject claims = p->claims(clientId, kUser, FixedClock(kNow));
    EXPECT_EQ(claims.value(QStringLiteral("iss")).toString(), clientId);
    EXPECT_EQ(claims.value(QStringLiteral("sub")).toString(), clientId);
    EXPECT_EQ(claims.value(QStringLiteral("aud")).toString(), tokenUrl);
    EXPECT_EQ(claims.value(QStringLiteral("nbf")).toInteger(), kNow);
    EXPECT_EQ(claims.value(QStringLiteral("exp")).toInteger(), kNow + 180);
    const QString jti = claims.value(QStringLiteral("jti")).toString();
    EXPECT_FALSE(QUuid::fromString(jti).isNull()) << jti.toStdString();
    EXPECT_NE(p->claims(clientId, kUser, FixedClock(kNow)).value(QStringLiteral("jti")).toString(), jti);
}

TEST(AssertionPreset, EntraTenantInputs)
{
    EXPECT_EQ(errorCode(Env::EntraTenant, QStringLiteral("contoso.onmicrosoft.com")), QStringLiteral("ok"));
    const auto pasted = AssertionPreset::create(
        Env::EntraTenant, QStringLiteral("https://login.microsoftonline.com/%1/oauth2/v2.0/token").arg(kTenant));
    ASSERT_TRUE(pasted.ok());
    EXPECT_EQ(pasted->tenant(), kTenant);
    EXPECT_EQ(errorCode(Env::EntraTenant, QStringLiteral("common")), QStringLiteral("preset.tenant-shared"));
    EXPECT_EQ(errorCode(Env::EntraTenant, QStringLiteral("Organizations")), QStringLiteral("preset.tenant-shared"));
    EXPECT_EQ(errorCode(Env::EntraTenant, QStringLiteral("")), QStringLiteral("preset.tenant-empty"));
    EXPECT_EQ(errorCode(Env::EntraTenant, QStringLiteral("not a tenant")), QStringLiteral("preset.tenant-invalid"));
}

// The preset asks SalesforceHost: a legacy sandbox My Domain (before enhanced domains) is a
// sandbox, and a scratch org logs in like one.
TEST(AssertionPreset, LegacyAndScratchMyDomainsAreSandboxes)
{
    for (const char *host : { "acme--uat.my.salesforce.com", "acme.cs42.my.salesforce.com", "acme.scratch.my.salesforce.com" }) {
        const auto p = AssertionPreset::create(Env::MyDomain, QString::fromUtf8(host));
        ASSERT_TRUE(p.ok()) << host;
        EXPECT_TRUE(p->isSandbox()) << host;
        EXPECT_EQ(p->acceptedAudiences().value(1), QStringLiteral("https://test.salesforce.com")) << host;
    }
}

TEST(AssertionPreset, ForUrlReadsTheEnvironmentFromTheHost)
{
    const auto envOf = [](const char *text) {
        const auto p = AssertionPreset::forUrl(QString::fromUtf8(text));
        return p.ok() ? AssertionPreset::environmentName(p->environment()) : p.error().code;
    };
    EXPECT_EQ(envOf("production"), QStringLiteral("Production"));
    EXPECT_EQ(envOf("test"), QStringLiteral("Sandbox"));
    EXPECT_EQ(envOf("https://login.salesforce.com/"), QStringLiteral("Production"));
    EXPECT_EQ(envOf("test.salesforce.com"), QStringLiteral("Sandbox"));
    EXPECT_EQ(envOf("http://127.0.0.1:8999"), QStringLiteral("Practice org"));
    EXPECT_EQ(envOf("https://acme.my.site.com/customers"), QStringLiteral("Experience Cloud site"));
    EXPECT_EQ(envOf("https://acme.force.com/customers"), QStringLiteral("Experience Cloud site"));
    EXPECT_EQ(envOf("acme--uat.sandbox.my.salesforce.com"), QStringLiteral("My Domain"));
    EXPECT_EQ(envOf("acme.lightning.force.com"), QStringLiteral("preset.lightning-domain"));
}
