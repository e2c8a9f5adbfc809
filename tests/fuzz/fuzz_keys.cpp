// Key and certificate loading (PEM, DER, PKCS#12, JWK, JWKS bytes) on arbitrary input: a
// specific error or a key, never a crash or a hang. A passphrase is always supplied, since QCA
// given none may block on its own prompt.
#include "crypto/CryptoProvider.h"
#include "crypto/KeyLoader.h"

#include <QCoreApplication>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static QCoreApplication app(*argc, *argv); // QCA finds its provider plugins through it
    (void)jwtflow::CryptoProvider::ensureReady();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const auto material = jwtflow::KeyLoader::loadData(
        bytes, QStringLiteral("fuzz input"), [](const QString &) { return std::optional<QByteArray>("passphrase"); });
    if (material) {
        (void)material->verificationKey();
        (void)material->warnings(jwtflow::SystemClock::instance());
    }
    return 0;
}
