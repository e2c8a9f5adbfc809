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
        {"RS256", Family::Rsa, 256},         {"RS384", Family::Rsa, 384},         {"RS512", Family::Rsa, 512},
        {"HS256", Family::Hmac, 256},        {"HS384", Family::Hmac, 384},        {"HS512", Family::Hmac, 512},
        {"PS256", Family::Unsupported, 0},   {"PS384", Family::Unsupported, 0},   {"PS512", Family::Unsupported, 0},
        {"ES256", Family::Unsupported, 0},   {"ES384", Family::Unsupported, 0},   {"ES512", Family::Unsupported, 0},
        {"ES256K", Family::Unsupported, 0},  {"EdDSA", Family::Unsupported, 0},   {"Ed25519", Family::Unsupported, 0},
        {"Ed448", Family::Unsupported, 0},   {"none", Family::None, 0},
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

QStringList JwsAlgorithm::supportedNames()
{
    return {QStringLiteral("RS256"), QStringLiteral("RS384"), QStringLiteral("RS512"),
            QStringLiteral("HS256"), QStringLiteral("HS384"), QStringLiteral("HS512")};
}

} // namespace jwtflow
