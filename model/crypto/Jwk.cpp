#include "crypto/Jwk.h"

#include "token/Base64Url.h"

#include <QCryptographicHash>

namespace jwtflow {

namespace {

QString keyName(const QJsonObject &jwk)
{
    const QString kid = jwk.value(QStringLiteral("kid")).toString();
    return kid.isEmpty() ? QStringLiteral("The JWK") : QStringLiteral("The JWK \"%1\"").arg(kid);
}

Result<void> checkRsa(const QJsonObject &jwk, const QString &source)
{
    const QJsonValue kty = jwk.value(QStringLiteral("kty"));
    if (!kty.isString())
        return makeError(QStringLiteral("key.bad-jwk"), QStringLiteral("%1 in %2 has no \"kty\" member.").arg(keyName(jwk), source),
                         QStringLiteral("A JWK names its key type in \"kty\" (\"RSA\" for RS256 keys)."));
    const QString type = kty.toString();
    if (type == QLatin1String("RSA"))
        return {};
    QString hint = QStringLiteral("Salesforce connected apps and RS256 use RSA keys; pick the RSA key of the set.");
    if (type == QLatin1String("oct"))
        hint = QStringLiteral("An \"oct\" JWK is a shared HMAC secret: give its \"k\" value as a base64url secret instead.");
    return makeError(QStringLiteral("key.jwk-unsupported-kty"),
                     QStringLiteral("%1 in %2 has key type \"%3\", which is not supported by this build (RSA only).")
                         .arg(keyName(jwk), source, type),
                     hint);
}

Result<QByteArray> number(const QJsonObject &jwk, const char *name, const QString &source)
{
    const QString member = QString::fromLatin1(name);
    const QJsonValue value = jwk.value(member);
    if (!value.isString() || value.toString().isEmpty())
        return makeError(QStringLiteral("key.bad-jwk"), QStringLiteral("%1 in %2 lacks the member \"%3\".").arg(keyName(jwk), source, member),
                         QStringLiteral("An RSA JWK needs \"n\" and \"e\"; a private one also \"d\", \"p\", \"q\", \"dp\", \"dq\", \"qi\"."));
    auto bytes = Base64Url::decode(value.toString().toLatin1());
    if (!bytes)
        return makeError(QStringLiteral("key.bad-jwk"),
                         QStringLiteral("%1 in %2: member \"%3\" is not base64url: %4").arg(keyName(jwk), source, member, bytes.error().message),
                         bytes.error().hint);
    return bytes.value();
}

} // namespace

Result<PublicKey> Jwk::publicKey(const QJsonObject &jwk, const QString &source)
{
    if (auto rsa = checkRsa(jwk, source); !rsa)
        return rsa.error();
    auto n = number(jwk, "n", source);
    if (!n)
        return n.error();
    auto e = number(jwk, "e", source);
    if (!e)
        return e.error();
    auto key = PublicKey::fromRsaComponents(n.value(), e.value(), source);
    if (!key)
        return makeError(QStringLiteral("key.bad-jwk"), QStringLiteral("%1 in %2 is not a valid RSA public key.").arg(keyName(jwk), source),
                         key.error().hint);
    return key;
}

Result<PrivateKey> Jwk::privateKey(const QJsonObject &jwk, const QString &source)
{
    if (auto rsa = checkRsa(jwk, source); !rsa)
        return rsa.error();
    PrivateKey::RsaNumbers numbers;
    const std::pair<const char *, QByteArray *> members[] = {{"n", &numbers.n},   {"e", &numbers.e},   {"d", &numbers.d},
                                                             {"p", &numbers.p},   {"q", &numbers.q},   {"dp", &numbers.dp},
                                                             {"dq", &numbers.dq}, {"qi", &numbers.qi}};
    for (const auto &[name, target] : members) {
        auto value = number(jwk, name, source);
        if (!value)
            return value.error();
        *target = value.value();
    }
    auto key = PrivateKey::fromRsaNumbers(numbers, source);
    for (const auto &member : members)
        member.second->fill('\0');
    return key;
}

QJsonObject Jwk::fromPublicKey(const PublicKey &key, const QString &kid)
{
    QJsonObject jwk{{QStringLiteral("kty"), QStringLiteral("RSA")},
                    {QStringLiteral("n"), QString::fromLatin1(Base64Url::encode(key.modulus()))},
                    {QStringLiteral("e"), QString::fromLatin1(Base64Url::encode(key.exponent()))}};
    if (!kid.isEmpty())
        jwk.insert(QStringLiteral("kid"), kid);
    return jwk;
}

QString Jwk::thumbprint(const PublicKey &key)
{
    // RFC 7638 §3.3: required members only, lexicographic order, no whitespace.
    const QByteArray canonical = "{\"e\":\"" + Base64Url::encode(key.exponent()) + "\",\"kty\":\"RSA\",\"n\":\"" +
                                 Base64Url::encode(key.modulus()) + "\"}";
    return QString::fromLatin1(Base64Url::encode(QCryptographicHash::hash(canonical, QCryptographicHash::Sha256)));
}

} // namespace jwtflow
