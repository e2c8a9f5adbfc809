// EC and OKP JWKs (kty "EC" with crv P-256/P-384/P-521, kty "OKP" with Ed25519/Ed448), public and
// private, through Jwk and libcrypto: a key or a specific error, never a crash. Properties beyond
// "no crash": a public key survives Jwk::fromPublicKey → Jwk::publicKey unchanged; a private key
// that loads is consistent with its x/y (its public half is the same JWK), and it signs with its
// own algorithm a token its public half verifies and a bit flip breaks.
#include "crypto/CryptoProvider.h"
#include "crypto/Jwk.h"
#include "crypto/KeyAlgorithmRule.h"
#include "crypto/Signer.h"
#include "crypto/Verifier.h"
#include "token/Jwt.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace {

void check(bool condition)
{
    if (!condition)
        std::abort(); // a broken property is a finding, like a crash
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static QCoreApplication app(*argc, *argv); // QCA finds its provider plugins through it
    (void)jwtflow::CryptoProvider::ensureReady();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace jwtflow;
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const QJsonDocument doc = QJsonDocument::fromJson(bytes);
    if (!doc.isObject())
        return 0;
    const QJsonObject object = doc.object();
    const QString source = QStringLiteral("fuzz input");

    const auto publicKey = Jwk::publicKey(object, source);
    if (publicKey) {
        const QJsonObject again = Jwk::fromPublicKey(publicKey.value());
        const auto reread = Jwk::publicKey(again, source);
        check(reread.ok() && reread.value() == publicKey.value());
        check(!publicKey->description().isEmpty());
    } else {
        check(!publicKey.error().code.isEmpty() && !publicKey.error().message.isEmpty());
    }
    if (!Jwk::isPrivate(object))
        return 0;
    const auto privateKey = Jwk::privateKey(object, source);
    if (!privateKey) {
        check(!privateKey.error().code.isEmpty() && !privateKey.error().message.isEmpty());
        return 0;
    }
    const PublicKey half = privateKey->publicKey();
    if (publicKey)
        check(half == publicKey.value()); // d was checked against x (and y)
    const QStringList algorithms = KeyAlgorithmRule::algorithmsFor(privateKey->keyType(), privateKey->curve());
    if (algorithms.isEmpty())
        return 0;
    auto jwt = Jwt::compose(R"({"typ":"JWT"})", R"({"sub":"fuzz"})");
    check(jwt.ok());
    check(Signer::sign(jwt.value(), privateKey.value(), algorithms.first()).ok());
    check(Verifier::verify(jwt.value(), half).isVerified());
    QByteArray signature = jwt->signature();
    signature[signature.size() / 2] = static_cast<char>(signature[signature.size() / 2] ^ 0x01);
    jwt->setSignature(signature);
    check(!Verifier::verify(jwt.value(), half).isVerified());
    return 0;
}
