#pragma once

#include "core/Result.h"
#include "crypto/HmacSecret.h"
#include "crypto/PrivateKey.h"
#include "token/Jwt.h"

#include <QString>

namespace jwtflow {

// Signs a token in place: sets "alg" (and "kid" when given) in the header, then the signature
// over header.payload. A header that already says the same alg keeps its exact bytes, so a
// pasted token re-signs without reformatting. RS* is PKCS#1 v1.5 (deterministic), PS* RSASSA-PSS
// (randomised), ES* ECDSA as R || S (randomised), EdDSA Ed25519/Ed448 (deterministic), HS* HMAC.
// The key must fit the algorithm (KeyAlgorithmRule).
// Error codes: "sign.encrypted", "sign.unsupported-alg", "sign.key-mismatch", "sign.failed".
// Weak keys are allowed (a debugger must reproduce what others send); their warnings say so.
class Signer {
public:
    static Result<void> sign(
        Jwt &jwt, const PrivateKey &key, const QString &alg = QStringLiteral("RS256"), const QString &kid = {});
    static Result<void> sign(
        Jwt &jwt, const HmacSecret &secret, const QString &alg = QStringLiteral("HS256"), const QString &kid = {});
    // The bare JWS signature of any signing input, for inputs that are not a JWT (RFC 8037's
    // example signs a text payload) and for benchmarks. Public-key algorithms only.
    static Result<QByteArray> signature(const QByteArray &signingInput, const PrivateKey &key, const QString &alg);
    // A new token from header and claims JSON, signed: the encoded text (Jwt::compose's errors too).
    static Result<QString> signedToken(
        const QByteArray &header, const QByteArray &claims, const PrivateKey &key, const QString &alg = QStringLiteral("RS256"));
};

} // namespace jwtflow
