// JWK and JWK Set JSON (what a jwks_uri, a pasted key or a .jwk file may hold) through Jwk, Jwks,
// the kid lookup and the ID-token verifier that uses it: a key or a specific error, never a crash.
// Properties checked beyond "no crash": a public JWK that loads survives Jwk::fromPublicKey →
// Jwk::publicKey unchanged, and a key chosen by kid verifies a token only if it is the signer's.
#include "core/Clock.h"
#include "crypto/CryptoProvider.h"
#include "crypto/Jwk.h"
#include "crypto/Jwks.h"
#include "crypto/KeyLoader.h"
#include "crypto/KeyMaterial.h"
#include "crypto/Signer.h"
#include "inspect/IdTokenVerifier.h"
#include "token/Jwt.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>

namespace {

struct Fixed {
    jwtflow::PublicKey signerKey;
    std::optional<jwtflow::Jwt> token; // RS256, kid "alpha", signed by the test key
};

Fixed &fixed()
{
    static Fixed f;
    return f;
}

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
    using namespace jwtflow;
    const auto key = KeyLoader::loadPrivateKey(QStringLiteral(JWTFLOW_TEST_DATA "/keys/rsa2048-pkcs8.pem"));
    auto jwt = Jwt::compose(R"({"alg":"RS256","kid":"alpha"})",
        R"({"iss":"https://login.salesforce.com","sub":"005","aud":"x","exp":1900000000,"iat":1800000000})");
    if (!key || !jwt || !Signer::sign(jwt.value(), key.value(), QStringLiteral("RS256"), QStringLiteral("alpha")))
        std::abort();
    fixed().signerKey = key->publicKey();
    fixed().token = jwt.value();
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

    if (const auto key = Jwk::publicKey(object, source); key) {
        const auto again = Jwk::publicKey(Jwk::fromPublicKey(key.value(), QStringLiteral("kid")), source);
        check(again.ok() && again.value() == key.value());
        check(Jwk::thumbprint(again.value()) == Jwk::thumbprint(key.value()));
        (void)key->warnings();
    }
    if (Jwk::isPrivate(object)) {
        if (const auto key = Jwk::privateKey(object, source); key)
            (void)key->publicKey().description();
    }

    const auto jwks = Jwks::fromJson(object, source);
    if (!jwks)
        return 0;
    QStringList kids = jwks->kids();
    kids << QString() << QStringLiteral("alpha") << QStringLiteral("no such kid");
    for (const QString &kid : std::as_const(kids)) {
        const auto key = jwks->select(kid);
        if (!key)
            check(!key.error().code.isEmpty() && !key.error().message.isEmpty());
    }

    KeyMaterial material;
    material.source = source;
    material.jwks = jwks.value();
    (void)material.verificationKey(QStringLiteral("alpha"));
    IdTokenVerifier::Options options;
    options.keys = material;
    options.profile = IdTokenVerifier::Profile::AnyJwt;
    const auto report = IdTokenVerifier::verify(*fixed().token, options, FixedClock(1850000000));
    if (report.signatureVerified()) {
        const auto chosen = jwks->select(QStringLiteral("alpha"));
        check(chosen.ok() && chosen.value() == fixed().signerKey);
    }
    return 0;
}
