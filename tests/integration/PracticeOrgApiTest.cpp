// After the token, against the practice org over loopback HTTP: the identity URL, userinfo, the
// REST version list and resources, SOQL and its errors, INVALID_SESSION_ID, frontdoor and
// singleaccess — through OrgClient where the app uses it, raw requests elsewhere.
#include "integration/PracticeOrgFixture.h"

#include <QJsonArray>
#include <QNetworkCookieJar>
#include <QUrlQuery>

using namespace jwtflow;
using practicetest::HttpAnswer;
using practicetest::PracticeOrgTest;

namespace {

class PracticeOrgApiTest : public PracticeOrgTest {
protected:
    void SetUp() override
    {
        PracticeOrgTest::SetUp();
        if (HasFatalFailure())
            return;
        t = token();
        client.setToken(t);
        client.setApiVersion(QStringLiteral("62.0"));
        client.setTimeout(5000);
    }

    HttpExchangeRecord run(const Result<int> &started)
    {
        EXPECT_TRUE(started.ok());
        if (!started)
            return {};
        std::optional<HttpExchangeRecord> record;
        QEventLoop loop;
        const auto connection = QObject::connect(&client, &OrgClient::finished, &loop, [&](int, const HttpExchangeRecord &r) {
            record = r;
            loop.quit();
        });
        QTimer::singleShot(5000, &loop, &QEventLoop::quit);
        if (!record)
            loop.exec();
        QObject::disconnect(connection);
        return record.value_or(HttpExchangeRecord {});
    }

    static QJsonObject object(const HttpExchangeRecord &record) { return QJsonDocument::fromJson(record.response.body).object(); }
    static QJsonArray array(const QByteArray &body) { return QJsonDocument::fromJson(body).array(); }

    QByteArray soqlError(const QString &soql)
    {
        return get(
            QStringLiteral("/services/data/v62.0/query?q=") + QString::fromLatin1(QUrl::toPercentEncoding(soql)), t.accessToken)
            .body;
    }

    TokenResponse t;
    OrgClient client { &manager };
};

QByteArray restError(const QString &message, const char *code)
{
    return "[{\"message\":" + QJsonDocument(QJsonArray { message }).toJson(QJsonDocument::Compact).mid(1).chopped(1)
        + ",\"errorCode\":\"" + code + "\"}]";
}

} // namespace

TEST_F(PracticeOrgApiTest, IdentityUrlDescribesTheUser)
{
    const HttpExchangeRecord record = run(client.identity());
    ASSERT_EQ(record.response.status, 200) << record.raw().toStdString();
    EXPECT_EQ(record.responseHeader("Content-Type"), "application/json;charset=UTF-8");
    const QJsonObject id = object(record);
    EXPECT_EQ(id.value(QStringLiteral("id")).toString(), t.id);
    EXPECT_EQ(id.value(QStringLiteral("user_id")).toString(), t.userId());
    EXPECT_EQ(id.value(QStringLiteral("organization_id")).toString(), org.orgId());
    EXPECT_EQ(id.value(QStringLiteral("username")).toString(), org.username());
    EXPECT_TRUE(id.value(QStringLiteral("active")).toBool());
    EXPECT_TRUE(id.value(QStringLiteral("asserted_user")).toBool());
    // OrgClient asks for version=62.0, so the URLs carry it; the map uses the 15-character org id.
    const QJsonObject urls = id.value(QStringLiteral("urls")).toObject();
    EXPECT_EQ(urls.value(QStringLiteral("rest")).toString(), origin() + QStringLiteral("/services/data/v62.0/"));
    EXPECT_EQ(urls.value(QStringLiteral("partner")).toString(),
        origin() + QStringLiteral("/services/Soap/u/62.0/") + org.orgId().left(15));
    // Without version=, the literal placeholder; with oauth_token= instead of a header (jsforce).
    const HttpAnswer plain
        = get(t.id + QStringLiteral("?format=json&oauth_token=") + QString::fromLatin1(QUrl::toPercentEncoding(t.accessToken)));
    EXPECT_EQ(plain.status, 200);
    EXPECT_EQ(plain.object().value(QStringLiteral("urls")).toObject().value(QStringLiteral("rest")).toString(),
        origin() + QStringLiteral("/services/data/v{version}/"));
    // No token, a bad token: what Salesforce's identity service answers.
    EXPECT_EQ(get(t.id).body, "Missing_OAuth_Token");
    const HttpAnswer bad = get(t.id, QStringLiteral("00DJ900000PRACT!nope"));
    EXPECT_EQ(bad.status, 403);
    EXPECT_EQ(bad.body, "Bad_OAuth_Token");
}

TEST_F(PracticeOrgApiTest, UserInfo)
{
    const HttpExchangeRecord record = run(client.userInfo());
    ASSERT_EQ(record.response.status, 200);
    const QJsonObject info = object(record);
    EXPECT_EQ(info.value(QStringLiteral("sub")).toString(), t.id);
    EXPECT_EQ(info.value(QStringLiteral("user_id")).toString(), t.userId());
    EXPECT_EQ(info.value(QStringLiteral("organization_id")).toString(), org.orgId());
    EXPECT_EQ(info.value(QStringLiteral("preferred_username")).toString(), org.username());
    EXPECT_EQ(info.value(QStringLiteral("email")).toString(), org.username());
    EXPECT_EQ(get(QStringLiteral("/services/oauth2/userinfo"), QStringLiteral("x")).status, 403);
}

TEST_F(PracticeOrgApiTest, VersionsAndResources)
{
    const HttpExchangeRecord versions = run(client.versions());
    ASSERT_EQ(versions.response.status, 200);
    const QJsonArray list = array(versions.response.body);
    ASSERT_FALSE(list.isEmpty());
    EXPECT_EQ(list.first().toObject(),
        (QJsonObject { { QStringLiteral("label"), QStringLiteral("Summer '14") },
            { QStringLiteral("url"), QStringLiteral("/services/data/v31.0") },
            { QStringLiteral("version"), QStringLiteral("31.0") } }));
    EXPECT_EQ(OrgClient::latestApiVersion(versions.response.body), org.directory().org.apiVersion);
    QStringList served;
    for (const QJsonValue &v : list)
        served << v.toObject().value(QStringLiteral("version")).toString();
    for (const char *needed : { "50.0", "51.0", "62.0" }) // jsforce's and sf's defaults (§8.5, §8.7)
        EXPECT_TRUE(served.contains(QString::fromLatin1(needed))) << needed;
    EXPECT_EQ(get(QStringLiteral("/services/data")).status, 200); // no token needed
    EXPECT_EQ(get(QStringLiteral("/services/data/v62.0")).body,
        restError(QStringLiteral("Session expired or invalid"), "INVALID_SESSION_ID"));

    const HttpExchangeRecord resources = run(client.resources());
    ASSERT_EQ(resources.response.status, 200);
    const QJsonObject map = object(resources);
    EXPECT_EQ(map.value(QStringLiteral("query")).toString(), QStringLiteral("/services/data/v62.0/query"));
    EXPECT_EQ(map.value(QStringLiteral("identity")).toString(), t.id);
    EXPECT_EQ(get(QStringLiteral("/services/data/v99.0"), t.accessToken).body,
        restError(QStringLiteral("The requested resource does not exist"), "NOT_FOUND"));
}

TEST_F(PracticeOrgApiTest, SoqlOverSeededRecords)
{
    // The query sf's login makes (§5.4), exactly one record.
    HttpExchangeRecord record = run(client.query(QStringLiteral(
        "SELECT Name, InstanceName, IsSandbox, TrialExpirationDate, NamespacePrefix, OrganizationType FROM Organization")));
    ASSERT_EQ(record.response.status, 200) << record.raw().toStdString();
    QJsonObject result = object(record);
    EXPECT_EQ(result.value(QStringLiteral("totalSize")).toInt(), 1);
    EXPECT_TRUE(result.value(QStringLiteral("done")).toBool());
    const QJsonObject orgRecord = result.value(QStringLiteral("records")).toArray().first().toObject();
    EXPECT_EQ(orgRecord.value(QStringLiteral("Name")).toString(), org.directory().org.name);
    EXPECT_EQ(orgRecord.value(QStringLiteral("IsSandbox")), QJsonValue(false));
    EXPECT_TRUE(orgRecord.value(QStringLiteral("TrialExpirationDate")).isNull());
    EXPECT_EQ(orgRecord.value(QStringLiteral("attributes")).toObject().value(QStringLiteral("url")).toString(),
        QStringLiteral("/services/data/v62.0/sobjects/Organization/") + org.orgId());
    // Fields come back in the order asked, with their canonical names.
    EXPECT_TRUE(record.response.body.contains("\"Name\":\"jwtflow Practice Org\",\"InstanceName\":"))
        << record.response.body.constData();

    record = run(client.query(QStringLiteral("select id, name from account where name = 'genepoint'")));
    result = object(record);
    ASSERT_EQ(result.value(QStringLiteral("totalSize")).toInt(), 1) << record.response.body.constData();
    EXPECT_EQ(result.value(QStringLiteral("records")).toArray().first().toObject().value(QStringLiteral("Name")).toString(),
        QStringLiteral("GenePoint"));

    record = run(client.query(QStringLiteral("SELECT Id, Username, IsActive FROM User LIMIT 2")));
    EXPECT_EQ(object(record).value(QStringLiteral("totalSize")).toInt(), 2);
    record = run(client.query(QStringLiteral("SELECT Name FROM Account WHERE Name = 'United Oil & Gas Corp.'")));
    EXPECT_EQ(object(record).value(QStringLiteral("totalSize")).toInt(), 1) << record.response.body.constData();

    // sf data query asks again with &columns=true (§8.6).
    const HttpAnswer columns
        = get(QStringLiteral("/services/data/v62.0/query?q=SELECT+Id%2C+Name+FROM+Account&columns=true"), t.accessToken);
    ASSERT_EQ(columns.status, 200);
    const QJsonArray metadata = columns.object().value(QStringLiteral("columnMetadata")).toArray();
    ASSERT_EQ(metadata.size(), 2);
    EXPECT_EQ(metadata.at(1).toObject().value(QStringLiteral("columnName")).toString(), QStringLiteral("Name"));
    EXPECT_EQ(metadata.at(1).toObject().value(QStringLiteral("joinColumns")).toArray().size(), 0);

    // A record by id, 15 or 18 characters.
    const QString accountId = org.directory().accounts.first().id;
    EXPECT_EQ(get(QStringLiteral("/services/data/v62.0/sobjects/Account/") + accountId.left(15), t.accessToken)
                  .object()
                  .value(QStringLiteral("Name"))
                  .toString(),
        QStringLiteral("Edge Communications"));
}

TEST_F(PracticeOrgApiTest, SoqlOrderByCountAndRelationshipsOverHttp)
{
    HttpExchangeRecord record
        = run(client.query(QStringLiteral("SELECT Name, Owner.Name FROM Account ORDER BY Name DESC LIMIT 2 OFFSET 1")));
    ASSERT_EQ(record.response.status, 200) << record.raw().toStdString();
    const QJsonArray records = object(record).value(QStringLiteral("records")).toArray();
    ASSERT_EQ(records.size(), 2);
    EXPECT_EQ(records.at(0).toObject().value(QStringLiteral("Name")).toString(), QStringLiteral("GenePoint"));
    EXPECT_EQ(records.at(0).toObject().value(QStringLiteral("Owner")).toObject().value(QStringLiteral("Name")).toString(),
        QStringLiteral("Ada Demo"));

    record = run(client.query(QStringLiteral("SELECT COUNT() FROM Account")));
    ASSERT_EQ(record.response.status, 200) << record.raw().toStdString();
    EXPECT_EQ(record.response.body, QByteArray("{\"totalSize\":4,\"done\":true,\"records\":[]}"));

    const HttpAnswer columns
        = get(QStringLiteral("/services/data/v62.0/query?q=SELECT+Id%2C+Owner.Name+FROM+Account&columns=true"), t.accessToken);
    ASSERT_EQ(columns.status, 200);
    const QJsonObject owner = columns.object().value(QStringLiteral("columnMetadata")).toArray().at(1).toObject();
    EXPECT_EQ(owner.value(QStringLiteral("columnName")).toString(), QStringLiteral("Owner"));
    EXPECT_EQ(
        owner.value(QStringLiteral("joinColumns")).toArray().at(0).toObject().value(QStringLiteral("columnName")).toString(),
        QStringLiteral("Name"));
}

TEST_F(PracticeOrgApiTest, SoqlErrorsAreWordedLikeSalesforce)
{
    EXPECT_EQ(soqlError(QStringLiteral("SELECT Name FORM Account")),
        restError(QStringLiteral("\nSELECT Name FORM Account\n            ^\nERROR at Row:1:Column:13\nunexpected token: 'FORM'"),
            "MALFORMED_QUERY"));
    EXPECT_EQ(soqlError(QStringLiteral("SELECT Id FROM Account WHERE")),
        restError(QStringLiteral("\nSELECT Id FROM Account WHERE\n                            ^\nERROR at "
                                 "Row:1:Column:29\nunexpected token: '<EOF>'"),
            "MALFORMED_QUERY"));
    // What sf's Dev Hub probe gets from an org that is not a Dev Hub (§8.5).
    const HttpAnswer hub
        = get(QStringLiteral("/services/data/v51.0/query?q=SELECT%20Id%20FROM%20ScratchOrgInfo%20limit%201"), t.accessToken);
    EXPECT_EQ(hub.status, 400);
    EXPECT_EQ(hub.body,
        restError(
            QStringLiteral("\nSELECT Id FROM ScratchOrgInfo limit 1\n               ^\nERROR at Row:1:Column:16\nsObject type "
                           "'ScratchOrgInfo' is not supported. If you are attempting to use a custom object, be sure to "
                           "append the '__c' after the entity name. Please reference your WSDL or the describe call for the "
                           "appropriate names."),
            "INVALID_TYPE"));
    EXPECT_TRUE(soqlError(QStringLiteral("SELECT Nme FROM Account")).contains("No such column 'Nme' on entity 'Account'."));
    EXPECT_TRUE(
        soqlError(QStringLiteral("SELECT Name FROM Account ORDER BY Name SIDEWAYS")).contains("unexpected token: 'SIDEWAYS'"));
    EXPECT_EQ(get(QStringLiteral("/services/data/v62.0/query"), t.accessToken).body,
        restError(QStringLiteral("A query string has to be specified"), "MALFORMED_QUERY"));
    // sf's SandboxProcess question goes to the Tooling API: nothing there (§8.5).
    const HttpAnswer tooling
        = get(QStringLiteral(
                  "/services/data/v62.0/tooling/query?q=SELECT+Id+FROM+SandboxProcess+WHERE+SandboxOrganization+%3D+%2700DJ9%27"),
            t.accessToken);
    EXPECT_EQ(tooling.status, 200);
    EXPECT_EQ(tooling.object().value(QStringLiteral("totalSize")).toInt(), 0);
}

TEST_F(PracticeOrgApiTest, InvalidSessionId)
{
    const QByteArray expected = restError(QStringLiteral("Session expired or invalid"), "INVALID_SESSION_ID");
    HttpAnswer answer
        = get(QStringLiteral("/services/data/v62.0/query?q=SELECT+Id+FROM+User"), QStringLiteral("00DJ900000PRACT!AQbogus"));
    EXPECT_EQ(answer.status, 401);
    EXPECT_EQ(answer.body, expected);
    EXPECT_EQ(answer.header("Content-Type"), "application/json;charset=UTF-8");
    // "Authorization: OAuth <token>" works as well as Bearer.
    answer = http("GET", QUrl(origin() + QStringLiteral("/services/data/v62.0/")),
        { { "Authorization", "OAuth " + t.accessToken.toLatin1() } });
    EXPECT_EQ(answer.status, 200);
    // Revoked sessions end.
    org.revokeAllSessions();
    EXPECT_EQ(get(QStringLiteral("/services/data/v62.0/"), t.accessToken).body, expected);
}

TEST_F(PracticeOrgApiTest, FrontdoorStartsABrowserSession)
{
    const QUrl link
        = OrgClient::frontdoorUrl(QUrl(t.instanceUrl), t.accessToken, QStringLiteral("/lightning/setup/SetupOneHome/home"));
    HttpAnswer answer = http("GET", link);
    ASSERT_EQ(answer.status, 302);
    EXPECT_EQ(answer.header("Location"), "/lightning/setup/SetupOneHome/home");
    const QByteArray cookie = answer.header("Set-Cookie");
    EXPECT_TRUE(cookie.startsWith("sid=" + t.accessToken.toLatin1() + ";")) << cookie.constData();
    EXPECT_TRUE(cookie.contains("HttpOnly"));
    // With the cookie, the landing page says who is signed in.
    answer = http("GET", QUrl(origin() + QStringLiteral("/lightning/setup/SetupOneHome/home")),
        { { "Cookie", "sid=" + t.accessToken.toLatin1() } });
    EXPECT_EQ(answer.status, 200);
    EXPECT_TRUE(answer.header("Content-Type").startsWith("text/html"));
    EXPECT_TRUE(answer.body.contains(org.username().toUtf8()));
    // Without it (a fresh cookie jar), the login page.
    manager.setCookieJar(new QNetworkCookieJar);
    answer = get(QStringLiteral("/lightning/setup/SetupOneHome/home"));
    EXPECT_EQ(answer.status, 302);
    EXPECT_TRUE(answer.header("Location").startsWith("/?ec=302&startURL="));
    // A bad sid and a foreign retURL.
    EXPECT_TRUE(get(QStringLiteral("/secur/frontdoor.jsp?sid=bogus")).header("Location").startsWith("/?ec=302"));
    answer = http("GET", OrgClient::frontdoorUrl(QUrl(t.instanceUrl), t.accessToken, QStringLiteral("https://evil.example/")));
    EXPECT_EQ(answer.header("Location"), "/home/home.jsp");

    // The whole thing as a browser (and OrgClient) follows it: redirects, cookie jar.
    manager.setRedirectPolicy(QNetworkRequest::SameOriginRedirectPolicy);
    answer = http("GET", link);
    EXPECT_EQ(answer.status, 200);
    EXPECT_TRUE(answer.body.contains("Signed in as")) << answer.body.constData();
}

TEST_F(PracticeOrgApiTest, SingleAccessGivesAOneTimeFrontdoorLink)
{
    HttpAnswer answer = http("POST", QUrl(origin() + QStringLiteral("/services/oauth2/singleaccess")),
        { { "Authorization", "Bearer " + t.accessToken.toLatin1() } });
    ASSERT_EQ(answer.status, 200) << answer.body.constData();
    const QUrl link(answer.object().value(QStringLiteral("frontdoor_uri")).toString());
    EXPECT_TRUE(link.toString().startsWith(origin() + QStringLiteral("/secur/frontdoor.jsp?otp=")));
    answer = http("GET", link);
    EXPECT_EQ(answer.status, 302);
    EXPECT_TRUE(answer.header("Set-Cookie").startsWith("sid="));
    answer = http("GET", link); // single use
    EXPECT_TRUE(answer.header("Location").startsWith("/?ec=302"));
    EXPECT_EQ(
        http("POST", QUrl(origin() + QStringLiteral("/services/oauth2/singleaccess")), { { "Authorization", "Bearer nope" } })
            .status,
        403);
}

TEST_F(PracticeOrgApiTest, UnknownApiPathsAndMethods)
{
    EXPECT_EQ(get(QStringLiteral("/services/apexrest/whatever"), t.accessToken).body,
        restError(QStringLiteral("The requested resource does not exist"), "NOT_FOUND"));
    EXPECT_EQ(http("DELETE", QUrl(origin() + QStringLiteral("/services/data/v62.0/")), {}).status, 405);
    EXPECT_EQ(get(QStringLiteral("/")).status, 200); // the login page
}

TEST_F(PracticeOrgApiTest, SuccessPathEndToEnd)
{
    // What a user does in one sitting: token (SetUp) -> identity -> userinfo -> versions -> the
    // newest version's resources -> SOQL through OrgClient, then its frontdoor link in a "browser".
    ASSERT_EQ(run(client.identity()).response.status, 200);
    ASSERT_EQ(run(client.userInfo()).response.status, 200);
    const HttpExchangeRecord versions = run(client.versions());
    ASSERT_EQ(versions.response.status, 200);
    client.setApiVersion(OrgClient::latestApiVersion(versions.response.body));
    EXPECT_EQ(client.apiVersion(), QStringLiteral("66.0"));
    ASSERT_EQ(run(client.resources()).response.status, 200);
    const HttpExchangeRecord query
        = run(client.query(QStringLiteral("SELECT Id, Username FROM User WHERE Username = '%1'").arg(org.username())));
    ASSERT_EQ(query.response.status, 200) << query.raw().toStdString();
    EXPECT_EQ(object(query).value(QStringLiteral("records")).toArray().first().toObject().value(QStringLiteral("Id")).toString(),
        t.userId());
    const auto frontdoor = client.frontdoorUrl(QStringLiteral("/home/home.jsp"));
    ASSERT_TRUE(frontdoor.ok());
    // The link is for a browser, which keeps the sid cookie across the redirect (OrgClient sends
    // no cookies, so it would land on the login page, as on Salesforce).
    manager.setRedirectPolicy(QNetworkRequest::SameOriginRedirectPolicy);
    const HttpAnswer page = http("GET", frontdoor.value());
    EXPECT_EQ(page.status, 200);
    EXPECT_TRUE(page.body.contains("Signed in as")) << page.body.constData();
    EXPECT_GE(org.stats().requests, 8u);
}
