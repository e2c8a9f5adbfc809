// `jwtflow-cli inspect`: what it prints and its exit codes (0 passed, 1 a check failed, 2 bad
// input, 3 unsupported, 5 keys not fetched), with keys from files and through discovery.
#include "integration/ScriptedHttpServer.h"
#include "support/IdTokenFixtures.h"

#include "token/Base64Url.h"

#include <QDateTime>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTimer>

#include "support/CliProcess.h"

#include <gtest/gtest.h>

using namespace idtokentest;

namespace {

using CliRun = testsupport::ProcessRun;

CliRun inspect(const QStringList &arguments, const QString &input = {})
{
    return testsupport::runCli(QStringList { QStringLiteral("inspect") } + arguments, input.toUtf8(), 30000);
}

qint64 now()
{
    return QDateTime::currentSecsSinceEpoch();
}

QString response(const QString &idToken)
{
    return QStringLiteral(
        R"({"access_token":"%1","id_token":"%2","instance_url":"https://acme.my.salesforce.com","token_type":"Bearer"})")
        .arg(kAccessToken, idToken);
}

QStringList goodOptions()
{
    return { QStringLiteral("--jwks"), keyPath("jwks.json"), QStringLiteral("--client-id"), kClientId, QStringLiteral("--nonce"),
        kNonce };
}

QJsonObject checkNamed(const QJsonObject &token, const QString &name)
{
    for (const QJsonValue &check :
        token.value(QStringLiteral("verification")).toObject().value(QStringLiteral("checks")).toArray()) {
        if (check.toObject().value(QStringLiteral("name")).toString() == name)
            return check.toObject();
    }
    return {};
}

} // namespace

TEST(InspectCli, ATokenResponseListsBothTokensAndEveryCheckPasses)
{
    const CliRun r = inspect(goodOptions(), response(idToken(now())));
    EXPECT_EQ(r.exitCode, 0) << r.out.toStdString() << r.err.toStdString();
    EXPECT_TRUE(r.out.contains(QStringLiteral("1. id_token — OpenID Connect ID token"))) << r.out.toStdString();
    EXPECT_TRUE(r.out.contains(QStringLiteral("2. access_token — Salesforce access token (opaque)")));
    EXPECT_TRUE(r.out.contains(QStringLiteral("cannot authorise API calls")));
    EXPECT_TRUE(r.out.contains(QStringLiteral("PASS  signature")));
    EXPECT_TRUE(r.out.contains(QStringLiteral("PASS  at_hash: at_hash matches the access_token found next to it")));
    EXPECT_TRUE(r.out.contains(QStringLiteral("organization_id = 00Dxx0000001gPLEAY")));
    EXPECT_TRUE(r.out.contains(QStringLiteral("unknown claim")));
    EXPECT_TRUE(r.out.contains(QStringLiteral("No check failed.")));
}

TEST(InspectCli, JsonHasTheTokensKindsClaimsAndChecks)
{
    const CliRun r = inspect(goodOptions() << QStringLiteral("--json"), response(idToken(now())));
    EXPECT_EQ(r.exitCode, 0) << r.out.toStdString() << r.err.toStdString();
    const QJsonObject root = r.json();
    EXPECT_TRUE(root.value(QStringLiteral("ok")).toBool());
    const QJsonArray tokens = root.value(QStringLiteral("tokens")).toArray();
    ASSERT_EQ(tokens.size(), 2) << r.out.toStdString();
    const QJsonObject id = tokens[0].toObject();
    EXPECT_EQ(id.value(QStringLiteral("kind")).toString(), QStringLiteral("id_token"));
    EXPECT_EQ(tokens[1].toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("salesforce_access_token"));
    EXPECT_FALSE(tokens[1].toObject().contains(QStringLiteral("verification")));
    EXPECT_EQ(checkNamed(id, QStringLiteral("signature")).value(QStringLiteral("status")).toString(), QStringLiteral("passed"));
    EXPECT_EQ(checkNamed(id, QStringLiteral("aud")).value(QStringLiteral("status")).toString(), QStringLiteral("passed"));
    EXPECT_EQ(
        id.value(QStringLiteral("verification")).toObject().value(QStringLiteral("kid")).toString(), QStringLiteral("alpha"));
    bool unknownSeen = false;
    for (const QJsonValue &claim : id.value(QStringLiteral("claims")).toArray()) {
        if (claim.toObject().value(QStringLiteral("name")).toString() == QStringLiteral("x_custom"))
            unknownSeen = !claim.toObject().value(QStringLiteral("known")).toBool();
    }
    EXPECT_TRUE(unknownSeen);
}

TEST(InspectCli, AFailedCheckExitsWithOne)
{
    CliRun r = inspect({ QStringLiteral("--jwks"), keyPath("jwks.json"), QStringLiteral("--client-id"),
                           QStringLiteral("3MVG9other"), QStringLiteral("--json") },
        idToken(now()));
    EXPECT_EQ(r.exitCode, 1) << r.out.toStdString();
    EXPECT_EQ(checkNamed(r.json().value(QStringLiteral("tokens")).toArray()[0].toObject(), QStringLiteral("aud"))
                  .value(QStringLiteral("status"))
                  .toString(),
        QStringLiteral("failed"));

    r = inspect(goodOptions(), idToken(now() - 7200));
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_TRUE(r.out.contains(QStringLiteral("FAIL  exp"))) << r.out.toStdString();

    r = inspect({ QStringLiteral("--cert"), keyPath("other2048.crt") }, idToken(now()));
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_TRUE(r.out.contains(QStringLiteral("FAIL  signature"))) << r.out.toStdString();

    r = inspect(goodOptions() << QStringLiteral("--access-token") << QStringLiteral("00Dxx!other"), response(idToken(now())));
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_TRUE(r.out.contains(QStringLiteral("FAIL  at_hash"))) << r.out.toStdString();
}

TEST(InspectCli, NothingToVerifyIsSuccess)
{
    const CliRun r = inspect({ QStringLiteral("00D5g000004XyZa!AQ4AQMfakeSessionIdentifierValue1234") });
    EXPECT_EQ(r.exitCode, 0) << r.out.toStdString() << r.err.toStdString();
    EXPECT_TRUE(r.out.contains(QStringLiteral("Salesforce access token (opaque)")));
}

TEST(InspectCli, BadInputExitsWithTwo)
{
    EXPECT_EQ(inspect({ QStringLiteral("not a token at all") }).exitCode, 2);
    EXPECT_EQ(inspect({}, QStringLiteral("  \n")).exitCode, 2);
    EXPECT_EQ(inspect({ QStringLiteral("--skew"), QStringLiteral("soon"), idToken(now()) }).exitCode, 2);
    EXPECT_EQ(
        inspect({ QStringLiteral("--cert"), keyPath("rsa2048.crt"), QStringLiteral("--discover"), idToken(now()) }).exitCode, 2);
    EXPECT_EQ(inspect({ QStringLiteral("--jwks"), keyPath("no-such-file.json"), idToken(now()) }).exitCode, 2);
    const CliRun r = inspect({ QStringLiteral("--json"), QStringLiteral("garbage") });
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_EQ(r.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
        QStringLiteral("inspect.no-token"));
}

TEST(InspectCli, AnUnsupportedAlgorithmExitsWithThree)
{
    const QString header = QString::fromLatin1(jwtflow::Base64Url::encode(R"({"alg":"ES256K","kid":"alpha"})"));
    const QString payload
        = QString::fromLatin1(jwtflow::Base64Url::encode(QJsonDocument(idTokenClaims(now())).toJson(QJsonDocument::Compact)));
    const CliRun r = inspect(goodOptions(), header + QLatin1Char('.') + payload + QStringLiteral(".c2ln"));
    EXPECT_EQ(r.exitCode, 3) << r.out.toStdString();
}

TEST(InspectCli, DiscoverFetchesTheIssuersKeys)
{
    ScriptedHttpServer server;
    ASSERT_TRUE(server.listen());
    const QString issuer = QStringLiteral("http://127.0.0.1:%1").arg(server.port());
    QString documentIssuer = issuer;
    server.setHandler([&](const ScriptedHttpServer::Request &request) -> std::optional<QByteArray> {
        if (request.target == "/.well-known/openid-configuration")
            return ScriptedHttpServer::json(200,
                QJsonDocument(QJsonObject { { QStringLiteral("issuer"), documentIssuer },
                                  { QStringLiteral("jwks_uri"), issuer + QStringLiteral("/id/keys") } })
                    .toJson(QJsonDocument::Compact));
        if (request.target == "/id/keys")
            return ScriptedHttpServer::json(200, readKeyFile("jwks.json"));
        return ScriptedHttpServer::json(404, "{}");
    });
    const QString token = idToken(now(), issuer);
    CliRun r = inspect(
        { QStringLiteral("--discover"), QStringLiteral("--client-id"), kClientId, QStringLiteral("--nonce"), kNonce }, token);
    EXPECT_EQ(r.exitCode, 0) << r.out.toStdString() << r.err.toStdString();
    EXPECT_TRUE(r.out.contains(QStringLiteral("Keys of %1: 3 from %1/id/keys").arg(issuer))) << r.out.toStdString();
    EXPECT_TRUE(r.out.contains(QStringLiteral("PASS  signature"))) << r.out.toStdString();
    EXPECT_TRUE(r.out.contains(QStringLiteral("PASS  iss"))) << r.out.toStdString();

    documentIssuer = QStringLiteral("https://someone.else.example");
    r = inspect({ QStringLiteral("--discover"), QStringLiteral("--json") }, token);
    EXPECT_EQ(r.exitCode, 1) << r.out.toStdString();
    EXPECT_EQ(r.json()
                  .value(QStringLiteral("discovery"))
                  .toArray()[0]
                  .toObject()
                  .value(QStringLiteral("error"))
                  .toObject()
                  .value(QStringLiteral("code"))
                  .toString(),
        QStringLiteral("discovery.issuer-mismatch"));
}

TEST(InspectCli, DiscoverWhenTheIssuerIsUnreachableExitsWithFive)
{
    QTcpServer closed;
    ASSERT_TRUE(closed.listen(QHostAddress::LocalHost, 0));
    const QString issuer = QStringLiteral("http://127.0.0.1:%1").arg(closed.serverPort());
    closed.close();
    const CliRun r = inspect({ QStringLiteral("--discover"), QStringLiteral("--client-id"), kClientId }, idToken(now(), issuer));
    EXPECT_EQ(r.exitCode, 5) << r.out.toStdString() << r.err.toStdString();
    EXPECT_TRUE(r.out.contains(QStringLiteral("offline"))) << r.out.toStdString();
    EXPECT_TRUE(r.out.contains(QStringLiteral("Paste the issuer's keys"))) << r.out.toStdString();
    EXPECT_TRUE(r.out.contains(QStringLiteral("SKIP  signature"))) << r.out.toStdString();
}

TEST(InspectCli, TheVerdictLineComesFirstAndInJson)
{
    QJsonObject claims = idTokenClaims(now());
    claims.insert(QStringLiteral("exp"), now() - 3 * 3600 - 60);
    const QString token = sign(claims);
    const CliRun r = inspect({ QStringLiteral("--cert"), keyPath("rsa2048.crt") }, response(token));
    EXPECT_EQ(r.exitCode, 1) << r.out.toStdString() << r.err.toStdString();
    const QString first = r.out.section(QLatin1Char('\n'), 0, 0);
    EXPECT_TRUE(first.startsWith(QStringLiteral("OpenID Connect ID token · expired 3 hours ago ("))) << first.toStdString();
    EXPECT_TRUE(first.contains(QStringLiteral(" · signature verified with certificate "))) << first.toStdString();
    EXPECT_TRUE(first.endsWith(QStringLiteral(" · audience 3MVG9clientIdOfTheConnectedApp (not compared)")))
        << first.toStdString();

    const CliRun j = inspect({ QStringLiteral("--json"), QStringLiteral("--cert"), keyPath("rsa2048.crt") }, response(token));
    const QJsonObject root = QJsonDocument::fromJson(j.out.toUtf8()).object();
    EXPECT_EQ(root.value(QStringLiteral("verdict")).toString(), first);
    EXPECT_EQ(root.value(QStringLiteral("tokens")).toArray().at(0).toObject().value(QStringLiteral("verdict")).toString(), first);
    EXPECT_EQ(root.value(QStringLiteral("tokens")).toArray().at(1).toObject().value(QStringLiteral("verdict")).toString(),
        QStringLiteral("Salesforce access token (opaque)"));
}
