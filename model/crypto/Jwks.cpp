#include "crypto/Jwks.h"

#include "crypto/Jwk.h"

#include <QJsonArray>

namespace jwtflow {

namespace {

QString kidList(const QStringList &kids)
{
    if (kids.isEmpty())
        return QStringLiteral("none of its keys has a kid");
    QStringList quoted;
    for (const QString &kid : kids)
        quoted << QLatin1Char('"') + kid + QLatin1Char('"');
    return QStringLiteral("the kids there are: %1").arg(quoted.join(QStringLiteral(", ")));
}

} // namespace

Result<Jwks> Jwks::fromJson(const QJsonObject &object, const QString &source)
{
    const QJsonValue keys = object.value(QStringLiteral("keys"));
    if (!keys.isArray())
        return makeError(QStringLiteral("key.bad-jwks"), QStringLiteral("%1 is not a JWK Set: it has no \"keys\" array.").arg(source),
                         QStringLiteral("A JWKS looks like {\"keys\": [{\"kty\": \"RSA\", \"kid\": …, \"n\": …, \"e\": …}]}."));
    Jwks jwks;
    jwks.m_source = source;
    const QJsonArray array = keys.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array[i].isObject())
            return makeError(QStringLiteral("key.bad-jwks"), QStringLiteral("%1: entry %2 of \"keys\" is not a JSON object.").arg(source).arg(i + 1),
                             QStringLiteral("Each entry of a JWKS is one JWK object."));
        jwks.m_keys.append(array[i].toObject());
    }
    if (jwks.m_keys.isEmpty())
        return makeError(QStringLiteral("key.bad-jwks"), QStringLiteral("%1 is a JWK Set without keys.").arg(source),
                         QStringLiteral("Download the set again, from the provider's jwks_uri."));
    return jwks;
}

QStringList Jwks::kids() const
{
    QStringList list;
    for (const QJsonObject &key : m_keys) {
        const QString kid = key.value(QStringLiteral("kid")).toString();
        if (!kid.isEmpty())
            list << kid;
    }
    return list;
}

Result<PublicKey> Jwks::select(const QString &kid) const
{
    if (kid.isEmpty()) {
        if (m_keys.size() == 1)
            return Jwk::publicKey(m_keys.constFirst(), m_source);
        return makeError(QStringLiteral("key.jwks-kid-required"),
                         QStringLiteral("%1 holds %2 keys and no kid says which one to use; %3.").arg(m_source).arg(m_keys.size()).arg(kidList(kids())),
                         QStringLiteral("Name the key with its kid (the token's header usually carries it)."));
    }
    for (const QJsonObject &key : m_keys) {
        if (key.value(QStringLiteral("kid")).toString() == kid)
            return Jwk::publicKey(key, m_source);
    }
    return makeError(QStringLiteral("key.jwks-kid-not-found"),
                     QStringLiteral("%1 has no key with kid \"%2\"; %3.").arg(m_source, kid, kidList(kids())),
                     QStringLiteral("The provider may have rotated its keys: download the JWKS again, or check the token's kid."));
}

} // namespace jwtflow
