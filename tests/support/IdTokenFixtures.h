#pragma once

// Shared by the ID token inspector's tests (unit, integration, ui): ID tokens signed with the key
// fixtures of tests/data/keys, whose public halves are in jwks.json (kid "alpha" = rsa2048,
// kid "beta" = other2048, kid "gamma" = an EC key).

#include "crypto/KeyLoader.h"
#include "crypto/Signer.h"
#include "token/Jwt.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

namespace idtokentest {

inline QString keyPath(const char *name)
{
    return QStringLiteral(JWTFLOW_TEST_DATA "/keys/") + QString::fromLatin1(name);
}

inline QByteArray readKeyFile(const char *name)
{
    QFile file(keyPath(name));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

inline constexpr qint64 kNow = 1700000000; // 2023-11-14T22:13:20Z
inline const QString kIssuer = QStringLiteral("https://login.salesforce.com");
inline const QString kClientId = QStringLiteral("3MVG9clientIdOfTheConnectedApp");
inline const QString kNonce = QStringLiteral("n-0S6_WzA2Mj");
inline const QString kAccessToken = QStringLiteral("00Dxx0000001gPL!AQ4AQFakeAccessTokenForTests.x");
// base64url(left half of SHA-256 / SHA-384 of kAccessToken), computed with Python's hashlib.
inline const QString kAtHash256 = QStringLiteral("y3VvhLCjidIShxpsjCK7JA");
inline const QString kAtHash384 = QStringLiteral("349-jtcWFwglBwGGpUekJtmVcKwkSrvM");

inline QJsonObject idTokenClaims(qint64 now = kNow, const QString &issuer = kIssuer)
{
    return { { QStringLiteral("iss"), issuer },
        { QStringLiteral("sub"), issuer + QStringLiteral("/id/00Dxx0000001gPLEAY/005xx000001SwiUAAS") },
        { QStringLiteral("aud"), kClientId }, { QStringLiteral("iat"), now - 10 }, { QStringLiteral("exp"), now + 300 },
        { QStringLiteral("nonce"), kNonce }, { QStringLiteral("at_hash"), kAtHash256 },
        { QStringLiteral("preferred_username"), QStringLiteral("ann@example.com") },
        { QStringLiteral("organization_id"), QStringLiteral("00Dxx0000001gPLEAY") },
        { QStringLiteral("x_custom"), QStringLiteral("something") } };
}

// Signs `claims` with the private key file `keyFile` (default: kid "alpha"'s key).
inline QString sign(const QJsonObject &claims, const QString &kid = QStringLiteral("alpha"),
    const char *keyFile = "rsa2048-pkcs8.pem", const QString &alg = QStringLiteral("RS256"), const QJsonObject &extraHeader = {})
{
    QJsonObject header { { QStringLiteral("alg"), alg }, { QStringLiteral("typ"), QStringLiteral("JWT") } };
    for (auto it = extraHeader.begin(); it != extraHeader.end(); ++it)
        header.insert(it.key(), it.value());
    auto jwt = jwtflow::Jwt::compose(
        QJsonDocument(header).toJson(QJsonDocument::Compact), QJsonDocument(claims).toJson(QJsonDocument::Compact));
    if (!jwt)
        return {};
    const auto key = jwtflow::KeyLoader::loadPrivateKey(keyPath(keyFile));
    if (!key)
        return {};
    if (!jwtflow::Signer::sign(jwt.value(), key.value(), alg, kid))
        return {};
    return QString::fromLatin1(jwt->encoded());
}

inline QString idToken(qint64 now = kNow, const QString &issuer = kIssuer)
{
    return sign(idTokenClaims(now, issuer));
}

} // namespace idtokentest
