#include "crypto/Jwk.h"

#include "crypto/internal/QcaHandles.h"
#include "token/Base64Url.h"

#include <QCryptographicHash>

#include <openssl/crypto.h>

namespace jwtflow {

namespace {

QString keyName(const QJsonObject &jwk)
{
    const QString kid = jwk.value(QStringLiteral("kid")).toString();
    return kid.isEmpty() ? QStringLiteral("The JWK") : QStringLiteral("The JWK \"%1\"").arg(kid);
}

// The key type (RSA, EC or OKP), or the error for anything else.
Result<QString> keyType(const QJsonObject &jwk, const QString &source)
{
    const QJsonValue kty = jwk.value(QStringLiteral("kty"));
    if (!kty.isString())
        return makeError(QStringLiteral("key.bad-jwk"),
            QStringLiteral("%1 in %2 has no \"kty\" member.").arg(keyName(jwk), source),
            QStringLiteral("A JWK names its key type in \"kty\" (\"RSA\" for RS256 keys, \"EC\" for ES256, \"OKP\" for EdDSA)."));
    const QString type = kty.toString();
    if (type == QLatin1String("RSA") || type == QLatin1String("EC") || type == QLatin1String("OKP"))
        return type;
    QString hint = QStringLiteral("JWS signatures use RSA, EC or OKP keys; pick such a key of the set.");
    if (type == QLatin1String("oct"))
        hint = QStringLiteral("An \"oct\" JWK is a shared HMAC secret: give its \"k\" value as a base64url secret instead.");
    return makeError(QStringLiteral("key.jwk-unsupported-kty"),
        QStringLiteral("%1 in %2 has key type \"%3\", which is not supported by this build (RSA, EC and OKP only).")
            .arg(keyName(jwk), source, type),
        hint);
}

Result<QString> curveOf(const QJsonObject &jwk, const QString &source)
{
    const QJsonValue crv = jwk.value(QStringLiteral("crv"));
    if (!crv.isString() || crv.toString().isEmpty())
        return makeError(QStringLiteral("key.bad-jwk"),
            QStringLiteral("%1 in %2 has no \"crv\" member.").arg(keyName(jwk), source),
            QStringLiteral("An EC JWK names its curve in \"crv\" (P-256, P-384, P-521); an OKP JWK Ed25519 or Ed448."));
    return crv.toString();
}

Result<QByteArray> number(const QJsonObject &jwk, const char *name, const QString &source)
{
    const QString member = QString::fromLatin1(name);
    const QJsonValue value = jwk.value(member);
    if (!value.isString() || value.toString().isEmpty())
        return makeError(QStringLiteral("key.bad-jwk"),
            QStringLiteral("%1 in %2 lacks the member \"%3\".").arg(keyName(jwk), source, member),
            QStringLiteral("An RSA JWK needs \"n\" and \"e\" (a private one also \"d\", \"p\", \"q\", \"dp\", \"dq\", "
                           "\"qi\"); an EC JWK \"crv\", \"x\", \"y\"; an OKP JWK \"crv\", \"x\" (private ones also \"d\")."));
    auto bytes = Base64Url::decode(value.toString().toLatin1());
    if (!bytes)
        return makeError(QStringLiteral("key.bad-jwk"),
            QStringLiteral("%1 in %2: member \"%3\" is not base64url: %4")
                .arg(keyName(jwk), source, member, bytes.error().message),
            bytes.error().hint);
    return bytes.value();
}

// EC and OKP keys, public or private (with d): libcrypto builds and checks them.
Result<ossl::Pkey> curveKey(const QJsonObject &jwk, const QString &type, bool withPrivate, const QString &source)
{
    auto crv = curveOf(jwk, source);
    if (!crv)
        return crv.error();
    auto x = number(jwk, "x", source);
    if (!x)
        return x.error();
    QByteArray y;
    if (type == QLatin1String("EC")) {
        auto yValue = number(jwk, "y", source);
        if (!yValue)
            return yValue.error();
        y = yValue.value();
    }
    QByteArray d;
    if (withPrivate) {
        auto dValue = number(jwk, "d", source);
        if (!dValue)
            return dValue.error();
        d = dValue.value();
    }
    auto key = type == QLatin1String("EC") ? ossl::ecFromJwk(crv.value(), x.value(), y, d, source)
                                           : ossl::okpFromJwk(crv.value(), x.value(), d, source);
    OPENSSL_cleanse(d.data(), static_cast<size_t>(d.size()));
    if (!key) {
        Error error = key.error();
        error.message.replace(QStringLiteral("The %1 JWK").arg(type), keyName(jwk));
        return error;
    }
    return key;
}

} // namespace

Result<PublicKey> Jwk::publicKey(const QJsonObject &jwk, const QString &source)
{
    auto type = keyType(jwk, source);
    if (!type)
        return type.error();
    if (type.value() != QLatin1String("RSA")) {
        auto key = curveKey(jwk, type.value(), false, source);
        if (!key)
            return key.error();
        auto handle = std::make_shared<PublicKey::Handle>();
        handle->evp = key.value();
        handle->spki = ossl::spkiOf(handle->evp.get());
        handle->source = source;
        return PublicKey(std::move(handle));
    }
    auto n = number(jwk, "n", source);
    if (!n)
        return n.error();
    auto e = number(jwk, "e", source);
    if (!e)
        return e.error();
    auto key = PublicKey::fromRsaComponents(n.value(), e.value(), source);
    if (!key)
        return makeError(QStringLiteral("key.bad-jwk"),
            QStringLiteral("%1 in %2 is not a valid RSA public key.").arg(keyName(jwk), source), key.error().hint);
    return key;
}

Result<PrivateKey> Jwk::privateKey(const QJsonObject &jwk, const QString &source)
{
    auto type = keyType(jwk, source);
    if (!type)
        return type.error();
    if (type.value() != QLatin1String("RSA")) {
        auto key = curveKey(jwk, type.value(), true, source);
        if (!key)
            return key.error();
        auto handle = std::make_shared<PrivateKey::Handle>();
        handle->evp = key.value();
        handle->source = source;
        return PrivateKey(std::move(handle));
    }
    PrivateKey::RsaNumbers numbers;
    const std::pair<const char *, QByteArray *> members[] = { { "n", &numbers.n }, { "e", &numbers.e }, { "d", &numbers.d },
        { "p", &numbers.p }, { "q", &numbers.q }, { "dp", &numbers.dp }, { "dq", &numbers.dq }, { "qi", &numbers.qi } };
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
    QJsonObject jwk;
    if (key.isNull())
        return jwk;
    const auto b64 = [](const QByteArray &bytes) { return QString::fromLatin1(Base64Url::encode(bytes)); };
    EVP_PKEY *evp = key.isRsa() ? nullptr : ossl::keyOf(*key.handle());
    switch (key.keyType()) {
    case KeyFormat::KeyType::Ec:
        jwk = { { QStringLiteral("kty"), QStringLiteral("EC") }, { QStringLiteral("crv"), key.curve() },
            { QStringLiteral("x"), b64(ossl::ecCoordinate(evp, false)) },
            { QStringLiteral("y"), b64(ossl::ecCoordinate(evp, true)) } };
        break;
    case KeyFormat::KeyType::Ed25519:
    case KeyFormat::KeyType::Ed448:
        jwk = { { QStringLiteral("kty"), QStringLiteral("OKP") }, { QStringLiteral("crv"), key.curve() },
            { QStringLiteral("x"), b64(ossl::rawPublic(evp)) } };
        break;
    default:
        jwk = { { QStringLiteral("kty"), QStringLiteral("RSA") }, { QStringLiteral("n"), b64(key.modulus()) },
            { QStringLiteral("e"), b64(key.exponent()) } };
        break;
    }
    if (!kid.isEmpty())
        jwk.insert(QStringLiteral("kid"), kid);
    return jwk;
}

QString Jwk::thumbprint(const PublicKey &key)
{
    // RFC 7638 §3.2/§3.3: the required members only, in lexicographic order, no whitespace
    // (RSA: e, kty, n; EC: crv, kty, x, y; OKP: crv, kty, x per RFC 8037 §2).
    const QJsonObject jwk = fromPublicKey(key);
    QByteArray canonical;
    for (const QString &member : jwk.keys()) { // QJsonObject keeps its keys sorted
        canonical += (canonical.isEmpty() ? "{\"" : ",\"") + member.toLatin1() + "\":\"" + jwk.value(member).toString().toLatin1()
            + '"';
    }
    canonical += '}';
    return QString::fromLatin1(Base64Url::encode(QCryptographicHash::hash(canonical, QCryptographicHash::Sha256)));
}

} // namespace jwtflow
