#pragma once

#include <QByteArray>

namespace jwtflow {

// SHA-2 by output size, for the OpenID Connect hashes (at_hash, c_hash) whose hash follows the
// token's alg: RS256/HS256/ES256/PS256 → SHA-256, …384 → SHA-384, …512 → SHA-512.
class Digest {
public:
    // Empty for a size other than 256, 384 or 512.
    static QByteArray sha2(int bits, const QByteArray &data);
};

} // namespace jwtflow
