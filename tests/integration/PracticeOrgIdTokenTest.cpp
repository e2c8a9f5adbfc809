// ID tokens from the practice org, verified the way a relying party (and the ID-token inspector)
// does: issuer -> /.well-known/openid-configuration -> jwks_uri -> the key named by kid -> RS256,
// then iss, aud and exp. Also what must fail: wrong aud, expired, a kid not published, a changed payload.
#include "integration/PracticeOrgFixture.h"

#include "crypto/Jwks.h"
#include "crypto/Verifier.h"
#include "practice/IdTokenMinter.h"

#include <QJsonArray>

using namespace jwtflow;
using practicetest::PracticeOrgTest;

namespace {

class PracticeOrgIdTokenTest : public PracticeOrgTest {
protected:
    struct Checked {
        Verification verification;
        QString keyError; // when no published key has the token's kid
        QJsonObject claims;
        QString issuer;
    };

    // Discovery from the token's own iss, as OIDC prescribes.
    Checked check(const QString &token)
    {
        Checked out;
        auto jwt = Jwt::parse(token);
        EXPECT_TRUE(jwt.ok());
        if (!jwt)
            return out;
        out.claims = jwt->claims();
        const QString iss = out.claims.value(QStringLiteral("iss")).toString();
        const QJsonObject discovery = get(iss + QStringLiteral("/.well-known/openid-configuration")).object();
        out.issuer = discovery.value(QStringLiteral("issuer")).toString();
        const practicetest::HttpAnswer keys = get(discovery.value(QStringLiteral("jwks_uri")).toString());
        EXPECT_EQ(keys.status, 200);
        EXPECT_EQ(keys.header("Content-Type"), "application/json;charset=UTF-8");
        const auto jwks = Jwks::fromJson(keys.object(), QStringLiteral("jwks_uri"));
        EXPECT_TRUE(jwks.ok());
        if (!jwks)
            return out;
        const auto key = jwks->select(jwt->kid());
        if (!key) {
            out.keyError = key.error().code;
            return out;
        }
        out.verification = Verifier::verify(jwt.value(), key.value());
        return out;
    }

    bool claimsValid(const Checked &c) const
    {
        return c.issuer == origin() && c.claims.value(QStringLiteral("iss")).toString() == c.issuer
            && c.claims.value(QStringLiteral("aud")).toString() == org.consumerKey()
            && c.claims.value(QStringLiteral("exp")).toInteger() > QDateTime::currentSecsSinceEpoch();
    }
};

} // namespace

TEST_F(PracticeOrgIdTokenTest, DiscoveryPublishesTheIssuerAndKeys)
{
    const practicetest::HttpAnswer discovery = get(QStringLiteral("/.well-known/openid-configuration"));
    ASSERT_EQ(discovery.status, 200);
    const QJsonObject doc = discovery.object();
    EXPECT_EQ(doc.value(QStringLiteral("issuer")).toString(), origin());
    EXPECT_EQ(doc.value(QStringLiteral("jwks_uri")).toString(), origin() + QStringLiteral("/id/keys"));
    EXPECT_EQ(doc.value(QStringLiteral("token_endpoint")).toString(), origin() + QStringLiteral("/services/oauth2/token"));
    EXPECT_EQ(
        doc.value(QStringLiteral("id_token_signing_alg_values_supported")).toArray(), QJsonArray { QStringLiteral("RS256") });
    // Every endpoint it names answers here (no 404 for a client that follows the document).
    for (auto it = doc.constBegin(); it != doc.constEnd(); ++it) {
        if (!it.key().endsWith(QLatin1String("_endpoint")) && it.key() != QLatin1String("jwks_uri"))
            continue;
        const QString url = it.value().toString();
        ASSERT_TRUE(url.startsWith(origin())) << url.toStdString();
        EXPECT_NE(get(url.mid(origin().size())).status, 404) << it.key().toStdString();
    }
    const QJsonArray keys = get(QStringLiteral("/id/keys")).object().value(QStringLiteral("keys")).toArray();
    ASSERT_EQ(keys.size(), 1);
    const QJsonObject key = keys.first().toObject();
    EXPECT_EQ(key.value(QStringLiteral("kty")).toString(), QStringLiteral("RSA"));
    EXPECT_EQ(key.value(QStringLiteral("alg")).toString(), QStringLiteral("RS256"));
    EXPECT_EQ(key.value(QStringLiteral("use")).toString(), QStringLiteral("sig"));
    EXPECT_EQ(key.value(QStringLiteral("kid")).toString(), org.signingKid());
    EXPECT_EQ(key.value(QStringLiteral("e")).toString(), QStringLiteral("AQAB"));
    EXPECT_EQ(org.jwks(), get(QStringLiteral("/id/keys")).object());
}

TEST_F(PracticeOrgIdTokenTest, TheExchangesIdTokenVerifies)
{
    // Off by default (Salesforce documents none for this grant); the practice app's setting adds it.
    EXPECT_FALSE(token().json.contains(QStringLiteral("id_token")));
    jwtflow::OrgDirectory directory = org.directory();
    directory.apps.first().idTokenInJwtGrant = true;
    org.setDirectory(directory);
    const TokenResponse t = token();
    const QString idToken = t.json.value(QStringLiteral("id_token")).toString();
    ASSERT_FALSE(idToken.isEmpty());
    const Checked c = check(idToken);
    EXPECT_TRUE(c.verification.isVerified()) << c.verification.message.toStdString();
    EXPECT_TRUE(claimsValid(c));
    EXPECT_EQ(c.claims.value(QStringLiteral("sub")).toString(), t.id); // Salesforce: sub = the identity URL
    EXPECT_EQ(c.claims.value(QStringLiteral("preferred_username")).toString(), org.username());
    EXPECT_EQ(c.claims.value(QStringLiteral("organization_id")).toString(), org.orgId());
    EXPECT_EQ(Jwt::parse(idToken)->header().value(QStringLiteral("typ")).toString(), QStringLiteral("JWT"));
}

TEST_F(PracticeOrgIdTokenTest, TestHookMintsGoodAndBrokenTokens)
{
    IdTokenOptions options;
    options.accessToken = QStringLiteral("00DJ900000PRACT!AQexample");
    options.nonce = QStringLiteral("n-0S6_WzA2Mj");
    const auto good = org.mintIdToken(org.username(), options);
    ASSERT_TRUE(good.ok()) << good.error().text().toStdString();
    Checked c = check(good.value());
    EXPECT_TRUE(c.verification.isVerified());
    EXPECT_TRUE(claimsValid(c));
    EXPECT_EQ(c.claims.value(QStringLiteral("at_hash")).toString(), IdTokenMinter::atHash(options.accessToken));
    EXPECT_EQ(c.claims.value(QStringLiteral("nonce")).toString(), options.nonce);

    // Wrong aud: the signature is fine, the audience is not the client's.
    IdTokenOptions wrongAud;
    wrongAud.audience = QStringLiteral("3MVG9someone.else");
    c = check(org.mintIdToken(org.username(), wrongAud).value());
    EXPECT_TRUE(c.verification.isVerified());
    EXPECT_FALSE(claimsValid(c));
    EXPECT_EQ(c.claims.value(QStringLiteral("aud")).toString(), wrongAud.audience);

    // Expired: exp in the past.
    IdTokenOptions expired;
    expired.expired = true;
    c = check(org.mintIdToken(org.username(), expired).value());
    EXPECT_TRUE(c.verification.isVerified());
    EXPECT_LT(c.claims.value(QStringLiteral("exp")).toInteger(), QDateTime::currentSecsSinceEpoch());
    EXPECT_FALSE(claimsValid(c));

    // A kid that /id/keys does not publish: no key to verify with.
    IdTokenOptions otherKid;
    otherKid.kid = QStringLiteral("999");
    c = check(org.mintIdToken(org.username(), otherKid).value());
    EXPECT_EQ(c.keyError, QStringLiteral("key.jwks-kid-not-found"));

    // A changed payload.
    QStringList parts = good.value().split(QLatin1Char('.'));
    QJsonObject claims = Jwt::parse(good.value())->claims();
    claims[QStringLiteral("preferred_username")] = QStringLiteral("admin@practice.jwtflow.example");
    parts[1] = QString::fromLatin1(QJsonDocument(claims)
            .toJson(QJsonDocument::Compact)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    c = check(parts.join(QLatin1Char('.')));
    EXPECT_EQ(c.verification.outcome, Verification::Outcome::Invalid);

    EXPECT_EQ(org.mintIdToken(QStringLiteral("nobody@example.com")).error().code, QStringLiteral("practice.id-token.no-user"));
}
