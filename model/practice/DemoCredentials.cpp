#include "practice/DemoCredentials.h"

#include "crypto/CredentialWriter.h"
#include "crypto/KeyGenerator.h"
#include "crypto/KeyLoader.h"

#include <QDir>
#include <QFileInfo>
#include <QLockFile>
#include <QStandardPaths>

namespace jwtflow {

namespace {

struct Pair {
    PrivateKey key;
    Certificate certificate;
    CredentialWriter::Files files;
};

Result<Pair> loadOrCreatePair(const QString &folder, const QString &baseName, const QString &commonName)
{
    const CredentialWriter::Files files = CredentialWriter::filesFor(folder, baseName);
    if (!QFileInfo::exists(files.privateKey) || !QFileInfo::exists(files.certificatePem)) {
        auto key = KeyGenerator::generateRsa(2048);
        if (!key)
            return key.error();
        // Ten years: a practice certificate that expires mid-course helps nobody.
        auto certificate = KeyGenerator::selfSignedCertificate(key.value(), commonName, 3650);
        if (!certificate)
            return certificate.error();
        auto written = CredentialWriter::write(key.value(), certificate.value(), folder, baseName, true);
        if (!written)
            return written.error();
        return Pair { key.value(), certificate.value(), files };
    }
    auto key = KeyLoader::loadPrivateKey(files.privateKey);
    if (!key)
        return key.error();
    auto certificate = KeyLoader::loadCertificate(files.certificatePem);
    if (!certificate)
        return certificate.error();
    if (!certificate->matches(key.value()))
        return makeError(QStringLiteral("practice.credentials.mismatch"),
            QStringLiteral("%1 does not belong to %2.").arg(files.certificatePem, files.privateKey),
            QStringLiteral("Delete both files; the practice org makes a new pair on its next start."));
    return Pair { key.value(), certificate.value(), files };
}

} // namespace

QString DemoCredentials::defaultFolder()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation))
        .filePath(QStringLiteral("jwtflow/practice-org"));
}

Result<DemoCredentials> DemoCredentials::loadOrCreate(const QString &folder)
{
    const bool existed = QFileInfo(folder).isDir();
    if (folder.isEmpty() || !QDir().mkpath(folder))
        return makeError(QStringLiteral("practice.credentials.folder"),
            QStringLiteral("The folder \"%1\" cannot be created.").arg(folder),
            QStringLiteral("Choose a folder you can write to."));
    // A folder made here is the owner's alone; an existing one (--data-dir) keeps its mode, which
    // is the user's choice: the private key files in it are 0600 either way.
    if (!existed)
        QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QLockFile lock(QDir(folder).filePath(QStringLiteral(".lock")));
    lock.setStaleLockTime(30000);
    if (!lock.tryLock(30000))
        return makeError(QStringLiteral("practice.credentials.locked"),
            QStringLiteral("Another process keeps %1 locked.").arg(folder),
            QStringLiteral("Wait for it to finish, or remove %1/.lock if no jwtflow is running.").arg(folder));

    auto demo = loadOrCreatePair(folder, QStringLiteral("demo"), QStringLiteral("jwtflow practice org demo app"));
    if (!demo)
        return demo.error();
    auto signing = loadOrCreatePair(folder, QStringLiteral("org-signing"), QStringLiteral("jwtflow practice org signing key"));
    if (!signing)
        return signing.error();
    DemoCredentials out;
    out.demoKey = demo->key;
    out.demoCertificate = demo->certificate;
    out.signingKey = signing->key;
    out.signingCertificate = signing->certificate;
    out.folder = QFileInfo(folder).absoluteFilePath();
    out.demoKeyPath = QFileInfo(demo->files.privateKey).absoluteFilePath();
    out.demoCertificatePath = QFileInfo(demo->files.certificatePem).absoluteFilePath();
    return out;
}

} // namespace jwtflow
