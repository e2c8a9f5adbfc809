// TokenExchange over real loopback HTTP: what goes on the wire, and every way an answer can end.
#include "integration/ScriptedHttpServer.h"
#include "support/ClosedPort.h"

#include "core/Clock.h"
#include "crypto/KeyGenerator.h"
#include "flow/Diagnosis.h"
#include "flow/FormBody.h"
#include "flow/TokenExchange.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QSslKey>
#include <QTimer>

#include <gtest/gtest.h>

#include <algorithm>

#include <optional>

using namespace jwtflow;

namespace {

// base64url never has '+', '/' or '=', but a pasted or hand-edited assertion can: they must arrive intact.
const QString kAssertion = QStringLiteral("eyJhbGciOiJSUzI1NiJ9."
                                          "eyJpc3MiOiIzTVZHOWV4YW1wbGUiLCJzdWIiOiJhbm5AYWNtZS5jb20iLCJhdWQiOiJodHRwczovL2xvZ2luLn"
                                          "NhbGVzZm9yY2UuY29tIiwiZXhwIjoxNzAwMDAwMDAwfQ.c2ln+YXR1/cmU=");
const QByteArray kAccessToken
    = "00Dxx0000001gPL!AR8AQJXg5oj8jXSgxJfA0lBog.39AsX.LVpxezPwuX5VAIrrbbHMuol7GQxnMeYMN7cj8EoWr78nt1u44zU31IbYNNJguseu";
const QByteArray kSuccess = "{\"access_token\":\"" + kAccessToken
    + "\",\"scope\":\"web openid api id\",\"instance_url\":\"https://yourInstance.salesforce.com\","
      "\"id\":\"https://login.salesforce.com/id/00Dxx0000001gPLEAY/005xx000001SwiUAAS\",\"token_type\":\"Bearer\","
      "\"issued_at\":\"1700000000000\",\"signature\":\"abc=\",\"sfdc_community_id\":\"0DBxx\"}";

class TokenExchangeTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        manager.setProxy(QNetworkProxy::NoProxy); // loopback only, whatever the environment says
        ASSERT_TRUE(server.listen());
    }

    ExchangeResult run(const std::function<Result<void>()> &start, TokenExchange &exchange, int limitMs = 3000)
    {
        QEventLoop loop;
        std::optional<ExchangeResult> result;
        const auto connection = QObject::connect(&exchange, &TokenExchange::finished, &loop, [&](const ExchangeResult &r) {
            result = r;
            loop.quit();
        });
        QTimer::singleShot(limitMs, &loop, &QEventLoop::quit);
        const Result<void> started = start();
        EXPECT_TRUE(started.ok()) << started.error().message.toStdString();
        if (started.ok() && !result)
            loop.exec();
        QObject::disconnect(connection);
        EXPECT_TRUE(result.has_value()) << "no finished() within " << limitMs << " ms";
        return result.value_or(ExchangeResult {});
    }

    ExchangeResult exchange(int timeoutMs = 3000)
    {
        TokenExchange exchange(&manager);
        exchange.setTimeout(timeoutMs);
        return run([&] { return exchange.exchange(server.url().toString(), kAssertion); }, exchange);
    }

    QNetworkAccessManager manager;
    ScriptedHttpServer server;
};

} // namespace

TEST_F(TokenExchangeTest, PostsTheFormAndParsesTheToken)
{
    server.setHandler([](const ScriptedHttpServer::Request &) { return ScriptedHttpServer::json(200, kSuccess); });
    const ExchangeResult result = exchange();

    ASSERT_EQ(server.requests().size(), 1);
    const auto &request = server.requests().constFirst();
    EXPECT_EQ(request.method, "POST");
    EXPECT_EQ(request.target, "/services/oauth2/token");
    EXPECT_EQ(request.version, "HTTP/1.1");
    EXPECT_EQ(request.header("Content-Type"), "application/x-www-form-urlencoded");
    EXPECT_EQ(request.header("Accept"), "application/json");
    EXPECT_TRUE(request.header("Cookie").isEmpty());
    EXPECT_EQ(request.body,
        "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=" + QUrl::toPercentEncoding(kAssertion));
    EXPECT_TRUE(request.body.contains("c2ln%2BYXR1%2FcmU%3D"));
    const auto fields = FormBody::decode(request.body); // as a server reads it: '+' would have become a space
    EXPECT_EQ(FormBody::value(fields, QStringLiteral("assertion")), kAssertion);

    ASSERT_TRUE(result.ok()) << result.summary().toStdString();
    EXPECT_EQ(result.status(), 200);
    EXPECT_EQ(result.token.accessToken, QString::fromLatin1(kAccessToken));
    EXPECT_EQ(result.token.scope, QStringLiteral("web openid api id"));
    EXPECT_EQ(result.token.instanceUrl, QStringLiteral("https://yourInstance.salesforce.com"));
    EXPECT_EQ(result.token.tokenType, QStringLiteral("Bearer"));
    EXPECT_EQ(result.token.issuedAt, QStringLiteral("1700000000000"));
    EXPECT_EQ(result.token.signature, QStringLiteral("abc="));
    EXPECT_EQ(result.token.orgId(), QStringLiteral("00Dxx0000001gPLEAY"));
    EXPECT_EQ(result.token.otherFields().value(QStringLiteral("sfdc_community_id")).toString(), QStringLiteral("0DBxx"));
    EXPECT_GE(result.elapsedMs(), 0);
    EXPECT_LT(result.elapsedMs(), 1000);

    const QString masked = result.record.masked();
    EXPECT_TRUE(masked.startsWith(QStringLiteral("POST /services/oauth2/token HTTP/1.1\nHost: 127.0.0.1:")))
        << masked.toStdString();
    EXPECT_FALSE(masked.contains(QString::fromLatin1(kAccessToken.mid(16))));
    EXPECT_TRUE(masked.contains(QStringLiteral("00Dxx0000001gPL!****")));
    EXPECT_FALSE(masked.contains(QStringLiteral("c2ln%2BYXR1%2FcmU%3D")));
    EXPECT_TRUE(result.record.raw().contains(QString::fromLatin1(kAccessToken)));
    EXPECT_EQ(Diagnosis::diagnose(result, {}).code, QStringLiteral("ok"));
}

TEST_F(TokenExchangeTest, EverySalesforceErrorIsParsedAndDiagnosed)
{
    struct Row {
        const char *code;
        const char *body;
    };
    const Row rows[] = {
        { "E1", R"({"error":"invalid_grant","error_description":"user hasn't approved this consumer"})" },
        { "E2", R"({"error":"invalid_grant","error_description":"invalid assertion"})" },
        { "E3", R"({"error_description":"audience is invalid","error":"invalid_grant"})" },
        { "E4", R"({"error":"invalid_grant","error_description":"expired authorization code"})" },
        { "E5", R"({"error":"invalid_client_id","error_description":"client identifier invalid"})" },
        { "E6", R"({"error":"app_not_found","error_description":"External client app is not installed in this org"})" },
        { "E7", R"({"error":"invalid_app_access","error_description":"user is not admin approved to access this app"})" },
        { "E8",
            R"({"error":"invalid_request","error_description":"refresh_token scope is required and the connected app should be installed and preauthorized."})" },
        { "E9", R"({"error":"unsupported_grant_type","error_description":"grant type not supported"})" },
        { "E10", R"({"error":"invalid_grant","error_description":"IP restricted or invalid login hours"})" },
        { "E11", R"({"error":"invalid_grant","error_description":"inactive user"})" },
        { "E12", R"({"error":"inactive_org","error_description":"org is locked"})" },
        { "E13", R"({"error":"rate_limit_exceeded","error_description":"too many requests"})" },
        { "E14", R"({"error":"invalid_grant","error_description":"user is locked"})" },
        { "E15", R"({"error":"invalid_request","error_description":"grant type is missing"})" },
    };
    QByteArray body;
    server.setHandler([&body](const ScriptedHttpServer::Request &) { return ScriptedHttpServer::json(400, body); });
    for (const Row &row : rows) {
        body = row.body;
        const ExchangeResult result = exchange();
        ASSERT_EQ(result.outcome, ExchangeResult::Outcome::OAuthError) << row.code << ' ' << result.summary().toStdString();
        EXPECT_EQ(result.status(), 400);
        const QJsonObject json = QJsonDocument::fromJson(body).object();
        EXPECT_EQ(result.error, json.value(QStringLiteral("error")).toString());
        EXPECT_EQ(result.errorDescription, json.value(QStringLiteral("error_description")).toString());
        const Diagnosis diagnosis
            = Diagnosis::diagnose(result, DiagnosisContext::fromAssertion(server.url(), kAssertion, FixedClock(1700000000)));
        EXPECT_EQ(diagnosis.code, QString::fromLatin1(row.code)) << row.body;
        EXPECT_FALSE(diagnosis.causes.isEmpty());
    }
    EXPECT_EQ(server.requests().size(), 15);
}

TEST_F(TokenExchangeTest, HtmlErrorPageIsRecognisedWithItsTitle)
{
    server.setHandler([](const ScriptedHttpServer::Request &) {
        return ScriptedHttpServer::response(500, "Server Error", "text/html; charset=UTF-8",
            "<!DOCTYPE html>\n<html><head><TITLE>Service Unavailable &amp; Maintenance</TITLE></head>"
            "<body>down</body></html>");
    });
    const ExchangeResult result = exchange();
    EXPECT_EQ(result.outcome, ExchangeResult::Outcome::HtmlBody);
    EXPECT_EQ(result.status(), 500);
    EXPECT_EQ(result.htmlTitle, QStringLiteral("Service Unavailable & Maintenance"));
    EXPECT_TRUE(result.summary().contains(QStringLiteral("HTML"))) << result.summary().toStdString();
    const Diagnosis diagnosis = Diagnosis::diagnose(result, {});
    EXPECT_EQ(diagnosis.code, QStringLiteral("http.html"));
    EXPECT_EQ(diagnosis.causes.constFirst().id, QStringLiteral("server.outage"));
}

TEST_F(TokenExchangeTest, EmptyBodyAndJsonWithoutTokenAreNamed)
{
    QByteArray answer = ScriptedHttpServer::response(200, "OK", "application/json", {});
    server.setHandler([&answer](const ScriptedHttpServer::Request &) { return answer; });
    ExchangeResult result = exchange();
    EXPECT_EQ(result.outcome, ExchangeResult::Outcome::EmptyBody);
    EXPECT_EQ(Diagnosis::diagnose(result, {}).code, QStringLiteral("http.empty"));

    answer = ScriptedHttpServer::json(200, R"({"token_type":"Bearer"})");
    result = exchange();
    EXPECT_EQ(result.outcome, ExchangeResult::Outcome::UnexpectedJson);

    answer = ScriptedHttpServer::json(404, R"([{"errorCode":"NOT_FOUND","message":"The requested resource does not exist"}])");
    result = exchange();
    EXPECT_EQ(result.outcome, ExchangeResult::Outcome::UnexpectedJson);
    EXPECT_EQ(result.error, QStringLiteral("NOT_FOUND"));
}

TEST_F(TokenExchangeTest, RedirectIsReportedAndNotFollowed)
{
    server.setHandler([](const ScriptedHttpServer::Request &request) -> std::optional<QByteArray> {
        if (request.target != "/services/oauth2/token")
            return ScriptedHttpServer::json(500, R"({"error":"followed"})");
        return ScriptedHttpServer::response(
            302, "Found", "text/html", "<html></html>", { { "Location", "/elsewhere/services/oauth2/token" } });
    });
    const ExchangeResult result = exchange();
    EXPECT_EQ(result.outcome, ExchangeResult::Outcome::Redirect);
    EXPECT_EQ(result.status(), 302);
    EXPECT_EQ(result.location, QStringLiteral("/elsewhere/services/oauth2/token"));
    EXPECT_EQ(server.requests().size(), 1); // the assertion went nowhere else
    const Diagnosis diagnosis = Diagnosis::diagnose(result, {});
    EXPECT_EQ(diagnosis.code, QStringLiteral("http.redirect"));
    EXPECT_EQ(diagnosis.implicated(), QStringLiteral("host"));
    EXPECT_TRUE(diagnosis.text().contains(QStringLiteral("/elsewhere/"))) << diagnosis.text().toStdString();
}

TEST_F(TokenExchangeTest, ServerThatNeverAnswersTimesOut)
{
    server.setHandler([](const ScriptedHttpServer::Request &) { return std::nullopt; });
    const ExchangeResult result = exchange(300);
    ASSERT_EQ(result.outcome, ExchangeResult::Outcome::TransportError);
    EXPECT_EQ(result.transport(), HttpExchangeRecord::Transport::Timeout);
    EXPECT_GE(result.elapsedMs(), 250);
    EXPECT_LT(result.elapsedMs(), 900);
    EXPECT_TRUE(result.record.transportMessage.contains(QStringLiteral("300 ms")));
    EXPECT_EQ(server.requests().size(), 1); // it did arrive: the server just said nothing
    const Diagnosis diagnosis = Diagnosis::diagnose(result, {});
    EXPECT_EQ(diagnosis.code, QStringLiteral("transport.timeout"));
    // The request went out and nothing came back: a server that never answers comes first; the
    // short timeout is still listed, as a hint.
    EXPECT_EQ(diagnosis.causes.constFirst().id, QStringLiteral("server.no-answer"));
    EXPECT_TRUE(std::any_of(diagnosis.causes.cbegin(), diagnosis.causes.cend(),
        [](const auto &c) { return c.id == QStringLiteral("timeout.short"); }));
}

TEST_F(TokenExchangeTest, ClosedPortIsConnectionRefused)
{
    TokenExchange exchange(&manager);
    const QString host = QStringLiteral("http://127.0.0.1:%1").arg(test::closedLoopbackPort());
    const ExchangeResult result = run([&] { return exchange.exchange(host, kAssertion); }, exchange);
    EXPECT_EQ(result.transport(), HttpExchangeRecord::Transport::ConnectionRefused);
    EXPECT_EQ(Diagnosis::diagnose(result, {}).causes.constFirst().id, QStringLiteral("host.port"));
}

TEST_F(TokenExchangeTest, ClosedWithoutAnswerIsConnectionClosed)
{
    server.setHandler([](const ScriptedHttpServer::Request &) { return QByteArray(); });
    const ExchangeResult result = exchange();
    EXPECT_EQ(result.transport(), HttpExchangeRecord::Transport::ConnectionClosed);
}

TEST_F(TokenExchangeTest, UnreachableProxyIsAProxyError)
{
    manager.setProxy(QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), test::closedLoopbackPort()));
    const ExchangeResult result = exchange();
    EXPECT_EQ(result.transport(), HttpExchangeRecord::Transport::Proxy) << result.summary().toStdString();
    EXPECT_TRUE(server.requests().isEmpty());
    EXPECT_EQ(Diagnosis::diagnose(result, {}).implicated(), QStringLiteral("proxy"));
}

TEST_F(TokenExchangeTest, CancelEndsWithCancelledAndASecondSendWaits)
{
    server.setHandler([](const ScriptedHttpServer::Request &) { return std::nullopt; });
    TokenExchange exchange(&manager);
    exchange.setTimeout(5000);
    const ExchangeResult result = run(
        [&] {
            const auto started = exchange.exchange(server.url().toString(), kAssertion);
            EXPECT_TRUE(exchange.isRunning());
            const auto second = exchange.exchange(server.url().toString(), kAssertion);
            EXPECT_EQ(second.error().code, QStringLiteral("exchange.busy"));
            QTimer::singleShot(50, &exchange, [&exchange] { exchange.cancel(); });
            return started;
        },
        exchange);
    EXPECT_EQ(result.transport(), HttpExchangeRecord::Transport::Cancelled);
    EXPECT_LT(result.elapsedMs(), 1000);
    EXPECT_FALSE(exchange.isRunning());
    EXPECT_EQ(Diagnosis::diagnose(result, {}).code, QStringLiteral("transport.cancelled"));
}

TEST_F(TokenExchangeTest, OversizedAnswerIsCutOff)
{
    server.setHandler([](const ScriptedHttpServer::Request &) {
        return ScriptedHttpServer::response(200, "OK", "application/json", QByteArray(2 * 1024 * 1024, 'x'));
    });
    const ExchangeResult result = exchange();
    EXPECT_EQ(result.transport(), HttpExchangeRecord::Transport::ResponseTooLarge);
    EXPECT_TRUE(result.record.response.body.isEmpty());
}

TEST_F(TokenExchangeTest, EntraModePostsClientCredentialsAndDiagnosesAadsts)
{
    server.setHandler([](const ScriptedHttpServer::Request &) {
        return ScriptedHttpServer::json(401,
            R"({"error":"invalid_client","error_description":"AADSTS700027: Client assertion contains an invalid signature. [Reason - The key was not found.]\r\nTrace ID: x","error_codes":[700027],"error_uri":"https://login.microsoftonline.com/error?code=700027"})");
    });
    // A well-formed assertion this time: the diagnosis reads its header (which has no x5t).
    const QString assertion = kAssertion.section(QLatin1Char('.'), 0, 1) + QStringLiteral(".c2lnbmF0dXJl");
    TokenExchange exchange(&manager);
    const QString tokenUrl = server.url(QStringLiteral("/tenant-guid/oauth2/v2.0/token")).toString();
    const ExchangeResult result = run(
        [&] {
            return exchange.exchangeEntra(tokenUrl, QStringLiteral("11111111-2222-3333-4444-555555555555"), assertion,
                QStringLiteral("https://graph.microsoft.com/.default"));
        },
        exchange);
    ASSERT_EQ(server.requests().size(), 1);
    const auto &request = server.requests().constFirst();
    EXPECT_EQ(request.target, "/tenant-guid/oauth2/v2.0/token");
    const auto form = FormBody::decode(request.body);
    EXPECT_EQ(FormBody::value(form, QStringLiteral("grant_type")), QStringLiteral("client_credentials"));
    EXPECT_EQ(FormBody::value(form, QStringLiteral("client_id")), QStringLiteral("11111111-2222-3333-4444-555555555555"));
    EXPECT_EQ(FormBody::value(form, QStringLiteral("client_assertion_type")),
        QStringLiteral("urn:ietf:params:oauth:client-assertion-type:jwt-bearer"));
    EXPECT_EQ(FormBody::value(form, QStringLiteral("client_assertion")), assertion);
    EXPECT_EQ(FormBody::value(form, QStringLiteral("scope")), QStringLiteral("https://graph.microsoft.com/.default"));
    EXPECT_TRUE(request.body.contains("scope=https%3A%2F%2Fgraph.microsoft.com%2F.default"));

    EXPECT_EQ(result.mode, ExchangeResult::Mode::EntraClientCredentials);
    EXPECT_EQ(result.outcome, ExchangeResult::Outcome::OAuthError);
    EXPECT_EQ(result.errorCodes, QList<qint64> { 700027 });
    EXPECT_FALSE(result.record.masked().contains(QStringLiteral("c2lnbmF0dXJl")));
    const Diagnosis diagnosis
        = Diagnosis::diagnose(result, DiagnosisContext::fromAssertion(QUrl(tokenUrl), assertion, FixedClock(0)));
    EXPECT_EQ(diagnosis.code, QStringLiteral("AADSTS700027"));
    EXPECT_EQ(diagnosis.causes.constFirst().id, QStringLiteral("x5t.wrong")); // the header has no x5t
}

TEST_F(TokenExchangeTest, UntrustedCertificateIsReportedAndTrustedOnlyByItsDigest)
{
    const auto key = KeyGenerator::generateRsa(2048);
    if (!key)
        GTEST_SKIP() << "no RSA key generation: " << key.error().message.toStdString();
    const auto certificate = KeyGenerator::selfSignedCertificate(*key, QStringLiteral("127.0.0.1"), 30);
    ASSERT_TRUE(certificate.ok());
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    const QSslCertificate qtCertificate(certificate->toPem());
    tls.setLocalCertificate(qtCertificate);
    tls.setPrivateKey(QSslKey(key->toPkcs8Pem(), QSsl::Rsa));
    ScriptedHttpServer tlsServer;
    ASSERT_TRUE(tlsServer.listen(tls));
    tlsServer.setHandler([](const ScriptedHttpServer::Request &) { return ScriptedHttpServer::json(200, kSuccess); });

    TokenExchange exchange(&manager);
    ExchangeResult result = run([&] { return exchange.exchange(tlsServer.url().toString(), kAssertion); }, exchange);
    ASSERT_EQ(result.transport(), HttpExchangeRecord::Transport::Tls) << result.summary().toStdString();
    ASSERT_FALSE(result.record.tlsErrors.isEmpty());
    const QString words = result.record.tlsErrors.join(QLatin1Char('\n'));
    EXPECT_TRUE(words.contains(QStringLiteral("127.0.0.1: "))) << words.toStdString();
    EXPECT_TRUE(words.contains(QStringLiteral("issued by CN=127.0.0.1"))) << words.toStdString();
    EXPECT_TRUE(words.contains(QString::fromLatin1(TlsTrust::sha256Digest(qtCertificate)))) << words.toStdString();
    EXPECT_TRUE(tlsServer.requests().isEmpty()); // nothing was sent over the untrusted connection
    EXPECT_EQ(Diagnosis::diagnose(result, {}).causes.constFirst().id, QStringLiteral("tls.self-signed"));

    TlsTrust wrongPin;
    wrongPin.trustCertificate(QStringLiteral("127.0.0.1"), QByteArray(64, 'a'));
    exchange.setTlsTrust(wrongPin);
    result = run([&] { return exchange.exchange(tlsServer.url().toString(), kAssertion); }, exchange);
    EXPECT_EQ(result.transport(), HttpExchangeRecord::Transport::Tls);

    TlsTrust pinned;
    pinned.trustCertificate(QStringLiteral("127.0.0.1"), TlsTrust::sha256Digest(qtCertificate));
    exchange.setTlsTrust(pinned);
    result = run([&] { return exchange.exchange(tlsServer.url().toString(), kAssertion); }, exchange);
    EXPECT_TRUE(result.ok()) << result.summary().toStdString();
    EXPECT_TRUE(result.record.tlsErrorsIgnored);
    EXPECT_TRUE(result.record.masked().contains(QStringLiteral("TLS error ignored")));
}
