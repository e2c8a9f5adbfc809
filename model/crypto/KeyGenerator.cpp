#include "crypto/KeyGenerator.h"

#include "crypto/CryptoProvider.h"
#include "crypto/Der.h"
#include "crypto/internal/QcaHandles.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

namespace jwtflow {

namespace {

const int kMaxValidityDays = 100 * 366;
const int kMaxCommonNameLength = 64; // X.520 ub-common-name

QByteArray name(const QString &commonName)
{
    const QByteArray attribute = Der::sequence(Der::oid(QStringLiteral("2.5.4.3")) + Der::utf8String(commonName));
    return Der::sequence(Der::set(attribute));
}

QByteArray randomSerial()
{
    // 16 random bytes, positive and not starting with a zero byte (RFC 5280 §4.1.2.2: ≤ 20 bytes).
    QByteArray serial(16, '\0');
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(serial.data()), serial.size() / 4);
    serial[0] = static_cast<char>((static_cast<quint8>(serial[0]) & 0x7f) | 0x40);
    return serial;
}

} // namespace

Result<PrivateKey> KeyGenerator::generateRsa(int bits)
{
    if (!allowedBits().contains(bits))
        return makeError(QStringLiteral("keygen.bits"), QStringLiteral("%1 bits is not a key size jwtflow generates.").arg(bits),
            QStringLiteral("Choose 2048 (what Salesforce documents), 3072 or 4096."));
    if (auto ready = CryptoProvider::ensureReady(); !ready)
        return ready.error();
    // Blocking mode: runs on the calling thread and needs no event loop.
    QCA::KeyGenerator generator;
    generator.setBlockingEnabled(true);
    QCA::PrivateKey key = generator.createRSA(bits);
    if (key.isNull())
        return makeError(QStringLiteral("keygen.failed"), QStringLiteral("Generating a %1-bit RSA key failed.").arg(bits),
            QStringLiteral("The crypto backend may be incomplete; reinstall QCA's OpenSSL plugin (libqca-qt6-plugins)."));
    auto handle = std::make_shared<PrivateKey::Handle>();
    handle->key = key;
    handle->source = QStringLiteral("generated key");
    return PrivateKey(std::move(handle));
}

namespace {

Result<PrivateKey> fromLibcrypto(KeyFormat::KeyType type, const QString &curve)
{
    if (auto ready = CryptoProvider::ensureReady(); !ready)
        return ready.error();
    auto evp = ossl::generate(type, curve);
    if (!evp)
        return evp.error();
    auto handle = std::make_shared<PrivateKey::Handle>();
    handle->evp = evp.value();
    handle->source = QStringLiteral("generated key");
    return PrivateKey(std::move(handle));
}

} // namespace

Result<PrivateKey> KeyGenerator::generateEcP256()
{
    return fromLibcrypto(KeyFormat::KeyType::Ec, QStringLiteral("P-256"));
}

Result<PrivateKey> KeyGenerator::generateEd25519()
{
    return fromLibcrypto(KeyFormat::KeyType::Ed25519, QString());
}

Result<PrivateKey> KeyGenerator::generate(const QString &type, int bits)
{
    if (type == QLatin1String("rsa"))
        return generateRsa(bits);
    if (type == QLatin1String("ec-p256"))
        return generateEcP256();
    if (type == QLatin1String("ed25519"))
        return generateEd25519();
    return makeError(QStringLiteral("keygen.type"), QStringLiteral("\"%1\" is not a key type jwtflow generates.").arg(type),
        QStringLiteral("Choose %1 (rsa is what Salesforce connected apps take).").arg(typeNames().join(QStringLiteral(", "))));
}

Result<Certificate> KeyGenerator::selfSignedCertificate(
    const PrivateKey &key, const QString &commonName, int validityDays, const Clock &clock)
{
    const KeyFormat::KeyType type = key.keyType();
    if (key.isNull()
        || !(type == KeyFormat::KeyType::Rsa || type == KeyFormat::KeyType::Ec || type == KeyFormat::KeyType::Ed25519
            || type == KeyFormat::KeyType::Ed448))
        return makeError(QStringLiteral("keygen.failed"),
            QStringLiteral("A certificate needs an RSA, EC or Ed25519 private key to sign it."),
            QStringLiteral("Generate or load a key first."));
    const QString cn = commonName.trimmed();
    if (cn.isEmpty() || cn.size() > kMaxCommonNameLength)
        return makeError(QStringLiteral("keygen.common-name"),
            QStringLiteral("The certificate's common name must have 1 to %1 characters.").arg(kMaxCommonNameLength),
            QStringLiteral("Use something that says what the certificate is for, e.g. the integration's name."));
    if (validityDays < 1 || validityDays > kMaxValidityDays)
        return makeError(QStringLiteral("keygen.days"), QStringLiteral("%1 days is not a usable validity.").arg(validityDays),
            QStringLiteral("Choose between 1 and %1 days; 365 or 730 are common.").arg(kMaxValidityDays));

    const QByteArray spki = key.publicKey().toDer();
    Der::Element spkiElement;
    (void)Der::read(spki, 0, spkiElement);
    const auto spkiParts = Der::children(spkiElement);
    const QByteArray publicKeyBits = spkiParts.size() == 2 ? spkiParts[1].content.mid(1) : QByteArray();

    const QDateTime notBefore = clock.now();
    const QDateTime notAfter = notBefore.addDays(validityDays);
    // sha256WithRSAEncryption (with NULL parameters), ecdsa-with-SHA256 and Ed25519/Ed448 (both without: RFC 5758 §3.2, RFC 8410
    // §3).
    const QByteArray signatureAlgorithm = type == KeyFormat::KeyType::Rsa
        ? Der::sequence(Der::oid(QStringLiteral("1.2.840.113549.1.1.11")) + Der::null())
        : type == KeyFormat::KeyType::Ec    ? Der::sequence(Der::oid(QStringLiteral("1.2.840.10045.4.3.2")))
        : type == KeyFormat::KeyType::Ed448 ? Der::sequence(Der::oid(QStringLiteral("1.3.101.113")))
                                            : Der::sequence(Der::oid(QStringLiteral("1.3.101.112")));
    // Extensions: basicConstraints CA:FALSE (critical) and a subjectKeyIdentifier (RFC 5280 §4.2.1.2, method 1).
    const QByteArray basicConstraints
        = Der::sequence(Der::oid(QStringLiteral("2.5.29.19")) + Der::boolean(true) + Der::octetString(Der::sequence({})));
    const QByteArray subjectKeyId = Der::sequence(Der::oid(QStringLiteral("2.5.29.14"))
        + Der::octetString(Der::octetString(QCryptographicHash::hash(publicKeyBits, QCryptographicHash::Sha1))));
    const QByteArray tbs = Der::sequence(Der::encode(Der::ContextSpecific0, Der::smallInteger(2)) // v3
        + Der::unsignedInteger(randomSerial()) + signatureAlgorithm + name(cn)
        + Der::sequence(Der::time(notBefore) + Der::time(notAfter)) + name(cn) + spki
        + Der::encode(Der::ContextSpecific3, Der::sequence(basicConstraints + subjectKeyId)));
    QByteArray signature;
    if (type == KeyFormat::KeyType::Rsa) {
        QCA::PrivateKey signer = qca::copyOf(key);
        signature = signer.signMessage(tbs, QCA::EMSA3_SHA256);
    } else if (EVP_PKEY *evp = ossl::keyOf(*key.handle())) {
        if (auto signed_ = ossl::signX509(evp, tbs))
            signature = signed_.value();
    }
    if (signature.isEmpty())
        return makeError(QStringLiteral("keygen.failed"),
            QStringLiteral("Signing the certificate with %1 failed.").arg(key.description()),
            QStringLiteral("The key may be damaged; generate a new one."));
    auto certificate = Certificate::fromDer(
        Der::sequence(tbs + signatureAlgorithm + Der::bitString(signature)), QStringLiteral("generated certificate"));
    if (!certificate || !certificate->matches(key))
        return makeError(QStringLiteral("keygen.failed"), QStringLiteral("The generated certificate could not be read back."),
            QStringLiteral("This is a bug in jwtflow; please report it."));
    return certificate;
}

} // namespace jwtflow
