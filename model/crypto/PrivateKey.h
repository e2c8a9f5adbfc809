#pragma once

#include "core/Result.h"
#include "crypto/KeyWarning.h"
#include "crypto/PublicKey.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace jwtflow {

// A private key, loaded (KeyLoader), generated (KeyGenerator) or built from a JWK. Immutable and
// cheap to copy; signing with one key from several threads at once is safe. Its secret never
// leaves this object except through toPkcs8Pem(), which only the key-file writer calls.
class PrivateKey {
public:
    struct Handle; // the QCA key; defined in crypto/internal/QcaHandles.h, for model/crypto only

    PrivateKey() = default;
    explicit PrivateKey(std::shared_ptr<const Handle> handle);

    // From RSA numbers (a private JWK): unsigned big-endian n, e, d, p, q, dp, dq, qi.
    struct RsaNumbers {
        QByteArray n, e, d, p, q, dp, dq, qi;
    };
    static Result<PrivateKey> fromRsaNumbers(const RsaNumbers &numbers, const QString &source);

    bool isNull() const { return !m_handle; }
    bool isRsa() const;
    KeyFormat::KeyType keyType() const; // Rsa, Ec, Ed25519 or Ed448
    QString typeName() const; // "RSA", "EC", "Ed25519", "Ed448"
    QString curve() const; // "P-256", …, "Ed25519"; empty for RSA
    int bits() const;
    QString kindText() const; // "RSA 2048-bit", "EC P-256", "Ed25519"
    PublicKey publicKey() const;
    QString source() const;
    QString description() const; // "RSA 2048-bit private key from server.key", "EC P-256 private key from …"
    KeyWarnings warnings() const; // "key.weak-rsa" below 2048 bits

    // Unencrypted PKCS#8 PEM. Secret: write it to a 0600 file and wipe the buffer.
    QByteArray toPkcs8Pem() const;

    const Handle *handle() const { return m_handle.get(); }

private:
    std::shared_ptr<const Handle> m_handle;
};

} // namespace jwtflow
