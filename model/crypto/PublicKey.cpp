#include "crypto/PublicKey.h"

#include "crypto/CryptoProvider.h"
#include "crypto/Der.h"
#include "crypto/Fingerprint.h"
#include "crypto/KeyFormat.h"
#include "crypto/Pem.h"
#include "crypto/internal/QcaHandles.h"

#include <QFileInfo>

namespace jwtflow {

namespace {

QString shortSource(const QString &source)
{
    // A path reads better as its file name in one-line descriptions; messages keep the full path.
    const QFileInfo info(source);
    return info.isAbsolute() || source.contains(QLatin1Char('/')) ? info.fileName() : source;
}

} // namespace

PublicKey::PublicKey(std::shared_ptr<const Handle> handle)
    : m_handle(std::move(handle))
{ }

Result<PublicKey> PublicKey::fromDer(const QByteArray &spki, const QString &source)
{
    if (auto ready = CryptoProvider::ensureReady(); !ready)
        return ready.error();
    const KeyFormat format = KeyFormat::detect(spki);
    if (format.structure != KeyFormat::Structure::SubjectPublicKeyInfo)
        return makeError(QStringLiteral("key.bad-public-key"), QStringLiteral("%1 does not hold a public key.").arg(source),
            QStringLiteral("A public key file starts with -----BEGIN PUBLIC KEY-----."));
    switch (format.keyType) {
    case KeyFormat::KeyType::Rsa:
        break;
    case KeyFormat::KeyType::Ec:
    case KeyFormat::KeyType::Ed25519:
    case KeyFormat::KeyType::Ed448: {
        auto evp = ossl::publicFromSpki(spki, source);
        if (!evp)
            return evp.error();
        auto handle = std::make_shared<Handle>();
        handle->evp = evp.value();
        handle->spki = ossl::spkiOf(handle->evp.get());
        handle->source = source;
        return PublicKey(std::move(handle));
    }
    default:
        return makeError(QStringLiteral("key.unsupported-type"),
            QStringLiteral("%1 holds a public key of type %2, which signs no JWS algorithm this build verifies (RSA, EC, "
                           "Ed25519, Ed448).")
                .arg(source, KeyFormat::keyTypeName(format.keyType)),
            format.keyType == KeyFormat::KeyType::X25519 || format.keyType == KeyFormat::KeyType::X448
                ? QStringLiteral("X25519 and X448 keys agree on secrets; they do not sign. Use the signer's Ed25519 or EC key.")
                : QStringLiteral("Salesforce connected apps use RSA keys (RS256)."));
    }
    QCA::ConvertResult result = QCA::ErrorDecode;
    QCA::PublicKey key = QCA::PublicKey::fromDER(spki, &result);
    if (result != QCA::ConvertGood || key.isNull() || !key.isRSA())
        return makeError(QStringLiteral("key.bad-public-key"),
            QStringLiteral("%1: the RSA public key could not be read.").arg(source),
            QStringLiteral("The file may be damaged; export the public key again."));
    auto handle = std::make_shared<Handle>();
    handle->key = key;
    handle->spki = key.toDER();
    handle->source = source;
    return PublicKey(std::move(handle));
}

Result<PublicKey> PublicKey::fromPem(const QByteArray &pem, const QString &source)
{
    auto blocks = Pem::parse(pem, source);
    if (!blocks)
        return blocks.error();
    for (const Pem::Block &block : blocks.value()) {
        if (block.label == "PUBLIC KEY")
            return fromDer(block.body, source);
        if (block.label == "RSA PUBLIC KEY") {
            // PKCS#1 RSAPublicKey: wrap it into a SubjectPublicKeyInfo, the form QCA reads.
            const QByteArray algorithm = Der::sequence(Der::oid(QStringLiteral("1.2.840.113549.1.1.1")) + Der::null());
            return fromDer(Der::sequence(algorithm + Der::bitString(block.body)), source);
        }
    }
    return makeError(QStringLiteral("key.bad-public-key"), QStringLiteral("%1 holds no PEM public key.").arg(source),
        QStringLiteral("A public key file starts with -----BEGIN PUBLIC KEY-----."));
}

Result<PublicKey> PublicKey::fromRsaComponents(const QByteArray &modulus, const QByteArray &exponent, const QString &source)
{
    const QByteArray rsaPublicKey = Der::sequence(Der::unsignedInteger(modulus) + Der::unsignedInteger(exponent));
    const QByteArray algorithm = Der::sequence(Der::oid(QStringLiteral("1.2.840.113549.1.1.1")) + Der::null());
    return fromDer(Der::sequence(algorithm + Der::bitString(rsaPublicKey)), source);
}

bool PublicKey::isRsa() const
{
    return m_handle && !m_handle->evp && m_handle->key.isRSA();
}

KeyFormat::KeyType PublicKey::keyType() const
{
    if (!m_handle)
        return KeyFormat::KeyType::Unknown;
    if (m_handle->evp)
        return ossl::typeOf(m_handle->evp.get());
    return m_handle->key.isRSA() ? KeyFormat::KeyType::Rsa
        : m_handle->key.isDSA()  ? KeyFormat::KeyType::Dsa
                                 : KeyFormat::KeyType::Dh;
}

QString PublicKey::typeName() const
{
    return m_handle ? KeyFormat::keyTypeName(keyType()) : QString();
}

QString PublicKey::curve() const
{
    return m_handle && m_handle->evp ? ossl::curveOf(m_handle->evp.get()) : QString();
}

int PublicKey::bits() const
{
    if (!m_handle)
        return 0;
    return m_handle->evp ? ossl::bitsOf(m_handle->evp.get()) : m_handle->key.bitSize();
}

QString PublicKey::kindText() const
{
    return m_handle ? KeyFormat::kindText(keyType(), bits(), curve()) : QString();
}

QByteArray PublicKey::modulus() const
{
    return isRsa() ? qca::magnitude(m_handle->key.toRSA().n()) : QByteArray();
}

QByteArray PublicKey::exponent() const
{
    return isRsa() ? qca::magnitude(m_handle->key.toRSA().e()) : QByteArray();
}

QByteArray PublicKey::toDer() const
{
    return m_handle ? m_handle->spki : QByteArray();
}

QByteArray PublicKey::toPem() const
{
    return m_handle ? Pem::encode("PUBLIC KEY", m_handle->spki) : QByteArray();
}

QString PublicKey::spkiSha256() const
{
    return m_handle ? Fingerprint::sha256(m_handle->spki) : QString();
}

QString PublicKey::source() const
{
    return m_handle ? m_handle->source : QString();
}

QString PublicKey::description() const
{
    if (!m_handle)
        return QStringLiteral("no public key");
    return QStringLiteral("%1 public key from %2").arg(kindText(), shortSource(m_handle->source));
}

KeyWarnings PublicKey::warnings() const
{
    return m_handle ? rsaStrengthWarnings(isRsa(), bits(), m_handle->source) : KeyWarnings();
}

bool PublicKey::operator==(const PublicKey &other) const
{
    return toDer() == other.toDer();
}

} // namespace jwtflow

namespace jwtflow::ossl {

EVP_PKEY *keyOf(const PublicKey::Handle &handle)
{
    if (handle.evp)
        return handle.evp.get();
    // An RSA key's libcrypto twin for PS*, read from the same SubjectPublicKeyInfo.
    std::call_once(handle.twinOnce, [&handle] {
        if (auto twin = publicFromSpki(handle.spki, handle.source))
            handle.twin = twin.value();
    });
    return handle.twin.get();
}

} // namespace jwtflow::ossl
