#include "practice/IdTokenMinter.h"

#include "crypto/Jwk.h"
#include "crypto/Signer.h"
#include "practice/OrderedJson.h"
#include "token/Base64Url.h"

#include <QCryptographicHash>
#include <QJsonArray>

namespace jwtflow {

QString IdTokenMinter::kidFor(const PublicKey &key)
{
    const QByteArray digest = QCryptographicHash::hash(key.toDer(), QCryptographicHash::Sha256);
    const quint32 n = (quint32(quint8(digest.at(0))) << 8) | quint8(digest.at(1));
    return QString::number(100 + n % 900); // three digits, like Salesforce's "188", "240"
}

QString IdTokenMinter::atHash(const QString &accessToken)
{
    const QByteArray digest = QCryptographicHash::hash(accessToken.toUtf8(), QCryptographicHash::Sha256);
    return QString::fromLatin1(Base64Url::encode(digest.left(digest.size() / 2)));
}

QJsonObject IdTokenMinter::jwks() const
{
    if (m_key.isNull())
        return QJsonObject { { QStringLiteral("keys"), QJsonArray() } };
    QJsonObject jwk = Jwk::fromPublicKey(m_key.publicKey(), m_kid);
    jwk.insert(QStringLiteral("alg"), QStringLiteral("RS256"));
    jwk.insert(QStringLiteral("use"), QStringLiteral("sig"));
    return QJsonObject { { QStringLiteral("keys"), QJsonArray { jwk } } };
}

Result<QString> IdTokenMinter::mint(const OrgDirectory &directory, const OrgDirectory::User &user, const QString &consumerKey,
    const QString &issuer, const Clock &clock, const Options &options) const
{
    if (m_key.isNull())
        return makeError(QStringLiteral("practice.id-token.no-key"), QStringLiteral("The practice org has no signing key."));
    const qint64 now = clock.nowSecs();
    const qint64 iat = options.expired ? now - 2 * kLifetimeSecs : now;
    const QString identity = issuer + QStringLiteral("/id/") + directory.org.id + QLatin1Char('/') + user.id;

    OrderedJson claims;
    if (!options.accessToken.isEmpty())
        claims.add(u"at_hash", atHash(options.accessToken));
    claims.add(u"sub", identity)
        .add(u"aud", options.audience.isEmpty() ? consumerKey : options.audience)
        .add(u"iss", issuer)
        .add(u"exp", iat + kLifetimeSecs)
        .add(u"iat", iat)
        .add(u"auth_time", iat);
    if (!options.nonce.isEmpty())
        claims.add(u"nonce", options.nonce);
    claims.add(u"email", user.email)
        .add(u"email_verified", true)
        .add(u"family_name", user.lastName)
        .add(u"given_name", user.firstName)
        .add(u"name", user.name())
        .add(u"nickname", user.username.section(QLatin1Char('@'), 0, 0))
        .add(u"preferred_username", user.username)
        .add(u"organization_id", directory.org.id)
        .add(u"user_id", user.id)
        .add(u"user_type", "STANDARD")
        .add(u"zoneinfo", user.timezone)
        .add(u"locale", user.locale)
        .add(u"is_app_installed", true);

    const QByteArray header
        = OrderedJson().add(u"kid", options.kid.isEmpty() ? m_kid : options.kid).add(u"typ", "JWT").add(u"alg", "RS256").toJson();
    return Signer::signedToken(header, claims.toJson(), m_key);
}

} // namespace jwtflow
