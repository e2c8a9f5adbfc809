#pragma once

// Internal to model/crypto: the only header that exposes OpenSSL's libcrypto, included only by
// model/crypto/*.cpp (CryptoBoundaryTest checks). QCA keeps RS*, HS*, RSA keys and PKCS#12; libcrypto
// does what QCA has no API for: ECDSA (ES*), RSASSA-PSS (PS*) and EdDSA, and the EC/OKP keys.

#include "core/Result.h"
#include "crypto/JwsAlgorithm.h"
#include "crypto/KeyFormat.h"

#include <QByteArray>
#include <QString>
#include <memory>
#include <openssl/evp.h>

namespace jwtflow::ossl {

// Shared and immutable once built; freeing it wipes the private key (OpenSSL clears key material on free).
using Pkey = std::shared_ptr<EVP_PKEY>;

Pkey adopt(EVP_PKEY *key);

// The queued libcrypto errors as one line ("error:… (routine)"), and the queue emptied.
QString drainErrors();
Error error(const QString &code, const QString &message, const QString &hint);

// Keys from their encodings. A passphrase is used for encrypted PEM only; OpenSSL's own terminal
// prompt is never reached (an empty passphrase answers "none").
Result<Pkey> publicFromSpki(const QByteArray &spki, const QString &source);
Result<Pkey> privateFromPem(const QByteArray &pem, const QByteArray &passphrase, const QString &source);
Result<Pkey> privateFromPkcs8Der(const QByteArray &der, const QString &source);

QByteArray spkiOf(EVP_PKEY *key);
QByteArray pkcs8PemOf(EVP_PKEY *key); // secret: the caller wipes it

// Facts.
KeyFormat::KeyType typeOf(EVP_PKEY *key);
QString curveOf(EVP_PKEY *key); // "P-256", "P-384", "P-521", "Ed25519", "Ed448", or OpenSSL's group name
int bitsOf(EVP_PKEY *key);

// JWK members: EC x and y (each as long as the field), OKP x; the private scalar/seed d.
QByteArray ecCoordinate(EVP_PKEY *key, bool y);
QByteArray rawPublic(EVP_PKEY *key);
// From JWK members; `d` empty for a public key. A point off the curve or a `d` that does not
// belong to x/y is refused.
Result<Pkey> ecFromJwk(
    const QString &curve, const QByteArray &x, const QByteArray &y, const QByteArray &d, const QString &source);
Result<Pkey> okpFromJwk(const QString &curve, const QByteArray &x, const QByteArray &d, const QString &source);

// "EC" with "P-256"/"P-384"/"P-521", or "Ed25519"/"Ed448".
Result<Pkey> generate(KeyFormat::KeyType type, const QString &curve);
bool hasEd448();

// JWS signatures over `data`: ES* as R || S, PS* as RSASSA-PSS with salt = hash length, EdDSA pure.
Result<QByteArray> signJws(EVP_PKEY *key, const JwsAlgorithm &alg, const QByteArray &data);
// True when the signature verifies; false when it does not (a malformed R || S included).
bool verifyJws(EVP_PKEY *key, const JwsAlgorithm &alg, const QByteArray &data, const QByteArray &signature);
// For X.509: ECDSA-with-SHA-256 as DER ECDSA-Sig-Value, Ed25519/Ed448 as is.
Result<QByteArray> signX509(EVP_PKEY *key, const QByteArray &data);

// R || S (each half `half` bytes) from and to DER ECDSA-Sig-Value.
QByteArray derToRaw(const QByteArray &der, int half);
QByteArray rawToDer(const QByteArray &raw);
// A signature that is a complete DER ECDSA-Sig-Value (what OpenSSL and Java produce, not JOSE).
bool looksLikeDerEcdsa(const QByteArray &signature);

} // namespace jwtflow::ossl
