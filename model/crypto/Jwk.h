#pragma once

#include "core/Result.h"
#include "crypto/PrivateKey.h"
#include "crypto/PublicKey.h"

#include <QJsonObject>
#include <QString>

namespace jwtflow {

// JSON Web Keys: RSA and EC (RFC 7518 §6.2, §6.3) and OKP Ed25519/Ed448 (RFC 8037 §2). Other key
// types (oct, X25519 …) get their own "not supported" error rather than a generic failure.
class Jwk {
public:
    // Error codes: "key.jwk-unsupported-kty" (oct, …), "key.jwk-unsupported-crv" (secp256k1,
    // X25519, …), "key.bad-jwk" (missing or malformed members, a point off its curve).
    static Result<PublicKey> publicKey(const QJsonObject &jwk, const QString &source);
    // RSA needs d, p, q, dp, dq and qi besides n and e; EC and OKP need d (checked against x, y).
    static Result<PrivateKey> privateKey(const QJsonObject &jwk, const QString &source);
    static bool isPrivate(const QJsonObject &jwk) { return jwk.contains(QStringLiteral("d")); }

    // The public JWK of a key (RSA: kty, n, e; EC: kty, crv, x, y; OKP: kty, crv, x; and kid when given).
    static QJsonObject fromPublicKey(const PublicKey &key, const QString &kid = {});
    // RFC 7638 thumbprint: base64url(SHA-256) of the required members in canonical form.
    static QString thumbprint(const PublicKey &key);
};

} // namespace jwtflow
