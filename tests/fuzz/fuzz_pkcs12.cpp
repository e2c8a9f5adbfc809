// PKCS#12 files on arbitrary input, through KeyLoader (libcrypto opens the file, jwtflow's DER
// reader checks every certificate, QCA sees only the PKCS#8 key): a specific error or a key,
// never a crash. Seeds without a MAC and without encryption let mutations reach the bags;
// one holds the damaged certificate on which qca-ossl's own PKCS#12 import crashed.
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
    // The seeds' passphrase ("correct horse"), so a file whose MAC still holds opens.
    const auto material = jwtflow::KeyLoader::loadData(
        bytes, QStringLiteral("fuzz input"), [](const QString &) { return std::optional<QByteArray>("correct horse"); });
    if (material) {
        (void)material->verificationKey();
        (void)material->warnings(jwtflow::SystemClock::instance());
        for (const jwtflow::Certificate &certificate : material->chain)
            (void)certificate.description();
    }
    return 0;
}
