// Cross-implementation checks: tokens jwtflow signs verify in PyJWT (python3-jwt), and tokens
// PyJWT signs verify in jwtflow; certificates jwtflow generates pass python3-cryptography.
#include "crypto/HmacSecret.h"
#include "crypto/KeyGenerator.h"
#include "crypto/KeyLoader.h"
#include "crypto/Signer.h"
#include "crypto/Verifier.h"
#include "token/Jwt.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace jwtflow;

namespace {

const QString kKeys = QStringLiteral(JWTFLOW_TEST_DATA "/keys/");
const QString kSecret = QStringLiteral("a shared HS256 secret of more than 32 bytes");

struct Python {
    int exitCode = -1;
    QString out;
    QString err;
};

Python python(const QString &script, const QStringList &arguments = {})
{
    QProcess process;
    process.start(QStringLiteral("python3"), QStringList { QStringLiteral("-c"), script } + arguments);
    if (!process.waitForFinished(60000))
        return { -1, {}, QStringLiteral("python3 did not start or finish: ") + process.errorString() };
    return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
        QString::fromUtf8(process.readAllStandardOutput()).trimmed(), QString::fromUtf8(process.readAllStandardError()) };
}

// Empty when python3 with PyJWT and cryptography is usable, else why not.
QString pythonProblem()
{
    static const QString problem = [] {
        const Python probe = python(QStringLiteral("import jwt, cryptography; print(jwt.__version__)"));
        return probe.exitCode == 0
            ? QString()
            : QStringLiteral("python3 with the jwt and cryptography modules is not available: ") + probe.err;
    }();
    return problem;
}

#define REQUIRE_PYTHON()                                                                                                         \
    if (!pythonProblem().isEmpty())                                                                                              \
    GTEST_SKIP() << pythonProblem().toStdString()

// The key file may be a public key, a certificate or a private key (whose public half verifies).
const QString kDecode
    = QStringLiteral("import jwt, sys\n"
                     "from cryptography import x509\n"
                     "from cryptography.hazmat.primitives import serialization\n"
                     "alg, key, token = sys.argv[1], sys.argv[2], sys.argv[3]\n"
                     "if not alg.startswith('HS'):\n"
                     "    data = open(key, 'rb').read()\n"
                     "    if b'PRIVATE' in data: key = serialization.load_pem_private_key(data, None).public_key()\n"
                     "    elif b'CERTIFICATE' in data: key = x509.load_pem_x509_certificate(data).public_key()\n"
                     "    else: key = serialization.load_pem_public_key(data)\n"
                     "claims = jwt.decode(token, key, algorithms=[alg], options={'verify_aud': False})\n"
                     "print(claims['sub'])\n");

const QString kEncode = QStringLiteral("import jwt, sys\n"
                                       "alg, key = sys.argv[1], sys.argv[2]\n"
                                       "if not alg.startswith('HS'): key = open(key).read()\n"
                                       "print(jwt.encode({'iss': '3MVG9', 'sub': 'ann@example.com', 'exp': 2000000000}, key, "
                                       "algorithm=alg, headers={'kid': 'py'}))\n");

Jwt composeClaims()
{
    return Jwt::compose("{\"typ\":\"JWT\"}",
        "{\"iss\":\"3MVG9\",\"sub\":\"ann@example.com\",\"aud\":\"https://login.salesforce.com\",\"exp\":2000000000}")
        .value();
}

} // namespace

TEST(CryptoInterop, PyJwtVerifiesWhatJwtflowSigns)
{
    REQUIRE_PYTHON();
    const auto key = KeyLoader::loadPrivateKey(kKeys + QStringLiteral("rsa2048-pkcs8.pem"));
    ASSERT_TRUE(key.ok());
    for (const char *alg : { "RS256", "RS384", "RS512" }) {
        Jwt jwt = composeClaims();
        ASSERT_TRUE(Signer::sign(jwt, key.value(), QString::fromLatin1(alg)).ok());
        const Python r = python(kDecode,
            { QString::fromLatin1(alg), kKeys + QStringLiteral("rsa2048-public.pem"), QString::fromLatin1(jwt.encoded()) });
        EXPECT_EQ(r.exitCode, 0) << alg << ": " << r.err.toStdString();
        EXPECT_EQ(r.out, QStringLiteral("ann@example.com"));
    }
    const auto secret = HmacSecret::fromText(kSecret).value();
    for (const char *alg : { "HS256", "HS384", "HS512" }) {
        Jwt jwt = composeClaims();
        ASSERT_TRUE(Signer::sign(jwt, secret, QString::fromLatin1(alg)).ok());
        const Python r = python(kDecode, { QString::fromLatin1(alg), kSecret, QString::fromLatin1(jwt.encoded()) });
        EXPECT_EQ(r.exitCode, 0) << alg << ": " << r.err.toStdString();
        EXPECT_EQ(r.out, QStringLiteral("ann@example.com"));
    }
}

TEST(CryptoInterop, PyJwtRejectsWhatJwtflowSignedWithAnotherKey)
{
    REQUIRE_PYTHON();
    Jwt jwt = composeClaims();
    ASSERT_TRUE(Signer::sign(jwt, KeyLoader::loadPrivateKey(kKeys + QStringLiteral("other2048.pem")).value()).ok());
    const Python r = python(
        kDecode, { QStringLiteral("RS256"), kKeys + QStringLiteral("rsa2048-public.pem"), QString::fromLatin1(jwt.encoded()) });
    EXPECT_NE(r.exitCode, 0);
    EXPECT_TRUE(r.err.contains(QStringLiteral("InvalidSignatureError"))) << r.err.toStdString();
}

TEST(CryptoInterop, JwtflowVerifiesWhatPyJwtSigns)
{
    REQUIRE_PYTHON();
    const Python rs = python(kEncode, { QStringLiteral("RS256"), kKeys + QStringLiteral("rsa2048-pkcs8.pem") });
    ASSERT_EQ(rs.exitCode, 0) << rs.err.toStdString();
    const auto rsToken = Jwt::parse(rs.out);
    ASSERT_TRUE(rsToken.ok()) << rsToken.error().text().toStdString();
    EXPECT_EQ(rsToken->kid(), QStringLiteral("py"));
    const auto certificate = KeyLoader::loadCertificate(kKeys + QStringLiteral("rsa2048.crt"));
    ASSERT_TRUE(certificate.ok());
    const Verification v = Verifier::verify(rsToken.value(), certificate.value());
    EXPECT_EQ(v.outcome, Verification::Outcome::Verified) << v.message.toStdString();

    const Python hs = python(kEncode, { QStringLiteral("HS256"), kSecret });
    ASSERT_EQ(hs.exitCode, 0) << hs.err.toStdString();
    const auto hsToken = Jwt::parse(hs.out);
    ASSERT_TRUE(hsToken.ok());
    EXPECT_EQ(Verifier::verify(hsToken.value(), HmacSecret::fromText(kSecret).value()).outcome, Verification::Outcome::Verified);
    EXPECT_EQ(Verifier::verify(hsToken.value(), HmacSecret::fromText(QStringLiteral("not the secret")).value()).outcome,
        Verification::Outcome::Invalid);
}

// Every public-key algorithm, with a fitting fixture key: what jwtflow signs, PyJWT verifies, and
// the reverse. ES* signatures are R || S on both sides; PS* salts differ per signature.
struct Algorithm {
    const char *alg;
    const char *privateKey;
    const char *verifier;
};
const Algorithm kAlgorithms[] = {
    { "PS256", "rsa2048-pkcs8.pem", "rsa2048-public.pem" },
    { "PS384", "rsa2048-pkcs8.pem", "rsa2048.crt" },
    { "PS512", "rsa2048-pkcs8.pem", "rsa2048-public.pem" },
    { "ES256", "ec-p256-pkcs8.pem", "ec-p256-public.pem" },
    { "ES256", "ec-p256-sec1.pem", "ec-p256.crt" },
    { "ES384", "ec-p384.pem", "ec-p384.pem" },
    { "ES512", "ec-p521.pem", "ec-p521.pem" },
    { "EdDSA", "ed25519.pem", "ed25519-public.pem" },
    { "EdDSA", "ed448.pem", "ed448.pem" },
};

TEST(CryptoInterop, PyJwtVerifiesWhatJwtflowSignsForEveryAlgorithm)
{
    REQUIRE_PYTHON();
    for (const Algorithm &a : kAlgorithms) {
        SCOPED_TRACE(std::string(a.alg) + " " + a.privateKey);
        const auto key = KeyLoader::loadPrivateKey(kKeys + QString::fromLatin1(a.privateKey));
        ASSERT_TRUE(key.ok()) << key.error().text().toStdString();
        Jwt jwt = composeClaims();
        ASSERT_TRUE(Signer::sign(jwt, key.value(), QString::fromLatin1(a.alg)).ok());
        const Python r = python(
            kDecode, { QString::fromLatin1(a.alg), kKeys + QString::fromLatin1(a.verifier), QString::fromLatin1(jwt.encoded()) });
        EXPECT_EQ(r.exitCode, 0) << r.err.toStdString();
        EXPECT_EQ(r.out, QStringLiteral("ann@example.com"));
    }
}

TEST(CryptoInterop, JwtflowVerifiesWhatPyJwtSignsForEveryAlgorithm)
{
    REQUIRE_PYTHON();
    for (const Algorithm &a : kAlgorithms) {
        SCOPED_TRACE(std::string(a.alg) + " " + a.privateKey);
        const Python py = python(kEncode, { QString::fromLatin1(a.alg), kKeys + QString::fromLatin1(a.privateKey) });
        ASSERT_EQ(py.exitCode, 0) << py.err.toStdString();
        const auto token = Jwt::parse(py.out);
        ASSERT_TRUE(token.ok()) << token.error().text().toStdString();
        const auto material = KeyLoader::loadFile(kKeys + QString::fromLatin1(a.verifier));
        ASSERT_TRUE(material.ok()) << material.error().text().toStdString();
        const Verification v = Verifier::verify(token.value(), material->verificationKey().value());
        EXPECT_EQ(v.outcome, Verification::Outcome::Verified) << v.message.toStdString();
    }
}

TEST(CryptoInterop, WrongCurvesAndDerSignaturesAreRefusedBothWays)
{
    REQUIRE_PYTHON();
    // PyJWT's ES384 (P-384) checked with jwtflow's P-256 key: the key/algorithm rule refuses it.
    const Python es384 = python(kEncode, { QStringLiteral("ES384"), kKeys + QStringLiteral("ec-p384.pem") });
    ASSERT_EQ(es384.exitCode, 0) << es384.err.toStdString();
    const PublicKey p256 = KeyLoader::loadPublicKey(kKeys + QStringLiteral("ec-p256-public.pem")).value();
    EXPECT_EQ(Verifier::verify(Jwt::parse(es384.out).value(), p256).outcome, Verification::Outcome::KeyMismatch);
    // jwtflow's ES256 checked by PyJWT with the P-384 key: PyJWT refuses it too.
    Jwt jwt = composeClaims();
    ASSERT_TRUE(
        Signer::sign(jwt, KeyLoader::loadPrivateKey(kKeys + QStringLiteral("ec-p256-pkcs8.pem")).value(), QStringLiteral("ES256"))
            .ok());
    const Python wrongCurve
        = python(kDecode, { QStringLiteral("ES256"), kKeys + QStringLiteral("ec-p384.pem"), QString::fromLatin1(jwt.encoded()) });
    EXPECT_NE(wrongCurve.exitCode, 0);
    // A DER-encoded ECDSA signature (what python3-cryptography's sign() returns before PyJWT converts
    // it) in an ES256 token: jwtflow refuses it and says why.
    const Python der = python(
        QStringLiteral("import base64, sys\n"
                       "from cryptography.hazmat.primitives import hashes, serialization\n"
                       "from cryptography.hazmat.primitives.asymmetric import ec\n"
                       "key = serialization.load_pem_private_key(open(sys.argv[1], 'rb').read(), None)\n"
                       "b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b'=').decode()\n"
                       "signing_input = b64(b'{\"alg\":\"ES256\"}') + '.' + b64(b'{\"sub\":\"ann\"}')\n"
                       "print(signing_input + '.' + b64(key.sign(signing_input.encode(), ec.ECDSA(hashes.SHA256()))))\n"),
        { kKeys + QStringLiteral("ec-p256-pkcs8.pem") });
    ASSERT_EQ(der.exitCode, 0) << der.err.toStdString();
    const Verification v = Verifier::verify(Jwt::parse(der.out).value(), p256);
    EXPECT_EQ(v.outcome, Verification::Outcome::Invalid);
    EXPECT_TRUE(v.message.contains(QStringLiteral("DER"))) << v.message.toStdString();
    // PyJWT refuses a DER signature as well.
    const Python pyDer = python(kDecode, { QStringLiteral("ES256"), kKeys + QStringLiteral("ec-p256-public.pem"), der.out });
    EXPECT_NE(pyDer.exitCode, 0);
}

TEST(CryptoInterop, GeneratedCertificatesPassPythonCryptography)
{
    REQUIRE_PYTHON();
    const auto key = KeyGenerator::generateRsa(2048);
    ASSERT_TRUE(key.ok());
    const auto certificate = KeyGenerator::selfSignedCertificate(key.value(), QStringLiteral("interop"), 365);
    ASSERT_TRUE(certificate.ok());
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    QFile file(dir.filePath(QStringLiteral("c.crt")));
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(certificate->toPem());
    file.close();
    const Python r = python(
        QStringLiteral(
            "import sys\n"
            "from cryptography import x509\n"
            "from cryptography.hazmat.primitives.asymmetric import padding\n"
            "c = x509.load_pem_x509_certificate(open(sys.argv[1], 'rb').read())\n"
            "c.public_key().verify(c.signature, c.tbs_certificate_bytes, padding.PKCS1v15(), c.signature_hash_algorithm)\n"
            "print(c.signature_hash_algorithm.name, c.subject.rfc4514_string(), c.public_key().key_size, c.version.name)\n"),
        { file.fileName() });
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    EXPECT_EQ(r.out, QStringLiteral("sha256 CN=interop 2048 v3"));
}
