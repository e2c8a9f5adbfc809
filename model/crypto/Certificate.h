#pragma once

#include "core/Clock.h"
#include "core/Result.h"
#include "crypto/KeyWarning.h"
#include "crypto/PrivateKey.h"
#include "crypto/PublicKey.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <memory>

namespace jwtflow {

// An X.509 certificate: what the Salesforce connected app holds, and what verifies its tokens.
// Immutable, cheap to copy.
class Certificate {
public:
    struct Handle; // what jwtflow read from the DER; defined in Certificate.cpp

    Certificate() = default;
    explicit Certificate(std::shared_ptr<const Handle> handle);

    // Read by jwtflow's own DER parser; QCA sees only the public key. Error code
    // "key.bad-certificate", whose message names the damaged part.
    static Result<Certificate> fromDer(const QByteArray &der, const QString &source);

    bool isNull() const { return !m_handle; }
    QString subject() const; // "CN=jwtflow, O=Example"
    QString issuer() const;
    QString commonName() const;
    QString serialNumber() const; // hex with colons, as browsers show it
    QString signatureAlgorithm() const; // "sha256WithRSAEncryption", or the dotted OID
    QDateTime notBefore() const; // UTC
    QDateTime notAfter() const; // UTC
    bool isSelfIssued() const; // issuer == subject
    QByteArray toDer() const;
    QByteArray toPem() const;
    QString sha1Fingerprint() const; // "AB:CD:...", of the DER
    QString sha256Fingerprint() const; // "AB:CD:...", of the DER
    QString x5t() const; // base64url(SHA-1(DER)), the JWS "x5t" header
    QString x5tS256() const; // base64url(SHA-256(DER)), the JWS "x5t#S256" header
    PublicKey publicKey() const;
    QString source() const;
    QString description() const; // "certificate CN=jwtflow (SHA-256 AB:CD:…) from server.crt"

    // Whether `key` is the private half of this certificate's public key.
    bool matches(const PrivateKey &key) const;
    // The same as an error ("cert.key-mismatch") that names both files, for callers that need one.
    Result<void> checkMatches(const PrivateKey &key) const;

    // "cert.expired", "cert.not-yet-valid", "cert.expires-soon" (within 30 days), "key.weak-rsa".
    KeyWarnings warnings(const Clock &clock) const;

    bool operator==(const Certificate &other) const { return toDer() == other.toDer(); }

private:
    std::shared_ptr<const Handle> m_handle;
};

} // namespace jwtflow
