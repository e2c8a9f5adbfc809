#include "inspect/ClaimDictionary.h"
#include "inspect/TokenClassifier.h"
#include "inspect/TokenFinder.h"
#include "token/Base64Url.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

using namespace jwtflow;
using Kind = TokenClassifier::Kind;

namespace {

QString token(const QJsonObject &claims, const QJsonObject &header = { { QStringLiteral("alg"), QStringLiteral("RS256") } })
{
    return QString::fromLatin1(Base64Url::encode(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.'
        + Base64Url::encode(QJsonDocument(claims).toJson(QJsonDocument::Compact)) + ".c2ln");
}

const QString kIdToken = token({ { QStringLiteral("iss"), QStringLiteral("https://login.salesforce.com") },
    { QStringLiteral("sub"), QStringLiteral("https://login.salesforce.com/id/00D/005") },
    { QStringLiteral("aud"), QStringLiteral("3MVG9client") }, { QStringLiteral("iat"), 1700000000 },
    { QStringLiteral("exp"), 1700000300 }, { QStringLiteral("nonce"), QStringLiteral("n-0S6") } });

} // namespace

TEST(TokenFinder, FindsEveryTokenInATokenResponse)
{
    const auto found = TokenFinder::find(
        QStringLiteral(R"({"access_token":"00Dxx!AQ","id_token":"%1","instance_url":"https://x"})").arg(kIdToken));
    ASSERT_EQ(found.size(), 2);
    EXPECT_EQ(found[0].label, QStringLiteral("id_token"));
    EXPECT_EQ(found[0].token, kIdToken);
    EXPECT_EQ(found[1].label, QStringLiteral("access_token"));
    EXPECT_EQ(found[1].source, QStringLiteral("token response JSON"));
}

TEST(TokenFinder, FindsHeaderUrlFragmentQueryAndFormBody)
{
    EXPECT_EQ(
        TokenFinder::find(QStringLiteral("Authorization: Bearer abc.def.ghi")).value(0).token, QStringLiteral("abc.def.ghi"));
    const auto fragment
        = TokenFinder::find(QStringLiteral("https://app.example/cb#access_token=00D%21AQ&id_token=%1&state=x").arg(kIdToken));
    ASSERT_EQ(fragment.size(), 2);
    EXPECT_EQ(fragment[0].label, QStringLiteral("id_token"));
    EXPECT_EQ(fragment[1].token, QStringLiteral("00D!AQ"));
    EXPECT_EQ(fragment[0].source, QStringLiteral("URL fragment"));
    const auto query = TokenFinder::find(QStringLiteral("https://app.example/cb?id_token=%1").arg(kIdToken));
    ASSERT_EQ(query.size(), 1);
    EXPECT_EQ(query[0].source, QStringLiteral("URL query"));
    const auto form
        = TokenFinder::find(QStringLiteral("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=a.b.c"));
    ASSERT_EQ(form.size(), 1);
    EXPECT_EQ(form[0].label, QStringLiteral("assertion"));
    EXPECT_EQ(TokenFinder::find(QStringLiteral("  a.b.c \n")).value(0).token, QStringLiteral("a.b.c"));
    EXPECT_TRUE(TokenFinder::find(QStringLiteral("   ")).isEmpty());
}

TEST(TokenClassifier, TellsTheKindsApart)
{
    EXPECT_EQ(TokenClassifier::classify(kIdToken).kind, Kind::IdToken);
    EXPECT_TRUE(TokenClassifier::classify(kIdToken).canDo.contains(QStringLiteral("cannot authorise API calls")));
    EXPECT_EQ(TokenClassifier::classify(QStringLiteral("00D5g000004XyZa!AQ4AQMfakeSessionIdentifierValue1234")).kind,
        Kind::SalesforceAccessToken);
    EXPECT_EQ(TokenClassifier::classify(token({ { QStringLiteral("iss"), QStringLiteral("3MVG9abc") },
                                            { QStringLiteral("sub"), QStringLiteral("ann@example.com") },
                                            { QStringLiteral("aud"), QStringLiteral("https://login.salesforce.com") },
                                            { QStringLiteral("exp"), 1700000300 } }))
                  .kind,
        Kind::BearerAssertion);
    EXPECT_EQ(TokenClassifier::classify(
                  token({ { QStringLiteral("iss"), QStringLiteral("cid") }, { QStringLiteral("sub"), QStringLiteral("cid") },
                      { QStringLiteral("aud"), QStringLiteral("https://login.microsoftonline.com/t/oauth2/v2.0/token") },
                      { QStringLiteral("jti"), QStringLiteral("1") } }))
                  .kind,
        Kind::ClientAssertion);
    EXPECT_EQ(TokenClassifier::classify(
                  token({ { QStringLiteral("aud"), QStringLiteral("api://x") }, { QStringLiteral("scp"), QStringLiteral("read") },
                      { QStringLiteral("tid"), QStringLiteral("t") } }))
                  .kind,
        Kind::JwtAccessToken);
    EXPECT_EQ(TokenClassifier::classify(QStringLiteral("hello world")).kind, Kind::NotAToken);
}

TEST(ClaimDictionary, ExplainsKnownClaimsTimesAndFlagsUnknownOnes)
{
    FixedClock clock(1700000000);
    const auto explained = ClaimDictionary::explain(
        QJsonObject { { QStringLiteral("exp"), 1700000161 }, { QStringLiteral("organization_id"), QStringLiteral("00D") },
            { QStringLiteral("zzz_custom"), 1 } },
        clock);
    ASSERT_EQ(explained.size(), 3);
    EXPECT_EQ(explained[0].name, QStringLiteral("exp"));
    EXPECT_TRUE(explained[0].known);
    EXPECT_TRUE(explained[0].value.contains(QStringLiteral("2 min 41 s"))) << explained[0].value.toStdString();
    EXPECT_EQ(explained[1].source, QStringLiteral("Salesforce"));
    EXPECT_FALSE(explained[2].known);
    EXPECT_EQ(explained[2].title, QStringLiteral("Unknown claim"));
    const auto header = ClaimDictionary::explainHeader(QJsonObject { { QStringLiteral("jku"), QStringLiteral("https://evil") } });
    EXPECT_TRUE(header.value(0).meaning.contains(QStringLiteral("Never trust")));
}

TEST(TokenClassifier, ASalesforceJwtAccessTokenIsNamedAnAccessTokenNotAnIdToken)
{
    // Header as Salesforce Help "JWT-Based Access Tokens" documents it; the claims alone carry no
    // scope, so the header's tty decides.
    const QJsonObject header { { QStringLiteral("tnk"), QStringLiteral("core/jwtf1/00DJ900000PRACTAAA") },
        { QStringLiteral("ver"), QStringLiteral("1.0") }, { QStringLiteral("kid"), QStringLiteral("188") },
        { QStringLiteral("tty"), QStringLiteral("sfdc-core-token") }, { QStringLiteral("typ"), QStringLiteral("JWT") },
        { QStringLiteral("alg"), QStringLiteral("RS256") } };
    const QJsonObject claims { { QStringLiteral("iss"), QStringLiteral("https://acme.my.salesforce.com") },
        { QStringLiteral("aud"), QStringLiteral("https://acme.my.salesforce.com") },
        { QStringLiteral("sub"), QStringLiteral("uid:005J900000DEMOAAA") },
        { QStringLiteral("client_id"), QStringLiteral("3MVG9client") }, { QStringLiteral("iat"), 1700000000 },
        { QStringLiteral("exp"), 1700007200 } };
    const auto c = TokenClassifier::classify(token(claims, header));
    EXPECT_EQ(c.kind, Kind::JwtAccessToken);
    EXPECT_EQ(c.title, QStringLiteral("Salesforce JWT-based access token"));
    EXPECT_TRUE(c.explanation.contains(QStringLiteral("It is not an ID token"))) << c.explanation.toStdString();
    EXPECT_TRUE(c.canDo.contains(QStringLiteral("Authorization: Bearer"))) << c.canDo.toStdString();
    EXPECT_TRUE(c.canDo.contains(QStringLiteral("treat it as opaque"))) << c.canDo.toStdString();
    // Without tty the same claims are not taken for one (aud being the org, they read as an assertion).
    QJsonObject plain = header;
    plain.remove(QStringLiteral("tty"));
    EXPECT_NE(TokenClassifier::classify(token(claims, plain)).kind, Kind::JwtAccessToken);

    const auto explained = ClaimDictionary::explainHeader(header);
    for (const ClaimDictionary::Explained &e : explained) {
        EXPECT_TRUE(e.known) << e.name.toStdString();
        if (e.name == QLatin1String("tty") || e.name == QLatin1String("tnk") || e.name == QLatin1String("ver")) {
            EXPECT_EQ(e.source, QStringLiteral("Salesforce")) << e.name.toStdString();
        }
    }
}
