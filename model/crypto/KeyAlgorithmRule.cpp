#include "crypto/KeyAlgorithmRule.h"

namespace jwtflow {

QString KeyAlgorithmRule::needs(const JwsAlgorithm &alg)
{
    switch (alg.family()) {
    case JwsAlgorithm::Family::Rsa:
    case JwsAlgorithm::Family::RsaPss:
        return QStringLiteral("an RSA key");
    case JwsAlgorithm::Family::Ecdsa:
        return QStringLiteral("an EC key on %1").arg(alg.curve());
    case JwsAlgorithm::Family::EdDsa:
        return QStringLiteral("an Ed25519 or Ed448 key (kty OKP)");
    default:
        return QStringLiteral("a shared secret");
    }
}

Result<void> KeyAlgorithmRule::check(const JwsAlgorithm &alg, KeyFormat::KeyType type, const QString &curve, int bits)
{
    bool fits = false;
    switch (alg.family()) {
    case JwsAlgorithm::Family::Rsa:
    case JwsAlgorithm::Family::RsaPss:
        fits = type == KeyFormat::KeyType::Rsa;
        break;
    case JwsAlgorithm::Family::Ecdsa:
        fits = type == KeyFormat::KeyType::Ec && curve == alg.curve();
        break;
    case JwsAlgorithm::Family::EdDsa:
        fits = type == KeyFormat::KeyType::Ed25519 || type == KeyFormat::KeyType::Ed448;
        break;
    default:
        break;
    }
    if (fits)
        return {};
    const QString kind = KeyFormat::kindText(type, bits, curve);
    const QStringList own = algorithmsFor(type, curve);
    const QString hint = own.isEmpty()
        ? QStringLiteral("Use %1 for %2.").arg(needs(alg), alg.name())
        : QStringLiteral("This key does %1; for %2, use %3.").arg(own.join(QStringLiteral(", ")), alg.name(), needs(alg));
    if (alg.family() == JwsAlgorithm::Family::Hmac)
        return makeError(QStringLiteral("alg.key-mismatch"),
            QStringLiteral("%1 is an HMAC algorithm; it works with a shared secret, not with an %2 key.").arg(alg.name(), kind),
            hint);
    if (alg.family() == JwsAlgorithm::Family::Ecdsa && type == KeyFormat::KeyType::Ec)
        return makeError(QStringLiteral("alg.key-mismatch"),
            QStringLiteral("%1 needs an EC key on %2, but this key is on %3 (RFC 7518 §3.4 ties each ES algorithm to one curve).")
                .arg(alg.name(), alg.curve(), curve),
            hint);
    return makeError(QStringLiteral("alg.key-mismatch"),
        QStringLiteral("%1 needs %2, but the key is %3.").arg(alg.name(), needs(alg), kind), hint);
}

QStringList KeyAlgorithmRule::algorithmsFor(KeyFormat::KeyType type, const QString &curve)
{
    switch (type) {
    case KeyFormat::KeyType::Rsa:
        return { QStringLiteral("RS256"), QStringLiteral("RS384"), QStringLiteral("RS512"), QStringLiteral("PS256"),
            QStringLiteral("PS384"), QStringLiteral("PS512") };
    case KeyFormat::KeyType::Ec:
        for (const char *name : { "ES256", "ES384", "ES512" }) {
            if (JwsAlgorithm::fromName(QLatin1String(name)).curve() == curve)
                return { QString::fromLatin1(name) };
        }
        return {};
    case KeyFormat::KeyType::Ed25519:
    case KeyFormat::KeyType::Ed448:
        return { QStringLiteral("EdDSA") };
    default:
        return {};
    }
}

} // namespace jwtflow
