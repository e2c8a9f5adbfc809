#include "crypto/Signer.h"

#include "crypto/CryptoProvider.h"
#include "crypto/JwsAlgorithm.h"
#include "crypto/internal/QcaHandles.h"

namespace jwtflow {

namespace {

Result<JwsAlgorithm> prepare(const Jwt &jwt, const QString &name, JwsAlgorithm::Family keyFamily)
{
    if (auto ready = CryptoProvider::ensureReady(); !ready)
        return ready.error();
    if (jwt.kind() == Jwt::Kind::Encrypted)
        return makeError(QStringLiteral("sign.encrypted"), QStringLiteral("An encrypted token (JWE) cannot be signed."),
                         QStringLiteral("Only signed tokens (JWS) are signed here."));
    const JwsAlgorithm alg = JwsAlgorithm::fromName(name);
    if (!alg.isSupported())
        return makeError(QStringLiteral("sign.unsupported-alg"),
                         QStringLiteral("\"%1\" cannot be signed with: this build signs with %2.").arg(name, JwsAlgorithm::supportedNames().join(QStringLiteral(", "))),
                         QStringLiteral("Salesforce's JWT bearer flow uses RS256."));
    if (alg.family() != keyFamily)
        return makeError(QStringLiteral("sign.key-mismatch"),
                         keyFamily == JwsAlgorithm::Family::Rsa
                             ? QStringLiteral("%1 is an HMAC algorithm; it signs with a shared secret, not with an RSA private key.").arg(name)
                             : QStringLiteral("%1 is an RSA algorithm; it signs with an RSA private key, not with a shared secret.").arg(name),
                         keyFamily == JwsAlgorithm::Family::Rsa ? QStringLiteral("Choose RS256, RS384 or RS512 for an RSA key.")
                                                                : QStringLiteral("Choose HS256, HS384 or HS512 for a shared secret."));
    return alg;
}

void setHeader(Jwt &jwt, const JwsAlgorithm &alg, const QString &kid)
{
    jwt.setHeaderValue(QStringLiteral("alg"), alg.name());
    if (!kid.isEmpty())
        jwt.setHeaderValue(QStringLiteral("kid"), kid);
}

} // namespace

Result<void> Signer::sign(Jwt &jwt, const PrivateKey &key, const QString &alg, const QString &kid)
{
    auto algorithm = prepare(jwt, alg, JwsAlgorithm::Family::Rsa);
    if (!algorithm)
        return algorithm.error();
    if (key.isNull() || !key.isRsa())
        return makeError(QStringLiteral("sign.key-mismatch"), QStringLiteral("%1 needs an RSA private key.").arg(alg),
                         QStringLiteral("Load the connected app's private key (PEM, PKCS#12 or JWK)."));
    setHeader(jwt, algorithm.value(), kid);
    QCA::PrivateKey qcaKey = qca::copyOf(key);
    const QByteArray signature = qcaKey.signMessage(jwt.signingInput(), qca::emsa3(algorithm->hashBits()));
    if (signature.isEmpty())
        return makeError(QStringLiteral("sign.failed"), QStringLiteral("Signing with %1 failed.").arg(key.description()),
                         QStringLiteral("The key may be damaged; load it again or generate a new one."));
    jwt.setSignature(signature);
    return {};
}

Result<void> Signer::sign(Jwt &jwt, const HmacSecret &secret, const QString &alg, const QString &kid)
{
    auto algorithm = prepare(jwt, alg, JwsAlgorithm::Family::Hmac);
    if (!algorithm)
        return algorithm.error();
    if (secret.isNull())
        return makeError(QStringLiteral("sign.key-mismatch"), QStringLiteral("%1 needs a shared secret, and none was given.").arg(alg),
                         QStringLiteral("Give the HMAC secret as text or base64."));
    setHeader(jwt, algorithm.value(), kid);
    const QByteArray mac = qca::hmac(algorithm->hashBits(), secret.bytes(), jwt.signingInput());
    if (mac.size() != algorithm->hashBytes())
        return makeError(QStringLiteral("sign.failed"), QStringLiteral("Computing the %1 HMAC failed.").arg(alg),
                         QStringLiteral("The crypto backend may be incomplete; reinstall QCA's OpenSSL plugin (libqca-qt6-plugins)."));
    jwt.setSignature(mac);
    return {};
}

} // namespace jwtflow
