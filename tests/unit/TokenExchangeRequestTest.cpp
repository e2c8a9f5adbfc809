#include "flow/FormBody.h"
#include "flow/OrgClient.h"
#include "flow/SystemProxyFactory.h"
#include "flow/TlsTrust.h"
#include "flow/TokenExchange.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QSslCertificate>

#include <gtest/gtest.h>

using namespace jwtflow;

TEST(TokenExchange, TokenUrlFromWhatUsersType)
{
    const auto url = [](const char *host) {
        const auto r = TokenExchange::tokenUrl(QString::fromLatin1(host));
        return r ? r->toString() : QStringLiteral("error:") + r.error().code;
    };
    EXPECT_EQ(url("login.salesforce.com"), QStringLiteral("https://login.salesforce.com/services/oauth2/token"));
    EXPECT_EQ(url("https://acme.my.salesforce.com/"), QStringLiteral("https://acme.my.salesforce.com/services/oauth2/token"));
    EXPECT_EQ(
        url("https://acme.my.site.com/customers"), QStringLiteral("https://acme.my.site.com/customers/services/oauth2/token"));
    EXPECT_EQ(url("https://test.salesforce.com/services/oauth2/token"),
        QStringLiteral("https://test.salesforce.com/services/oauth2/token"));
    EXPECT_EQ(url("http://127.0.0.1:8080"), QStringLiteral("http://127.0.0.1:8080/services/oauth2/token"));
    EXPECT_EQ(url(""), QStringLiteral("error:exchange.host.empty"));
    EXPECT_EQ(url("ftp://x.example"), QStringLiteral("error:exchange.host.scheme"));
    EXPECT_EQ(url("https://user:pw@x.example"), QStringLiteral("error:exchange.host.credentials"));
    EXPECT_EQ(url("https://x.example/?assertion=abc"), QStringLiteral("error:exchange.host.query"));
}

TEST(TokenExchange, SalesforceRequestIsTheTwoFieldForm)
{
    const auto request = TokenExchange::salesforceRequest(QStringLiteral("login.salesforce.com"), QStringLiteral("  a.b.c+/=\n"));
    ASSERT_TRUE(request.ok());
    EXPECT_EQ(request->method, "POST");
    EXPECT_EQ(request->body, "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=a.b.c%2B%2F%3D");
    HttpExchangeRecord record;
    record.request = request.value();
    EXPECT_EQ(record.requestHeader("content-type"), "application/x-www-form-urlencoded");
    EXPECT_EQ(TokenExchange::salesforceRequest(QStringLiteral("login.salesforce.com"), QStringLiteral(" ")).error().code,
        QStringLiteral("exchange.assertion.empty"));
}

TEST(TokenExchange, EntraRequest)
{
    EXPECT_EQ(TokenExchange::entraTokenUrl(QStringLiteral("contoso.onmicrosoft.com"))->toString(),
        QStringLiteral("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token"));
    const auto request = TokenExchange::entraRequest(QStringLiteral("tid"), QStringLiteral("cid"), QStringLiteral("a.b.c"),
        QStringLiteral("https://graph.microsoft.com/.default"));
    ASSERT_TRUE(request.ok());
    EXPECT_EQ(request->url.toString(), QStringLiteral("https://login.microsoftonline.com/tid/oauth2/v2.0/token"));
    EXPECT_EQ(request->body,
        "grant_type=client_credentials&client_id=cid&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%"
        "3Ajwt-bearer"
        "&client_assertion=a.b.c&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default");
    EXPECT_EQ(TokenExchange::entraRequest(QStringLiteral("tid"), {}, QStringLiteral("a.b.c"), QStringLiteral("s")).error().code,
        QStringLiteral("exchange.client-id.empty"));
    EXPECT_EQ(TokenExchange::entraRequest(QStringLiteral("tid"), QStringLiteral("c"), QStringLiteral("a.b.c"), {}).error().code,
        QStringLiteral("exchange.scope.empty"));
}

TEST(OrgClient, FrontdoorAndQueryUrls)
{
    const QUrl frontdoor = OrgClient::frontdoorUrl(QUrl(QStringLiteral("https://acme.my.salesforce.com/")),
        QStringLiteral("00Dx!AQ.x+y"), QStringLiteral("/lightning/r/Account/001/view?x=1&y=2"));
    EXPECT_EQ(frontdoor.toEncoded(),
        "https://acme.my.salesforce.com/secur/frontdoor.jsp?sid=00Dx!AQ.x%2By"
        "&retURL=%2Flightning%2Fr%2FAccount%2F001%2Fview%3Fx%3D1%26y%3D2");
    EXPECT_EQ(OrgClient::frontdoorUrl(QUrl(QStringLiteral("https://a.example")), QStringLiteral("t"), {}).toEncoded(),
        "https://a.example/secur/frontdoor.jsp?sid=t");

    QNetworkAccessManager manager;
    OrgClient client(&manager);
    client.setToken(TokenResponse::fromSession(QStringLiteral("00Dx!tok"), QStringLiteral("https://acme.my.salesforce.com/"),
        QStringLiteral("https://login.salesforce.com/id/00D/005")));
    client.setApiVersion(QStringLiteral("61"));
    EXPECT_EQ(client.apiVersion(), QStringLiteral("61.0"));
    EXPECT_EQ(client.queryUrl(QStringLiteral("SELECT Id FROM Account WHERE Name LIKE 'a+%'"))->toEncoded(),
        "https://acme.my.salesforce.com/services/data/v61.0/"
        "query?q=SELECT%20Id%20FROM%20Account%20WHERE%20Name%20LIKE%20%27a%2B%25%27");
    EXPECT_EQ(client.identityUrl()->toEncoded(), "https://login.salesforce.com/id/00D/005?version=61.0");
    EXPECT_EQ(client.frontdoorUrl(QStringLiteral("/home"))->toEncoded(),
        "https://acme.my.salesforce.com/secur/frontdoor.jsp?sid=00Dx!tok&retURL=%2Fhome");
    const auto request = client.request(QStringLiteral("/services/data"));
    ASSERT_TRUE(request.ok());
    EXPECT_EQ(request->url.toString(), QStringLiteral("https://acme.my.salesforce.com/services/data"));
}

TEST(OrgClient, RedirectsCarryTheTokenOnlyWithinSalesforceOverHttps)
{
    const auto follow = [](const char *from, const char *to) {
        return OrgClient::mayFollowRedirect(QUrl(QString::fromLatin1(from)), QUrl(QString::fromLatin1(to)));
    };
    EXPECT_TRUE(follow("https://login.salesforce.com/id/1/2", "https://acme.my.salesforce.com/id/1/2"));
    EXPECT_TRUE(follow("https://acme.my.salesforce.com/a", "https://acme.my.salesforce.com/b"));
    EXPECT_TRUE(follow("http://127.0.0.1:8080/a", "http://localhost:8080/b"));
    EXPECT_FALSE(follow("https://login.salesforce.com/id/1/2", "http://login.salesforce.com/id/1/2")); // downgrade
    EXPECT_FALSE(follow("https://login.salesforce.com/id/1/2", "https://evil.example/"));
    EXPECT_FALSE(follow("https://acme.my.salesforce.com/a", "https://salesforce.com.evil.example/"));
    EXPECT_FALSE(follow("https://a.example/", "https://b.example/"));
}

TEST(TlsTrust, FromTextAndMatching)
{
    const auto trust = TlsTrust::fromText({ QStringLiteral("Intranet.Example") },
        { QStringLiteral(
            "dev.example=AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89") });
    ASSERT_TRUE(trust.ok());
    EXPECT_TRUE(trust->allows(QStringLiteral("intranet.example"), QSslCertificate()));
    EXPECT_FALSE(trust->allows(QStringLiteral("dev.example"), QSslCertificate())); // a pin needs a certificate to compare
    EXPECT_FALSE(trust->allows(QStringLiteral("other.example"), QSslCertificate()));
    EXPECT_EQ(TlsTrust::fromText({}, { QStringLiteral("dev.example=1234") }).error().code, QStringLiteral("tls.trust.invalid"));
    EXPECT_EQ(TlsTrust::fromText({}, { QStringLiteral("=") + QString(64, QLatin1Char('a')) }).error().code,
        QStringLiteral("tls.trust.invalid"));
    EXPECT_EQ(TlsTrust::fromText({ QStringLiteral("https://x/") }, {}).error().code, QStringLiteral("tls.trust.invalid"));
    EXPECT_TRUE(TlsTrust().isEmpty());
}

TEST(SystemProxyFactory, LoopbackGoesDirectAndAChosenProxyStays)
{
    SystemProxyFactory factory;
    for (const char *url : { "http://127.0.0.1:8080/", "http://localhost:8080/", "http://[::1]:8080/" }) {
        const auto proxies = factory.queryProxy(QNetworkProxyQuery(QUrl(QString::fromLatin1(url))));
        ASSERT_EQ(proxies.size(), 1) << url;
        EXPECT_EQ(proxies.constFirst().type(), QNetworkProxy::NoProxy) << url;
    }

    QNetworkAccessManager fresh;
    TokenExchange exchange(&fresh);
    EXPECT_NE(fresh.proxyFactory(), nullptr); // the system's proxy settings apply

    QNetworkAccessManager chosen;
    chosen.setProxy(QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("proxy.example"), 3128));
    EXPECT_FALSE(SystemProxyFactory::installIfUnset(&chosen));
    EXPECT_EQ(chosen.proxyFactory(), nullptr);
    EXPECT_EQ(chosen.proxy().hostName(), QStringLiteral("proxy.example"));

    // A proxy chosen application-wide after the factory was installed is still the one used,
    // except for loopback hosts.
    QNetworkProxy::setApplicationProxy(QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("app.example"), 8080));
    const auto remote
        = factory.queryProxy(QNetworkProxyQuery(QUrl(QStringLiteral("https://login.salesforce.com/services/oauth2/token"))));
    const auto local = factory.queryProxy(QNetworkProxyQuery(QUrl(QStringLiteral("http://127.0.0.1:8080/"))));
    QNetworkProxy::setApplicationProxy(QNetworkProxy());
    ASSERT_EQ(remote.size(), 1);
    EXPECT_EQ(remote.constFirst().hostName(), QStringLiteral("app.example"));
    ASSERT_EQ(local.size(), 1);
    EXPECT_EQ(local.constFirst().type(), QNetworkProxy::NoProxy);
}
