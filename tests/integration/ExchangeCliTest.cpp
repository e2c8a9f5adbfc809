// jwtflow-cli exchange and call as scripts use them: real processes against a loopback server
// that runs in this test's event loop.
#include "integration/ScriptedHttpServer.h"

#include "core/Clock.h"
#include "crypto/KeyGenerator.h"
#include "flow/FormBody.h"
#include "token/Jwt.h"

#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>

#include "support/CliProcess.h"
#include "support/ClosedPort.h"

#include <gtest/gtest.h>

using namespace jwtflow;

namespace {

using CliRun = testsupport::ProcessRun;

CliRun cli(const QStringList &arguments, const QByteArray &input = {})
{
    return testsupport::runCli(arguments, input, 15000);
}

const QString kAssertion = QStringLiteral("eyJhbGciOiJSUzI1NiJ9."
                                          "eyJpc3MiOiIzTVZHOWV4YW1wbGUiLCJzdWIiOiJhbm5AYWNtZS5jb20iLCJhdWQiOiJodHRwczovL3Rlc3Quc2"
                                          "FsZXNmb3JjZS5jb20iLCJleHAiOjQxMDI0NDQ4MDB9.c2lnbmF0dXJl");
const QByteArray kAccessToken = "00Dxx0000001gPL!AR8AQJXg5oj8jXSgxJfA0lBog.39AsX";

QByteArray successBody(const QUrl &origin)
{
    return "{\"access_token\":\"" + kAccessToken + "\",\"scope\":\"api\",\"instance_url\":\"" + origin.toEncoded()
        + "\",\"id\":\"" + origin.toEncoded() + "/id/00Dxx0000001gPLEAY/005xx000001SwiUAAS\",\"token_type\":\"Bearer\"}";
}

class ExchangeCliTest : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(server.listen()); }
    ScriptedHttpServer server;
};

} // namespace

TEST_F(ExchangeCliTest, ReadyAssertionFromStandardInputGetsAMaskedToken)
{
    const QByteArray body = successBody(server.url());
    server.setHandler([&body](const ScriptedHttpServer::Request &) { return ScriptedHttpServer::json(200, body); });
    const CliRun r = cli({ QStringLiteral("exchange"), QStringLiteral("--assertion"), QStringLiteral("-"),
                             QStringLiteral("--host"), server.url().toString() },
        kAssertion.toUtf8() + '\n');
    EXPECT_EQ(r.exitCode, 0) << r.out.toStdString() << r.err.toStdString();
    ASSERT_EQ(server.requests().size(), 1);
    EXPECT_EQ(FormBody::value(FormBody::decode(server.requests().constFirst().body), QStringLiteral("assertion")), kAssertion);
    EXPECT_TRUE(r.out.contains(QStringLiteral("Access token issued."))) << r.out.toStdString();
    EXPECT_TRUE(r.out.contains(QStringLiteral("access_token: 00Dxx0000001gPL!****"))) << r.out.toStdString();
    EXPECT_FALSE(r.out.contains(QString::fromLatin1(kAccessToken)));

    const CliRun shown = cli({ QStringLiteral("exchange"), QStringLiteral("--assertion"), kAssertion, QStringLiteral("--host"),
        server.url().toString(), QStringLiteral("--show-secrets"), QStringLiteral("--json") });
    EXPECT_EQ(shown.exitCode, 0);
    const QJsonObject json = QJsonDocument::fromJson(shown.out.toUtf8()).object();
    EXPECT_TRUE(json.value(QStringLiteral("ok")).toBool());
    EXPECT_EQ(json.value(QStringLiteral("token")).toObject().value(QStringLiteral("access_token")).toString(),
        QString::fromLatin1(kAccessToken));
}

TEST_F(ExchangeCliTest, RefusalPrintsTheRankedDiagnosisAndExitsFour)
{
    server.setHandler([](const ScriptedHttpServer::Request &) {
        return ScriptedHttpServer::json(400, R"({"error":"invalid_grant","error_description":"audience is invalid"})");
    });
    // The assertion's aud is test.salesforce.com; production was chosen: the first cause must say so.
    const CliRun r = cli({ QStringLiteral("exchange"), QStringLiteral("--assertion"), kAssertion, QStringLiteral("--host"),
        server.url().toString(), QStringLiteral("--env"), QStringLiteral("production") });
    EXPECT_EQ(r.exitCode, 4) << r.out.toStdString() << r.err.toStdString();
    EXPECT_TRUE(r.out.contains(QStringLiteral("invalid_grant — audience is invalid")));
    EXPECT_TRUE(r.out.contains(QStringLiteral("Diagnosis (E3)")));
    EXPECT_TRUE(r.out.contains(QStringLiteral("  1. [aud] A sandbox audience sent to production"))) << r.out.toStdString();
    EXPECT_TRUE(r.out.contains(QStringLiteral("[ ] "))) << r.out.toStdString();

    const CliRun json = cli({ QStringLiteral("exchange"), QStringLiteral("--assertion"), kAssertion, QStringLiteral("--host"),
        server.url().toString(), QStringLiteral("--env"), QStringLiteral("production"), QStringLiteral("--json") });
    EXPECT_EQ(json.exitCode, 4);
    const QJsonObject object = QJsonDocument::fromJson(json.out.toUtf8()).object();
    EXPECT_EQ(object.value(QStringLiteral("outcome")).toString(), QStringLiteral("oauth-error"));
    const QJsonObject diagnosis = object.value(QStringLiteral("diagnosis")).toObject();
    EXPECT_EQ(diagnosis.value(QStringLiteral("code")).toString(), QStringLiteral("E3"));
    EXPECT_EQ(diagnosis.value(QStringLiteral("causes")).toArray().first().toObject().value(QStringLiteral("id")).toString(),
        QStringLiteral("aud.sandbox-against-production"));
    EXPECT_FALSE(json.out.contains(QStringLiteral("c2lnbmF0dXJl"))); // the signature stays masked in --json too
}

TEST_F(ExchangeCliTest, TransportFailureExitsFiveAndBadInputTwo)
{
    const QString closed = QStringLiteral("http://127.0.0.1:%1").arg(test::closedLoopbackPort());
    const CliRun refused
        = cli({ QStringLiteral("exchange"), QStringLiteral("--assertion"), kAssertion, QStringLiteral("--host"), closed });
    EXPECT_EQ(refused.exitCode, 5) << refused.out.toStdString();
    EXPECT_TRUE(refused.out.contains(QStringLiteral("transport.connection-refused")));

    server.setHandler([](const ScriptedHttpServer::Request &) { return std::nullopt; });
    const CliRun timeout = cli({ QStringLiteral("exchange"), QStringLiteral("--assertion"), kAssertion, QStringLiteral("--host"),
        server.url().toString(), QStringLiteral("--timeout"), QStringLiteral("300") });
    EXPECT_EQ(timeout.exitCode, 5);
    EXPECT_TRUE(timeout.out.contains(QStringLiteral("transport.timeout")));

    EXPECT_EQ(cli({ QStringLiteral("exchange"), QStringLiteral("--assertion"), kAssertion }).exitCode, 2); // nowhere to send
    EXPECT_EQ(cli({ QStringLiteral("exchange"), QStringLiteral("--host"), closed }).exitCode, 2); // nothing to send
    EXPECT_EQ(cli({ QStringLiteral("exchange"), QStringLiteral("--assertion"), kAssertion, QStringLiteral("--host"), closed,
                      QStringLiteral("--timeout"), QStringLiteral("soon") })
                  .exitCode,
        2);
    EXPECT_EQ(cli({ QStringLiteral("call"), QStringLiteral("versions") }).exitCode, 2); // no token
}

TEST_F(ExchangeCliTest, KeyFileModeSignsAFreshAssertionForTheChosenOrg)
{
    const auto key = KeyGenerator::generateRsa(2048);
    if (!key)
        GTEST_SKIP() << key.error().message.toStdString();
    const auto certificate = KeyGenerator::selfSignedCertificate(*key, QStringLiteral("jwtflow test"), 30);
    ASSERT_TRUE(certificate.ok());
    QTemporaryDir dir;
    QFile keyFile(dir.filePath(QStringLiteral("server.key")));
    ASSERT_TRUE(keyFile.open(QIODevice::WriteOnly));
    keyFile.write(key->toPkcs8Pem());
    keyFile.close();
    QFile certFile(dir.filePath(QStringLiteral("server.crt")));
    ASSERT_TRUE(certFile.open(QIODevice::WriteOnly));
    certFile.write(certificate->toPem());
    certFile.close();

    const QByteArray body = successBody(server.url());
    server.setHandler([&body](const ScriptedHttpServer::Request &) { return ScriptedHttpServer::json(200, body); });
    const CliRun r = cli({ QStringLiteral("exchange"), QStringLiteral("--key"), keyFile.fileName(), QStringLiteral("--cert"),
        certFile.fileName(), QStringLiteral("--client-id"), QStringLiteral("3MVG9example"), QStringLiteral("--username"),
        QStringLiteral("ann@acme.com"), QStringLiteral("--env"), server.url().toString() });
    EXPECT_EQ(r.exitCode, 0) << r.out.toStdString() << r.err.toStdString();
    ASSERT_EQ(server.requests().size(), 1);
    const auto jwt
        = Jwt::parse(FormBody::value(FormBody::decode(server.requests().constFirst().body), QStringLiteral("assertion")));
    ASSERT_TRUE(jwt.ok());
    EXPECT_EQ(jwt->alg(), QStringLiteral("RS256"));
    EXPECT_EQ(jwt->claims().value(QStringLiteral("iss")).toString(), QStringLiteral("3MVG9example"));
    EXPECT_EQ(jwt->claims().value(QStringLiteral("sub")).toString(), QStringLiteral("ann@acme.com"));
    EXPECT_EQ(jwt->claims().value(QStringLiteral("aud")).toString(), server.url().toString());
    EXPECT_EQ(jwt->signature().size(), 256);
}

// `exchange --cert` warns as `sign` does: a certificate that expired, and one that is not the key's
// (Salesforce would answer "invalid assertion"); the exchange itself still goes ahead.
TEST_F(ExchangeCliTest, KeyFileModeWarnsOfAnExpiredOrForeignCertificate)
{
    const auto key = KeyGenerator::generateRsa(2048);
    const auto other = KeyGenerator::generateRsa(2048);
    if (!key || !other)
        GTEST_SKIP() << "no RSA key generation here";
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const FixedClock tenDaysAgo(now - 10 * 86400);
    const auto expired = KeyGenerator::selfSignedCertificate(*key, QStringLiteral("jwtflow expired"), 2, tenDaysAgo);
    const auto foreign = KeyGenerator::selfSignedCertificate(*other, QStringLiteral("jwtflow other"), 30);
    ASSERT_TRUE(expired.ok());
    ASSERT_TRUE(foreign.ok());
    QTemporaryDir dir;
    const auto write = [&dir](const char *name, const QByteArray &bytes) {
        QFile file(dir.filePath(QString::fromLatin1(name)));
        EXPECT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(bytes);
        return file.fileName();
    };
    const QString keyPath = write("server.key", key->toPkcs8Pem());
    const QString expiredPath = write("expired.crt", expired->toPem());
    const QString foreignPath = write("foreign.crt", foreign->toPem());
    const QByteArray body = successBody(server.url());
    server.setHandler([&body](const ScriptedHttpServer::Request &) { return ScriptedHttpServer::json(200, body); });
    const auto run = [&](const QString &certPath) {
        return cli({ QStringLiteral("exchange"), QStringLiteral("--key"), keyPath, QStringLiteral("--cert"), certPath,
            QStringLiteral("--client-id"), QStringLiteral("3MVG9example"), QStringLiteral("--username"),
            QStringLiteral("ann@acme.com"), QStringLiteral("--env"), server.url().toString() });
    };
    const CliRun old = run(expiredPath);
    EXPECT_EQ(old.exitCode, 0) << old.err.toStdString();
    EXPECT_TRUE(old.err.contains(QStringLiteral("warning: The certificate from"))) << old.err.toStdString();
    EXPECT_TRUE(old.err.contains(QStringLiteral("expired on"))) << old.err.toStdString();
    const CliRun mismatched = run(foreignPath);
    EXPECT_EQ(mismatched.exitCode, 0) << mismatched.err.toStdString();
    EXPECT_TRUE(mismatched.err.contains(QStringLiteral("does not belong to the private key"))) << mismatched.err.toStdString();
    EXPECT_FALSE(mismatched.err.contains(QStringLiteral("expired on"))) << mismatched.err.toStdString();
    EXPECT_EQ(server.requests().size(), 2);
}

TEST_F(ExchangeCliTest, CallPrintsThePrettyAnswerAndExitsByStatus)
{
    server.setHandler([](const ScriptedHttpServer::Request &request) -> std::optional<QByteArray> {
        if (request.header("Authorization") != "Bearer " + kAccessToken)
            return ScriptedHttpServer::json(
                401, R"([{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}])");
        return ScriptedHttpServer::json(200, R"({"totalSize":1,"done":true,"records":[{"Name":"Acme"}]})");
    });
    const CliRun ok = cli({ QStringLiteral("call"), QStringLiteral("query"), QStringLiteral("--soql"),
        QStringLiteral("SELECT Name FROM Organization"), QStringLiteral("--token"), QString::fromLatin1(kAccessToken),
        QStringLiteral("--instance"), server.url().toString() });
    EXPECT_EQ(ok.exitCode, 0) << ok.out.toStdString() << ok.err.toStdString();
    EXPECT_EQ(server.requests().constFirst().target, "/services/data/v62.0/query?q=SELECT%20Name%20FROM%20Organization");
    EXPECT_TRUE(ok.out.contains(QStringLiteral("HTTP 200"))) << ok.out.toStdString();
    EXPECT_TRUE(ok.out.contains(QStringLiteral("\"Name\": \"Acme\""))) << ok.out.toStdString();
    EXPECT_FALSE(ok.out.contains(QString::fromLatin1(kAccessToken)));

    const CliRun refused = cli({ QStringLiteral("call"), QStringLiteral("/services/data/v62.0/limits"), QStringLiteral("--token"),
        QStringLiteral("00Dxx0000001gPL!wrong"), QStringLiteral("--instance"), server.url().toString() });
    EXPECT_EQ(refused.exitCode, 4);
    EXPECT_TRUE(refused.out.contains(QStringLiteral("INVALID_SESSION_ID")));
}

// The clear-text rule (ClearTextRule) on every path that sends a secret: nothing leaves over http
// for another computer without --allow-insecure-http, and with it a warning names the host.
TEST_F(ExchangeCliTest, PlainHttpToAnotherComputerNeedsTheFlagOnEveryPath)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString assertionFile = dir.filePath(QStringLiteral("assertion.jwt"));
    {
        QFile file(assertionFile);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(kAssertion.toUtf8() + '\n');
    }
    const QString evil = QStringLiteral("http://collector.example:8080");
    const QList<QStringList> refused = {
        { QStringLiteral("exchange"), QStringLiteral("--env"), QStringLiteral("production"), QStringLiteral("--host"), evil,
            QStringLiteral("--assertion-file"), assertionFile },
        { QStringLiteral("exchange"), QStringLiteral("--assertion-file"), assertionFile, QStringLiteral("--host"), evil },
        { QStringLiteral("exchange"), QStringLiteral("--env"), QStringLiteral("http://acme.my.salesforce.com"),
            QStringLiteral("--assertion-file"), assertionFile },
        { QStringLiteral("exchange"), QStringLiteral("--entra"), QStringLiteral("--host"), evil, QStringLiteral("--client-id"),
            QStringLiteral("app"), QStringLiteral("--assertion-file"), assertionFile },
        { QStringLiteral("call"), QStringLiteral("identity"), QStringLiteral("--token"), QStringLiteral("-"),
            QStringLiteral("--instance"), evil, QStringLiteral("--id"),
            evil + QStringLiteral("/id/00Dxx0000001gPLEAY/005xx000001SwiUAAS") },
        { QStringLiteral("call"), QStringLiteral("/services/data"), QStringLiteral("--token"), QStringLiteral("-"),
            QStringLiteral("--instance"), evil },
        { QStringLiteral("call"), evil + QStringLiteral("/services/data"), QStringLiteral("--token"), QStringLiteral("-") },
    };
    for (const QStringList &arguments : refused) {
        const CliRun r = cli(arguments, kAccessToken + '\n');
        EXPECT_EQ(r.exitCode, 2) << arguments.join(u' ').toStdString() << '\n' << r.err.toStdString();
        EXPECT_TRUE(r.err.contains(QStringLiteral("over plain http, in clear text"))) << r.err.toStdString();
        EXPECT_TRUE(r.err.contains(QStringLiteral("--allow-insecure-http"))) << r.err.toStdString();

        QStringList json = arguments;
        json << QStringLiteral("--json");
        const CliRun j = cli(json, kAccessToken + '\n');
        EXPECT_EQ(j.exitCode, 2);
        EXPECT_EQ(QJsonDocument::fromJson(j.out.toUtf8())
                      .object()
                      .value(QStringLiteral("error"))
                      .toObject()
                      .value(QStringLiteral("code"))
                      .toString(),
            QStringLiteral("net.clear-text"))
            << j.out.toStdString();

        // With the flag: allowed, with a warning (--curl builds the request and sends nothing).
        QStringList allowed = arguments;
        allowed << QStringLiteral("--allow-insecure-http") << QStringLiteral("--curl");
        const CliRun a = cli(allowed, kAccessToken + '\n');
        EXPECT_EQ(a.exitCode, 0) << allowed.join(u' ').toStdString() << '\n' << a.err.toStdString();
        EXPECT_TRUE(a.err.contains(QStringLiteral("Warning: the "))) << a.err.toStdString();
        EXPECT_TRUE(a.err.contains(QStringLiteral("over plain http"))) << a.err.toStdString();
        EXPECT_TRUE(a.out.contains(QStringLiteral("http://"))) << a.out.toStdString();
    }
    EXPECT_TRUE(server.requests().isEmpty());

    // This computer needs no flag and gets no warning.
    server.setHandler(
        [this](const ScriptedHttpServer::Request &) { return ScriptedHttpServer::json(200, successBody(server.url())); });
    const CliRun local = cli({ QStringLiteral("exchange"), QStringLiteral("--assertion-file"), assertionFile,
        QStringLiteral("--host"), server.url().toString() });
    EXPECT_EQ(local.exitCode, 0) << local.err.toStdString();
    EXPECT_FALSE(local.err.contains(QStringLiteral("plain http"))) << local.err.toStdString();
    EXPECT_EQ(server.requests().size(), 1);
}
