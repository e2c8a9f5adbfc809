#pragma once

#include "crypto/Verification.h"

#include <optional>

namespace jwtflow {

class Jwt;

// The last word on a checked signature, shared by `verify`, `inspect` and the window: a signature
// that matches is still no "verified" token when the JSON it covers is not strict RFC 8259 JSON
// (invalid escapes, raw control characters, lone surrogates, duplicate members): a strict server
// rejects that token whatever its signature, and a lenient one may read other values than the
// signer meant (Qt reads {"alg":"HS\256"} as HS256).
class TokenVerdict {
public:
    static Verification strict(const Jwt &jwt, Verification verification);

    // What `verify` refuses whatever key it is given (alg none, a missing signature, duplicate
    // header members, crit, zip, an unknown alg, a kid that is no string, JSON a strict server
    // rejects), so that `inspect` and the window, which may have no key, never call such a token
    // fine. Empty when only a key can tell.
    static std::optional<Verification> refusalWithoutKey(const Jwt &jwt);

    // What `verify` answers before it reads any key file: an algorithm this build does not
    // verify (Unsupported: exit 3, named as the token writes it, whatever the key file holds),
    // or a refusalWithoutKey() other than invalid JSON, which waits for the signature so the
    // answer can be "signature valid, but ...". Empty: check the signature, then strict().
    static std::optional<Verification> beforeKey(const Jwt &jwt);
};

} // namespace jwtflow
