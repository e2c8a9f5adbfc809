#pragma once

#include "core/Result.h"
#include "crypto/PrivateKey.h"
#include "crypto/PublicKey.h"

#include <QJsonObject>
#include <QString>

namespace jwtflow {

// JSON Web Keys (RFC 7517/7518 §6.3): RSA only in this build. EC and OKP keys get their own
// "not supported by this build" error rather than a generic failure.
class Jwk {
public:
    // Error codes: "key.jwk-unsupported-kty" (EC, OKP, oct, …), "key.bad-jwk" (missing or
    // malformed members).
    static Result<PublicKey> publicKey(const QJsonObject &jwk, const QString &source);
    // Needs d, p, q, dp, dq and qi besides n and e.
    static Result<PrivateKey> privateKey(const QJsonObject &jwk, const QString &source);
    static bool isPrivate(const QJsonObject &jwk) { return jwk.contains(QStringLiteral("d")); }

    // The public JWK of an RSA key (kty, n, e, and kid when given).
    static QJsonObject fromPublicKey(const PublicKey &key, const QString &kid = {});
    // RFC 7638 thumbprint: base64url(SHA-256) of {"e","kty","n"} in canonical form.
    static QString thumbprint(const PublicKey &key);
};

} // namespace jwtflow
