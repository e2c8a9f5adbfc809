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

// The JWK kty an algorithm's keys have (RFC 7518 §3.1, RFC 8037 §3.1).
QString ktyFor(const QString &alg)
{
    if (alg.startsWith(QLatin1String("RS")) || alg.startsWith(QLatin1String("PS")))
        return QStringLiteral("RSA");
    if (alg.startsWith(QLatin1String("ES")))
        return QStringLiteral("EC");
    if (alg == QLatin1String("EdDSA") || alg == QLatin1String("Ed25519") || alg == QLatin1String("Ed448"))
        return QStringLiteral("OKP");
    if (alg.startsWith(QLatin1String("HS")))
        return QStringLiteral("oct");
    return {};
}

} // namespace

Result<PublicKey> Jwks::selectForAlgorithm(const QString &alg, QString *how) const
{
    const QString kty = ktyFor(alg);
    QList<qsizetype> fitting;
    for (qsizetype i = 0; i < m_keys.size(); ++i) {
        const QJsonObject &key = m_keys[i];
        const QJsonValue keyAlg = key.value(QStringLiteral("alg"));
        const QJsonValue use = key.value(QStringLiteral("use"));
        if (key.value(QStringLiteral("kty")).toString() == kty && (keyAlg.isUndefined() || keyAlg.toString() == alg)
            && (use.isUndefined() || use.toString() == QLatin1String("sig")))
            fitting << i;
    }
    if (fitting.size() == 1) {
        const QJsonObject &key = m_keys[fitting.constFirst()];
        const QString kid = key.value(QStringLiteral("kid")).toString();
        *how = QStringLiteral("The token names no usable kid; %1 is the only key of %2 that fits %3, so it was used.")
                   .arg(kid.isEmpty() ? QStringLiteral("entry %1").arg(fitting.constFirst() + 1)
                                      : QStringLiteral("the key with kid \"%1\"").arg(kid),
                       m_source, alg);
        return Jwk::publicKey(key, m_source);
    }
    if (fitting.isEmpty())
        return makeError(QStringLiteral("key.jwks-no-fit"),
            QStringLiteral("%1 has no key that fits %2 (kty %3), and the token names no usable kid.")
                .arg(m_source, alg, kty.isEmpty() ? QStringLiteral("?") : kty),
            QStringLiteral("Check that the set is the issuer's, and that the token's alg is what the issuer signs with."));
    return makeError(QStringLiteral("key.jwks-kid-required"),
        QStringLiteral("%1 has %2 keys that fit %3 and the token names no usable kid, so none is chosen; %4.")
            .arg(m_source)
            .arg(fitting.size())
            .arg(alg, kidList(kids())),
        QStringLiteral("Give --kid with the key's kid; a verifier never tries keys in turn."));
}

Result<Jwks> Jwks::fromJson(const QJsonObject &object, const QString &source)
{
    const QJsonValue keys = object.value(QStringLiteral("keys"));
    if (!keys.isArray())
        return makeError(QStringLiteral("key.bad-jwks"),
            QStringLiteral("%1 is not a JWK Set: it has no \"keys\" array.").arg(source),
            QStringLiteral("A JWKS looks like {\"keys\": [{\"kty\": \"RSA\", \"kid\": …, \"n\": …, \"e\": …}]}."));
    Jwks jwks;
    jwks.m_source = source;
    const QJsonArray array = keys.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array[i].isObject())
            return makeError(QStringLiteral("key.bad-jwks"),
                QStringLiteral("%1: entry %2 of \"keys\" is not a JSON object.").arg(source).arg(i + 1),
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
            QStringLiteral("%1 holds %2 keys and no kid says which one to use; %3.")
                .arg(m_source)
                .arg(m_keys.size())
                .arg(kidList(kids())),
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
