// The practice app's "JWT-based access tokens" setting: off, the token is the opaque session id it
// always was; on, it is a JWT with the header Salesforce Help "JWT-Based Access Tokens" documents
// (alg RS256, typ JWT, kid, tty sfdc-core-token, tnk, ver) and RFC 9068's claims, signed with the
// org's key published at /id/keys, and every API takes it as a Bearer token. A changed byte, a
// token signed with another key or an expired one is refused with Salesforce's 401.
#include "crypto/Jwks.h"
#include "crypto/Verifier.h"
#include "integration/PracticeOrgFixture.h"
#include "token/Base64Url.h"

#include <QJsonArray>
#include <QUrl>

using namespace jwtflow;
using practicetest::HttpAnswer;
using practicetest::PracticeOrgTest;

namespace {

class PracticeOrgJwtAccessTokenTest : public PracticeOrgTest {
protected:
    const Clock *clockForOrg() override { return &clock; }

    void turnOn() { org.setAppOption(PracticeAppOption::Id::JwtAccessTokens, true); }

    HttpAnswer query(const QString &accessToken)
    {
        return get(QStringLiteral("/services/data/v62.0/query?q=")
                + QString::fromLatin1(QUrl::toPercentEncoding(QStringLiteral("SELECT Name FROM Account"))),
            accessToken);
    }

    static void expectInvalidSession(const HttpAnswer &answer)
    {
        EXPECT_EQ(answer.status, 401);
        const QJsonArray errors = QJsonDocument::fromJson(answer.body).array();
        ASSERT_EQ(errors.size(), 1) << answer.body.toStdString();
        EXPECT_EQ(errors.first().toObject().value(QStringLiteral("errorCode")).toString(), QStringLiteral("INVALID_SESSION_ID"));
        EXPECT_EQ(
            errors.first().toObject().value(QStringLiteral("message")).toString(), QStringLiteral("Session expired or invalid"));
    }

    FixedClock clock { QDateTime::currentSecsSinceEpoch() };
};

} // namespace

TEST_F(PracticeOrgJwtAccessTokenTest, OffByDefaultTheTokenIsOpaque)
{
    EXPECT_FALSE(org.appOption(PracticeAppOption::Id::JwtAccessTokens));
    EXPECT_FALSE(org.directory().apps.first().jwtAccessTokens);
    const TokenResponse t = token();
    EXPECT_TRUE(t.accessToken.startsWith(org.orgId().left(15) + QLatin1Char('!'))) << t.accessToken.toStdString();
    EXPECT_FALSE(Jwt::parse(t.accessToken).ok());
    EXPECT_EQ(query(t.accessToken).status, 200);
}

TEST_F(PracticeOrgJwtAccessTokenTest, OnTheTokenIsASalesforceJwtWithTheDocumentedHeaderAndClaims)
{
    turnOn();
    const TokenResponse t = token();
    const auto jwt = Jwt::parse(t.accessToken);
    ASSERT_TRUE(jwt.ok()) << t.accessToken.toStdString();
    // The answer keeps Salesforce's five fields; only the token's form changes.
    EXPECT_EQ(t.tokenType, QStringLiteral("Bearer"));
    EXPECT_EQ(t.instanceUrl, origin());
    EXPECT_FALSE(t.otherFields().contains(QStringLiteral("id_token")));

    const QJsonObject header = jwt->header();
    EXPECT_EQ(header.value(QStringLiteral("alg")).toString(), QStringLiteral("RS256"));
    EXPECT_EQ(header.value(QStringLiteral("typ")).toString(), QStringLiteral("JWT"));
    EXPECT_EQ(header.value(QStringLiteral("kid")).toString(), org.signingKid());
    EXPECT_EQ(header.value(QStringLiteral("tty")).toString(), QStringLiteral("sfdc-core-token"));
    EXPECT_EQ(header.value(QStringLiteral("ver")).toString(), QStringLiteral("1.0"));
    EXPECT_TRUE(header.value(QStringLiteral("tnk")).toString().endsWith(QLatin1Char('/') + org.orgId()))
        << header.value(QStringLiteral("tnk")).toString().toStdString();

    const QJsonObject claims = jwt->claims();
    const OrgDirectory::User *user = org.directory().userByUsername(org.username());
    ASSERT_NE(user, nullptr);
    EXPECT_EQ(claims.value(QStringLiteral("iss")).toString(), origin());
    EXPECT_EQ(claims.value(QStringLiteral("aud")).toArray(), QJsonArray { origin() });
    EXPECT_EQ(claims.value(QStringLiteral("sub")).toString(), QStringLiteral("uid:") + user->id);
    EXPECT_EQ(claims.value(QStringLiteral("client_id")).toString(), org.consumerKey());
    EXPECT_EQ(claims.value(QStringLiteral("scp")).toString(), t.scope);
    EXPECT_EQ(claims.value(QStringLiteral("iat")).toInteger(), clock.nowSecs());
    EXPECT_EQ(claims.value(QStringLiteral("nbf")).toInteger(), clock.nowSecs());
    EXPECT_EQ(claims.value(QStringLiteral("exp")).toInteger(), clock.nowSecs() + org.directory().org.sessionSeconds);
    EXPECT_GE(claims.value(QStringLiteral("jti")).toString().size(), 16);
    // Two exchanges, two tokens (jti differs even within one second).
    EXPECT_NE(token().accessToken, t.accessToken);
}

TEST_F(PracticeOrgJwtAccessTokenTest, ItVerifiesWithTheKeyDiscoveryPublishes)
{
    turnOn();
    const auto jwt = Jwt::parse(token().accessToken);
    ASSERT_TRUE(jwt.ok());
    const QString iss = jwt->claims().value(QStringLiteral("iss")).toString();
    const QJsonObject discovery = get(iss + QStringLiteral("/.well-known/openid-configuration")).object();
    EXPECT_EQ(discovery.value(QStringLiteral("issuer")).toString(), iss);
    const auto jwks
        = Jwks::fromJson(get(discovery.value(QStringLiteral("jwks_uri")).toString()).object(), QStringLiteral("jwks_uri"));
    ASSERT_TRUE(jwks.ok());
    const auto key = jwks->select(jwt->kid());
    ASSERT_TRUE(key.ok()) << key.error().text().toStdString();
    EXPECT_TRUE(Verifier::verify(jwt.value(), key.value()).isVerified());
}

TEST_F(PracticeOrgJwtAccessTokenTest, EveryApiTakesItAsABearerToken)
{
    turnOn();
    const TokenResponse t = token();
    const HttpAnswer rows = query(t.accessToken);
    EXPECT_EQ(rows.status, 200) << rows.body.toStdString();
    EXPECT_GT(rows.object().value(QStringLiteral("totalSize")).toInt(), 0);
    const HttpAnswer identity = get(t.id, t.accessToken);
    EXPECT_EQ(identity.status, 200) << identity.body.toStdString();
    EXPECT_EQ(identity.object().value(QStringLiteral("username")).toString(), org.username());
    EXPECT_EQ(get(QStringLiteral("/services/oauth2/userinfo"), t.accessToken).status, 200);
    EXPECT_EQ(get(QStringLiteral("/services/data"), t.accessToken).status, 200);
}

TEST_F(PracticeOrgJwtAccessTokenTest, ATamperedOrForgedTokenIsRefused)
{
    turnOn();
    const TokenResponse t = token();
    const auto jwt = Jwt::parse(t.accessToken);
    ASSERT_TRUE(jwt.ok());

    // Another scope in the payload, the signature left as it was.
    QJsonObject claims = jwt->claims();
    claims.insert(QStringLiteral("scp"), QStringLiteral("full"));
    const QStringList parts = t.accessToken.split(QLatin1Char('.'));
    const QString tampered = parts[0] + QLatin1Char('.')
        + QString::fromLatin1(Base64Url::encode(QJsonDocument(claims).toJson(QJsonDocument::Compact))) + QLatin1Char('.')
        + parts[2];
    expectInvalidSession(query(tampered));
    // One character of the signature changed.
    QString flipped = t.accessToken;
    flipped[flipped.size() - 2] = flipped[flipped.size() - 2] == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
    expectInvalidSession(query(flipped));
    // The same header and claims signed with a key that is not the org's (the fixture's org key is otherKey).
    const QString forged
        = sign(jwt->claims(), demoKey, QStringLiteral("RS256"), QJsonDocument(jwt->header()).toJson(QJsonDocument::Compact));
    expectInvalidSession(query(forged));
    // The original still works.
    EXPECT_EQ(query(t.accessToken).status, 200);
}

TEST_F(PracticeOrgJwtAccessTokenTest, AnExpiredTokenIsRefused)
{
    turnOn();
    const TokenResponse t = token();
    const qint64 exp = Jwt::parse(t.accessToken)->claims().value(QStringLiteral("exp")).toInteger();
    clock.set(exp - 1);
    EXPECT_EQ(query(t.accessToken).status, 200);
    clock.set(exp);
    expectInvalidSession(query(t.accessToken));
}

TEST_F(PracticeOrgJwtAccessTokenTest, TheSettingSurvivesAScenarioAndTurnsOff)
{
    turnOn();
    ASSERT_TRUE(org.applyScenario(PracticeScenario::Id::NoApiScope).ok());
    EXPECT_TRUE(org.directory().apps.first().jwtAccessTokens);
    org.resetScenarios();
    EXPECT_TRUE(Jwt::parse(token().accessToken).ok());
    org.setAppOption(PracticeAppOption::Id::JwtAccessTokens, false);
    EXPECT_FALSE(Jwt::parse(token().accessToken).ok());
}
