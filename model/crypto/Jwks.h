#pragma once

#include "core/Result.h"
#include "crypto/PublicKey.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace jwtflow {

// A JWK Set ({"keys": [...]}, RFC 7517 §5), as an identity provider publishes it. The key that
// verifies a token is picked by the token's "kid", never by trying each key in turn.
class Jwks {
public:
    // Error code "key.bad-jwks" when "keys" is missing or not an array of objects.
    static Result<Jwks> fromJson(const QJsonObject &object, const QString &source);

    bool isEmpty() const { return m_keys.isEmpty(); }
    qsizetype size() const { return m_keys.size(); }
    QList<QJsonObject> keys() const { return m_keys; }
    QStringList kids() const;
    QString source() const { return m_source; }

    // The key with this kid; with an empty kid, the set's only key. Error codes:
    // "key.jwks-kid-not-found" and "key.jwks-kid-required" (both list the kids there are),
    // and Jwk's errors for the chosen entry (e.g. "key.jwk-unsupported-kty" for an EC key).
    Result<PublicKey> select(const QString &kid) const;

    // For a token without a usable kid: the one key of the set that fits the algorithm (its kty
    // matches alg's family, its "alg" and "use" members, when present, do not exclude it). With
    // none or several, an error that says so ("key.jwks-no-fit", "key.jwks-kid-required"): a
    // verifier never tries keys in turn. *how says which key was taken and why.
    Result<PublicKey> selectForAlgorithm(const QString &alg, QString *how) const;

private:
    QList<QJsonObject> m_keys;
    QString m_source;
};

} // namespace jwtflow
