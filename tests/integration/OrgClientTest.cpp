// OrgClient over real loopback HTTP: the calls a user makes with a fresh token.
#include "integration/ScriptedHttpServer.h"

#include "flow/CurlCommand.h"
#include "flow/OrgClient.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QTimer>

#include <gtest/gtest.h>

#include <optional>

using namespace jwtflow;

namespace {

const QString kToken = QStringLiteral("00Dxx0000001gPL!AQ4AQFakeSessionIdForTests.x");

class OrgClientTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        manager.setProxy(QNetworkProxy::NoProxy);
        ASSERT_TRUE(server.listen());
        client.setToken(TokenResponse::fromSession(
            kToken, server.url().toString(), server.url(QStringLiteral("/id/00Dxx0000001gPLEAY/005xx000001SwiUAAS")).toString()));
        client.setApiVersion(QStringLiteral("v62"));
        client.setTimeout(3000);
    }

    HttpExchangeRecord run(const Result<int> &started)
    {
        EXPECT_TRUE(started.ok()) << (started.ok() ? std::string() : started.error().message.toStdString());
        if (!started.ok())
            return {};
        QEventLoop loop;
        std::optional<HttpExchangeRecord> record;
        const auto connection = QObject::connect(&client, &OrgClient::finished, &loop, [&](int id, const HttpExchangeRecord &r) {
            EXPECT_EQ(id, started.value());
            record = r;
            loop.quit();
        });
        QTimer::singleShot(3000, &loop, &QEventLoop::quit);
        if (!record)
            loop.exec();
        QObject::disconnect(connection);
        EXPECT_TRUE(record.has_value());
        return record.value_or(HttpExchangeRecord {});
    }

    QNetworkAccessManager manager;
    ScriptedHttpServer server;
    OrgClient client { &manager };
};

} // namespace

TEST_F(OrgClientTest, IdentityFollowsASameHostRedirectWithTheToken)
{
    server.setHandler([](const ScriptedHttpServer::Request &request) -> std::optional<QByteArray> {
        if (request.target.startsWith("/id/"))
            return ScriptedHttpServer::response(302, "Found", {}, {}, { { "Location", "/mydomain" + request.target } });
        return ScriptedHttpServer::json(
            200, R"({"user_id":"005xx000001SwiUAAS","organization_id":"00Dxx0000001gPLEAY","username":"ann@acme.com"})");
    });
    const HttpExchangeRecord record = run(client.identity());
    ASSERT_EQ(server.requests().size(), 2);
    EXPECT_EQ(server.requests().at(0).target, "/id/00Dxx0000001gPLEAY/005xx000001SwiUAAS?version=62.0");
    EXPECT_EQ(server.requests().at(1).target, "/mydomain/id/00Dxx0000001gPLEAY/005xx000001SwiUAAS?version=62.0");
    for (const auto &request : server.requests()) {
        EXPECT_EQ(request.method, "GET");
        EXPECT_EQ(request.header("Authorization"), "Bearer " + kToken.toUtf8());
        EXPECT_EQ(request.header("Accept"), "application/json");
    }
    EXPECT_EQ(record.response.status, 200);
    EXPECT_EQ(record.redirectsFollowed.size(), 1);
    const QString pretty = record.pretty();
    EXPECT_TRUE(pretty.contains(QStringLiteral("    \"username\": \"ann@acme.com\""))) << pretty.toStdString();
    EXPECT_TRUE(pretty.contains(QStringLiteral("Authorization: Bearer 00Dxx0000001gPL!****")));
    EXPECT_FALSE(pretty.contains(kToken));
    EXPECT_TRUE(record.raw().contains(kToken));
}

TEST_F(OrgClientTest, RedirectToAnotherHostIsNotFollowed)
{
    server.setHandler([](const ScriptedHttpServer::Request &) {
        return ScriptedHttpServer::response(302, "Found", {}, {}, { { "Location", "http://collector.example/steal" } });
    });
    const HttpExchangeRecord record = run(client.userInfo());
    EXPECT_EQ(server.requests().size(), 1);
    EXPECT_EQ(server.requests().constFirst().target, "/services/oauth2/userinfo");
    EXPECT_EQ(record.response.status, 302);
    EXPECT_TRUE(record.redirectsFollowed.isEmpty());
}

TEST_F(OrgClientTest, RestCallsGoToTheInstanceWithTheirPaths)
{
    server.setHandler([](const ScriptedHttpServer::Request &request) -> std::optional<QByteArray> {
        if (request.target == "/services/data")
            return ScriptedHttpServer::json(200,
                R"([{"label":"Winter '21","url":"/services/data/v50.0","version":"50.0"},{"label":"Spring '25","url":"/services/data/v63.0","version":"63.0"},{"label":"Summer '21","url":"/services/data/v52.0","version":"52.0"}])");
        return ScriptedHttpServer::json(200, R"({"sobjects":"/services/data/v62.0/sobjects"})");
    });
    HttpExchangeRecord record = run(client.versions());
    EXPECT_EQ(OrgClient::latestApiVersion(record.response.body), QStringLiteral("63.0"));
    record = run(client.resources());
    EXPECT_EQ(server.requests().last().target, "/services/data/v62.0");
    record = run(client.get(QStringLiteral("services/data/v62.0/limits")));
    EXPECT_EQ(server.requests().last().target, "/services/data/v62.0/limits");
    EXPECT_EQ(server.requests().size(), 3);
}

TEST_F(OrgClientTest, SoqlIsEncodedSoPlusAndQuotesSurvive)
{
    server.setHandler([](const ScriptedHttpServer::Request &) {
        return ScriptedHttpServer::json(200, R"({"totalSize":0,"done":true,"records":[]})");
    });
    const QString soql = QStringLiteral("SELECT Id, Name FROM Account WHERE Name = 'a+b & c/d' LIMIT 1");
    const HttpExchangeRecord record = run(client.query(soql));
    ASSERT_EQ(server.requests().size(), 1);
    const QByteArray target = server.requests().constFirst().target;
    EXPECT_EQ(target, "/services/data/v62.0/query?q=" + QUrl::toPercentEncoding(soql));
    EXPECT_TRUE(target.contains("a%2Bb%20%26%20c%2Fd"));
    QByteArray q = target.mid(target.indexOf("q=") + 2);
    q.replace('+', ' '); // what a server does with a bare '+'
    EXPECT_EQ(QString::fromUtf8(QByteArray::fromPercentEncoding(q)), soql);
    EXPECT_EQ(record.response.status, 200);

    const QString curl = CurlCommand::build(record.request);
    EXPECT_TRUE(curl.contains(QStringLiteral("a%2Bb%20%26%20c%2Fd"))) << curl.toStdString();
    EXPECT_TRUE(curl.contains(QStringLiteral("-H 'Authorization: Bearer 00Dxx0000001gPL!****'"))) << curl.toStdString();
}

TEST_F(OrgClientTest, ExpiredSessionIsAnAnsweredError)
{
    server.setHandler([](const ScriptedHttpServer::Request &) {
        return ScriptedHttpServer::json(401, R"([{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}])");
    });
    const HttpExchangeRecord record = run(client.resources());
    EXPECT_TRUE(record.answered());
    EXPECT_EQ(record.response.status, 401);
    EXPECT_TRUE(record.pretty().contains(QStringLiteral("\"errorCode\": \"INVALID_SESSION_ID\"")));
}

TEST_F(OrgClientTest, MissingTokenOrInstanceIsAnErrorBeforeSending)
{
    OrgClient empty(&manager);
    EXPECT_EQ(empty.versions().error().code, QStringLiteral("org.no-instance"));
    empty.setToken(TokenResponse::fromSession({}, server.url().toString()));
    EXPECT_EQ(empty.versions().error().code, QStringLiteral("org.no-token"));
    EXPECT_EQ(empty.identity().error().code, QStringLiteral("org.no-identity-url"));
    EXPECT_EQ(client.query(QStringLiteral("  ")).error().code, QStringLiteral("org.query.empty"));
    EXPECT_TRUE(server.requests().isEmpty());
}
