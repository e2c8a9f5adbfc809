// KeyDiscovery over real loopback HTTP: iss → /.well-known/openid-configuration → jwks_uri → JWKS,
// then ID tokens verified with what was fetched; the issuer mismatch, an unreachable issuer, the
// cache and a refetch. (The practice org will serve the same two documents; until it exists, a
// scripted server stands in for it.)
#include "integration/ScriptedHttpServer.h"
#include "support/IdTokenFixtures.h"

#include "inspect/IdTokenVerifier.h"
#include "inspect/KeyDiscovery.h"
#include "token/Base64Url.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QTcpServer>
#include <QTimer>

#include <gtest/gtest.h>

#include <optional>

using namespace jwtflow;
using namespace idtokentest;

namespace {

struct Outcome {
    std::optional<KeyDiscovery::IssuerKeys> keys;
    bool fromCache = false;
    std::optional<Error> error;
};

class KeyDiscoveryTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        manager.setProxy(QNetworkProxy::NoProxy);
        ASSERT_TRUE(server.listen());
        issuer = QStringLiteral("http://127.0.0.1:%1").arg(server.port());
        documentIssuer = issuer;
        server.setHandler([this](const ScriptedHttpServer::Request &request) -> std::optional<QByteArray> {
            if (request.target == "/.well-known/openid-configuration") {
                const QJsonObject document { { QStringLiteral("issuer"), documentIssuer },
                    { QStringLiteral("jwks_uri"), jwksUri.isEmpty() ? issuer + QStringLiteral("/id/keys") : jwksUri },
                    { QStringLiteral("id_token_signing_alg_values_supported"), QJsonArray { QStringLiteral("RS256") } } };
                return ScriptedHttpServer::json(configurationStatus, QJsonDocument(document).toJson(QJsonDocument::Compact));
            }
            if (request.target == "/id/keys")
                return ScriptedHttpServer::json(200, readKeyFile("jwks.json"));
            return ScriptedHttpServer::json(404, R"({"error":"not found"})");
        });
        discovery.setClock(&clock);
        discovery.setTimeout(5000);
    }

    Outcome run(const Result<void> &started)
    {
        Outcome outcome;
        EXPECT_TRUE(started.ok()) << (started.ok() ? std::string() : started.error().text().toStdString());
        if (!started.ok())
            return outcome;
        QEventLoop loop;
        const auto a = QObject::connect(
            &discovery, &KeyDiscovery::keysReady, &loop, [&](const KeyDiscovery::IssuerKeys &keys, bool fromCache) {
                outcome.keys = keys;
                outcome.fromCache = fromCache;
                loop.quit();
            });
        const auto b = QObject::connect(&discovery, &KeyDiscovery::failed, &loop, [&](const QString &, const Error &error) {
            outcome.error = error;
            loop.quit();
        });
        QTimer::singleShot(10000, &loop, &QEventLoop::quit);
        loop.exec();
        QObject::disconnect(a);
        QObject::disconnect(b);
        EXPECT_TRUE(outcome.keys || outcome.error) << "no answer";
        return outcome;
    }

    IdTokenVerifier::Report verifyWith(
        const KeyDiscovery::IssuerKeys &keys, const QString &token, const QString &clientId = kClientId)
    {
        IdTokenVerifier::Options options;
        options.keys = keys.material();
        options.expectedIssuer = keys.issuer;
        options.clientId = clientId;
        options.nonce = kNonce;
        options.accessToken = kAccessToken;
        return IdTokenVerifier::verify(Jwt::parse(token).value(), options, clock);
    }

    QNetworkAccessManager manager;
    ScriptedHttpServer server;
    KeyDiscovery discovery { &manager };
    FixedClock clock { kNow };
    QString issuer;
    QString documentIssuer;
    QString jwksUri;
    int configurationStatus = 200;
};

TokenCheck::Status statusOf(const IdTokenVerifier::Report &report, const char *name)
{
    const TokenCheck *check = report.check(QString::fromLatin1(name));
    return check ? check->status : TokenCheck::Status::Skipped;
}

} // namespace

TEST_F(KeyDiscoveryTest, DiscoveryFindsTheKeysAndTheyVerifyTheIdToken)
{
    const Outcome outcome = run(discovery.fetch(issuer));
    ASSERT_TRUE(outcome.keys.has_value()) << (outcome.error ? outcome.error->text().toStdString() : std::string());
    EXPECT_FALSE(outcome.fromCache);
    EXPECT_EQ(outcome.keys->issuer, issuer);
    EXPECT_EQ(outcome.keys->jwksUri.toString(), issuer + QStringLiteral("/id/keys"));
    EXPECT_EQ(
        outcome.keys->jwks.kids(), (QStringList { QStringLiteral("alpha"), QStringLiteral("beta"), QStringLiteral("gamma") }));
    EXPECT_EQ(outcome.keys->signingAlgorithms, QStringList { QStringLiteral("RS256") });
    EXPECT_EQ(outcome.keys->fetchedAt.toSecsSinceEpoch(), kNow);
    ASSERT_EQ(server.requests().size(), 2);
    EXPECT_EQ(server.requests()[0].target, QByteArray("/.well-known/openid-configuration"));
    EXPECT_EQ(server.requests()[1].target, QByteArray("/id/keys"));
    EXPECT_EQ(discovery.exchanges().size(), 2);

    const auto report = verifyWith(*outcome.keys, idToken(kNow, issuer));
    EXPECT_FALSE(report.anyFailed());
    EXPECT_EQ(statusOf(report, "signature"), TokenCheck::Status::Passed)
        << report.check(QStringLiteral("signature"))->message.toStdString();
    EXPECT_EQ(statusOf(report, "iss"), TokenCheck::Status::Passed);
    EXPECT_TRUE(report.keyUsed.contains(issuer + QStringLiteral("/id/keys"))) << report.keyUsed.toStdString();
    EXPECT_EQ(report.kid, QStringLiteral("alpha"));
}

TEST_F(KeyDiscoveryTest, FetchedKeysFailWrongAudienceExpiredWrongKidAndTamperedTokens)
{
    const Outcome outcome = run(discovery.fetch(issuer));
    ASSERT_TRUE(outcome.keys.has_value());

    EXPECT_EQ(statusOf(verifyWith(*outcome.keys, idToken(kNow, issuer), QStringLiteral("3MVG9other")), "aud"),
        TokenCheck::Status::Failed);
    EXPECT_EQ(statusOf(verifyWith(*outcome.keys, idToken(kNow - 3600, issuer)), "exp"), TokenCheck::Status::Failed);

    const auto wrongKid = verifyWith(*outcome.keys, sign(idTokenClaims(kNow, issuer), QStringLiteral("epsilon")));
    EXPECT_EQ(statusOf(wrongKid, "signature"), TokenCheck::Status::Failed);
    EXPECT_TRUE(wrongKid.check(QStringLiteral("signature"))->message.contains(QStringLiteral("\"alpha\", \"beta\", \"gamma\"")))
        << wrongKid.check(QStringLiteral("signature"))->message.toStdString();

    const QStringList parts = idToken(kNow, issuer).split(QLatin1Char('.'));
    QJsonObject claims = idTokenClaims(kNow, issuer);
    claims.insert(QStringLiteral("aud"), QStringLiteral("3MVG9other"));
    const QString tampered = parts[0] + QLatin1Char('.')
        + QString::fromLatin1(Base64Url::encode(QJsonDocument(claims).toJson(QJsonDocument::Compact))) + QLatin1Char('.')
        + parts[2];
    EXPECT_EQ(
        statusOf(verifyWith(*outcome.keys, tampered, QStringLiteral("3MVG9other")), "signature"), TokenCheck::Status::Failed);
}

TEST_F(KeyDiscoveryTest, IssuerOfTheDocumentMustEqualIssExactly)
{
    documentIssuer = issuer + QLatin1Char('/');
    const Outcome outcome = run(discovery.fetch(issuer));
    ASSERT_TRUE(outcome.error.has_value());
    EXPECT_EQ(outcome.error->code, QStringLiteral("discovery.issuer-mismatch"));
    EXPECT_TRUE(outcome.error->message.contains(QStringLiteral("says its issuer is \"%1/\", not \"%1\"").arg(issuer)))
        << outcome.error->message.toStdString();
    EXPECT_EQ(server.requests().size(), 1) << "the keys of another issuer are not even fetched";
    EXPECT_FALSE(discovery.cached(issuer).has_value());
    EXPECT_TRUE(IdTokenVerifier::keysErrorFails(*outcome.error));
}

TEST_F(KeyDiscoveryTest, AnUnreachableIssuerSaysSoAndOffersToPasteTheKeys)
{
    QTcpServer closed;
    ASSERT_TRUE(closed.listen(QHostAddress::LocalHost, 0));
    const quint16 port = closed.serverPort();
    closed.close();
    const QString gone = QStringLiteral("http://127.0.0.1:%1").arg(port);
    const Outcome outcome = run(discovery.fetch(gone));
    ASSERT_TRUE(outcome.error.has_value());
    EXPECT_EQ(outcome.error->code, QStringLiteral("discovery.unreachable"));
    EXPECT_TRUE(KeyDiscovery::isUnreachable(*outcome.error));
    EXPECT_TRUE(outcome.error->message.contains(QStringLiteral("offline"))) << outcome.error->message.toStdString();
    EXPECT_TRUE(outcome.error->hint.contains(QStringLiteral("Paste the issuer's keys"))) << outcome.error->hint.toStdString();
    EXPECT_FALSE(IdTokenVerifier::keysErrorFails(*outcome.error));
}

TEST_F(KeyDiscoveryTest, ASilentIssuerTimesOut)
{
    server.setHandler([](const ScriptedHttpServer::Request &) -> std::optional<QByteArray> { return std::nullopt; });
    discovery.setTimeout(300);
    const Outcome outcome = run(discovery.fetch(issuer));
    ASSERT_TRUE(outcome.error.has_value());
    EXPECT_EQ(outcome.error->code, QStringLiteral("discovery.unreachable"));
    EXPECT_TRUE(outcome.error->message.contains(QStringLiteral("timeout"))) << outcome.error->message.toStdString();
}

TEST_F(KeyDiscoveryTest, AMissingDocumentAndAnInsecureJwksUriAreErrors)
{
    configurationStatus = 404;
    Outcome outcome = run(discovery.fetch(issuer));
    ASSERT_TRUE(outcome.error.has_value());
    EXPECT_EQ(outcome.error->code, QStringLiteral("discovery.http-status"));
    EXPECT_TRUE(outcome.error->message.contains(QStringLiteral("HTTP 404"))) << outcome.error->message.toStdString();

    configurationStatus = 200;
    jwksUri = QStringLiteral("http://keys.example.com/keys");
    outcome = run(discovery.fetch(issuer));
    ASSERT_TRUE(outcome.error.has_value());
    EXPECT_EQ(outcome.error->code, QStringLiteral("discovery.insecure-jwks-uri"));
}

TEST_F(KeyDiscoveryTest, KeysAreCachedPerIssuerAndRefetchGoesToTheNetwork)
{
    Outcome first = run(discovery.fetch(issuer));
    ASSERT_TRUE(first.keys.has_value());
    EXPECT_EQ(server.requests().size(), 2);

    clock.advance(600);
    Outcome second = run(discovery.fetch(issuer));
    ASSERT_TRUE(second.keys.has_value());
    EXPECT_TRUE(second.fromCache);
    EXPECT_EQ(server.requests().size(), 2) << "answered from the cache";
    EXPECT_EQ(second.keys->fetchedAt.toSecsSinceEpoch(), kNow);

    Outcome third = run(discovery.refetch(issuer));
    ASSERT_TRUE(third.keys.has_value());
    EXPECT_FALSE(third.fromCache);
    EXPECT_EQ(server.requests().size(), 4);
    EXPECT_EQ(third.keys->fetchedAt.toSecsSinceEpoch(), kNow + 600);
    EXPECT_EQ(discovery.cached(issuer)->fetchedAt.toSecsSinceEpoch(), kNow + 600);

    discovery.clearCache();
    EXPECT_FALSE(discovery.cached(issuer).has_value());
}

TEST_F(KeyDiscoveryTest, AnInsecureIssuerIsRefusedBeforeAnythingIsSent)
{
    const auto started = discovery.fetch(QStringLiteral("http://login.example.com"));
    ASSERT_FALSE(started.ok());
    EXPECT_EQ(started.error().code, QStringLiteral("discovery.insecure-issuer"));
    EXPECT_TRUE(server.requests().isEmpty());
}
