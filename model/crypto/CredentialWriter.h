#pragma once

#include "core/Result.h"
#include "crypto/Certificate.h"
#include "crypto/PrivateKey.h"

#include <QString>
#include <QStringList>

namespace jwtflow {

// Writes what a Salesforce connected app needs into a folder: BASE.key (the private key, PKCS#8
// PEM, mode 0600 from the moment the file exists), BASE.crt (certificate, PEM, for upload) and
// BASE.cer (the same certificate, DER). Existing files are never replaced unless `overwrite`;
// all three names are checked before anything is written. Error codes: "keygen.name",
// "keygen.directory", "keygen.exists", "keygen.write".
class CredentialWriter {
public:
    struct Files {
        QString privateKey;
        QString certificatePem;
        QString certificateDer;
        QStringList all() const { return { privateKey, certificatePem, certificateDer }; }
    };

    static Files filesFor(const QString &directory, const QString &baseName);
    static Result<Files> write(const PrivateKey &key, const Certificate &certificate, const QString &directory,
        const QString &baseName, bool overwrite = false);
};

} // namespace jwtflow
