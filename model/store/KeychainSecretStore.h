#pragma once

#include "store/SecretStore.h"

namespace jwtflow {

// SecretStore on the system keychain through QtKeychain (Secret Service or KWallet on Linux,
// Keychain on macOS, Credential Manager on Windows), with QtKeychain's plaintext fallback off:
// without a keychain the answer is "secret.no-backend" and nothing is written anywhere.
class KeychainSecretStore : public SecretStore {
public:
    explicit KeychainSecretStore(QString service = QStringLiteral("jwtflow"));

    QString description() const override;
    void read(const QString &key, QObject *context, ReadDone done) override;
    void write(const QString &key, const SecretBytes &secret, QObject *context, Done done) override;
    void remove(const QString &key, QObject *context, Done done) override;

private:
    QString m_service;
};

} // namespace jwtflow
