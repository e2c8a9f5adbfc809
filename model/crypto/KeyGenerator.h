#pragma once

#include "core/Clock.h"
#include "core/Result.h"
#include "crypto/Certificate.h"
#include "crypto/PrivateKey.h"

#include <QString>

namespace jwtflow {

// New credentials for a connected app: an RSA key and a self-signed certificate for it. Pure
// computation with no GUI or event-loop needs: run it on a worker thread (4096-bit keys take
// seconds). Error codes: "keygen.bits", "keygen.common-name", "keygen.days", "keygen.failed".
class KeyGenerator {
public:
    static QList<int> allowedBits() { return {2048, 3072, 4096}; }

    static Result<PrivateKey> generateRsa(int bits = 2048);

    // X.509 v3, signed with SHA-256 (qca-ossl's own self-signing is SHA-1, which is why jwtflow
    // assembles it), subject = issuer = CN=commonName, valid from now for validityDays.
    static Result<Certificate> selfSignedCertificate(const PrivateKey &key, const QString &commonName, int validityDays,
                                                     const Clock &clock = SystemClock::instance());
};

} // namespace jwtflow
