#pragma once

#include "crypto/KeyWarning.h"

#include <QString>

namespace jwtflow {

// What checking a token's signature found. Only Verified means the signature is good; the
// other outcomes say why not, and "not supported here" is never reported as a bad signature.
struct Verification {
    enum class Outcome {
        Verified, // the signature matches the given key
        Invalid, // it does not (tampered token, wrong key, malformed signature)
        Unsupported, // PS*, ES*, EdDSA, JWE: this build cannot check it
        Unsecured, // alg "none": nothing to check, and never acceptable
        KeyMismatch, // the key cannot be used with this alg (e.g. an RSA key for HS256)
        JsonInvalid, // the signature matches, but the JSON it covers is not strict RFC 8259 JSON (TokenVerdict)
    };

    Outcome outcome = Outcome::Invalid;
    QString alg; // the token's alg, as written
    QString message; // for people: what was found and why
    QString keyDescription; // which key or certificate was used
    KeyWarnings warnings; // about the key (weak RSA, short secret)

    bool isVerified() const { return outcome == Outcome::Verified; }
    // "verified", "invalid", "unsupported", "unsecured", "key-mismatch", "json-invalid": stable, for --json and tests.
    QString outcomeName() const;
};

} // namespace jwtflow
