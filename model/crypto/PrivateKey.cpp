#include "crypto/PrivateKey.h"

#include "crypto/CryptoProvider.h"
#include "crypto/Der.h"
#include "crypto/Pem.h"
#include "crypto/internal/QcaHandles.h"

#include <QFileInfo>

#include <openssl/crypto.h>

namespace jwtflow {

namespace {

QString shortSource(const QString &source)
{
    return source.contains(QLatin1Char('/')) ? QFileInfo(source).fileName() : source;
}

} // namespace

PrivateKey::PrivateKey(std::shared_ptr<const Handle> handle)
    : m_handle(std::move(handle))
{ }

Result<PrivateKey> PrivateKey::fromRsaNumbers(const RsaNumbers &numbers, const QString &source)
{
    if (auto ready = CryptoProvider::ensureReady(); !ready)
        return ready.error();
    // PKCS#1 RSAPrivateKey with all CRT values, handed to QCA as PEM: the form OpenSSL reads best.
    QByteArray der = Der::sequence(Der::smallInteger(0) + Der::unsignedInteger(numbers.n) + Der::unsignedInteger(numbers.e)
        + Der::unsignedInteger(numbers.d) + Der::unsignedInteger(numbers.p) + Der::unsignedInteger(numbers.q)
        + Der::unsignedInteger(numbers.dp) + Der::unsignedInteger(numbers.dq) + Der::unsignedInteger(numbers.qi));
    QByteArray pem = Pem::encode("RSA PRIVATE KEY", der);
    QCA::ConvertResult result = QCA::ErrorDecode;
    QCA::PrivateKey key = QCA::PrivateKey::fromPEM(QString::fromLatin1(pem), qca::unusedPassphrase(), &result);
    der.fill('\0');
    pem.fill('\0');
    if (result != QCA::ConvertGood || key.isNull() || !key.isRSA())
        return makeError(QStringLiteral("key.bad-jwk"),
            QStringLiteral("%1: the RSA private key numbers do not form a valid key.").arg(source),
            QStringLiteral("Check that n, e, d, p, q, dp, dq and qi all belong to the same key."));
    auto handle = std::make_shared<Handle>();
    handle->key = key;
    handle->source = source;
    return PrivateKey(std::move(handle));
}

bool PrivateKey::isRsa() const
{
    return m_handle && !m_handle->evp && m_handle->key.isRSA();
}

KeyFormat::KeyType PrivateKey::keyType() const
{
    if (!m_handle)
        return KeyFormat::KeyType::Unknown;
    if (m_handle->evp)
        return ossl::typeOf(m_handle->evp.get());
    return m_handle->key.isRSA() ? KeyFormat::KeyType::Rsa
        : m_handle->key.isDSA()  ? KeyFormat::KeyType::Dsa
                                 : KeyFormat::KeyType::Dh;
}

QString PrivateKey::typeName() const
{
    return m_handle ? KeyFormat::keyTypeName(keyType()) : QString();
}

QString PrivateKey::curve() const
{
    return m_handle && m_handle->evp ? ossl::curveOf(m_handle->evp.get()) : QString();
}

int PrivateKey::bits() const
{
    if (!m_handle)
        return 0;
    return m_handle->evp ? ossl::bitsOf(m_handle->evp.get()) : m_handle->key.bitSize();
}

QString PrivateKey::kindText() const
{
    return m_handle ? KeyFormat::kindText(keyType(), bits(), curve()) : QString();
}

PublicKey PrivateKey::publicKey() const
{
    if (!m_handle)
        return {};
    auto handle = std::make_shared<PublicKey::Handle>();
    if (m_handle->evp) {
        // A public-only libcrypto key from the SubjectPublicKeyInfo: the secret stays in this object.
        handle->spki = ossl::spkiOf(m_handle->evp.get());
        if (auto pub = ossl::publicFromSpki(handle->spki, m_handle->source))
            handle->evp = pub.value();
    } else {
        handle->key = m_handle->key.toPublicKey();
        handle->spki = handle->key.toDER();
    }
    handle->source = m_handle->source;
    return PublicKey(std::move(handle));
}

QString PrivateKey::source() const
{
    return m_handle ? m_handle->source : QString();
}

QString PrivateKey::description() const
{
    if (!m_handle)
        return QStringLiteral("no private key");
    return QStringLiteral("%1 private key from %2").arg(kindText(), shortSource(m_handle->source));
}

KeyWarnings PrivateKey::warnings() const
{
    return m_handle ? rsaStrengthWarnings(isRsa(), bits(), m_handle->source) : KeyWarnings();
}

QByteArray PrivateKey::toPkcs8Pem() const
{
    if (!m_handle)
        return {};
    if (m_handle->evp)
        return ossl::pkcs8PemOf(m_handle->evp.get());
    QString pem = m_handle->key.toPEM();
    QByteArray bytes = pem.toLatin1();
    pem.fill(QChar(0));
    return bytes;
}

} // namespace jwtflow

namespace jwtflow::ossl {

EVP_PKEY *keyOf(const PrivateKey::Handle &handle)
{
    if (handle.evp)
        return handle.evp.get();
    // An RSA key's libcrypto twin for PS*, from QCA's PKCS#8 DER in secure memory (wiped when it goes).
    std::call_once(handle.twinOnce, [&handle] {
        const QCA::SecureArray der = handle.key.toDER();
        QByteArray plain = der.toByteArray();
        if (auto twin = privateFromPkcs8Der(plain, handle.source))
            handle.twin = twin.value();
        OPENSSL_cleanse(plain.data(), static_cast<size_t>(plain.size()));
    });
    return handle.twin.get();
}

} // namespace jwtflow::ossl
