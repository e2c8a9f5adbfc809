#pragma once

#include "core/Result.h"
#include "crypto/Certificate.h"
#include "crypto/PrivateKey.h"

#include <QString>

namespace jwtflow {

// The keys the practice org works with out of the box, made once and kept in a folder so that
// a user's key file, the GUI and scripts keep working across restarts:
//   demo.key / demo.crt / demo.cer — the demo connected app's key pair and self-signed
//     certificate (what a user would upload to Salesforce); the key file is mode 0600.
//   org-signing.key / .crt / .cer — the org's own key, which signs ID tokens (published at /id/keys).
// Two processes starting at once do not race: creation happens under a lock file.
class DemoCredentials {
public:
    PrivateKey demoKey;
    Certificate demoCertificate;
    PrivateKey signingKey;
    Certificate signingCertificate;
    QString folder;
    QString demoKeyPath;
    QString demoCertificatePath;

    // <generic data folder>/jwtflow/practice-org, shared by jwtflow and jwtflow-cli (their
    // application names differ, so AppDataLocation would give each its own demo key). Under
    // QStandardPaths' test mode this is a test folder.
    static QString defaultFolder();
    // Loads the files, creating what is missing. Error codes "practice.credentials.*" and those
    // of KeyGenerator, CredentialWriter and KeyLoader.
    static Result<DemoCredentials> loadOrCreate(const QString &folder = defaultFolder());
};

} // namespace jwtflow
