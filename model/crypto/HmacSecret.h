#pragma once

#include "core/Result.h"
#include "crypto/JwsAlgorithm.h"
#include "crypto/KeyWarning.h"

#include <QByteArray>
#include <QString>

namespace jwtflow {

// The shared secret of HS256/384/512. It refuses anything that looks like a key or certificate
// (PEM, DER, an SSH or JWK public key): an RSA public key used as an HMAC secret is the RS/HS
// key-confusion attack (CVE-2015-9235), and no honest HMAC secret looks like one.
class HmacSecret {
public:
    HmacSecret() = default;

    // The UTF-8 bytes of `text`, exactly as typed (no trimming).
    static Result<HmacSecret> fromText(const QString &text);
    // base64 or base64url, with or without padding, whitespace ignored (how providers show secrets).
    static Result<HmacSecret> fromBase64(const QString &encoded);
    // Raw bytes; `origin` says where they came from ("text", "base64", "JWK").
    // Error codes (all three): "secret.empty", "secret.looks-like-key", "secret.bad-base64".
    static Result<HmacSecret> fromBytes(const QByteArray &bytes, const QString &origin);

    bool isNull() const { return m_bytes.isEmpty(); }
    qsizetype size() const { return m_bytes.size(); }
    QByteArray bytes() const { return m_bytes; } // secret: never print or log
    QString description() const; // "HMAC secret of 32 bytes (text)"
    // "secret.short": shorter than the hash output, which RFC 7518 §3.2 forbids.
    KeyWarnings warnings(const JwsAlgorithm &alg) const;

private:
    QByteArray m_bytes;
    QString m_origin;
};

} // namespace jwtflow
