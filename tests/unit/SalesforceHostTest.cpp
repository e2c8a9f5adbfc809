#include "flow/SalesforceHost.h"

#include <gtest/gtest.h>
#include <ostream>

using jwtflow::SalesforceHost;
using Kind = SalesforceHost::Kind;
using Org = SalesforceHost::OrgKind;
using Cloud = SalesforceHost::Cloud;

namespace {

// One row per real host form (Salesforce Help "My Domain URL Formats" and "OAuth Endpoints",
// the Salesforce CLI's host rules) and per loopback spelling.
struct Row {
    const char *input;
    Kind kind;
    Org org;
    Cloud cloud;
    const char *audience; // what an assertion for this host should carry as aud ("" = none)
    const char *generic; // login.salesforce.com / test.salesforce.com for the org kind ("" = none)
};

void PrintTo(const Row &row, std::ostream *os)
{
    *os << row.input;
}

const Row kRows[] = {
    // The generic login hosts.
    { "login.salesforce.com", Kind::LoginProduction, Org::Production, Cloud::Commercial, "https://login.salesforce.com",
        "https://login.salesforce.com" },
    { "https://login.salesforce.com/services/oauth2/token", Kind::LoginProduction, Org::Production, Cloud::Commercial,
        "https://login.salesforce.com", "https://login.salesforce.com" },
    { "LOGIN.Salesforce.COM.", Kind::LoginProduction, Org::Production, Cloud::Commercial, "https://login.salesforce.com",
        "https://login.salesforce.com" },
    { "test.salesforce.com", Kind::LoginSandbox, Org::Sandbox, Cloud::Commercial, "https://test.salesforce.com",
        "https://test.salesforce.com" },
    { "https://test.salesforce.com/", Kind::LoginSandbox, Org::Sandbox, Cloud::Commercial, "https://test.salesforce.com",
        "https://test.salesforce.com" },
    // My Domain, production.
    { "acme.my.salesforce.com", Kind::MyDomain, Org::Production, Cloud::Commercial, "https://acme.my.salesforce.com",
        "https://login.salesforce.com" },
    { "https://Acme.My.Salesforce.com/", Kind::MyDomain, Org::Production, Cloud::Commercial, "https://acme.my.salesforce.com",
        "https://login.salesforce.com" },
    { "acme-dev-ed.develop.my.salesforce.com", Kind::MyDomain, Org::Production, Cloud::Commercial,
        "https://acme-dev-ed.develop.my.salesforce.com", "https://login.salesforce.com" },
    { "acme.trailblaze.my.salesforce.com", Kind::MyDomain, Org::Production, Cloud::Commercial,
        "https://acme.trailblaze.my.salesforce.com", "https://login.salesforce.com" },
    { "acme.demo.my.salesforce.com", Kind::MyDomain, Org::Production, Cloud::Commercial, "https://acme.demo.my.salesforce.com",
        "https://login.salesforce.com" },
    { "acme.free.my.salesforce.com", Kind::MyDomain, Org::Production, Cloud::Commercial, "https://acme.free.my.salesforce.com",
        "https://login.salesforce.com" },
    { "acme.my-salesforce.com", Kind::MyDomain, Org::Production, Cloud::Commercial, "https://acme.my-salesforce.com",
        "https://login.salesforce.com" },
    // My Domain, sandbox: enhanced and legacy forms.
    { "acme--uat.sandbox.my.salesforce.com", Kind::SandboxMyDomain, Org::Sandbox, Cloud::Commercial,
        "https://acme--uat.sandbox.my.salesforce.com", "https://test.salesforce.com" },
    { "acme--sb.sandbox.my.salesforce.com", Kind::SandboxMyDomain, Org::Sandbox, Cloud::Commercial,
        "https://acme--sb.sandbox.my.salesforce.com", "https://test.salesforce.com" },
    { "acme--uat.my.salesforce.com", Kind::SandboxMyDomain, Org::Sandbox, Cloud::Commercial,
        "https://acme--uat.my.salesforce.com", "https://test.salesforce.com" },
    { "acme--uat.cs42.my.salesforce.com", Kind::SandboxMyDomain, Org::Sandbox, Cloud::Commercial,
        "https://acme--uat.cs42.my.salesforce.com", "https://test.salesforce.com" },
    { "acme.cs42.my.salesforce.com", Kind::SandboxMyDomain, Org::Sandbox, Cloud::Commercial,
        "https://acme.cs42.my.salesforce.com", "https://test.salesforce.com" },
    // Scratch orgs log in like sandboxes.
    { "ability-power-1234-dev-ed.scratch.my.salesforce.com", Kind::ScratchOrg, Org::Sandbox, Cloud::Commercial,
        "https://ability-power-1234-dev-ed.scratch.my.salesforce.com", "https://test.salesforce.com" },
    // Government and China clouds: their own My Domain is the aud; no generic host to name.
    { "agency.my.salesforce.mil", Kind::MyDomain, Org::Production, Cloud::Government, "https://agency.my.salesforce.mil", "" },
    { "agency--uat.sandbox.my.salesforce.mil", Kind::SandboxMyDomain, Org::Sandbox, Cloud::Government,
        "https://agency--uat.sandbox.my.salesforce.mil", "" },
    { "acme.my.sfcrmproducts.cn", Kind::MyDomain, Org::Production, Cloud::China, "https://acme.my.sfcrmproducts.cn", "" },
    // Experience Cloud and Salesforce sites keep their path.
    { "https://acme.my.site.com/customers", Kind::Site, Org::Production, Cloud::Commercial, "https://acme.my.site.com/customers",
        "" },
    { "https://acme.my.site.com/customers/s/login/", Kind::Site, Org::Production, Cloud::Commercial,
        "https://acme.my.site.com/customers", "" },
    { "https://acme.my.site.com/customers/services/oauth2/token", Kind::Site, Org::Production, Cloud::Commercial,
        "https://acme.my.site.com/customers", "" },
    { "acme--uat.sandbox.my.site.com", Kind::Site, Org::Sandbox, Cloud::Commercial, "https://acme--uat.sandbox.my.site.com", "" },
    { "acme.my.salesforce-sites.com", Kind::Site, Org::Production, Cloud::Commercial, "https://acme.my.salesforce-sites.com",
        "" },
    { "https://acme.force.com/customers", Kind::Site, Org::Production, Cloud::Commercial, "https://acme.force.com/customers",
        "" },
    { "acme.secure.force.com", Kind::Site, Org::Production, Cloud::Commercial, "https://acme.secure.force.com", "" },
    { "uat-acme.cs42.force.com", Kind::Site, Org::Sandbox, Cloud::Commercial, "https://uat-acme.cs42.force.com", "" },
    // Not login hosts.
    { "acme.lightning.force.com", Kind::Lightning, Org::Production, Cloud::Commercial, "", "" },
    { "acme--uat.sandbox.lightning.force.com", Kind::Lightning, Org::Sandbox, Cloud::Commercial, "", "" },
    { "acme--c.vf.force.com", Kind::Other, Org::Unknown, Cloud::Commercial, "", "" },
    { "acme--c.documentforce.com", Kind::Other, Org::Unknown, Cloud::Unknown, "", "" },
    { "na123.salesforce.com", Kind::Instance, Org::Production, Cloud::Commercial, "https://login.salesforce.com",
        "https://login.salesforce.com" },
    { "cs42.salesforce.com", Kind::Instance, Org::Sandbox, Cloud::Commercial, "https://test.salesforce.com",
        "https://test.salesforce.com" },
    { "usa2s.sfdc-ypmv18.salesforce.com", Kind::Instance, Org::Sandbox, Cloud::Commercial, "https://test.salesforce.com",
        "https://test.salesforce.com" },
    { "help.salesforce.com", Kind::Other, Org::Unknown, Cloud::Commercial, "", "" },
    { "login.microsoftonline.com", Kind::Other, Org::Unknown, Cloud::Unknown, "", "" },
    { "example.com", Kind::Other, Org::Unknown, Cloud::Unknown, "", "" },
    { "salesforce.com.evil.example", Kind::Other, Org::Unknown, Cloud::Unknown, "", "" },
    { "", Kind::Unknown, Org::Unknown, Cloud::Unknown, "", "" },
    // This computer: practice orgs keep http and their port.
    { "http://127.0.0.1:8999", Kind::Loopback, Org::Unknown, Cloud::Unknown, "http://127.0.0.1:8999", "" },
    { "http://localhost:8999/", Kind::Loopback, Org::Unknown, Cloud::Unknown, "http://localhost:8999", "" },
    { "https://127.0.0.1", Kind::Loopback, Org::Unknown, Cloud::Unknown, "https://127.0.0.1", "" },
    { "http://[::1]:8080", Kind::Loopback, Org::Unknown, Cloud::Unknown, "http://[::1]:8080", "" },
    { "127.8.9.10", Kind::Loopback, Org::Unknown, Cloud::Unknown, "https://127.8.9.10", "" },
    { "http://org.localhost:8080", Kind::Loopback, Org::Unknown, Cloud::Unknown, "http://org.localhost:8080", "" },
    { "http://127.0.0.1:8999/customers", Kind::Loopback, Org::Unknown, Cloud::Unknown, "http://127.0.0.1:8999/customers", "" },
};

class SalesforceHostTable : public ::testing::TestWithParam<Row> { };

} // namespace

TEST_P(SalesforceHostTable, ClassifiesTheHostAndNamesItsAudience)
{
    const Row &row = GetParam();
    const auto host = SalesforceHost::classify(QString::fromUtf8(row.input));
    EXPECT_EQ(host.kind(), row.kind);
    EXPECT_EQ(host.orgKind(), row.org);
    EXPECT_EQ(host.cloud(), row.cloud);
    EXPECT_EQ(host.audience(), QString::fromUtf8(row.audience));
    EXPECT_EQ(host.genericAudience(), QString::fromUtf8(row.generic));
    EXPECT_EQ(host.isSandbox(), row.org == Org::Sandbox);
    EXPECT_EQ(host.isLoopback(), row.kind == Kind::Loopback);
    EXPECT_EQ(SalesforceHost::isLoopbackHost(host.host()), row.kind == Kind::Loopback);
    // Every host that has an aud is one an assertion can be sent to, except a pod host.
    EXPECT_EQ(host.isLoginHost(), !QString::fromUtf8(row.audience).isEmpty() && row.kind != Kind::Instance);
}

INSTANTIATE_TEST_SUITE_P(RealHostForms, SalesforceHostTable, ::testing::ValuesIn(kRows));

TEST(SalesforceHost, TheTableCoversAtLeastThirtyForms)
{
    EXPECT_GE(std::size(kRows), 30u);
}

// Before one rule, a legacy sandbox host was a sandbox to the diagnosis but production to the
// preset and the linter.
TEST(SalesforceHost, LegacySandboxMyDomainIsASandbox)
{
    const auto host = SalesforceHost::classify(QStringLiteral("https://acme--uat.my.salesforce.com"));
    EXPECT_EQ(host.kind(), Kind::SandboxMyDomain);
    EXPECT_TRUE(host.isSandbox());
    EXPECT_TRUE(SalesforceHost::isSandboxKind(host.kind()));
}

TEST(SalesforceHost, OneLoopbackRule)
{
    for (const char *yes : { "localhost", "LOCALHOST", "localhost.", "practice.localhost", "127.0.0.1", "127.1.2.3", "::1",
             "[::1]", "::ffff:127.0.0.1" })
        EXPECT_TRUE(SalesforceHost::isLoopbackHost(QString::fromUtf8(yes))) << yes;
    for (const char *no : { "", "localhost.example.com", "mylocalhost", "10.0.0.1", "0.0.0.0", "::", "128.0.0.1", "192.168.1.2",
             "::ffff:10.0.0.1", "login.salesforce.com" })
        EXPECT_FALSE(SalesforceHost::isLoopbackHost(QString::fromUtf8(no))) << no;
    EXPECT_TRUE(SalesforceHost::isLoopbackUrl(QUrl(QStringLiteral("http://[::1]:8999/services"))));
}

TEST(SalesforceHost, SalesforceDomainsForRedirects)
{
    for (const char *yes : { "login.salesforce.com", "acme.my.salesforce.com", "acme.my.site.com", "acme.force.com",
             "acme.my.salesforce.mil", "acme.my.sfcrmproducts.cn", "acme.cloudforce.com", "salesforce.com" })
        EXPECT_TRUE(SalesforceHost::isSalesforceDomain(QString::fromUtf8(yes))) << yes;
    for (const char *no : { "evilsalesforce.com", "salesforce.com.evil.example", "example.com", "localhost" })
        EXPECT_FALSE(SalesforceHost::isSalesforceDomain(QString::fromUtf8(no))) << no;
}

TEST(SalesforceHost, LightningDomainPointsAtItsMyDomain)
{
    EXPECT_EQ(SalesforceHost::classify(QStringLiteral("acme.lightning.force.com")).myDomainForLightning(),
        QStringLiteral("acme.my.salesforce.com"));
    EXPECT_EQ(SalesforceHost::classify(QStringLiteral("acme--uat.sandbox.lightning.force.com")).myDomainForLightning(),
        QStringLiteral("acme--uat.sandbox.my.salesforce.com"));
    EXPECT_TRUE(SalesforceHost::classify(QStringLiteral("acme.my.salesforce.com")).myDomainForLightning().isEmpty());
}

TEST(SalesforceHost, DescribesEachLoginKind)
{
    EXPECT_EQ(SalesforceHost::classify(QStringLiteral("test.salesforce.com")).describe(), QStringLiteral("sandbox login host"));
    EXPECT_EQ(SalesforceHost::classify(QStringLiteral("acme--uat.my.salesforce.com")).describe(),
        QStringLiteral("a sandbox My Domain"));
    EXPECT_EQ(SalesforceHost::classify(QStringLiteral("127.0.0.1")).describe(), QStringLiteral("this computer"));
    EXPECT_TRUE(SalesforceHost::classify(QStringLiteral("example.com")).describe().isEmpty());
}

// What people paste after a site's base path is dropped in one place (the host rule and the
// audience presets both use it).
TEST(SalesforceHost, SiteBasePathDropsWhatFollowsTheSite)
{
    const struct {
        const char *path;
        const char *base;
    } rows[] = {
        { "", "" },
        { "/", "" },
        { "/partners", "/partners" },
        { "/partners/", "/partners" },
        { "/partners/services/oauth2/token", "/partners" },
        { "/partners/s/login/", "/partners" },
        { "/services/oauth2/authorize", "" },
        { "/s", "" },
        { "/servicesdesk", "/servicesdesk" },
        { "/sales/site", "/sales/site" },
    };
    for (const auto &row : rows)
        EXPECT_EQ(jwtflow::SalesforceHost::siteBasePath(QString::fromLatin1(row.path)), QString::fromLatin1(row.base))
            << row.path;
}
