#include "crypto/KeyMaterial.h"

namespace jwtflow {

Result<PublicKey> KeyMaterial::verificationKey(const QString &kid) const
{
    if (!certificate.isNull()) {
        if (certificate.publicKey().isNull())
            return makeError(QStringLiteral("key.unsupported-type"),
                QStringLiteral("%1: the certificate's key is of a type this build cannot verify with (it verifies RSA, EC, "
                               "Ed25519 and Ed448 keys).")
                    .arg(source),
                QStringLiteral("Salesforce connected apps use RSA keys (RS256)."));
        return certificate.publicKey();
    }
    if (!publicKey.isNull())
        return publicKey;
    if (!jwks.isEmpty())
        return jwks.select(kid);
    if (!privateKey.isNull())
        return privateKey.publicKey();
    return makeError(QStringLiteral("key.no-public-key"),
        QStringLiteral("%1 holds no key that can verify a signature.").arg(source),
        QStringLiteral("Give a certificate, a public key, a JWK or a JWKS."));
}

KeyWarnings KeyMaterial::warnings(const Clock &clock) const
{
    KeyWarnings list;
    if (!certificate.isNull())
        list += certificate.warnings(clock); // includes the key size
    if (!privateKey.isNull()) {
        const bool matching = !certificate.isNull() && certificate.matches(privateKey);
        if (!matching)
            list += privateKey.warnings();
        if (!certificate.isNull() && !matching) {
            const Error mismatch = certificate.checkMatches(privateKey).error();
            list.append({ mismatch.code, mismatch.message, mismatch.hint });
        }
    } else if (!publicKey.isNull()) {
        list += publicKey.warnings();
    }
    return list;
}

} // namespace jwtflow
