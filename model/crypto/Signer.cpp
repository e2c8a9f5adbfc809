#include "crypto/Signer.h"

#include "crypto/CryptoProvider.h"
#include "crypto/JwsAlgorithm.h"
#include "crypto/KeyAlgorithmRule.h"
#include "crypto/internal/QcaHandles.h"

namespace jwtflow {

namespace {

Result<JwsAlgorithm> prepare(const Jwt &jwt, const QString &name)
{
    if (auto ready = CryptoProvider::ensureReady(); !ready)
        return ready.error();
    if (jwt.kind() == Jwt::Kind::Encrypted)
        return makeError(QStringLiteral("sign.encrypted"), QStringLiteral("An encrypted token (JWE) cannot be signed."),
            QStringLiteral("Only signed tokens (JWS) are signed here."));
    const JwsAlgorithm alg = JwsAlgorithm::fromName(name);
    if (!alg.isSupported())
        return makeError(QStringLiteral("sign.unsupported-alg"),
            QStringLiteral("\"%1\" cannot be signed with: this build signs with %2.")
                .arg(name, JwsAlgorithm::supportedNames().join(QStringLiteral(", "))),
            QStringLiteral("Salesforce's JWT bearer flow uses RS256."));
    return alg;
}

QString orList(const QStringList &names)
{
    if (names.size() < 2)
        return names.join(QString());
    return names.mid(0, names.size() - 1).join(QStringLiteral(", ")) + QStringLiteral(" or ") + names.last();
}

void setHeader(Jwt &jwt, const JwsAlgorithm &alg, const QString &kid)
{
    jwt.setHeaderValue(QStringLiteral("alg"), alg.name());
    if (!kid.isEmpty())
        jwt.setHeaderValue(QStringLiteral("kid"), kid);
}

} // namespace

namespace {

// The algorithm, once it is known to fit the key (KeyAlgorithmRule).
Result<JwsAlgorithm> checkKey(const JwsAlgorithm &algorithm, const PrivateKey &key)
{
    const QString alg = algorithm.name();
    if (key.isNull())
        return makeError(QStringLiteral("sign.key-mismatch"),
            QStringLiteral("%1 needs a private key, and none was given.").arg(alg),
            QStringLiteral("Load the connected app's private key (PEM, PKCS#12 or JWK)."));
    const QStringList own = KeyAlgorithmRule::algorithmsFor(key.keyType(), key.curve());
    if (algorithm.family() == JwsAlgorithm::Family::Hmac)
        return makeError(QStringLiteral("sign.key-mismatch"),
            QStringLiteral("%1 is an HMAC algorithm; it signs with a shared secret, not with an %2 private key.")
                .arg(alg, key.typeName()),
            QStringLiteral("Choose %1 for an %2 key.").arg(orList(own), key.kindText()));
    if (auto fits = KeyAlgorithmRule::check(algorithm, key.keyType(), key.curve(), key.bits()); !fits)
        return makeError(QStringLiteral("sign.key-mismatch"), fits.error().message, fits.error().hint);
    return algorithm;
}

Result<QByteArray> signInput(const QByteArray &input, const PrivateKey &key, const JwsAlgorithm &algorithm)
{
    if (algorithm.family() == JwsAlgorithm::Family::Rsa) {
        QCA::PrivateKey qcaKey = qca::copyOf(key);
        const QByteArray signature = qcaKey.signMessage(input, qca::emsa3(algorithm.hashBits()));
        if (signature.isEmpty())
            return makeError(QStringLiteral("sign.failed"), QStringLiteral("Signing with %1 failed.").arg(key.description()),
                QStringLiteral("The key may be damaged; load it again or generate a new one."));
        return signature;
    }
    // PS*, ES* and EdDSA: libcrypto (QCA has no PSS, ECDSA or EdDSA signing).
    EVP_PKEY *evp = ossl::keyOf(*key.handle());
    if (!evp)
        return makeError(QStringLiteral("sign.failed"),
            QStringLiteral("Signing with %1 failed: OpenSSL cannot use the key.").arg(key.description()),
            QStringLiteral("The key may be damaged; load it again or generate a new one."));
    return ossl::signJws(evp, algorithm, input);
}

} // namespace

Result<void> Signer::sign(Jwt &jwt, const PrivateKey &key, const QString &alg, const QString &kid)
{
    auto algorithm = prepare(jwt, alg);
    if (!algorithm)
        return algorithm.error();
    if (auto fits = checkKey(algorithm.value(), key); !fits)
        return fits.error();
    setHeader(jwt, algorithm.value(), kid);
    auto signature = signInput(jwt.signingInput(), key, algorithm.value());
    if (!signature)
        return signature.error();
    jwt.setSignature(signature.value());
    return {};
}

Result<QByteArray> Signer::signature(const QByteArray &signingInput, const PrivateKey &key, const QString &alg)
{
    if (auto ready = CryptoProvider::ensureReady(); !ready)
        return ready.error();
    const JwsAlgorithm algorithm = JwsAlgorithm::fromName(alg);
    if (!algorithm.usesKeyPair())
        return makeError(QStringLiteral("sign.unsupported-alg"),
            QStringLiteral("\"%1\" is not a public-key algorithm this build signs with.").arg(alg),
            QStringLiteral("Choose one of %1.").arg(JwsAlgorithm::supportedNames().join(QStringLiteral(", "))));
    if (auto fits = checkKey(algorithm, key); !fits)
        return fits.error();
    return signInput(signingInput, key, algorithm);
}

Result<void> Signer::sign(Jwt &jwt, const HmacSecret &secret, const QString &alg, const QString &kid)
{
    auto algorithm = prepare(jwt, alg);
    if (!algorithm)
        return algorithm.error();
    if (algorithm->family() != JwsAlgorithm::Family::Hmac)
        return makeError(QStringLiteral("sign.key-mismatch"),
            QStringLiteral("%1 is a public-key algorithm; it signs with a private key, not with a shared secret.").arg(alg),
            QStringLiteral("Choose HS256, HS384 or HS512 for a shared secret."));
    if (secret.isNull())
        return makeError(QStringLiteral("sign.key-mismatch"),
            QStringLiteral("%1 needs a shared secret, and none was given.").arg(alg),
            QStringLiteral("Give the HMAC secret as text or base64."));
    setHeader(jwt, algorithm.value(), kid);
    const QByteArray mac = qca::hmac(algorithm->hashBits(), secret.bytes(), jwt.signingInput());
    if (mac.size() != algorithm->hashBytes())
        return makeError(QStringLiteral("sign.failed"), QStringLiteral("Computing the %1 HMAC failed.").arg(alg),
            QStringLiteral("The crypto backend may be incomplete; reinstall QCA's OpenSSL plugin (libqca-qt6-plugins)."));
    jwt.setSignature(mac);
    return {};
}

Result<QString> Signer::signedToken(const QByteArray &header, const QByteArray &claims, const PrivateKey &key, const QString &alg)
{
    auto jwt = Jwt::compose(header, claims);
    if (!jwt)
        return jwt.error();
    if (auto signedOk = sign(jwt.value(), key, alg); !signedOk)
        return signedOk.error();
    return QString::fromLatin1(jwt->encoded());
}

} // namespace jwtflow
