// Certificate chains on arbitrary input: the input is cut into DER elements (the last one may be
// partial), which are loaded as a PEM chain after a fixed key, and as the chain of a PKCS#12 file
// (built here, no MAC and no encryption) with that key. A specific error or the material, never
// a crash: no certificate byte reaches QCA.
#include "crypto/CryptoProvider.h"
#include "crypto/Der.h"
#include "crypto/KeyLoader.h"
#include "crypto/Pem.h"

#include <QCoreApplication>
#include <QFile>
#include <cstddef>
#include <cstdint>

namespace {

QByteArray g_keyDer; // PKCS#8, read once

QByteArray contentInfoData(const QByteArray &content)
{
    return jwtflow::Der::sequence(jwtflow::Der::oid(QStringLiteral("1.2.840.113549.1.7.1"))
        + jwtflow::Der::encode(jwtflow::Der::ContextSpecific0, jwtflow::Der::octetString(content)));
}

// PFX (RFC 7292 §4): version 3, authSafe = data { SafeContents { keyBag, certBag… } }, no macData.
QByteArray pkcs12(const QList<QByteArray> &certificates)
{
    using jwtflow::Der;
    QByteArray bags
        = Der::sequence(Der::oid(QStringLiteral("1.2.840.113549.1.12.10.1.1")) + Der::encode(Der::ContextSpecific0, g_keyDer));
    for (const QByteArray &certificate : certificates) {
        const QByteArray certBag = Der::sequence(Der::oid(QStringLiteral("1.2.840.113549.1.9.22.1"))
            + Der::encode(Der::ContextSpecific0, Der::octetString(certificate)));
        bags += Der::sequence(
            Der::oid(QStringLiteral("1.2.840.113549.1.12.10.1.3")) + Der::encode(Der::ContextSpecific0, certBag));
    }
    const QByteArray authSafe = Der::sequence(contentInfoData(Der::sequence(bags)));
    return Der::sequence(Der::smallInteger(3) + contentInfoData(authSafe));
}

void inspect(const jwtflow::Result<jwtflow::KeyMaterial> &material)
{
    if (!material)
        return;
    (void)material->verificationKey();
    (void)material->warnings(jwtflow::SystemClock::instance());
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static QCoreApplication app(*argc, *argv); // QCA finds its provider plugins through it
    (void)jwtflow::CryptoProvider::ensureReady();
    QFile key(QStringLiteral(JWTFLOW_TEST_DATA "/keys/rsa2048-pkcs8.der"));
    if (key.open(QIODevice::ReadOnly))
        g_keyDer = key.readAll();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    QList<QByteArray> certificates;
    qsizetype pos = 0;
    while (pos < bytes.size() && certificates.size() < 8) {
        jwtflow::Der::Element element;
        if (jwtflow::Der::read(bytes, pos, element) != jwtflow::Der::Status::Ok || element.size <= 0) {
            certificates.append(bytes.mid(pos));
            break;
        }
        certificates.append(bytes.mid(pos, element.size));
        pos += element.size;
    }
    QByteArray pem = jwtflow::Pem::encode("PRIVATE KEY", g_keyDer);
    for (const QByteArray &certificate : std::as_const(certificates))
        pem += jwtflow::Pem::encode("CERTIFICATE", certificate);
    const auto noPassphrase = [](const QString &) { return std::optional<QByteArray>("unused"); };
    inspect(jwtflow::KeyLoader::loadData(pem, QStringLiteral("fuzz chain (PEM)"), noPassphrase));
    inspect(jwtflow::KeyLoader::loadData(pkcs12(certificates), QStringLiteral("fuzz chain (PKCS#12)"), noPassphrase));
    return 0;
}
