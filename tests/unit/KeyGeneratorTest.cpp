#include "CryptoTestData.h"

#include "core/Clock.h"
#include "crypto/CredentialWriter.h"
#include "crypto/KeyGenerator.h"
#include "crypto/Signer.h"
#include "crypto/Verifier.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTimeZone>

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <memory>
#include <thread>

using namespace jwtflow;
using namespace cryptotest;

namespace {

// One generated pair for the whole program (generation is the slow part), released before
// main() returns: QCA objects must not outlive the QCoreApplication.
struct Generated {
    PrivateKey key;
    Certificate certificate;
};

std::unique_ptr<Generated> &generatedPair()
{
    static std::unique_ptr<Generated> pair;
    return pair;
}

const Generated &generated()
{
    auto &pair = generatedPair();
    if (!pair) {
        pair = std::make_unique<Generated>();
        auto key = KeyGenerator::generateRsa(2048);
        if (key) {
            pair->key = key.value();
            auto certificate = KeyGenerator::selfSignedCertificate(
                pair->key, QStringLiteral("jwtflow unit test"), 730, FixedClock(1767225600));
            if (certificate)
                pair->certificate = certificate.value();
        }
    }
    return *pair;
}

class ReleaseGeneratedPair : public ::testing::Environment {
public:
    void TearDown() override { generatedPair().reset(); }
};
const auto *const kReleaseGeneratedPair = ::testing::AddGlobalTestEnvironment(new ReleaseGeneratedPair);

mode_t modeOf(const QString &path)
{
    struct stat st {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? (st.st_mode & 07777) : 0;
}

} // namespace

TEST(KeyGenerator, GeneratesA2048BitKeyAndAMatchingCertificate)
{
    const Generated &g = generated();
    ASSERT_FALSE(g.key.isNull());
    ASSERT_FALSE(g.certificate.isNull());
    EXPECT_EQ(g.key.bits(), 2048);
    EXPECT_TRUE(g.certificate.matches(g.key));
    EXPECT_EQ(g.certificate.commonName(), QStringLiteral("jwtflow unit test"));
    EXPECT_TRUE(g.certificate.isSelfIssued());
    EXPECT_EQ(g.certificate.notBefore().toSecsSinceEpoch(), 1767225600);
    EXPECT_EQ(g.certificate.notBefore().daysTo(g.certificate.notAfter()), 730);
    EXPECT_TRUE(g.certificate.warnings(FixedClock(1767225600 + 86400)).isEmpty());
    EXPECT_EQ(g.certificate.serialNumber().size(), 16 * 3 - 1);
}

TEST(KeyGenerator, TheCertificateIsSignedWithSha256)
{
    // sha256WithRSAEncryption (1.2.840.113549.1.1.11) appears in the DER, sha1WithRSAEncryption (…1.5) does not.
    const QByteArray der = generated().certificate.toDer();
    EXPECT_TRUE(der.contains(QByteArray::fromHex("06092a864886f70d01010b")));
    EXPECT_FALSE(der.contains(QByteArray::fromHex("06092a864886f70d010105")));
}

TEST(KeyGenerator, ValidityBeyond2049IsKeptExactly)
{
    // From 2050 on, X.509 dates are GeneralizedTime, which QCA's own reader loses.
    const auto certificate
        = KeyGenerator::selfSignedCertificate(generated().key, QStringLiteral("long"), 36500, FixedClock(1767225600));
    ASSERT_TRUE(certificate.ok());
    EXPECT_EQ(certificate->notAfter(), QDateTime::fromSecsSinceEpoch(1767225600, QTimeZone::utc()).addDays(36500));
    EXPECT_TRUE(certificate->warnings(FixedClock(1767225600 + 86400)).isEmpty());
}

TEST(KeyGenerator, RefusesUnusualParameters)
{
    EXPECT_EQ(KeyGenerator::generateRsa(1024).error().code, QStringLiteral("keygen.bits"));
    EXPECT_EQ(KeyGenerator::generateRsa(2047).error().code, QStringLiteral("keygen.bits"));
    const PrivateKey &key = generated().key;
    EXPECT_EQ(KeyGenerator::selfSignedCertificate(key, QString(), 365).error().code, QStringLiteral("keygen.common-name"));
    EXPECT_EQ(KeyGenerator::selfSignedCertificate(key, QString(65, QLatin1Char('x')), 365).error().code,
        QStringLiteral("keygen.common-name"));
    EXPECT_EQ(KeyGenerator::selfSignedCertificate(key, QStringLiteral("x"), 0).error().code, QStringLiteral("keygen.days"));
    EXPECT_EQ(
        KeyGenerator::selfSignedCertificate(PrivateKey(), QStringLiteral("x"), 1).error().code, QStringLiteral("keygen.failed"));
}

TEST(KeyGenerator, A4096BitKeyIsGeneratedOnAWorkerThread)
{
    Result<PrivateKey> key = makeError(QStringLiteral("unset"), {});
    std::thread worker([&key] { key = KeyGenerator::generateRsa(4096); });
    worker.join();
    ASSERT_TRUE(key.ok()) << key.error().text().toStdString();
    EXPECT_EQ(key->bits(), 4096);
    Jwt jwt = Jwt::compose("{}", "{\"sub\":\"ann\"}").value();
    ASSERT_TRUE(Signer::sign(jwt, key.value()).ok());
    EXPECT_EQ(jwt.signature().size(), 512);
    EXPECT_TRUE(Verifier::verify(jwt, key->publicKey()).isVerified());
}

TEST(CredentialWriter, WritesTheThreeFilesWithAPrivateKeyFile)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString folder = dir.filePath(QStringLiteral("new/folder"));
    const Generated &g = generated();
    const auto files = CredentialWriter::write(g.key, g.certificate, folder, QStringLiteral("salesforce"));
    ASSERT_TRUE(files.ok()) << files.error().text().toStdString();
    EXPECT_EQ(QFileInfo(files->privateKey).fileName(), QStringLiteral("salesforce.key"));
    EXPECT_EQ(QFileInfo(files->certificatePem).fileName(), QStringLiteral("salesforce.crt"));
    EXPECT_EQ(QFileInfo(files->certificateDer).fileName(), QStringLiteral("salesforce.cer"));
    EXPECT_EQ(modeOf(files->privateKey), mode_t(0600));
    EXPECT_EQ(modeOf(files->certificatePem) & 0077 & ~mode_t(0044), mode_t(0)); // certificates: at most world-readable

    const auto key = KeyLoader::loadPrivateKey(files->privateKey);
    ASSERT_TRUE(key.ok()) << key.error().text().toStdString();
    const auto pem = KeyLoader::loadCertificate(files->certificatePem);
    const auto der = KeyLoader::loadCertificate(files->certificateDer);
    ASSERT_TRUE(pem.ok());
    ASSERT_TRUE(der.ok());
    EXPECT_TRUE(pem->matches(key.value()));
    EXPECT_EQ(pem.value(), der.value());
    EXPECT_EQ(pem.value(), g.certificate);
    QFile cer(files->certificateDer);
    ASSERT_TRUE(cer.open(QIODevice::ReadOnly));
    EXPECT_EQ(static_cast<quint8>(cer.read(1).at(0)), 0x30); // DER, not PEM
}

TEST(CredentialWriter, NeverOverwritesUnlessAskedTo)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const Generated &g = generated();
    QFile existing(dir.filePath(QStringLiteral("app.crt")));
    ASSERT_TRUE(existing.open(QIODevice::WriteOnly));
    existing.write("keep me");
    existing.close();

    const auto refused = CredentialWriter::write(g.key, g.certificate, dir.path(), QStringLiteral("app"));
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, QStringLiteral("keygen.exists"));
    EXPECT_TRUE(refused.error().message.contains(QStringLiteral("app.crt")));
    EXPECT_FALSE(QFileInfo::exists(dir.filePath(QStringLiteral("app.key")))); // nothing written at all
    ASSERT_TRUE(existing.open(QIODevice::ReadOnly));
    EXPECT_EQ(existing.readAll(), QByteArray("keep me"));
    existing.close();

    const auto forced = CredentialWriter::write(g.key, g.certificate, dir.path(), QStringLiteral("app"), true);
    ASSERT_TRUE(forced.ok()) << forced.error().text().toStdString();
    EXPECT_TRUE(KeyLoader::loadCertificate(forced->certificatePem).ok());
    EXPECT_EQ(modeOf(forced->privateKey), mode_t(0600));
}

TEST(CredentialWriter, ReplacingAKeyFileAlsoTightensItsMode)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    QFile loose(dir.filePath(QStringLiteral("app.key")));
    ASSERT_TRUE(loose.open(QIODevice::WriteOnly));
    loose.close();
    ASSERT_TRUE(loose.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther));
    const auto files = CredentialWriter::write(generated().key, generated().certificate, dir.path(), QStringLiteral("app"), true);
    ASSERT_TRUE(files.ok());
    EXPECT_EQ(modeOf(files->privateKey), mode_t(0600));
}

TEST(CredentialWriter, RefusesNamesThatAreNotPlainFileNames)
{
    QTemporaryDir dir;
    for (const char *name : { "", "../escape", ".hidden", "a/b" }) {
        EXPECT_EQ(
            CredentialWriter::write(generated().key, generated().certificate, dir.path(), QString::fromLatin1(name)).error().code,
            QStringLiteral("keygen.name"))
            << name;
    }
}
