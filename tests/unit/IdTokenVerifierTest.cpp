// IdTokenVerifier: every check passing, failing and skipped, with the words it says.
#include "support/IdTokenFixtures.h"

#include "crypto/Jwk.h"
#include "crypto/KeyLoader.h"
#include "inspect/IdTokenVerifier.h"
#include "token/Base64Url.h"

#include <QJsonArray>

#include <gtest/gtest.h>

#include <functional>

using namespace jwtflow;
using namespace idtokentest;
using Status = TokenCheck::Status;

namespace {

KeyMaterial loadKeys(const char *name)
{
    auto material = KeyLoader::loadFile(keyPath(name));
    if (!material)
        ADD_FAILURE() << name << ": " << material.error().text().toStdString();
    return material ? material.value() : KeyMaterial {};
}

Jwt parse(const QString &token)
{
    auto jwt = Jwt::parse(token);
    if (!jwt)
        ADD_FAILURE() << jwt.error().text().toStdString();
    return jwt ? jwt.value() : Jwt {};
}

IdTokenVerifier::Options fullOptions()
{
    IdTokenVerifier::Options options;
    options.keys = loadKeys("jwks.json");
    options.expectedIssuer = kIssuer;
    options.clientId = kClientId;
    options.nonce = kNonce;
    options.accessToken = kAccessToken;
    return options;
}

IdTokenVerifier::Report verify(const QString &token, const IdTokenVerifier::Options &options, qint64 now = kNow)
{
    const FixedClock clock(now);
    return IdTokenVerifier::verify(parse(token), options, clock);
}

Status statusOf(const IdTokenVerifier::Report &report, const char *name)
{
    const TokenCheck *check = report.check(QString::fromLatin1(name));
    if (!check) {
        ADD_FAILURE() << "no check named " << name;
        return Status::Skipped;
    }
    return check->status;
}

std::string messageOf(const IdTokenVerifier::Report &report, const char *name)
{
    const TokenCheck *check = report.check(QString::fromLatin1(name));
    return check ? check->message.toStdString() : std::string("(no such check)");
}

bool messageHas(const IdTokenVerifier::Report &report, const char *name, const QString &text)
{
    const TokenCheck *check = report.check(QString::fromLatin1(name));
    return check && check->message.contains(text);
}

QString withClaims(const std::function<void(QJsonObject &)> &edit, const QString &kid = QStringLiteral("alpha"))
{
    QJsonObject claims = idTokenClaims();
    edit(claims);
    return sign(claims, kid);
}

} // namespace

TEST(IdTokenVerifier, EveryCheckPassesForAGoodTokenAndSaysWhichKeyVerified)
{
    const auto report = verify(idToken(), fullOptions());
    for (const char *name : { "signature", "iss", "aud", "exp", "iat", "nonce", "at_hash" })
        EXPECT_EQ(statusOf(report, name), Status::Passed) << name << ": " << messageOf(report, name);
    EXPECT_EQ(statusOf(report, "nbf"), Status::Skipped);
    EXPECT_EQ(statusOf(report, "azp"), Status::Skipped);
    EXPECT_FALSE(report.anyFailed());
    EXPECT_TRUE(report.signatureVerified());
    EXPECT_EQ(report.kid, QStringLiteral("alpha"));
    EXPECT_TRUE(report.keyUsed.contains(QStringLiteral("kid \"alpha\""))) << report.keyUsed.toStdString();
    EXPECT_TRUE(report.keyUsed.contains(QStringLiteral("jwks.json")));
    EXPECT_TRUE(messageHas(report, "signature", QStringLiteral("Verified with the key with kid \"alpha\"")))
        << messageOf(report, "signature");
    EXPECT_TRUE(report.headerKeys.isEmpty());
}

TEST(IdTokenVerifier, ChecksRunInTheReferenceOrderSignatureFirst)
{
    const auto report = verify(idToken(), fullOptions());
    QStringList names;
    for (const TokenCheck &check : report.checks)
        names << check.name;
    EXPECT_EQ(names,
        (QStringList { QStringLiteral("signature"), QStringLiteral("iss"), QStringLiteral("aud"), QStringLiteral("azp"),
            QStringLiteral("exp"), QStringLiteral("nbf"), QStringLiteral("iat"), QStringLiteral("nonce"),
            QStringLiteral("at_hash") }));
}

TEST(IdTokenVerifier, WithoutKeysOrExpectationsEverythingIsSkippedNotPassed)
{
    IdTokenVerifier::Options options;
    const auto report = verify(idToken(), options);
    for (const char *name : { "signature", "iss", "aud", "azp", "nbf", "nonce", "at_hash" })
        EXPECT_EQ(statusOf(report, name), Status::Skipped) << name << ": " << messageOf(report, name);
    EXPECT_TRUE(messageHas(report, "signature", QStringLiteral("No key given"))) << messageOf(report, "signature");
    EXPECT_TRUE(messageHas(report, "aud", QStringLiteral("give the expected client id")));
    EXPECT_TRUE(messageHas(report, "at_hash", QStringLiteral("give the access token")));
    EXPECT_TRUE(messageHas(report, "nonce", kNonce));
    EXPECT_FALSE(report.anyFailed());
    EXPECT_FALSE(report.signature.has_value());
}

TEST(IdTokenVerifier, WrongAudienceFailsAndNamesBoth)
{
    auto options = fullOptions();
    options.clientId = QStringLiteral("3MVG9someOtherApp");
    const auto report = verify(idToken(), options);
    EXPECT_EQ(statusOf(report, "aud"), Status::Failed);
    EXPECT_TRUE(messageHas(report, "aud", QStringLiteral("not the expected client id \"3MVG9someOtherApp\"")))
        << messageOf(report, "aud");
    EXPECT_TRUE(messageHas(report, "aud", kClientId));
    EXPECT_TRUE(report.anyFailed());
}

TEST(IdTokenVerifier, AudienceWordsFollowTheProfile)
{
    // An ID token's aud is its client (OIDC Core §2); any other JWT's is the recipient that is to
    // accept it (an access token's API, RFC 9068 §3), so "client" would mislead there.
    struct Row {
        IdTokenVerifier::Profile profile;
        const char *clientId;
        const char *says;
    };
    const Row rows[] = {
        { IdTokenVerifier::Profile::IdToken, "", "give the expected client id" },
        { IdTokenVerifier::Profile::IdToken, "3MVG9someOtherApp", "issued to another client" },
        { IdTokenVerifier::Profile::AnyJwt, "", "give the expected audience" },
        { IdTokenVerifier::Profile::AnyJwt, "3MVG9someOtherApp", "not the expected audience \"3MVG9someOtherApp\"" },
        { IdTokenVerifier::Profile::AnyJwt, "3MVG9clientIdOfTheConnectedApp", "contains the expected audience" },
    };
    for (const Row &row : rows) {
        auto options = fullOptions();
        options.profile = row.profile;
        options.clientId = QString::fromLatin1(row.clientId);
        const auto report = verify(idToken(), options);
        EXPECT_TRUE(messageHas(report, "aud", QString::fromUtf8(row.says))) << messageOf(report, "aud");
        if (row.profile == IdTokenVerifier::Profile::AnyJwt) {
            EXPECT_FALSE(messageHas(report, "aud", QStringLiteral("client id"))) << messageOf(report, "aud");
            EXPECT_FALSE(messageHas(report, "aud", QStringLiteral("another client"))) << messageOf(report, "aud");
        }
    }
}

TEST(IdTokenVerifier, AudienceThatDiffersOnlyInCaseIsStillWrong)
{
    auto options = fullOptions();
    options.clientId = kClientId.toLower();
    const auto report = verify(idToken(), options);
    EXPECT_EQ(statusOf(report, "aud"), Status::Failed);
    EXPECT_TRUE(messageHas(report, "aud", QStringLiteral("differs only in case"))) << messageOf(report, "aud");
}

TEST(IdTokenVerifier, AudienceArrayAndAuthorisedParty)
{
    const QString token = withClaims([](QJsonObject &c) {
        c.insert(QStringLiteral("aud"), QJsonArray { kClientId, QStringLiteral("https://api.example") });
        c.insert(QStringLiteral("azp"), kClientId);
    });
    auto report = verify(token, fullOptions());
    EXPECT_EQ(statusOf(report, "aud"), Status::Passed) << messageOf(report, "aud");
    EXPECT_TRUE(messageHas(report, "aud", QStringLiteral("also lists \"https://api.example\""))) << messageOf(report, "aud");
    EXPECT_EQ(statusOf(report, "azp"), Status::Passed) << messageOf(report, "azp");

    const QString otherAzp = withClaims([](QJsonObject &c) {
        c.insert(QStringLiteral("aud"), QJsonArray { kClientId, QStringLiteral("other") });
        c.insert(QStringLiteral("azp"), QStringLiteral("other"));
    });
    report = verify(otherAzp, fullOptions());
    EXPECT_EQ(statusOf(report, "aud"), Status::Passed);
    EXPECT_EQ(statusOf(report, "azp"), Status::Failed);
    EXPECT_TRUE(messageHas(report, "azp", QStringLiteral("azp is \"other\""))) << messageOf(report, "azp");
}

TEST(IdTokenVerifier, MalformedOrMissingAudienceFails)
{
    auto report = verify(
        withClaims([](QJsonObject &c) { c.insert(QStringLiteral("aud"), QJsonArray { kClientId, 42 }); }), fullOptions());
    EXPECT_EQ(statusOf(report, "aud"), Status::Failed);
    EXPECT_TRUE(messageHas(report, "aud", QStringLiteral("string or an array of strings"))) << messageOf(report, "aud");
    report = verify(withClaims([](QJsonObject &c) { c.remove(QStringLiteral("aud")); }), fullOptions());
    EXPECT_EQ(statusOf(report, "aud"), Status::Failed);
}

TEST(IdTokenVerifier, ExpiredBeyondTheSkewFailsWithinItPasses)
{
    const QString token = idToken();
    const qint64 exp = kNow + 300;
    auto report = verify(token, fullOptions(), exp + 61);
    EXPECT_EQ(statusOf(report, "exp"), Status::Failed);
    EXPECT_TRUE(messageHas(report, "exp", QStringLiteral("expired 1 min 1 s ago"))) << messageOf(report, "exp");
    EXPECT_TRUE(messageHas(report, "exp", QStringLiteral("the allowed clock skew is 1 min"))) << messageOf(report, "exp");

    report = verify(token, fullOptions(), exp + 30);
    EXPECT_EQ(statusOf(report, "exp"), Status::Passed);
    EXPECT_TRUE(messageHas(report, "exp", QStringLiteral("within the allowed clock skew"))) << messageOf(report, "exp");

    auto strict = fullOptions();
    strict.skewSecs = 0;
    report = verify(token, strict, exp); // RFC 7519: exp == now is expired
    EXPECT_EQ(statusOf(report, "exp"), Status::Failed) << messageOf(report, "exp");
    EXPECT_TRUE(messageHas(report, "exp", QStringLiteral("no clock skew is allowed"))) << messageOf(report, "exp");
    report = verify(token, strict, exp - 1);
    EXPECT_EQ(statusOf(report, "exp"), Status::Passed);
}

TEST(IdTokenVerifier, NotBeforeInTheFutureWithinAndOutsideTheSkew)
{
    const QString soon = withClaims([](QJsonObject &c) { c.insert(QStringLiteral("nbf"), kNow + 30); });
    auto report = verify(soon, fullOptions());
    EXPECT_EQ(statusOf(report, "nbf"), Status::Passed) << messageOf(report, "nbf");
    EXPECT_TRUE(messageHas(report, "nbf", QStringLiteral("within the allowed clock skew of 1 min"))) << messageOf(report, "nbf");

    const QString later = withClaims([](QJsonObject &c) { c.insert(QStringLiteral("nbf"), kNow + 120); });
    report = verify(later, fullOptions());
    EXPECT_EQ(statusOf(report, "nbf"), Status::Failed);
    EXPECT_TRUE(messageHas(report, "nbf", QStringLiteral("not valid yet"))) << messageOf(report, "nbf");
    EXPECT_TRUE(messageHas(report, "nbf", QStringLiteral("valid in 2 min"))) << messageOf(report, "nbf");

    auto wide = fullOptions();
    wide.skewSecs = 300;
    report = verify(later, wide);
    EXPECT_EQ(statusOf(report, "nbf"), Status::Passed) << messageOf(report, "nbf");
}

TEST(IdTokenVerifier, IssuedInTheFutureBeyondTheSkewFails)
{
    const QString token = withClaims([](QJsonObject &c) { c.insert(QStringLiteral("iat"), kNow + 600); });
    const auto report = verify(token, fullOptions());
    EXPECT_EQ(statusOf(report, "iat"), Status::Failed);
    EXPECT_TRUE(messageHas(report, "iat", QStringLiteral("issued in the future"))) << messageOf(report, "iat");
}

TEST(IdTokenVerifier, RequiredTimeClaimsAreRequiredOnlyForIdTokens)
{
    const QString token = withClaims([](QJsonObject &c) {
        c.remove(QStringLiteral("exp"));
        c.remove(QStringLiteral("iat"));
    });
    auto report = verify(token, fullOptions());
    EXPECT_EQ(statusOf(report, "exp"), Status::Failed);
    EXPECT_TRUE(messageHas(report, "exp", QStringLiteral("an ID token must have one")));
    EXPECT_EQ(statusOf(report, "iat"), Status::Failed);

    auto any = fullOptions();
    any.profile = IdTokenVerifier::Profile::AnyJwt;
    report = verify(token, any);
    EXPECT_EQ(statusOf(report, "exp"), Status::Skipped);
    EXPECT_TRUE(messageHas(report, "exp", QStringLiteral("never expires")));
    EXPECT_EQ(statusOf(report, "iat"), Status::Skipped);
}

TEST(IdTokenVerifier, ExpAsAStringFails)
{
    const QString token = withClaims([](QJsonObject &c) { c.insert(QStringLiteral("exp"), QStringLiteral("1700000300")); });
    const auto report = verify(token, fullOptions());
    EXPECT_EQ(statusOf(report, "exp"), Status::Failed) << messageOf(report, "exp");
}

TEST(IdTokenVerifier, WrongOrMissingNonceFails)
{
    auto options = fullOptions();
    options.nonce = QStringLiteral("another-request");
    auto report = verify(idToken(), options);
    EXPECT_EQ(statusOf(report, "nonce"), Status::Failed);
    EXPECT_TRUE(messageHas(report, "nonce", QStringLiteral("but \"another-request\" was expected")))
        << messageOf(report, "nonce");

    report = verify(withClaims([](QJsonObject &c) { c.remove(QStringLiteral("nonce")); }), fullOptions());
    EXPECT_EQ(statusOf(report, "nonce"), Status::Failed);
    EXPECT_TRUE(messageHas(report, "nonce", QStringLiteral("has no nonce"))) << messageOf(report, "nonce");
}

TEST(IdTokenVerifier, AtHashMismatchFailsAndShowsBothHashes)
{
    auto options = fullOptions();
    options.accessToken = kAccessToken + QStringLiteral("X");
    options.accessTokenOrigin = QStringLiteral("the access_token of the same response");
    const auto report = verify(idToken(), options);
    EXPECT_EQ(statusOf(report, "at_hash"), Status::Failed);
    EXPECT_TRUE(messageHas(report, "at_hash", kAtHash256)) << messageOf(report, "at_hash");
    EXPECT_TRUE(messageHas(report, "at_hash", QStringLiteral("SHA-256 of the access_token of the same response")))
        << messageOf(report, "at_hash");
    EXPECT_TRUE(messageHas(report, "at_hash", QStringLiteral("was not issued with this ID token")));
}

TEST(IdTokenVerifier, AtHashFollowsTheAlgorithm)
{
    EXPECT_EQ(IdTokenVerifier::leftHalfHash(QStringLiteral("RS256"), kAccessToken), kAtHash256);
    EXPECT_EQ(IdTokenVerifier::leftHalfHash(QStringLiteral("ES256"), kAccessToken), kAtHash256);
    EXPECT_EQ(IdTokenVerifier::leftHalfHash(QStringLiteral("RS384"), kAccessToken), kAtHash384);
    EXPECT_EQ(IdTokenVerifier::leftHalfHash(QStringLiteral("HS512"), kAccessToken),
        QStringLiteral("ZxrgtEXHvPabIW4L5fg_en72GsVFu2PIZpd17pTN24E"));
    EXPECT_TRUE(IdTokenVerifier::leftHalfHash(QStringLiteral("none"), kAccessToken).isEmpty());
    EXPECT_TRUE(IdTokenVerifier::leftHalfHash(QStringLiteral("rs256"), kAccessToken).isEmpty());

    QJsonObject claims = idTokenClaims();
    claims.insert(QStringLiteral("at_hash"), kAtHash384);
    const auto report
        = verify(sign(claims, QStringLiteral("alpha"), "rsa2048-pkcs8.pem", QStringLiteral("RS384")), fullOptions());
    EXPECT_EQ(statusOf(report, "at_hash"), Status::Passed) << messageOf(report, "at_hash");
    EXPECT_TRUE(messageHas(report, "at_hash", QStringLiteral("SHA-384")));
    EXPECT_EQ(statusOf(report, "signature"), Status::Passed) << messageOf(report, "signature");
}

TEST(IdTokenVerifier, UnknownKidFailsAndListsTheKidsThereAre)
{
    const auto report = verify(sign(idTokenClaims(), QStringLiteral("delta")), fullOptions());
    EXPECT_EQ(statusOf(report, "signature"), Status::Failed);
    for (const char *kid : { "\"delta\"", "\"alpha\"", "\"beta\"", "\"gamma\"" })
        EXPECT_TRUE(messageHas(report, "signature", QString::fromLatin1(kid))) << messageOf(report, "signature");
    EXPECT_TRUE(report.anyFailed());
}

TEST(IdTokenVerifier, KidOfAnotherKeyInTheSetFails)
{
    // Signed with alpha's key but naming beta: the kid picks beta, which does not verify.
    const auto report = verify(sign(idTokenClaims(), QStringLiteral("beta")), fullOptions());
    EXPECT_EQ(statusOf(report, "signature"), Status::Failed);
    EXPECT_EQ(report.kid, QStringLiteral("beta"));
    EXPECT_TRUE(messageHas(report, "signature", QStringLiteral("Key tried: the key with kid \"beta\"")))
        << messageOf(report, "signature");
}

TEST(IdTokenVerifier, AnRs256TokenWhoseKidNamesAnEcKeyFailsAsAKeyMismatch)
{
    // The token's alg decides (RS256), and the EC key the kid picks cannot verify it.
    const auto report = verify(sign(idTokenClaims(), QStringLiteral("gamma")), fullOptions());
    EXPECT_EQ(statusOf(report, "signature"), Status::Failed) << messageOf(report, "signature");
    EXPECT_FALSE(report.signatureUnsupported);
    EXPECT_TRUE(messageHas(report, "signature", QStringLiteral("EC P-256"))) << messageOf(report, "signature");
}

TEST(IdTokenVerifier, TamperedPayloadFailsTheSignature)
{
    const QString token = idToken();
    const QStringList parts = token.split(QLatin1Char('.'));
    QJsonObject claims = idTokenClaims();
    claims.insert(QStringLiteral("preferred_username"), QStringLiteral("admin@example.com"));
    const QString forged = parts[0] + QLatin1Char('.')
        + QString::fromLatin1(Base64Url::encode(QJsonDocument(claims).toJson(QJsonDocument::Compact))) + QLatin1Char('.')
        + parts[2];
    const auto report = verify(forged, fullOptions());
    EXPECT_EQ(statusOf(report, "signature"), Status::Failed);
    EXPECT_TRUE(messageHas(report, "signature", QStringLiteral("does not match"))) << messageOf(report, "signature");
    // The claims are still reported: a debugger shows the whole picture.
    EXPECT_EQ(statusOf(report, "aud"), Status::Passed);
}

TEST(IdTokenVerifier, UnsignedTokenNeverPasses)
{
    const QString header = QString::fromLatin1(Base64Url::encode(R"({"alg":"none"})"));
    const QString payload = QString::fromLatin1(Base64Url::encode(QJsonDocument(idTokenClaims()).toJson(QJsonDocument::Compact)));
    const auto report = verify(header + QLatin1Char('.') + payload + QLatin1Char('.'), fullOptions());
    EXPECT_EQ(statusOf(report, "signature"), Status::Failed);
    EXPECT_TRUE(messageHas(report, "signature", QStringLiteral("none"))) << messageOf(report, "signature");
}

TEST(IdTokenVerifier, VerifiesWithACertificateOrASingleJwkToo)
{
    auto options = fullOptions();
    options.keys = loadKeys("rsa2048.crt");
    auto report = verify(idToken(), options);
    EXPECT_EQ(statusOf(report, "signature"), Status::Passed) << messageOf(report, "signature");
    EXPECT_TRUE(report.keyUsed.contains(QStringLiteral("certificate"))) << report.keyUsed.toStdString();

    options.keys = loadKeys("rsa2048.jwk.json");
    report = verify(idToken(), options);
    EXPECT_EQ(statusOf(report, "signature"), Status::Passed) << messageOf(report, "signature");

    options.keys = loadKeys("other2048.crt");
    report = verify(idToken(), options);
    EXPECT_EQ(statusOf(report, "signature"), Status::Failed);
    EXPECT_TRUE(messageHas(report, "signature", QStringLiteral("kid played no part"))) << messageOf(report, "signature");
}

TEST(IdTokenVerifier, IssuerIsComparedExactly)
{
    auto options = fullOptions();
    options.expectedIssuer = kIssuer + QLatin1Char('/');
    auto report = verify(idToken(), options);
    EXPECT_EQ(statusOf(report, "iss"), Status::Failed);
    EXPECT_TRUE(messageHas(report, "iss", QStringLiteral("trailing slash"))) << messageOf(report, "iss");

    options.expectedIssuer.clear();
    report = verify(idToken(), options);
    EXPECT_EQ(statusOf(report, "iss"), Status::Skipped) << messageOf(report, "iss");

    report = verify(idToken(kNow, QStringLiteral("http://login.example.com")), options);
    EXPECT_EQ(statusOf(report, "iss"), Status::Failed);
    EXPECT_TRUE(messageHas(report, "iss", QStringLiteral("not an https URL"))) << messageOf(report, "iss");
}

TEST(IdTokenVerifier, HeaderJwkIsNeverTrustedAndSaysWhatItWouldProve)
{
    // A forger signs with their own key and puts its public half in the header, naming kid alpha.
    const auto forgerKey = KeyLoader::loadPublicKey(keyPath("other2048.crt"));
    ASSERT_TRUE(forgerKey.ok());
    const QJsonObject embedded = Jwk::fromPublicKey(forgerKey.value());
    const QString forged = sign(idTokenClaims(), QStringLiteral("alpha"), "other2048.pem", QStringLiteral("RS256"),
        { { QStringLiteral("jwk"), embedded } });

    IdTokenVerifier::Options none;
    auto report = verify(forged, none);
    EXPECT_EQ(statusOf(report, "signature"), Status::Skipped)
        << "an embedded key must not verify: " << messageOf(report, "signature");
    EXPECT_EQ(statusOf(report, "header.jwk"), Status::Skipped);
    EXPECT_TRUE(messageHas(report, "header.jwk", QStringLiteral("Not used to verify"))) << messageOf(report, "header.jwk");
    EXPECT_TRUE(messageHas(report, "header.jwk", QStringLiteral("it would not prove who signed it")))
        << messageOf(report, "header.jwk");
    ASSERT_EQ(report.headerKeys.size(), 1);
    EXPECT_EQ(report.headerKeys[0].member, QStringLiteral("jwk"));
    EXPECT_TRUE(report.headerKeys[0].summary.contains(Jwk::thumbprint(forgerKey.value())));

    report = verify(forged, fullOptions());
    EXPECT_EQ(statusOf(report, "signature"), Status::Failed) << messageOf(report, "signature");
    EXPECT_TRUE(messageHas(report, "header.jwk", QStringLiteral("NOT the key you trust"))) << messageOf(report, "header.jwk");
}

TEST(IdTokenVerifier, HeaderX5cJkuAndX5uAreDescribedNotFollowed)
{
    const auto certificate = KeyLoader::loadCertificate(keyPath("rsa2048.crt"));
    ASSERT_TRUE(certificate.ok());
    const QJsonObject header { { QStringLiteral("x5c"), QJsonArray { QString::fromLatin1(certificate->toDer().toBase64()) } },
        { QStringLiteral("jku"), QStringLiteral("https://attacker.example/keys") },
        { QStringLiteral("x5u"), QStringLiteral("https://attacker.example/cert.pem") } };
    const QString token = sign(idTokenClaims(), QStringLiteral("alpha"), "rsa2048-pkcs8.pem", QStringLiteral("RS256"), header);
    auto options = fullOptions();
    options.keys->source = QStringLiteral("https://login.salesforce.com/id/keys"); // as if fetched through discovery
    const auto report = verify(token, options);
    EXPECT_EQ(statusOf(report, "signature"), Status::Passed) << messageOf(report, "signature");
    EXPECT_EQ(statusOf(report, "header.x5c"), Status::Skipped);
    EXPECT_TRUE(messageHas(report, "header.x5c", QStringLiteral("same key as the one you trust")))
        << messageOf(report, "header.x5c");
    EXPECT_TRUE(messageHas(report, "header.x5c", QStringLiteral("chain is validated"))) << messageOf(report, "header.x5c");
    EXPECT_TRUE(messageHas(report, "header.jku", QStringLiteral("never fetches it"))) << messageOf(report, "header.jku");
    EXPECT_TRUE(messageHas(report, "header.jku", QStringLiteral("another host (attacker.example)")))
        << messageOf(report, "header.jku");
    EXPECT_TRUE(messageHas(report, "header.x5u", QStringLiteral("https://attacker.example/cert.pem")));
    EXPECT_FALSE(report.anyFailed());
}

TEST(IdTokenVerifier, UnsupportedAlgorithmIsSkippedAndFlagged)
{
    const QString header = QString::fromLatin1(Base64Url::encode(R"({"alg":"ES256K","kid":"alpha"})"));
    const QString payload = QString::fromLatin1(Base64Url::encode(QJsonDocument(idTokenClaims()).toJson(QJsonDocument::Compact)));
    const auto report = verify(header + QLatin1Char('.') + payload + QStringLiteral(".c2ln"), fullOptions());
    EXPECT_EQ(statusOf(report, "signature"), Status::Skipped) << messageOf(report, "signature");
    EXPECT_TRUE(report.signatureUnsupported);
    EXPECT_FALSE(report.anyFailed());
}

TEST(IdTokenVerifier, KeysThatCouldNotBeFetched)
{
    auto options = fullOptions();
    options.keys.reset();
    options.keysError
        = makeError(QStringLiteral("discovery.unreachable"), QStringLiteral("Could not reach https://login.salesforce.com."));
    auto report = verify(idToken(), options);
    EXPECT_EQ(statusOf(report, "signature"), Status::Skipped);
    EXPECT_TRUE(messageHas(report, "signature", QStringLiteral("could not be fetched"))) << messageOf(report, "signature");

    options.keysError
        = makeError(QStringLiteral("discovery.issuer-mismatch"), QStringLiteral("The discovery document says its issuer is X."));
    report = verify(idToken(), options);
    EXPECT_EQ(statusOf(report, "signature"), Status::Failed);
    EXPECT_TRUE(IdTokenVerifier::keysErrorFails(*options.keysError));
}
