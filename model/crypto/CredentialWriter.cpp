#include "crypto/CredentialWriter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace jwtflow {

namespace {

// Creates `path` with `permissions` in the same call that creates it (open(2) with a mode), so a
// secret is never readable by others, not even between creating the file and chmod.
Result<void> writeNewFile(const QString &path, QByteArray &content, QFileDevice::Permissions permissions, bool secret)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, permissions))
        return makeError(QStringLiteral("keygen.write"),
            QStringLiteral("%1 cannot be created: %2.").arg(path, file.errorString()),
            QStringLiteral("Check that the folder is writable."));
    // Belt and braces for the secret: state the mode explicitly (a umask can only have removed bits).
    if (secret && !file.setPermissions(permissions)) {
        file.remove();
        return makeError(QStringLiteral("keygen.write"), QStringLiteral("The permissions of %1 cannot be set.").arg(path),
            QStringLiteral("Write the files to a folder on a local disk."));
    }
    const bool written = file.write(content) == content.size() && file.flush();
    content.fill('\0');
    file.close();
    if (!written || file.error() != QFileDevice::NoError) {
        const QString reason = file.errorString();
        file.remove();
        return makeError(QStringLiteral("keygen.write"), QStringLiteral("Writing %1 failed: %2.").arg(path, reason),
            QStringLiteral("Check the free disk space and try again."));
    }
    return {};
}

} // namespace

CredentialWriter::Files CredentialWriter::filesFor(const QString &directory, const QString &baseName)
{
    const QDir dir(directory);
    return { dir.filePath(baseName + QStringLiteral(".key")), dir.filePath(baseName + QStringLiteral(".crt")),
        dir.filePath(baseName + QStringLiteral(".cer")) };
}

Result<CredentialWriter::Files> CredentialWriter::write(
    const PrivateKey &key, const Certificate &certificate, const QString &directory, const QString &baseName, bool overwrite)
{
    if (baseName.isEmpty() || baseName.contains(QLatin1Char('/')) || baseName.contains(QLatin1Char('\\'))
        || baseName.startsWith(QLatin1Char('.')))
        return makeError(QStringLiteral("keygen.name"), QStringLiteral("\"%1\" cannot be used as a file name.").arg(baseName),
            QStringLiteral("Use a plain name such as \"salesforce\"; the files become NAME.key, NAME.crt and NAME.cer."));
    if (key.isNull() || certificate.isNull())
        return makeError(QStringLiteral("keygen.write"), QStringLiteral("There is no key or certificate to write."),
            QStringLiteral("Generate them first."));
    if (!QDir().mkpath(directory))
        return makeError(QStringLiteral("keygen.directory"), QStringLiteral("The folder %1 cannot be created.").arg(directory),
            QStringLiteral("Choose a folder you can write to."));
    const Files files = filesFor(directory, baseName);
    for (const QString &path : files.all()) {
        const QFileInfo info(path);
        if (!info.exists() && !info.isSymLink())
            continue;
        if (!overwrite)
            return makeError(QStringLiteral("keygen.exists"), QStringLiteral("%1 already exists; nothing was written.").arg(path),
                QStringLiteral(
                    "Choose another name or folder, or allow overwriting (--force) if the old key is no longer needed."));
        if (info.isDir() || !QFile::remove(path))
            return makeError(QStringLiteral("keygen.write"), QStringLiteral("%1 cannot be replaced.").arg(path),
                QStringLiteral("Check the file's permissions, or choose another name."));
    }
    const auto ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    const auto readable = ownerOnly | QFileDevice::ReadGroup | QFileDevice::ReadOther;
    // All three or none: a half-written set would be mistaken for a usable one.
    QStringList written;
    auto writeOne
        = [&written](const QString &path, QByteArray content, QFileDevice::Permissions permissions, bool secret) -> Result<void> {
        auto r = writeNewFile(path, content, permissions, secret);
        if (r)
            written << path;
        else
            for (const QString &done : std::as_const(written))
                QFile::remove(done);
        return r;
    };
    if (auto r = writeOne(files.privateKey, key.toPkcs8Pem(), ownerOnly, true); !r)
        return r.error();
    if (auto r = writeOne(files.certificatePem, certificate.toPem(), readable, false); !r)
        return r.error();
    if (auto r = writeOne(files.certificateDer, certificate.toDer(), readable, false); !r)
        return r.error();
    return files;
}

} // namespace jwtflow
