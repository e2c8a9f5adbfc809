#pragma once

// Internal to model/crypto: the only header that exposes QCA types, included only by
// model/crypto/*.cpp. Nothing outside model/crypto may include it (CryptoBoundaryTest checks).

#include "crypto/PrivateKey.h"
#include "crypto/PublicKey.h"
#include "crypto/internal/OpenSsl.h"

#include <QtCrypto>

#include <mutex>

namespace jwtflow {

// A key is either QCA's (RSA: RS*, and certificates' and PKCS#12's keys) or libcrypto's (EC,
// Ed25519, Ed448). An RSA key also gets a libcrypto twin the first time it signs or verifies PS*,
// built from its own DER, so the one key serves both families.
struct PublicKey::Handle {
    QCA::PublicKey key; // RSA
    ossl::Pkey evp; // EC, Ed25519, Ed448
    QByteArray spki; // DER, kept for comparisons and fingerprints
    QString source;
    mutable std::once_flag twinOnce;
    mutable ossl::Pkey twin;
};

struct PrivateKey::Handle {
    QCA::PrivateKey key; // RSA
    ossl::Pkey evp; // EC, Ed25519, Ed448
    QString source;
    mutable std::once_flag twinOnce;
    mutable ossl::Pkey twin;
};

namespace ossl {
// The libcrypto key of any handle (the RSA twin made on first use); null when it cannot be made.
EVP_PKEY *keyOf(const PublicKey::Handle &handle);
EVP_PKEY *keyOf(const PrivateKey::Handle &handle);
} // namespace ossl

namespace qca {

// QCA's sign and verify calls are non-const (they start an operation on the key's context);
// working on a copy keeps the shared, immutable key untouched and thread-safe.
inline QCA::PublicKey copyOf(const PublicKey &key)
{
    return key.handle()->key;
}
inline QCA::PrivateKey copyOf(const PrivateKey &key)
{
    return key.handle()->key;
}

// Unsigned big-endian bytes of a QCA BigInteger.
inline QByteArray magnitude(const QCA::BigInteger &value)
{
    QByteArray bytes = value.toArray().toByteArray();
    qsizetype start = 0;
    while (start < bytes.size() - 1 && bytes[start] == '\0')
        ++start;
    return bytes.mid(start);
}

// For keys that are not encrypted. Never empty: given an empty passphrase, QCA falls back to its
// own prompt on any failure, which blocks forever without an event handler. An unencrypted key
// ignores the passphrase.
inline QCA::SecureArray unusedPassphrase()
{
    return QCA::SecureArray(QByteArrayLiteral("jwtflow-unused"));
}

// PKCS#1 v1.5 with SHA-2 (EMSA3), the RS* algorithms of JWS.
inline QCA::SignatureAlgorithm emsa3(int hashBits)
{
    return hashBits == 512 ? QCA::EMSA3_SHA512 : hashBits == 384 ? QCA::EMSA3_SHA384 : QCA::EMSA3_SHA256;
}

inline QByteArray hmac(int hashBits, const QByteArray &key, const QByteArray &data)
{
    QCA::MessageAuthenticationCode mac(QStringLiteral("hmac(sha%1)").arg(hashBits), QCA::SymmetricKey(QCA::SecureArray(key)));
    return mac.process(data).toByteArray();
}

} // namespace qca

} // namespace jwtflow
