#pragma once

#include "core/Result.h"
#include "crypto/KeyFormat.h"
#include "crypto/KeyWarning.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace jwtflow {

// A public key: RSA (RS*, PS*), EC on P-256/P-384/P-521 (ES*), Ed25519 or Ed448 (EdDSA).
// Immutable and cheap to copy; safe to use from several threads.
class PublicKey {
public:
    struct Handle; // the QCA key; defined in crypto/internal/QcaHandles.h, for model/crypto only

    PublicKey() = default;
    explicit PublicKey(std::shared_ptr<const Handle> handle);

    // SubjectPublicKeyInfo, DER or PEM. Error codes: "key.bad-public-key", "key.unsupported-type".
    static Result<PublicKey> fromDer(const QByteArray &spki, const QString &source);
    static Result<PublicKey> fromPem(const QByteArray &pem, const QString &source);
    // From the big-endian modulus and exponent (a JWK's n and e).
    static Result<PublicKey> fromRsaComponents(const QByteArray &modulus, const QByteArray &exponent, const QString &source);

    bool isNull() const { return !m_handle; }
    bool isRsa() const;
    KeyFormat::KeyType keyType() const; // Rsa, Ec, Ed25519 or Ed448
    QString typeName() const; // "RSA", "EC", "Ed25519", "Ed448"
    QString curve() const; // "P-256", "P-384", "P-521", "Ed25519", "Ed448"; empty for RSA
    int bits() const; // RSA modulus, EC field size (256/384/521), Ed25519 253, Ed448 456
    QString kindText() const; // "RSA 2048-bit", "EC P-256", "Ed25519"
    QByteArray modulus() const; // unsigned big-endian, RSA only
    QByteArray exponent() const; // unsigned big-endian, RSA only
    QByteArray toDer() const; // SubjectPublicKeyInfo
    QByteArray toPem() const;
    // SHA-256 of the SubjectPublicKeyInfo, hex with colons (what `openssl pkey -pubin -outform DER | sha256sum` shows).
    QString spkiSha256() const;
    // Where it came from: a file path, "certificate in FILE", "JWK 'kid' in FILE", "generated".
    QString source() const;
    // One line for people: "RSA 2048-bit public key from server.crt", "EC P-256 public key from ec.pem".
    QString description() const;
    KeyWarnings warnings() const; // "key.weak-rsa" below 2048 bits

    bool operator==(const PublicKey &other) const; // same key material (SPKI bytes)

    const Handle *handle() const { return m_handle.get(); }

private:
    std::shared_ptr<const Handle> m_handle;
};

} // namespace jwtflow
