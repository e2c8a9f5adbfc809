// The inspector's model besides the verifier: what is found in an input, the bearer-flow mapping,
// discovery URLs, and the hashes at_hash is made of.
#include "support/IdTokenFixtures.h"

#include "crypto/Digest.h"
#include "inspect/BearerFlowHint.h"
#include "inspect/KeyDiscovery.h"
#include "inspect/TokenInspection.h"

#include <QJsonArray>
#include <QUrl>

#include <gtest/gtest.h>

using namespace jwtflow;
using namespace idtokentest;
using Kind = TokenClassifier::Kind;

namespace {

QString tokenResponse(const QString &idToken)
{
    return QStringLiteral(
        R"({"access_token":"%1","refresh_token":"5Aep861TSESvWeug_xvFHRBTTbf_YrTWgEyjBJrnLZmQ0abcd","signature":"x",)"
        R"("scope":"openid api refresh_token","id_token":"%2","instance_url":"https://acme.my.salesforce.com",)"
        R"("id":"https://login.salesforce.com/id/00Dxx0000001gPLEAY/005xx000001SwiUAAS","token_type":"Bearer","issued_at":"1700000000000"})")
        .arg(kAccessToken, idToken);
}

} // namespace

TEST(TokenInspection, ATokenResponseYieldsEachTokenClassifiedAndExplained)
{
    const FixedClock clock(kNow);
    const auto items = TokenInspection::inspect(tokenResponse(idToken()), clock);
    ASSERT_EQ(items.size(), 3);
    EXPECT_EQ(items[0].found.label, QStringLiteral("id_token"));
    EXPECT_EQ(items[0].classification.kind, Kind::IdToken);
    EXPECT_TRUE(items[0].isVerifiable());
    EXPECT_EQ(items[0].issuer(), kIssuer);
    EXPECT_EQ(items[0].profile(), IdTokenVerifier::Profile::IdToken);
    EXPECT_EQ(items[0].kindName(), QStringLiteral("id_token"));

    EXPECT_EQ(items[1].found.label, QStringLiteral("access_token"));
    EXPECT_EQ(items[1].classification.kind, Kind::SalesforceAccessToken);
    EXPECT_FALSE(items[1].jwt.has_value());
    EXPECT_TRUE(items[1].isToken());

    EXPECT_EQ(items[2].found.label, QStringLiteral("refresh_token"));
    EXPECT_TRUE(items[2].opaqueRefreshToken);
    EXPECT_TRUE(items[2].isToken());
    EXPECT_EQ(items[2].kindName(), QStringLiteral("refresh_token"));
    EXPECT_TRUE(items[2].classification.title.contains(QStringLiteral("Refresh token")));

    EXPECT_EQ(TokenInspection::companionAccessToken(items), kAccessToken);
}

TEST(TokenInspection, ClaimsAreExplainedWithTimesInWordsAndUnknownsMarked)
{
    const FixedClock clock(kNow);
    const auto items = TokenInspection::inspect(idToken(), clock);
    ASSERT_EQ(items.size(), 1);
    bool sawExp = false;
    bool sawUnknown = false;
    for (const auto &claim : items[0].claims) {
        if (claim.name == QStringLiteral("exp")) {
            sawExp = true;
            EXPECT_TRUE(claim.value.contains(QStringLiteral("expires in 5 min"))) << claim.value.toStdString();
            EXPECT_TRUE(claim.known);
        }
        if (claim.name == QStringLiteral("x_custom")) {
            sawUnknown = true;
            EXPECT_FALSE(claim.known);
        }
        if (claim.name == QStringLiteral("organization_id")) {
            EXPECT_EQ(claim.source, QStringLiteral("Salesforce"));
        }
    }
    EXPECT_TRUE(sawExp);
    EXPECT_TRUE(sawUnknown);
    EXPECT_FALSE(items[0].header.isEmpty());
}

TEST(TokenInspection, EveryInputForm)
{
    const QString token = idToken();
    const FixedClock clock(kNow);
    EXPECT_EQ(TokenInspection::inspect(QStringLiteral("Authorization: Bearer ") + token, clock).value(0).classification.kind,
        Kind::IdToken);
    const auto fragment = TokenInspection::inspect(QStringLiteral("https://app.example/cb#access_token=%1&id_token=%2&state=s")
                                                       .arg(QString::fromLatin1(QUrl::toPercentEncoding(kAccessToken)), token),
        clock);
    ASSERT_EQ(fragment.size(), 2);
    EXPECT_EQ(fragment[0].classification.kind, Kind::IdToken);
    EXPECT_EQ(TokenInspection::companionAccessToken(fragment), kAccessToken);
    const auto garbage = TokenInspection::inspect(QStringLiteral("hello world"), clock);
    ASSERT_EQ(garbage.size(), 1);
    EXPECT_FALSE(garbage[0].isToken());
}

TEST(BearerFlowHint, AnIdTokenMapsClientIdToIssAndUsernameToSub)
{
    const auto hint = BearerFlowHint::fromToken(Jwt::parse(idToken()).value());
    EXPECT_EQ(hint.iss, kClientId);
    EXPECT_EQ(hint.sub, QStringLiteral("ann@example.com"));
    EXPECT_EQ(hint.audience, QStringLiteral("https://login.salesforce.com"));
    EXPECT_FALSE(hint.notes.isEmpty());
}

TEST(BearerFlowHint, WithoutPreferredUsernameSubStaysEmptyAndSaysWhy)
{
    QJsonObject claims = idTokenClaims();
    claims.remove(QStringLiteral("preferred_username"));
    claims.insert(QStringLiteral("aud"), QJsonArray { kClientId, QStringLiteral("other") });
    claims.insert(QStringLiteral("azp"), kClientId);
    const auto hint = BearerFlowHint::fromToken(Jwt::parse(sign(claims)).value());
    EXPECT_EQ(hint.iss, kClientId);
    EXPECT_TRUE(hint.sub.isEmpty());
    EXPECT_TRUE(hint.notes.join(QLatin1Char(' ')).contains(QStringLiteral("no preferred_username")));
}

TEST(BearerFlowHint, AnAssertionMapsOneToOne)
{
    const QJsonObject claims { { QStringLiteral("iss"), kClientId }, { QStringLiteral("sub"), QStringLiteral("ann@example.com") },
        { QStringLiteral("aud"), QStringLiteral("https://test.salesforce.com") }, { QStringLiteral("exp"), kNow + 180 } };
    const auto hint = BearerFlowHint::fromToken(Jwt::parse(sign(claims)).value());
    EXPECT_EQ(hint.iss, kClientId);
    EXPECT_EQ(hint.sub, QStringLiteral("ann@example.com"));
    EXPECT_EQ(hint.audience, QStringLiteral("https://test.salesforce.com"));
}

TEST(KeyDiscoveryUrl, IsTheIssuerPlusTheWellKnownPath)
{
    EXPECT_EQ(KeyDiscovery::configurationUrl(QStringLiteral("https://login.salesforce.com"))->toString(),
        QStringLiteral("https://login.salesforce.com/.well-known/openid-configuration"));
    EXPECT_EQ(KeyDiscovery::configurationUrl(QStringLiteral("https://acme.my.salesforce.com/"))->toString(),
        QStringLiteral("https://acme.my.salesforce.com/.well-known/openid-configuration"));
    EXPECT_EQ(KeyDiscovery::configurationUrl(QStringLiteral("https://login.microsoftonline.com/tid/v2.0"))->toString(),
        QStringLiteral("https://login.microsoftonline.com/tid/v2.0/.well-known/openid-configuration"));
    EXPECT_EQ(KeyDiscovery::configurationUrl(QStringLiteral("http://127.0.0.1:8443"))->toString(),
        QStringLiteral("http://127.0.0.1:8443/.well-known/openid-configuration"));
    EXPECT_TRUE(KeyDiscovery::configurationUrl(QStringLiteral("http://localhost:1234")).ok());
}

TEST(KeyDiscoveryUrl, RefusesPlainHttpElsewhereAndNonUrls)
{
    EXPECT_EQ(KeyDiscovery::configurationUrl(QStringLiteral("http://login.salesforce.com")).error().code,
        QStringLiteral("discovery.insecure-issuer"));
    EXPECT_EQ(KeyDiscovery::configurationUrl(QStringLiteral("3MVG9client")).error().code, QStringLiteral("discovery.bad-issuer"));
    EXPECT_EQ(KeyDiscovery::configurationUrl(QString()).error().code, QStringLiteral("discovery.bad-issuer"));
    EXPECT_EQ(KeyDiscovery::configurationUrl(QStringLiteral("https://x.example/?a=b")).error().code,
        QStringLiteral("discovery.bad-issuer"));
}

TEST(Digest, Sha2BySize)
{
    EXPECT_EQ(Digest::sha2(256, "abc").toHex(), QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    EXPECT_EQ(Digest::sha2(384, "abc").size(), 48);
    EXPECT_EQ(Digest::sha2(512, "abc").size(), 64);
    EXPECT_TRUE(Digest::sha2(1, "abc").isEmpty());
}
