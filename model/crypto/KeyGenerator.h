#pragma once

#include "core/Clock.h"
#include "core/Result.h"
#include "crypto/Certificate.h"
#include "crypto/PrivateKey.h"

#include <QString>

namespace jwtflow {

// New credentials: an RSA key (what Salesforce connected apps take), an EC P-256 key (ES256) or an
// Ed25519 key (EdDSA), and a self-signed certificate for it. Pure computation with no GUI or
// event-loop needs: run it on a worker thread (4096-bit RSA keys take seconds). Error codes:
// "keygen.bits", "keygen.type", "keygen.common-name", "keygen.days", "keygen.failed".
class KeyGenerator {
public:
    static QList<int> allowedBits() { return { 2048, 3072, 4096 }; }

    static Result<PrivateKey> generateRsa(int bits = 2048);
    static Result<PrivateKey> generateEcP256();
    static Result<PrivateKey> generateEd25519();

    // The kinds offered to people (CLI --type, the window's dialog): "rsa", "ec-p256", "ed25519".
    static QStringList typeNames() { return { QStringLiteral("rsa"), QStringLiteral("ec-p256"), QStringLiteral("ed25519") }; }
    // One of typeNames(); `bits` applies to RSA only.
    static Result<PrivateKey> generate(const QString &type, int bits = 2048);

    // X.509 v3, signed with sha256WithRSAEncryption, ecdsa-with-SHA256 or Ed25519 by the key
    // itself (qca-ossl's own self-signing is SHA-1, which is why jwtflow assembles it),
    // subject = issuer = CN=commonName, valid from now for validityDays.
    static Result<Certificate> selfSignedCertificate(
        const PrivateKey &key, const QString &commonName, int validityDays, const Clock &clock = SystemClock::instance());
};

} // namespace jwtflow
