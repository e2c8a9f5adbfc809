#include "CryptoTestData.h"

#include "crypto/HmacSecret.h"
#include "crypto/Jwk.h"
#include "crypto/Signer.h"
#include "crypto/Verifier.h"
#include "token/Base64Url.h"
#include "token/Jwt.h"

#include <QJsonDocument>
#include <QMessageAuthenticationCode>

#include <gtest/gtest.h>

using namespace jwtflow;
using namespace cryptotest;
using Outcome = Verification::Outcome;

namespace {

// RFC 7515 appendix A.1 (HS256) and A.2 (RS256): the same payload, both printed in the RFC.
const QByteArray kPayloadSegment
    = "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ";
const QByteArray kA1Header = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9";
const QByteArray kA1Key = "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow";
const QByteArray kA1Signature = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const unsigned char kA1SignatureBytes[] = { 116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212,
    37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121 };
const QByteArray kA2Header = "eyJhbGciOiJSUzI1NiJ9";
const QByteArray kA2Signature = "cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_"
                                "O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAyn"
                                "RFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--"
                                "xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1ph"
                                "CnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw";
// The same 256 bytes as the RFC's array in A.2.1, in hex.
const QByteArray kA2SignatureHex = "702e218943e88fd11eb5d82dbf7845f34106ae1b81fff7731116add1717d83656d420afd3c96eedd73a2663e51666"
                                   "87b000b87226e0187ed1073f945e582adfc"
                                   "ef16d85a798ee8c66ddb3db8975b17d09402beedd5d9d97007108db28160d5f8040ca7445762b81fbe7ff9d92e0ae"
                                   "76f24f25b33bbe6f44ae61eb1040acb2004"
                                   "4d3ef9128ed40130795bd4bd3b41eecad066ab651981fde48df77f372dc38b9fafdd3befb18b5da3cc3c2eb02f9e3"
                                   "a41d612caad15911273a05f23b9e838faaf"
                                   "849d698429ef5a1e88798236c3d40e604522a544c8f27a7a2db80663d16cf7caea56de405cb2215a45b2c25566b55"
                                   "ac1a748a070dfc8a32a469543d019eefb47";

Jwt parse(const QByteArray &token)
{
    auto jwt = Jwt::parse(QString::fromLatin1(token));
    if (!jwt)
        ADD_FAILURE() << jwt.error().text().toStdString();
    return jwt ? jwt.value() : Jwt();
}

Jwt compose(
    const QByteArray &header, const QByteArray &payload = "{\"iss\":\"3MVG9\",\"sub\":\"ann@example.com\",\"exp\":1900000000}")
{
    auto jwt = Jwt::compose(header, payload);
    if (!jwt)
        ADD_FAILURE() << jwt.error().text().toStdString();
    return jwt ? jwt.value() : Jwt();
}

QJsonObject rfcJwk()
{
    return QJsonDocument::fromJson(readFixture("rfc7515-a2.jwk.json")).object();
}

// A token with a given header whose signature part is `signature` (raw bytes).
Jwt forge(const QByteArray &headerJson, const QByteArray &signature)
{
    Jwt jwt = compose(headerJson);
    return parse(jwt.signingInput() + '.' + Base64Url::encode(signature));
}

} // namespace

TEST(CryptoRfc7515, A1Hs256SignatureEqualsTheRfcBytes)
{
    const auto secret = HmacSecret::fromBase64(QString::fromLatin1(kA1Key));
    ASSERT_TRUE(secret.ok()) << secret.error().text().toStdString();
    EXPECT_EQ(secret->size(), 64);

    Jwt jwt = parse(kA1Header + '.' + kPayloadSegment + '.');
    ASSERT_TRUE(Signer::sign(jwt, secret.value(), QStringLiteral("HS256")).ok());
    EXPECT_EQ(jwt.signature(), QByteArray(reinterpret_cast<const char *>(kA1SignatureBytes), sizeof kA1SignatureBytes));
    EXPECT_EQ(jwt.encoded(), kA1Header + '.' + kPayloadSegment + '.' + kA1Signature); // header bytes kept (CRLF and all)

    const Verification v = Verifier::verify(parse(kA1Header + '.' + kPayloadSegment + '.' + kA1Signature), secret.value());
    EXPECT_EQ(v.outcome, Outcome::Verified) << v.message.toStdString();
    EXPECT_EQ(v.alg, QStringLiteral("HS256"));
}

TEST(CryptoRfc7515, A2Rs256SignatureEqualsTheRfcBytes)
{
    const auto key = Jwk::privateKey(rfcJwk(), QStringLiteral("RFC 7515 A.2"));
    ASSERT_TRUE(key.ok()) << key.error().text().toStdString();
    EXPECT_EQ(key->bits(), 2048);

    Jwt jwt = parse(kA2Header + '.' + kPayloadSegment + '.');
    ASSERT_TRUE(Signer::sign(jwt, key.value(), QStringLiteral("RS256")).ok());
    EXPECT_EQ(jwt.signature(), QByteArray::fromHex(kA2SignatureHex)); // PKCS#1 v1.5 is deterministic
    EXPECT_EQ(jwt.signatureSegment(), kA2Signature);

    const auto publicKey = Jwk::publicKey(rfcJwk(), QStringLiteral("RFC 7515 A.2"));
    ASSERT_TRUE(publicKey.ok());
    EXPECT_EQ(publicKey.value(), key->publicKey());
    const Verification v = Verifier::verify(parse(kA2Header + '.' + kPayloadSegment + '.' + kA2Signature), publicKey.value());
    EXPECT_EQ(v.outcome, Outcome::Verified) << v.message.toStdString();
}

TEST(CryptoSignVerify, EveryRsAlgorithmRoundTripsAndDetectsTampering)
{
    const KeyMaterial m = load("rsa2048-key-and-cert.pem");
    for (const char *alg : { "RS256", "RS384", "RS512" }) {
        SCOPED_TRACE(alg);
        Jwt jwt = compose("{\"alg\":\"none\"}");
        ASSERT_TRUE(Signer::sign(jwt, m.privateKey, QString::fromLatin1(alg), QStringLiteral("k1")).ok());
        EXPECT_EQ(jwt.alg(), QString::fromLatin1(alg));
        EXPECT_EQ(jwt.kid(), QStringLiteral("k1"));
        EXPECT_EQ(jwt.signature().size(), 256);
        const Jwt received = parse(jwt.encoded());
        EXPECT_EQ(Verifier::verify(received, m.certificate).outcome, Outcome::Verified);
        EXPECT_EQ(Verifier::verify(received, m.privateKey.publicKey()).outcome, Outcome::Verified);

        // One changed claim: same signature, different payload.
        Jwt tampered = compose(jwt.headerJson(), "{\"iss\":\"3MVG9\",\"sub\":\"admin@example.com\",\"exp\":1900000000}");
        tampered = parse(tampered.signingInput() + '.' + jwt.signatureSegment());
        const Verification v = Verifier::verify(tampered, m.certificate);
        EXPECT_EQ(v.outcome, Outcome::Invalid);
        EXPECT_TRUE(v.keyDescription.contains(QStringLiteral("certificate")));

        EXPECT_EQ(Verifier::verify(received, load("other2048.crt").certificate).outcome, Outcome::Invalid);
    }
}

TEST(CryptoSignVerify, EveryHsAlgorithmRoundTripsAndDetectsTampering)
{
    const auto secret = HmacSecret::fromText(QStringLiteral("a shared secret that is long enough for HS512, sixty-four bytes!"));
    ASSERT_TRUE(secret.ok());
    for (const auto &[alg, bytes] : { std::pair { "HS256", 32 }, std::pair { "HS384", 48 }, std::pair { "HS512", 64 } }) {
        SCOPED_TRACE(alg);
        Jwt jwt = compose("{\"typ\":\"JWT\"}");
        ASSERT_TRUE(Signer::sign(jwt, secret.value(), QString::fromLatin1(alg)).ok());
        EXPECT_EQ(jwt.signature().size(), bytes);
        const Jwt received = parse(jwt.encoded());
        const Verification v = Verifier::verify(received, secret.value());
        EXPECT_EQ(v.outcome, Outcome::Verified) << v.message.toStdString();
        EXPECT_TRUE(v.warnings.isEmpty());
        // Cross-check with Qt's own HMAC.
        const auto qtAlg = bytes == 32 ? QCryptographicHash::Sha256
            : bytes == 48              ? QCryptographicHash::Sha384
                                       : QCryptographicHash::Sha512;
        EXPECT_EQ(jwt.signature(), QMessageAuthenticationCode::hash(jwt.signingInput(), secret->bytes(), qtAlg));

        QByteArray flipped = jwt.signature();
        flipped[0] = static_cast<char>(flipped[0] ^ 1);
        EXPECT_EQ(Verifier::verify(parse(jwt.signingInput() + '.' + Base64Url::encode(flipped)), secret.value()).outcome,
            Outcome::Invalid);
        EXPECT_EQ(
            Verifier::verify(received, HmacSecret::fromText(QStringLiteral("another secret")).value()).outcome, Outcome::Invalid);
    }
}

TEST(CryptoSignVerify, AnRsSignatureOfTheWrongLengthIsInvalidAndSaysWhy)
{
    const KeyMaterial m = load("rsa2048-key-and-cert.pem");
    Jwt jwt = compose("{\"alg\":\"RS256\"}");
    ASSERT_TRUE(Signer::sign(jwt, m.privateKey).ok());
    const Verification v = Verifier::verify(forge(jwt.headerJson(), jwt.signature().left(255)), m.certificate);
    EXPECT_EQ(v.outcome, Outcome::Invalid);
    EXPECT_TRUE(v.message.contains(QStringLiteral("255 bytes"))) << v.message.toStdString();
    EXPECT_TRUE(v.message.contains(QStringLiteral("256 bytes"))) << v.message.toStdString();
    // A leading zero byte added: same number, wrong length; still refused.
    EXPECT_EQ(Verifier::verify(forge(jwt.headerJson(), QByteArray(1, '\0') + jwt.signature()), m.certificate).outcome,
        Outcome::Invalid);
}

TEST(CryptoSignVerify, AnRsaKeyAboveTheSupportedSizeSaysSoNotThatTheSignatureDiffers)
{
    // A 16,392-bit modulus (top bit set, odd): loads, but OpenSSL checks nothing above 16,384 bits.
    QByteArray modulus(2049, '\x5a');
    modulus[0] = char(0xc3);
    modulus[modulus.size() - 1] = char(0x5b);
    const auto key = PublicKey::fromRsaComponents(modulus, QByteArray("\x01\x00\x01", 3), QStringLiteral("huge"));
    ASSERT_TRUE(key.ok()) << key.error().text().toStdString();
    ASSERT_EQ(key->bits(), 16392);
    for (const char *alg : { "RS256", "PS256" }) {
        const Verification v = Verifier::verifySignature("a.b", QByteArray(2049, '\x01'), QString::fromLatin1(alg), key.value());
        EXPECT_EQ(v.outcome, Outcome::Unsupported) << alg << ' ' << v.message.toStdString();
        EXPECT_TRUE(v.message.contains(QStringLiteral("16392 bits, larger than supported"))) << v.message.toStdString();
        EXPECT_TRUE(v.message.contains(QStringLiteral("16,384 bits"))) << v.message.toStdString();
        EXPECT_FALSE(v.message.contains(QStringLiteral("does not match"))) << v.message.toStdString();
    }
}

TEST(CryptoSignVerify, AlgorithmsThisBuildLacksAreUnsupportedNeverInvalid)
{
    // PS*, ES* and EdDSA are supported now (CryptoAlgorithmsTest); what stays out is ES256K and the
    // fully-specified Ed25519/Ed448 names, which still say so plainly.
    const PublicKey key = load("rsa2048.crt").certificate.publicKey();
    const auto secret = HmacSecret::fromText(QStringLiteral("0123456789abcdef0123456789abcdef")).value();
    for (const char *alg : { "ES256K", "Ed25519", "Ed448" }) {
        SCOPED_TRACE(alg);
        const Jwt jwt = forge(QByteArrayLiteral("{\"alg\":\"") + alg + "\"}", QByteArray(64, 'x'));
        const Verification v = Verifier::verify(jwt, key);
        EXPECT_EQ(v.outcome, Outcome::Unsupported);
        EXPECT_TRUE(v.message.contains(QStringLiteral("not supported by this build")));
        EXPECT_TRUE(v.message.contains(QString::fromLatin1(alg)));
        EXPECT_EQ(Verifier::verify(jwt, secret).outcome, Outcome::Unsupported);
        Jwt unsigned_ = compose("{}");
        EXPECT_EQ(Signer::sign(unsigned_, load("rsa2048-pkcs8.pem").privateKey, QString::fromLatin1(alg)).error().code,
            QStringLiteral("sign.unsupported-alg"));
    }
}

TEST(CryptoSignVerify, AlgNoneIsUnsecuredAndItsDisguisesAreInvalid)
{
    const PublicKey key = load("rsa2048.crt").certificate.publicKey();
    const Verification none = Verifier::verify(parse("eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbm4ifQ."), key);
    EXPECT_EQ(none.outcome, Outcome::Unsecured);
    EXPECT_FALSE(none.isVerified());
    // A "none" token carrying some signature bytes is still unsecured, never verified.
    EXPECT_EQ(Verifier::verify(forge("{\"alg\":\"none\"}", "junk"), key).outcome, Outcome::Unsecured);
    for (const char *alg : { "None", "NONE", "nOnE" }) {
        const Verification v = Verifier::verify(forge(QByteArrayLiteral("{\"alg\":\"") + alg + "\"}", "junk"), key);
        EXPECT_EQ(v.outcome, Outcome::Invalid) << alg;
        EXPECT_TRUE(v.message.contains(QStringLiteral("none"))) << alg;
    }
    EXPECT_EQ(Verifier::verify(forge("{\"typ\":\"JWT\"}", "junk"), key).outcome, Outcome::Invalid); // no alg
    EXPECT_EQ(Verifier::verify(forge("{\"alg\":\"HS256 \"}", "junk"), key).outcome, Outcome::Invalid);
}

TEST(CryptoSignVerify, KeyConfusionIsNeverVerified)
{
    const KeyMaterial m = load("rsa2048-key-and-cert.pem");
    const QByteArray publicPem = m.privateKey.publicKey().toPem();

    // The attack: an HS256 token whose MAC key is the victim's public key PEM.
    const QByteArray header = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
    const Jwt body = compose(header);
    const QByteArray mac = QMessageAuthenticationCode::hash(body.signingInput(), publicPem, QCryptographicHash::Sha256);
    const Jwt attack = parse(body.signingInput() + '.' + Base64Url::encode(mac));
    const Verification v = Verifier::verify(attack, m.privateKey.publicKey());
    EXPECT_EQ(v.outcome, Outcome::KeyMismatch);
    EXPECT_TRUE(v.message.contains(QStringLiteral("key-confusion")));
    EXPECT_EQ(Verifier::verify(attack, m.certificate).outcome, Outcome::KeyMismatch);

    // And the public key cannot be smuggled in as a secret, in any encoding.
    EXPECT_EQ(HmacSecret::fromText(QString::fromLatin1(publicPem)).error().code, QStringLiteral("secret.looks-like-key"));
    EXPECT_EQ(
        HmacSecret::fromBase64(QString::fromLatin1(publicPem.toBase64())).error().code, QStringLiteral("secret.looks-like-key"));
    EXPECT_EQ(HmacSecret::fromBase64(QString::fromLatin1(m.privateKey.publicKey().toDer().toBase64())).error().code,
        QStringLiteral("secret.looks-like-key"));
    EXPECT_EQ(HmacSecret::fromBytes(m.certificate.toDer(), QStringLiteral("bytes")).error().code,
        QStringLiteral("secret.looks-like-key"));
    EXPECT_EQ(HmacSecret::fromText(QString::fromLatin1(readFixture("rsa2048.jwk.json"))).error().code,
        QStringLiteral("secret.looks-like-key"));
    EXPECT_EQ(HmacSecret::fromText(QStringLiteral("ssh-rsa AAAAB3NzaC1yc2E user@host")).error().code,
        QStringLiteral("secret.looks-like-key"));

    // The other direction: an RS256 token given an HMAC secret.
    Jwt rs = compose("{\"alg\":\"RS256\"}");
    ASSERT_TRUE(Signer::sign(rs, m.privateKey).ok());
    EXPECT_EQ(Verifier::verify(rs, HmacSecret::fromText(QStringLiteral("0123456789abcdef0123456789abcdef")).value()).outcome,
        Outcome::KeyMismatch);
}

TEST(CryptoSignVerify, SigningRefusesAKeyOfTheWrongFamily)
{
    Jwt jwt = compose("{}");
    EXPECT_EQ(Signer::sign(jwt, load("rsa2048-pkcs8.pem").privateKey, QStringLiteral("HS256")).error().code,
        QStringLiteral("sign.key-mismatch"));
    EXPECT_EQ(Signer::sign(jwt, HmacSecret::fromText(QStringLiteral("s")).value(), QStringLiteral("RS256")).error().code,
        QStringLiteral("sign.key-mismatch"));
    EXPECT_EQ(Signer::sign(jwt, PrivateKey(), QStringLiteral("RS256")).error().code, QStringLiteral("sign.key-mismatch"));
    EXPECT_EQ(Signer::sign(jwt, HmacSecret::fromText(QStringLiteral("s")).value(), QStringLiteral("none")).error().code,
        QStringLiteral("sign.unsupported-alg"));
}

TEST(CryptoSignVerify, WeakKeysAndShortSecretsVerifyWithAWarning)
{
    const PrivateKey weak = load("rsa1024.pem").privateKey;
    Jwt jwt = compose("{}");
    ASSERT_TRUE(Signer::sign(jwt, weak).ok());
    EXPECT_EQ(jwt.signature().size(), 128);
    const Verification v = Verifier::verify(jwt, weak.publicKey());
    EXPECT_EQ(v.outcome, Outcome::Verified);
    ASSERT_EQ(v.warnings.size(), 1);
    EXPECT_EQ(v.warnings.constFirst().code, QStringLiteral("key.weak-rsa"));

    const auto shortSecret = HmacSecret::fromText(QStringLiteral("secret")).value();
    Jwt hs = compose("{}");
    ASSERT_TRUE(Signer::sign(hs, shortSecret).ok());
    const Verification h = Verifier::verify(hs, shortSecret);
    EXPECT_EQ(h.outcome, Outcome::Verified);
    ASSERT_EQ(h.warnings.size(), 1);
    EXPECT_EQ(h.warnings.constFirst().code, QStringLiteral("secret.short"));
}

TEST(CryptoSignVerify, UnknownCriticalExtensionsMakeTheTokenInvalid)
{
    const auto secret = HmacSecret::fromText(QStringLiteral("0123456789abcdef0123456789abcdef")).value();
    Jwt jwt = compose("{\"alg\":\"HS256\",\"crit\":[\"exp\"],\"exp\":1}");
    ASSERT_TRUE(Signer::sign(jwt, secret).ok());
    const Verification v = Verifier::verify(jwt, secret);
    EXPECT_EQ(v.outcome, Outcome::Invalid);
    EXPECT_TRUE(v.message.contains(QStringLiteral("crit")));
}

TEST(CryptoSignVerify, EncryptedTokensAreUnsupported)
{
    const Jwt jwe = parse("eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d");
    EXPECT_EQ(Verifier::verify(jwe, load("rsa2048.crt").certificate).outcome, Outcome::Unsupported);
}

TEST(CryptoSignVerify, SecretsDecodeFromBase64AndBase64Url)
{
    const QByteArray raw = QByteArray::fromHex("fbff00112233445566778899aabbccddeeff00112233445566778899aabbccdd");
    EXPECT_EQ(HmacSecret::fromBase64(QString::fromLatin1(raw.toBase64()))->bytes(), raw);
    EXPECT_EQ(HmacSecret::fromBase64(QString::fromLatin1(Base64Url::encode(raw)))->bytes(), raw);
    EXPECT_EQ(
        HmacSecret::fromBase64(QStringLiteral(" ") + QString::fromLatin1(raw.toBase64()).insert(8, QLatin1Char('\n')))->bytes(),
        raw);
    EXPECT_EQ(HmacSecret::fromBase64(QStringLiteral("abc!")).error().code, QStringLiteral("secret.bad-base64"));
    EXPECT_EQ(HmacSecret::fromBase64(QStringLiteral("abcde")).error().code, QStringLiteral("secret.bad-base64"));
    EXPECT_EQ(HmacSecret::fromText(QString()).error().code, QStringLiteral("secret.empty"));
}

TEST(CryptoSignVerify, ResigningWithTheSameAlgKeepsThePastedHeaderBytes)
{
    const PrivateKey key = load("rsa2048-pkcs8.pem").privateKey;
    const QByteArray header = "{\"alg\":\"RS256\",\r\n \"typ\":\"JWT\"}";
    Jwt jwt = compose(header);
    ASSERT_TRUE(Signer::sign(jwt, key).ok());
    EXPECT_EQ(jwt.headerJson(), header);
    ASSERT_TRUE(Signer::sign(jwt, key, QStringLiteral("RS512")).ok()); // a different alg rewrites the header
    EXPECT_EQ(jwt.alg(), QStringLiteral("RS512"));
    EXPECT_EQ(Verifier::verify(parse(jwt.encoded()), key.publicKey()).outcome, Outcome::Verified);
}
