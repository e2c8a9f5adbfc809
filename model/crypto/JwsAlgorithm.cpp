#include "crypto/JwsAlgorithm.h"

namespace jwtflow {

JwsAlgorithm JwsAlgorithm::fromName(const QString &name)
{
    JwsAlgorithm alg;
    alg.m_name = name;
    static const struct {
        const char *name;
        Family family;
        int hashBits;
    } table[] = {
        { "RS256", Family::Rsa, 256 },
        { "RS384", Family::Rsa, 384 },
        { "RS512", Family::Rsa, 512 },
        { "PS256", Family::RsaPss, 256 },
        { "PS384", Family::RsaPss, 384 },
        { "PS512", Family::RsaPss, 512 },
        { "ES256", Family::Ecdsa, 256 },
        { "ES384", Family::Ecdsa, 384 },
        { "ES512", Family::Ecdsa, 512 },
        { "EdDSA", Family::EdDsa, 0 },
        { "HS256", Family::Hmac, 256 },
        { "HS384", Family::Hmac, 384 },
        { "HS512", Family::Hmac, 512 },
        { "ES256K", Family::Unsupported, 0 },
        { "Ed25519", Family::Unsupported, 0 },
        { "Ed448", Family::Unsupported, 0 },
        { "none", Family::None, 0 },
    };
    for (const auto &entry : table) {
        if (name == QLatin1String(entry.name)) {
            alg.m_family = entry.family;
            alg.m_hashBits = entry.hashBits;
            break;
        }
    }
    return alg;
}

QString JwsAlgorithm::curve() const
{
    if (m_family != Family::Ecdsa)
        return {};
    // RFC 7518 §3.4: ES512 is P-521 (not 512) with SHA-512.
    return m_hashBits == 256 ? QStringLiteral("P-256") : m_hashBits == 384 ? QStringLiteral("P-384") : QStringLiteral("P-521");
}

int JwsAlgorithm::ecdsaSignatureBytes() const
{
    if (m_family != Family::Ecdsa)
        return 0;
    return m_hashBits == 256 ? 64 : m_hashBits == 384 ? 96 : 132;
}

QStringList JwsAlgorithm::supportedNames()
{
    return { QStringLiteral("RS256"), QStringLiteral("RS384"), QStringLiteral("RS512"), QStringLiteral("PS256"),
        QStringLiteral("PS384"), QStringLiteral("PS512"), QStringLiteral("ES256"), QStringLiteral("ES384"),
        QStringLiteral("ES512"), QStringLiteral("EdDSA"), QStringLiteral("HS256"), QStringLiteral("HS384"),
        QStringLiteral("HS512") };
}

} // namespace jwtflow
