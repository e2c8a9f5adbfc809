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
    process.start(QStringLiteral("python3"), QStringList{QStringLiteral("-c"), script} + arguments);
    if (!process.waitForFinished(60000))
        return {-1, {}, QStringLiteral("python3 did not start or finish: ") + process.errorString()};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, QString::fromUtf8(process.readAllStandardOutput()).trimmed(),
            QString::fromUtf8(process.readAllStandardError())};
}

// Empty when python3 with PyJWT and cryptography is usable, else why not.
QString pythonProblem()
{
    static const QString problem = [] {
        const Python probe = python(QStringLiteral("import jwt, cryptography; print(jwt.__version__)"));
        return probe.exitCode == 0 ? QString() : QStringLiteral("python3 with the jwt and cryptography modules is not available: ") + probe.err;
    }();
    return problem;
}

#define REQUIRE_PYTHON()                                                                                                         \
    if (!pythonProblem().isEmpty())                                                                                               \
    GTEST_SKIP() << pythonProblem().toStdString()

const QString kDecode = QStringLiteral(
    "import jwt, sys\n"
    "alg, key, token = sys.argv[1], sys.argv[2], sys.argv[3]\n"
    "if alg.startswith('RS'): key = open(key).read()\n"
    "claims = jwt.decode(token, key, algorithms=[alg], options={'verify_aud': False})\n"
    "print(claims['sub'])\n");

const QString kEncode = QStringLiteral(
    "import jwt, sys\n"
    "alg, key = sys.argv[1], sys.argv[2]\n"
    "if not alg.startswith('HS'): key = open(key).read()\n"
    "print(jwt.encode({'iss': '3MVG9', 'sub': 'ann@example.com', 'exp': 2000000000}, key, algorithm=alg, headers={'kid': 'py'}))\n");

Jwt composeClaims()
{
    return Jwt::compose("{\"typ\":\"JWT\"}", "{\"iss\":\"3MVG9\",\"sub\":\"ann@example.com\",\"aud\":\"https://login.salesforce.com\",\"exp\":2000000000}").value();
}

} // namespace

TEST(CryptoInterop, PyJwtVerifiesWhatJwtflowSigns)
{
    REQUIRE_PYTHON();
    const auto key = KeyLoader::loadPrivateKey(kKeys + QStringLiteral("rsa2048-pkcs8.pem"));
    ASSERT_TRUE(key.ok());
    for (const char *alg : {"RS256", "RS384", "RS512"}) {
        Jwt jwt = composeClaims();
        ASSERT_TRUE(Signer::sign(jwt, key.value(), QString::fromLatin1(alg)).ok());
        const Python r = python(kDecode, {QString::fromLatin1(alg), kKeys + QStringLiteral("rsa2048-public.pem"), QString::fromLatin1(jwt.encoded())});
        EXPECT_EQ(r.exitCode, 0) << alg << ": " << r.err.toStdString();
        EXPECT_EQ(r.out, QStringLiteral("ann@example.com"));
    }
    const auto secret = HmacSecret::fromText(kSecret).value();
    for (const char *alg : {"HS256", "HS384", "HS512"}) {
        Jwt jwt = composeClaims();
        ASSERT_TRUE(Signer::sign(jwt, secret, QString::fromLatin1(alg)).ok());
        const Python r = python(kDecode, {QString::fromLatin1(alg), kSecret, QString::fromLatin1(jwt.encoded())});
        EXPECT_EQ(r.exitCode, 0) << alg << ": " << r.err.toStdString();
        EXPECT_EQ(r.out, QStringLiteral("ann@example.com"));
    }
}

TEST(CryptoInterop, PyJwtRejectsWhatJwtflowSignedWithAnotherKey)
{
    REQUIRE_PYTHON();
    Jwt jwt = composeClaims();
    ASSERT_TRUE(Signer::sign(jwt, KeyLoader::loadPrivateKey(kKeys + QStringLiteral("other2048.pem")).value()).ok());
    const Python r = python(kDecode, {QStringLiteral("RS256"), kKeys + QStringLiteral("rsa2048-public.pem"), QString::fromLatin1(jwt.encoded())});
    EXPECT_NE(r.exitCode, 0);
    EXPECT_TRUE(r.err.contains(QStringLiteral("InvalidSignatureError"))) << r.err.toStdString();
}

TEST(CryptoInterop, JwtflowVerifiesWhatPyJwtSigns)
{
    REQUIRE_PYTHON();
    const Python rs = python(kEncode, {QStringLiteral("RS256"), kKeys + QStringLiteral("rsa2048-pkcs8.pem")});
    ASSERT_EQ(rs.exitCode, 0) << rs.err.toStdString();
    const auto rsToken = Jwt::parse(rs.out);
    ASSERT_TRUE(rsToken.ok()) << rsToken.error().text().toStdString();
    EXPECT_EQ(rsToken->kid(), QStringLiteral("py"));
    const auto certificate = KeyLoader::loadCertificate(kKeys + QStringLiteral("rsa2048.crt"));
    ASSERT_TRUE(certificate.ok());
    const Verification v = Verifier::verify(rsToken.value(), certificate.value());
    EXPECT_EQ(v.outcome, Verification::Outcome::Verified) << v.message.toStdString();

    const Python hs = python(kEncode, {QStringLiteral("HS256"), kSecret});
    ASSERT_EQ(hs.exitCode, 0) << hs.err.toStdString();
    const auto hsToken = Jwt::parse(hs.out);
    ASSERT_TRUE(hsToken.ok());
    EXPECT_EQ(Verifier::verify(hsToken.value(), HmacSecret::fromText(kSecret).value()).outcome, Verification::Outcome::Verified);
    EXPECT_EQ(Verifier::verify(hsToken.value(), HmacSecret::fromText(QStringLiteral("not the secret")).value()).outcome,
              Verification::Outcome::Invalid);
}

TEST(CryptoInterop, AlgorithmsOnlyPyJwtHasAreUnsupportedHereNotInvalid)
{
    REQUIRE_PYTHON();
    const Python ps = python(kEncode, {QStringLiteral("PS256"), kKeys + QStringLiteral("rsa2048-pkcs8.pem")});
    ASSERT_EQ(ps.exitCode, 0) << ps.err.toStdString();
    const Verification v = Verifier::verify(Jwt::parse(ps.out).value(), KeyLoader::loadCertificate(kKeys + QStringLiteral("rsa2048.crt")).value());
    EXPECT_EQ(v.outcome, Verification::Outcome::Unsupported);
    const Python es = python(kEncode, {QStringLiteral("ES256"), kKeys + QStringLiteral("ec-p256-pkcs8.pem")});
    ASSERT_EQ(es.exitCode, 0) << es.err.toStdString();
    EXPECT_EQ(Verifier::verify(Jwt::parse(es.out).value(), KeyLoader::loadCertificate(kKeys + QStringLiteral("rsa2048.crt")).value()).outcome,
              Verification::Outcome::Unsupported);
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
    const Python r = python(QStringLiteral(
                                "import sys\n"
                                "from cryptography import x509\n"
                                "from cryptography.hazmat.primitives.asymmetric import padding\n"
                                "c = x509.load_pem_x509_certificate(open(sys.argv[1], 'rb').read())\n"
                                "c.public_key().verify(c.signature, c.tbs_certificate_bytes, padding.PKCS1v15(), c.signature_hash_algorithm)\n"
                                "print(c.signature_hash_algorithm.name, c.subject.rfc4514_string(), c.public_key().key_size, c.version.name)\n"),
                            {file.fileName()});
    ASSERT_EQ(r.exitCode, 0) << r.err.toStdString();
    EXPECT_EQ(r.out, QStringLiteral("sha256 CN=interop 2048 v3"));
}
