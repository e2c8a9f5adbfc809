#pragma once

#include "core/Result.h"
#include "crypto/JwsAlgorithm.h"
#include "crypto/KeyFormat.h"

#include <QString>
#include <QStringList>

namespace jwtflow {

// Which key may sign or verify which algorithm: the token's (or the caller's) alg decides, and the
// key must be of its kind (RFC 8725 §3.1). RS* and PS* take RSA keys; ES256 only P-256, ES384
// only P-384, ES512 only P-521 (RFC 7518 §3.4); EdDSA only Ed25519 or Ed448 (RFC 8037 §3.1).
// HMAC is never done with a key pair. The one home of that rule, for Signer and Verifier alike.
class KeyAlgorithmRule {
public:
    // Error code "alg.key-mismatch" with a message naming the algorithm, what it needs and the key.
    static Result<void> check(const JwsAlgorithm &alg, KeyFormat::KeyType type, const QString &curve, int bits);
    // What alg needs, in words: "an RSA key", "an EC key on P-384", "a shared secret".
    static QString needs(const JwsAlgorithm &alg);
    // What a key of this kind signs, in menu order: RSA → RS256…PS512, EC P-256 → ES256, Ed25519 → EdDSA.
    static QStringList algorithmsFor(KeyFormat::KeyType type, const QString &curve);

    // The largest RSA modulus OpenSSL signs or verifies with (OPENSSL_RSA_MAX_MODULUS_BITS in
    // <openssl/rsa.h>); beyond it every check fails, whatever the signature.
    static constexpr int kMaxRsaBits = 16384;
};

} // namespace jwtflow
