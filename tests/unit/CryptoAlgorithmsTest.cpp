// ES256/384/512, PS256/384/512 and EdDSA (libcrypto behind the same facade as RS* and HS*): the
// RFC examples, round trips with every key kind, the key/algorithm rule and algorithm confusion.
#include "CryptoTestData.h"
#include "crypto/HmacSecret.h"
#include "crypto/Jwk.h"
#include "crypto/Jwks.h"
#include "crypto/KeyAlgorithmRule.h"
#include "crypto/KeyGenerator.h"
#include "crypto/Signer.h"
#include "crypto/Verifier.h"
#include "token/Base64Url.h"
#include "token/Jwt.h"

#include <QJsonDocument>
#include <gtest/gtest.h>

using namespace jwtflow;
using namespace cryptotest;
using Outcome = Verification::Outcome;

namespace {

// RFC 7515 appendix A.3 (ES256): the key (Figure 21 ff.) and the token (A.3.1).
const char kA3X[] = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU";
const char kA3Y[] = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0";
const char kA3D[] = "jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI";
const QByteArray kA3Token
    = "eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ."
      "DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";
// RFC 7515 appendix A.4 (ES512 on P-521): the public key and the signature over "Payload".
const char kA4X[] = "AekpBQ8ST8a8VcfVOTNl353vSrDCLLJXmPk06wTjxrrjcBpXp5EOnYG_NjFZ6OvLFV1jSfS9tsz4qUxcWceqwQGk";
const char kA4Y[] = "ADSmRA43Z1DSNx_RvcLI87cdL07l6jQyyBXMoxVg_l2Th-x3S1WDhjDly79ajL4Kkd0AZMaZmh9ubmf63e3kyMj2";
const QByteArray kA4SigningInput = "eyJhbGciOiJFUzUxMiJ9.UGF5bG9hZA";
const QByteArray kA4Signature = "AdwMgeerwtHoh-l192l60hp9wAHZFVJbLfD_UxMi70cwnZOYaRI1bKPWROc-mZZqwqT2SI-KGDKB34XO0aw_"
                                "7XdtAG8GaSwFKdCAPZgoXD2YBJZCPEX3xKpRwcdOO8KpEHwJjyqOgzDO7iKvU8vcnwNrmxYbSW9ERBXukOXolLzeO_Jn";
// RFC 8037 appendix A.1 (the Ed25519 key), A.3 (its thumbprint) and A.4 (the signature).
const char kEdD[] = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A";
const char kEdX[] = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
const QByteArray kEdSigningInput = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc";
const QByteArray kEdSignature = "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";

QJsonObject ecJwk(const char *crv, const char *x, const char *y, const char *d = nullptr)
{
    QJsonObject jwk { { QStringLiteral("kty"), QStringLiteral("EC") }, { QStringLiteral("crv"), QString::fromLatin1(crv) },
        { QStringLiteral("x"), QString::fromLatin1(x) }, { QStringLiteral("y"), QString::fromLatin1(y) } };
    if (d)
        jwk.insert(QStringLiteral("d"), QString::fromLatin1(d));
    return jwk;
}

QJsonObject edJwk(bool withPrivate)
{
    QJsonObject jwk { { QStringLiteral("kty"), QStringLiteral("OKP") }, { QStringLiteral("crv"), QStringLiteral("Ed25519") },
        { QStringLiteral("x"), QString::fromLatin1(kEdX) } };
    if (withPrivate)
        jwk.insert(QStringLiteral("d"), QString::fromLatin1(kEdD));
    return jwk;
}

Jwt parse(const QByteArray &token)
{
    auto jwt = Jwt::parse(QString::fromLatin1(token));
    if (!jwt)
        ADD_FAILURE() << jwt.error().text().toStdString();
    return jwt ? jwt.value() : Jwt();
}

Jwt claims()
{
    return Jwt::compose("{\"typ\":\"JWT\"}", "{\"iss\":\"3MVG9\",\"sub\":\"ann@example.com\",\"exp\":1900000000}").value();
}

// A token with `headerJson` and the raw `signature`.
Jwt forge(const QByteArray &headerJson, const QByteArray &signature)
{
    Jwt jwt = Jwt::compose(headerJson, "{\"sub\":\"ann\"}").value();
    return parse(jwt.signingInput() + '.' + Base64Url::encode(signature));
}

// Re-labels a signed token with another alg, keeping its signature (an attacker's swap).
Jwt relabel(const Jwt &jwt, const char *alg)
{
    return forge(QByteArrayLiteral("{\"alg\":\"") + alg + "\"}", jwt.signature());
}

struct Pair {
    const char *alg;
    const char *privateKey;
    const char *verifier; // certificate or public key
};

// Every supported public-key algorithm with a fitting fixture pair.
const Pair kPairs[] = {
    { "RS256", "rsa2048-pkcs8.pem", "rsa2048.crt" },
    { "PS256", "rsa2048-pkcs8.pem", "rsa2048.crt" },
    { "PS384", "rsa2048-pkcs1.pem", "rsa2048-public.pem" },
    { "PS512", "rsa2048-pkcs8.pem", "rsa2048.crt" },
    { "ES256", "ec-p256-sec1.pem", "ec-p256.crt" },
    { "ES256", "ec-p256-pkcs8.pem", "ec-p256-public.pem" },
    { "ES384", "ec-p384.pem", "ec-p384.pem" },
    { "ES512", "ec-p521.pem", "ec-p521.pem" },
    { "EdDSA", "ed25519.pem", "ed25519.crt" },
    { "EdDSA", "ed25519.pem", "ed25519-public.pem" },
    { "EdDSA", "ed448.pem", "ed448.pem" },
};

PublicKey verifierOf(const char *file)
{
    const KeyMaterial m = load(file);
    return m.verificationKey().ok() ? m.verificationKey().value() : PublicKey();
}

} // namespace

TEST(CryptoRfc7515, A3Es256Verifies)
{
    const auto key = Jwk::publicKey(ecJwk("P-256", kA3X, kA3Y), QStringLiteral("RFC 7515 A.3"));
    ASSERT_TRUE(key.ok()) << key.error().text().toStdString();
    EXPECT_EQ(key->kindText(), QStringLiteral("EC P-256"));
    const Verification v = Verifier::verify(parse(kA3Token), key.value());
    EXPECT_EQ(v.outcome, Outcome::Verified) << v.message.toStdString();
    // The same file the loader reads (tests/data/keys/ec.jwk.json holds this public key).
    EXPECT_EQ(Verifier::verify(parse(kA3Token), load("ec.jwk.json").publicKey).outcome, Outcome::Verified);
    QByteArray tampered = kA3Token;
    tampered[tampered.size() - 1] = 'A';
    EXPECT_EQ(Verifier::verify(parse(tampered), key.value()).outcome, Outcome::Invalid);
}

TEST(CryptoRfc7515, A3PrivateKeySignsWhatItsPublicKeyVerifies)
{
    const auto key = Jwk::privateKey(ecJwk("P-256", kA3X, kA3Y, kA3D), QStringLiteral("RFC 7515 A.3"));
    ASSERT_TRUE(key.ok()) << key.error().text().toStdString();
    Jwt jwt = claims();
    ASSERT_TRUE(Signer::sign(jwt, key.value(), QStringLiteral("ES256")).ok());
    EXPECT_EQ(jwt.signature().size(), 64); // R || S, not DER
    EXPECT_EQ(Verifier::verify(jwt, Jwk::publicKey(ecJwk("P-256", kA3X, kA3Y), QStringLiteral("A.3")).value()).outcome,
        Outcome::Verified);
    EXPECT_EQ(Jwk::fromPublicKey(key->publicKey()).value(QStringLiteral("x")).toString(), QString::fromLatin1(kA3X));
    EXPECT_EQ(Jwk::fromPublicKey(key->publicKey()).value(QStringLiteral("y")).toString(), QString::fromLatin1(kA3Y));
}

TEST(CryptoRfc7515, A4Es512Verifies)
{
    const auto key = Jwk::publicKey(ecJwk("P-521", kA4X, kA4Y), QStringLiteral("RFC 7515 A.4"));
    ASSERT_TRUE(key.ok()) << key.error().text().toStdString();
    EXPECT_EQ(key->kindText(), QStringLiteral("EC P-521"));
    EXPECT_EQ(key->bits(), 521);
    // "Payload" is not JSON, so no JWT holds it: the bare signature is checked.
    const QByteArray signature = Base64Url::decode(kA4Signature).value();
    const Verification v = Verifier::verifySignature(kA4SigningInput, signature, QStringLiteral("ES512"), key.value());
    EXPECT_EQ(v.outcome, Outcome::Verified) << v.message.toStdString();
    QByteArray changed = signature;
    changed[10] = static_cast<char>(changed[10] ^ 0x01);
    EXPECT_EQ(
        Verifier::verifySignature(kA4SigningInput, changed, QStringLiteral("ES512"), key.value()).outcome, Outcome::Invalid);
    // The same signature under ES384 is refused by the key/algorithm rule, not tried.
    EXPECT_EQ(Verifier::verifySignature(kA4SigningInput, signature, QStringLiteral("ES384"), key.value()).outcome,
        Outcome::KeyMismatch);
}

TEST(CryptoRfc8037, A4Ed25519SignsByteForByteAndVerifies)
{
    const auto key = Jwk::privateKey(edJwk(true), QStringLiteral("RFC 8037 A.1"));
    ASSERT_TRUE(key.ok()) << key.error().text().toStdString();
    EXPECT_EQ(key->kindText(), QStringLiteral("Ed25519"));
    const auto signature = Signer::signature(kEdSigningInput, key.value(), QStringLiteral("EdDSA"));
    ASSERT_TRUE(signature.ok()) << signature.error().text().toStdString();
    EXPECT_EQ(Base64Url::encode(signature.value()), kEdSignature);
    // Its public half: RFC 8037 A.3's thumbprint, and it verifies a token the private key signed.
    const auto publicKey = Jwk::publicKey(edJwk(false), QStringLiteral("RFC 8037 A.2"));
    ASSERT_TRUE(publicKey.ok());
    EXPECT_EQ(Jwk::thumbprint(publicKey.value()), QStringLiteral("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"));
    EXPECT_EQ(publicKey.value(), key->publicKey());
    Jwt jwt = claims();
    ASSERT_TRUE(Signer::sign(jwt, key.value(), QStringLiteral("EdDSA")).ok());
    EXPECT_EQ(Verifier::verify(jwt, publicKey.value()).outcome, Outcome::Verified);
    // Deterministic: signing again gives the same bytes.
    Jwt again = claims();
    ASSERT_TRUE(Signer::sign(again, key.value(), QStringLiteral("EdDSA")).ok());
    EXPECT_EQ(again.encoded(), jwt.encoded());
}

TEST(CryptoAlgorithms, EveryAlgorithmSignsAndVerifiesWithEveryKeyContainer)
{
    for (const Pair &pair : kPairs) {
        SCOPED_TRACE(std::string(pair.alg) + " " + pair.privateKey + " / " + pair.verifier);
        const KeyMaterial signer = load(pair.privateKey);
        ASSERT_FALSE(signer.privateKey.isNull());
        Jwt jwt = claims();
        const auto signedOk = Signer::sign(jwt, signer.privateKey, QString::fromLatin1(pair.alg), QStringLiteral("k1"));
        ASSERT_TRUE(signedOk.ok()) << signedOk.error().text().toStdString();
        EXPECT_EQ(jwt.alg(), QString::fromLatin1(pair.alg));
        const PublicKey key = verifierOf(pair.verifier);
        const Verification v = Verifier::verify(jwt, key);
        EXPECT_EQ(v.outcome, Outcome::Verified) << v.message.toStdString();
        // One changed payload byte breaks it.
        Jwt changed = jwt;
        ASSERT_TRUE(changed.setPayloadJson("{\"iss\":\"3MVG9\",\"sub\":\"eve@example.com\",\"exp\":1900000000}").ok());
        changed.setSignature(jwt.signature());
        EXPECT_EQ(Verifier::verify(changed, key).outcome, Outcome::Invalid);
    }
}

TEST(CryptoAlgorithms, KeyFactsNameTheCurve)
{
    EXPECT_EQ(load("ec-p256-sec1.pem").privateKey.description(), QStringLiteral("EC P-256 private key from ec-p256-sec1.pem"));
    EXPECT_EQ(load("ec-p256-sec1.pem").format, QStringLiteral("PEM, SEC1"));
    EXPECT_EQ(load("ec-p384.pem").privateKey.curve(), QStringLiteral("P-384"));
    EXPECT_EQ(load("ec-p521.pem").privateKey.bits(), 521);
    EXPECT_EQ(load("ed25519.pem").privateKey.kindText(), QStringLiteral("Ed25519"));
    EXPECT_EQ(load("ed448.pem").privateKey.typeName(), QStringLiteral("Ed448"));
    EXPECT_EQ(load("ec-p256-public.pem").publicKey.description(), QStringLiteral("EC P-256 public key from ec-p256-public.pem"));
    const Certificate ec = load("ec-p256.crt").certificate;
    EXPECT_EQ(ec.publicKey().kindText(), QStringLiteral("EC P-256"));
    EXPECT_EQ(ec.signatureAlgorithm(), QStringLiteral("ecdsa-with-SHA256"));
    EXPECT_TRUE(ec.matches(load("ec-p256-sec1.pem").privateKey));
    EXPECT_FALSE(ec.matches(load("ec-p384.pem").privateKey));
    EXPECT_TRUE(load("ed25519.crt").certificate.matches(load("ed25519.pem").privateKey));
    // The same key through SEC1, PKCS#8, SubjectPublicKeyInfo and certificate is one key.
    EXPECT_EQ(load("ec-p256-sec1.pem").privateKey.publicKey(), load("ec-p256-public.pem").publicKey);
    EXPECT_EQ(load("ec-p256-pkcs8.pem").privateKey.publicKey(), ec.publicKey());
}

TEST(CryptoAlgorithms, EncryptedEcKeysOpenWithTheirPassphrase)
{
    for (const char *file : { "ec-p256-encrypted.pem", "ec-p256-legacy-encrypted.pem" }) {
        SCOPED_TRACE(file);
        int calls = 0;
        const KeyMaterial m = load(file, answer(kPassphrase, &calls));
        EXPECT_EQ(calls, 1);
        EXPECT_EQ(m.privateKey.publicKey(), load("ec-p256-public.pem").publicKey);
        const auto wrong = KeyLoader::loadFile(keyPath(file), answer("wrong horse"));
        ASSERT_FALSE(wrong.ok());
        EXPECT_EQ(wrong.error().code, QStringLiteral("key.wrong-passphrase"));
    }
}

TEST(CryptoAlgorithms, KeyAndAlgorithmRuleTable)
{
    using T = KeyFormat::KeyType;
    const struct {
        const char *alg;
        T type;
        const char *curve;
        bool fits;
    } table[] = {
        { "RS256", T::Rsa, "", true },
        { "PS256", T::Rsa, "", true },
        { "PS512", T::Rsa, "", true },
        { "RS256", T::Ec, "P-256", false },
        { "PS256", T::Ed25519, "", false },
        { "ES256", T::Ec, "P-256", true },
        { "ES256", T::Ec, "P-384", false },
        { "ES384", T::Ec, "P-256", false },
        { "ES384", T::Ec, "P-384", true },
        { "ES512", T::Ec, "P-521", true },
        { "ES512", T::Ec, "P-384", false },
        { "ES256", T::Ec, "secp256k1", false },
        { "ES256", T::Rsa, "", false },
        { "ES256", T::Ed25519, "Ed25519", false },
        { "EdDSA", T::Ed25519, "Ed25519", true },
        { "EdDSA", T::Ed448, "Ed448", true },
        { "EdDSA", T::Ec, "P-256", false },
        { "EdDSA", T::Rsa, "", false },
        { "HS256", T::Rsa, "", false },
        { "HS256", T::Ec, "P-256", false },
        { "HS512", T::Ed25519, "Ed25519", false },
    };
    for (const auto &row : table) {
        SCOPED_TRACE(std::string(row.alg) + " " + row.curve);
        const auto r = KeyAlgorithmRule::check(
            JwsAlgorithm::fromName(QString::fromLatin1(row.alg)), row.type, QString::fromLatin1(row.curve), 256);
        EXPECT_EQ(r.ok(), row.fits);
        if (!r.ok()) {
            EXPECT_EQ(r.error().code, QStringLiteral("alg.key-mismatch"));
            EXPECT_TRUE(r.error().message.contains(QString::fromLatin1(row.alg))) << r.error().message.toStdString();
            EXPECT_FALSE(r.error().hint.isEmpty());
        }
    }
    EXPECT_EQ(KeyAlgorithmRule::algorithmsFor(T::Ec, QStringLiteral("P-384")), QStringList { QStringLiteral("ES384") });
    EXPECT_EQ(KeyAlgorithmRule::algorithmsFor(T::Ed25519, QStringLiteral("Ed25519")), QStringList { QStringLiteral("EdDSA") });
    EXPECT_TRUE(KeyAlgorithmRule::algorithmsFor(T::Rsa, {}).contains(QStringLiteral("PS256")));
}

TEST(CryptoAlgorithms, AWrongCurveNeitherSignsNorVerifies)
{
    const PrivateKey p256 = load("ec-p256-pkcs8.pem").privateKey;
    Jwt jwt = claims();
    const auto refused = Signer::sign(jwt, p256, QStringLiteral("ES384"));
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, QStringLiteral("sign.key-mismatch"));
    EXPECT_TRUE(refused.error().message.contains(QStringLiteral("P-384"))) << refused.error().message.toStdString();
    EXPECT_TRUE(refused.error().hint.contains(QStringLiteral("ES256"))) << refused.error().hint.toStdString();
    // A P-256 key never verifies ES384 or ES512, even with a signature of the right size.
    ASSERT_TRUE(Signer::sign(jwt, p256, QStringLiteral("ES256")).ok());
    for (const char *alg : { "ES384", "ES512" }) {
        const Verification v = Verifier::verify(relabel(jwt, alg), p256.publicKey());
        EXPECT_EQ(v.outcome, Outcome::KeyMismatch) << alg;
        EXPECT_TRUE(v.message.contains(QStringLiteral("P-256"))) << v.message.toStdString();
    }
    // secp256k1 loads (a key is a key) but signs nothing: ES256K is not supported.
    const PrivateKey k1 = load("ec-secp256k1.pem").privateKey;
    EXPECT_EQ(k1.curve(), QStringLiteral("secp256k1"));
    EXPECT_EQ(Signer::sign(jwt, k1, QStringLiteral("ES256")).error().code, QStringLiteral("sign.key-mismatch"));
    EXPECT_EQ(Signer::sign(jwt, k1, QStringLiteral("ES256K")).error().code, QStringLiteral("sign.unsupported-alg"));
}

TEST(CryptoAlgorithms, DerEncodedEcdsaSignaturesAreRefusedAndSaidSo)
{
    const PrivateKey key = load("ec-p256-pkcs8.pem").privateKey;
    Jwt jwt = claims();
    ASSERT_TRUE(Signer::sign(jwt, key, QStringLiteral("ES256")).ok());
    // The same R and S as a DER ECDSA-Sig-Value (SEQUENCE of two INTEGERs), as OpenSSL and Java make it.
    const QByteArray raw = jwt.signature();
    const auto integer = [](QByteArray bytes) {
        while (bytes.size() > 1 && bytes[0] == '\0' && !(static_cast<quint8>(bytes[1]) & 0x80))
            bytes.remove(0, 1);
        if (static_cast<quint8>(bytes[0]) & 0x80)
            bytes.prepend('\0');
        return QByteArray(1, '\x02') + char(bytes.size()) + bytes;
    };
    const QByteArray body = integer(raw.left(32)) + integer(raw.mid(32));
    const QByteArray der = QByteArray(1, '\x30') + char(body.size()) + body;
    const Verification v = Verifier::verify(forge(jwt.headerJson(), der), key.publicKey());
    EXPECT_EQ(v.outcome, Outcome::Invalid);
    EXPECT_TRUE(v.message.contains(QStringLiteral("DER"))) << v.message.toStdString();
    EXPECT_TRUE(v.message.contains(QStringLiteral("R || S"))) << v.message.toStdString();
    // A 64-byte signature of zeros is well-formed R || S but R = S = 0: invalid, not a crash.
    EXPECT_EQ(Verifier::verify(forge(jwt.headerJson(), QByteArray(64, '\0')), key.publicKey()).outcome, Outcome::Invalid);
}

TEST(CryptoAlgorithms, ConfusionBetweenFamiliesIsRefused)
{
    const PrivateKey ec = load("ec-p256-pkcs8.pem").privateKey;
    const PrivateKey rsa = load("rsa2048-pkcs8.pem").privateKey;
    // An ECDSA public key used as an HMAC secret: its PEM is refused as a secret outright, and an
    // HS256 token "signed" with the key's base64 DER is never checked with the EC key.
    const QByteArray pem = ec.publicKey().toPem();
    EXPECT_EQ(HmacSecret::fromText(QString::fromLatin1(pem)).error().code, QStringLiteral("secret.looks-like-key"));
    const auto secret = HmacSecret::fromText(QString::fromLatin1(ec.publicKey().toDer().toBase64()));
    ASSERT_TRUE(secret.ok()) << secret.error().text().toStdString();
    const HmacSecret derSecret = secret.value();
    Jwt hs = claims();
    ASSERT_TRUE(Signer::sign(hs, derSecret, QStringLiteral("HS256")).ok());
    const Verification confused = Verifier::verify(hs, ec.publicKey());
    EXPECT_EQ(confused.outcome, Outcome::KeyMismatch);
    EXPECT_TRUE(confused.message.contains(QStringLiteral("key-confusion"))) << confused.message.toStdString();
    // An HMAC secret never verifies ES256/PS256/EdDSA, and an EC key never signs HS256.
    Jwt es = claims();
    ASSERT_TRUE(Signer::sign(es, ec, QStringLiteral("ES256")).ok());
    EXPECT_EQ(Verifier::verify(es, derSecret).outcome, Outcome::KeyMismatch);
    EXPECT_EQ(Signer::sign(es, ec, QStringLiteral("HS256")).error().code, QStringLiteral("sign.key-mismatch"));
    // PS/RS swap: the same RSA key, the other padding. The token's alg decides, so the swapped
    // label makes the signature invalid rather than accepted under the other scheme.
    Jwt rs = claims();
    ASSERT_TRUE(Signer::sign(rs, rsa, QStringLiteral("RS256")).ok());
    EXPECT_EQ(Verifier::verify(rs, rsa.publicKey()).outcome, Outcome::Verified);
    EXPECT_EQ(Verifier::verify(relabel(rs, "PS256"), rsa.publicKey()).outcome, Outcome::Invalid);
    Jwt ps = claims();
    ASSERT_TRUE(Signer::sign(ps, rsa, QStringLiteral("PS256")).ok());
    EXPECT_EQ(Verifier::verify(ps, rsa.publicKey()).outcome, Outcome::Verified);
    EXPECT_EQ(Verifier::verify(relabel(ps, "RS256"), rsa.publicKey()).outcome, Outcome::Invalid);
    // EdDSA with an EC key, ES256 with an Ed25519 key, RS256 with an EC key: key mismatch.
    EXPECT_EQ(Verifier::verify(relabel(es, "EdDSA"), ec.publicKey()).outcome, Outcome::KeyMismatch);
    EXPECT_EQ(Signer::sign(es, ec, QStringLiteral("EdDSA")).error().code, QStringLiteral("sign.key-mismatch"));
    const PrivateKey ed = load("ed25519.pem").privateKey;
    Jwt eddsa = claims();
    ASSERT_TRUE(Signer::sign(eddsa, ed, QStringLiteral("EdDSA")).ok());
    EXPECT_EQ(Verifier::verify(relabel(eddsa, "ES256"), ed.publicKey()).outcome, Outcome::KeyMismatch);
    EXPECT_EQ(Verifier::verify(relabel(es, "RS256"), ec.publicKey()).outcome, Outcome::KeyMismatch);
    EXPECT_EQ(Verifier::verify(relabel(rs, "ES256"), rsa.publicKey()).outcome, Outcome::KeyMismatch);
}

TEST(CryptoAlgorithms, EcAndOkpJwksAreCheckedLikeRsaOnes)
{
    // A d that belongs to another point, a short x, a point off the curve, X25519, an unknown curve.
    const auto mismatched
        = Jwk::privateKey(ecJwk("P-256", kA3X, kA3Y, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAE"), QStringLiteral("t"));
    ASSERT_FALSE(mismatched.ok());
    EXPECT_EQ(mismatched.error().code, QStringLiteral("key.bad-jwk"));
    const auto shortX = Jwk::publicKey(ecJwk("P-256", "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVE", kA3Y), QStringLiteral("t"));
    ASSERT_FALSE(shortX.ok());
    EXPECT_EQ(shortX.error().code, QStringLiteral("key.bad-jwk"));
    const auto offCurve = Jwk::publicKey(ecJwk("P-256", kA3X, kA3X), QStringLiteral("t"));
    ASSERT_FALSE(offCurve.ok());
    EXPECT_EQ(offCurve.error().code, QStringLiteral("key.bad-jwk"));
    QJsonObject x25519 = edJwk(false);
    x25519.insert(QStringLiteral("crv"), QStringLiteral("X25519"));
    EXPECT_EQ(Jwk::publicKey(x25519, QStringLiteral("t")).error().code, QStringLiteral("key.jwk-unsupported-crv"));
    EXPECT_EQ(Jwk::publicKey(ecJwk("secp256k1", kA3X, kA3Y), QStringLiteral("t")).error().code,
        QStringLiteral("key.jwk-unsupported-crv"));
    QJsonObject noCrv = ecJwk("P-256", kA3X, kA3Y);
    noCrv.remove(QStringLiteral("crv"));
    EXPECT_EQ(Jwk::publicKey(noCrv, QStringLiteral("t")).error().code, QStringLiteral("key.bad-jwk"));
    // Round trips: key → JWK → key is the same key.
    for (const char *file : { "ec-p256-pkcs8.pem", "ec-p384.pem", "ec-p521.pem", "ed25519.pem", "ed448.pem" }) {
        SCOPED_TRACE(file);
        const PublicKey key = load(file).privateKey.publicKey();
        const auto back = Jwk::publicKey(Jwk::fromPublicKey(key, QStringLiteral("k")), QStringLiteral("round trip"));
        ASSERT_TRUE(back.ok()) << back.error().text().toStdString();
        EXPECT_EQ(back.value(), key);
    }
    // JWKS by kid: tests/data/keys/jwks.json's "gamma" is RFC 7515 A.3's EC key.
    const KeyMaterial set = load("jwks.json");
    const auto gamma = set.jwks.select(QStringLiteral("gamma"));
    ASSERT_TRUE(gamma.ok()) << gamma.error().text().toStdString();
    EXPECT_EQ(Verifier::verify(parse(kA3Token), gamma.value()).outcome, Outcome::Verified);
}

TEST(CryptoAlgorithms, GeneratedEcAndEd25519KeysWorkEndToEnd)
{
    for (const char *type : { "ec-p256", "ed25519" }) {
        SCOPED_TRACE(type);
        const auto key = KeyGenerator::generate(QString::fromLatin1(type));
        ASSERT_TRUE(key.ok()) << key.error().text().toStdString();
        const auto certificate = KeyGenerator::selfSignedCertificate(key.value(), QStringLiteral("jwtflow test"), 30);
        ASSERT_TRUE(certificate.ok()) << certificate.error().text().toStdString();
        EXPECT_TRUE(certificate->matches(key.value()));
        const QString alg = KeyAlgorithmRule::algorithmsFor(key->keyType(), key->curve()).value(0);
        Jwt jwt = claims();
        ASSERT_TRUE(Signer::sign(jwt, key.value(), alg).ok());
        EXPECT_EQ(Verifier::verify(jwt, certificate.value()).outcome, Outcome::Verified);
        // The PKCS#8 PEM the key-file writer saves reads back as the same key.
        const auto reloaded = KeyLoader::loadData(key->toPkcs8Pem(), QStringLiteral("saved key"));
        ASSERT_TRUE(reloaded.ok()) << reloaded.error().text().toStdString();
        EXPECT_EQ(reloaded->privateKey.publicKey(), key->publicKey());
    }
    EXPECT_EQ(KeyGenerator::generate(QStringLiteral("dsa")).error().code, QStringLiteral("keygen.type"));
}

// Found by fuzz_ec_pem: a SEC1 P-256 key whose stored public point was altered by one byte. libcrypto
// takes the point as written, so the key would sign as one key and describe another; it is refused.
TEST(CryptoAlgorithms, AnEcKeyFileWhosePublicPointIsNotItsOwnIsRefused)
{
    const QByteArray der = QByteArray::fromBase64(
        "MHcCAQEEIOOd+C7YppskYFJNEM5vULtNatZ77dQN56HgJ2reYlPUoAoGCCqGSM49AwEHoUQDQgAEkbgSr0HkPUTkvec76ANavgJ49PvtF7AtKW7v"
        "TDsA5JUJGzXwsxhqjc53GHAOjdvcU9KeUz86S4fBx+okHAHYBA==");
    const auto fromDer = KeyLoader::loadData(der, QStringLiteral("damaged.der"));
    ASSERT_FALSE(fromDer.ok());
    EXPECT_EQ(fromDer.error().code, QStringLiteral("key.mismatched-pair"));
    EXPECT_TRUE(fromDer.error().message.contains(QStringLiteral("damaged.der"))) << fromDer.error().message.toStdString();
    const QByteArray pem = "-----BEGIN EC PRIVATE KEY-----\n" + der.toBase64() + "\n-----END EC PRIVATE KEY-----\n";
    const auto fromPem = KeyLoader::loadData(pem, QStringLiteral("damaged.pem"));
    ASSERT_FALSE(fromPem.ok());
    EXPECT_EQ(fromPem.error().code, QStringLiteral("key.mismatched-pair"));
    // The undamaged key still loads.
    EXPECT_TRUE(KeyLoader::loadData(readFixture("ec-p256-sec1.pem"), QStringLiteral("ec-p256-sec1.pem")).ok());
}

// A PKCS#12 file with an EC P-256 or Ed25519 key (openssl pkcs12 -export) loads with its certificate
// as the leaf and signs with the key's own algorithm.
TEST(CryptoAlgorithms, Pkcs12FilesWithEcAndEd25519KeysLoad)
{
    const struct {
        const char *file;
        const char *alg;
    } rows[] = { { "ec-p256.p12", "ES256" }, { "ed25519.p12", "EdDSA" } };
    for (const auto &row : rows) {
        SCOPED_TRACE(row.file);
        const KeyMaterial material = load(row.file, answer(kPassphrase));
        ASSERT_FALSE(material.privateKey.isNull());
        EXPECT_EQ(material.format, QStringLiteral("PKCS#12"));
        ASSERT_FALSE(material.certificate.isNull());
        EXPECT_TRUE(material.certificate.matches(material.privateKey));
        Jwt jwt = claims();
        ASSERT_TRUE(Signer::sign(jwt, material.privateKey, QString::fromLatin1(row.alg)).ok());
        EXPECT_TRUE(Verifier::verify(jwt, material.certificate.publicKey()).isVerified());
        const auto wrong = KeyLoader::loadFile(keyPath(row.file), answer("wrong horse"));
        ASSERT_FALSE(wrong.ok());
        EXPECT_EQ(wrong.error().code, QStringLiteral("key.wrong-passphrase"));
    }
}
