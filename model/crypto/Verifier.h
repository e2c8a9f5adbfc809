#pragma once

#include "crypto/Certificate.h"
#include "crypto/HmacSecret.h"
#include "crypto/PublicKey.h"
#include "crypto/Verification.h"
#include "token/Jwt.h"

namespace jwtflow {

// Checks a token's signature over its original bytes (header.payload as received, never
// re-serialised). The key is chosen by the caller, never by the token: a key, certificate or
// JWK embedded in the header is not used. Checks run cheap-first: alg, then signature length,
// then the cryptography. Claims (exp, aud, …) are not this class's business.
class Verifier {
public:
    static Verification verify(const Jwt &jwt, const PublicKey &key);
    static Verification verify(const Jwt &jwt, const Certificate &certificate);
    static Verification verify(const Jwt &jwt, const HmacSecret &secret);
    // A bare JWS signature over any signing input with a public-key algorithm, for inputs that are
    // not a JWT (RFC 7515 A.4 signs the text "Payload"). Same rules as verify(), without the header checks.
    static Verification verifySignature(
        const QByteArray &signingInput, const QByteArray &signature, const QString &alg, const PublicKey &key);
};

} // namespace jwtflow
