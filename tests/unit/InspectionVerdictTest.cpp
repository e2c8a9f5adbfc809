// The inspector's verdict line: kind · valid/expired and when · signature · audience, in words.
#include "inspect/InspectionVerdict.h"

#include "support/IdTokenFixtures.h"

#include <gtest/gtest.h>

using namespace jwtflow;
using namespace idtokentest;

namespace {

struct Row {
    const char *what;
    qint64 expOffset; // exp − now, in seconds
    qint64 nbfOffset; // nbf − now; 0: no nbf
    const char *keyFile; // "" : no key given
    const char *clientId; // "" : not compared
    const char *validity; // expected, exactly
    const char *signature; // expected start
    const char *audience; // expected, exactly
    bool problem;
};

const Row kRows[] = {
    { "fresh, verified, our audience", 300, 0, "rsa2048.crt", "3MVG9clientIdOfTheConnectedApp",
        "valid, expires in 5 minutes (2023-11-14 22:18:20 UTC)", "signature verified with certificate",
        "audience 3MVG9clientIdOfTheConnectedApp (the expected client id)", false },
    { "expired three hours ago, no key", -3 * 3600 - 120, 0, "", "", "expired 3 hours ago (2023-11-14 19:11:20 UTC)",
        "signature not checked (no key given)", "audience 3MVG9clientIdOfTheConnectedApp (not compared)", true },
    { "expired within the skew", -30, 0, "", "",
        "expired 30 seconds ago (2023-11-14 22:12:50 UTC), within the allowed clock skew", "signature not checked (no key given)",
        "audience 3MVG9clientIdOfTheConnectedApp (not compared)", false },
    { "expired two days ago", -2 * 86400, 0, "", "", "expired 2 days ago (2023-11-12 22:13:20 UTC)", "signature not checked",
        "audience 3MVG9clientIdOfTheConnectedApp (not compared)", true },
    { "not valid yet", 3600, 600, "", "", "not valid yet: valid in 10 minutes (2023-11-14 22:23:20 UTC)", "signature not checked",
        "audience 3MVG9clientIdOfTheConnectedApp (not compared)", true },
    { "another key signed it", 300, 0, "other2048.crt", "", "valid, expires in 5 minutes (2023-11-14 22:18:20 UTC)",
        "signature INVALID with certificate", "audience 3MVG9clientIdOfTheConnectedApp (not compared)", true },
    { "issued to another client", 300, 0, "rsa2048.crt", "3MVG9someOtherApp",
        "valid, expires in 5 minutes (2023-11-14 22:18:20 UTC)", "signature verified",
        "audience 3MVG9clientIdOfTheConnectedApp, NOT the expected client id", true },
};

} // namespace

TEST(InspectionVerdict, Table)
{
    const FixedClock clock(kNow);
    for (const Row &row : kRows) {
        SCOPED_TRACE(row.what);
        QJsonObject claims = idTokenClaims();
        claims.insert(QStringLiteral("exp"), kNow + row.expOffset);
        if (row.nbfOffset != 0)
            claims.insert(QStringLiteral("nbf"), kNow + row.nbfOffset);
        const auto items = TokenInspection::inspect(sign(claims), clock);
        ASSERT_EQ(items.size(), 1);
        IdTokenVerifier::Options options;
        if (*row.keyFile) {
            auto keys = KeyLoader::loadFile(keyPath(row.keyFile));
            ASSERT_TRUE(keys.ok());
            options.keys = keys.value();
        }
        options.clientId = QString::fromLatin1(row.clientId);
        options.profile = items[0].profile();
        const auto report = IdTokenVerifier::verify(*items[0].jwt, options, clock);
        const InspectionVerdict verdict = InspectionVerdict::of(items[0], report, clock);
        EXPECT_EQ(verdict.kind, QStringLiteral("OpenID Connect ID token"));
        EXPECT_EQ(verdict.validity, QString::fromUtf8(row.validity));
        EXPECT_TRUE(verdict.signature.startsWith(QString::fromUtf8(row.signature))) << verdict.signature.toStdString();
        EXPECT_EQ(verdict.audience, QString::fromUtf8(row.audience));
        EXPECT_EQ(verdict.problem, row.problem);
        EXPECT_EQ(verdict.line(),
            QStringList({ verdict.kind, verdict.validity, verdict.signature, verdict.audience }).join(QStringLiteral(" · ")));
    }
}

TEST(InspectionVerdict, AnUnsignedTokenIsSaidPlainly)
{
    const FixedClock clock(kNow);
    const QString token = QStringLiteral("eyJhbGciOiJub25lIn0.")
        + QString::fromLatin1(QJsonDocument(idTokenClaims())
                .toJson(QJsonDocument::Compact)
                .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals))
        + u'.';
    const auto items = TokenInspection::inspect(token, clock);
    ASSERT_EQ(items.size(), 1);
    IdTokenVerifier::Options options;
    options.profile = items[0].profile();
    const auto verdict = InspectionVerdict::of(items[0], IdTokenVerifier::verify(*items[0].jwt, options, clock), clock);
    EXPECT_EQ(verdict.signature, QStringLiteral("unsigned (alg none): never accept it"));
    EXPECT_TRUE(verdict.problem);
}

TEST(InspectionVerdict, AnOpaqueTokenIsOnlyItsKind)
{
    const FixedClock clock(kNow);
    const auto items = TokenInspection::inspect(kAccessToken, clock);
    ASSERT_EQ(items.size(), 1);
    const auto verdict = InspectionVerdict::of(items[0], std::nullopt, clock);
    EXPECT_EQ(verdict.line(), QStringLiteral("Salesforce access token (opaque)"));
    EXPECT_FALSE(verdict.problem);
}

TEST(InspectionVerdict, AnAccessTokensAudienceIsNotCalledAClientId)
{
    // An access token's aud names the API that is to accept it (RFC 9068 §3), not the client.
    const FixedClock clock(kNow);
    QJsonObject claims = idTokenClaims();
    claims.insert(QStringLiteral("exp"), kNow + 300);
    claims.insert(QStringLiteral("scp"), QStringLiteral("api refresh_token"));
    claims.insert(QStringLiteral("aud"), QStringLiteral("https://acme.my.salesforce.com"));
    const auto items = TokenInspection::inspect(sign(claims), clock);
    ASSERT_EQ(items.size(), 1);
    ASSERT_NE(items[0].classification.kind, TokenClassifier::Kind::IdToken);
    IdTokenVerifier::Options options;
    options.profile = items[0].profile();
    options.clientId = QStringLiteral("3MVG9clientIdOfTheConnectedApp");
    const auto report = IdTokenVerifier::verify(*items[0].jwt, options, clock);
    const TokenCheck *aud = report.check(QStringLiteral("aud"));
    ASSERT_NE(aud, nullptr);
    EXPECT_TRUE(aud->failed());
    EXPECT_TRUE(aud->message.contains(QStringLiteral("not the expected audience"))) << aud->message.toStdString();
    EXPECT_FALSE(aud->message.contains(QStringLiteral("client id"))) << aud->message.toStdString();
    const InspectionVerdict verdict = InspectionVerdict::of(items[0], report, clock);
    EXPECT_EQ(verdict.audience, QStringLiteral("audience https://acme.my.salesforce.com, NOT the expected audience"));
    EXPECT_TRUE(verdict.problem);
}
