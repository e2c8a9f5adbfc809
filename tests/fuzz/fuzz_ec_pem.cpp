// EC and Ed25519/Ed448 key files (SEC1 "EC PRIVATE KEY", PKCS#8, SubjectPublicKeyInfo, certificates,
// as PEM or DER) through KeyLoader and libcrypto: a key or a specific error, never a crash. Properties
// beyond "no crash": a private key that loads signs with its own algorithm what its public half
// verifies, and its PKCS#8 PEM (what the key-file writer saves) reads back as the same key.
#include "core/Clock.h"
#include "crypto/CryptoProvider.h"
#include "crypto/KeyAlgorithmRule.h"
#include "crypto/KeyLoader.h"
#include "crypto/Signer.h"
#include "crypto/Verifier.h"
#include "token/Jwt.h"

#include <QCoreApplication>
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
    // Encrypted inputs get a fixed passphrase (the seeds' "correct horse"), so decryption runs too.
    const PassphraseCallback passphrase
        = [](const QString &) -> std::optional<QByteArray> { return QByteArrayLiteral("correct horse"); };
    const auto material = KeyLoader::loadData(bytes, QStringLiteral("fuzz input"), passphrase);
    if (!material) {
        check(!material.error().code.isEmpty() && !material.error().message.isEmpty());
        return 0;
    }
    (void)material->warnings(FixedClock(1850000000));
    if (auto key = material->verificationKey(); key)
        check(!key->description().isEmpty());
    const PrivateKey &key = material->privateKey;
    if (key.isNull() || key.isRsa())
        return 0; // RSA has fuzz_keys
    const QStringList algorithms = KeyAlgorithmRule::algorithmsFor(key.keyType(), key.curve());
    if (algorithms.isEmpty())
        return 0;
    auto jwt = Jwt::compose(R"({"typ":"JWT"})", R"({"sub":"fuzz"})");
    check(jwt.ok());
    check(Signer::sign(jwt.value(), key, algorithms.first()).ok());
    check(Verifier::verify(jwt.value(), key.publicKey()).isVerified());
    QByteArray pem = key.toPkcs8Pem();
    const auto reread = KeyLoader::loadData(pem, QStringLiteral("saved key"));
    pem.fill('\0');
    check(reread.ok() && reread->privateKey.publicKey() == key.publicKey());
    return 0;
}
