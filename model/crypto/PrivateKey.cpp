#include "crypto/PrivateKey.h"

#include "crypto/CryptoProvider.h"
#include "crypto/Der.h"
#include "crypto/Pem.h"
#include "crypto/internal/QcaHandles.h"

#include <QFileInfo>

namespace jwtflow {

namespace {


QString shortSource(const QString &source)
{
    return source.contains(QLatin1Char('/')) ? QFileInfo(source).fileName() : source;
}

} // namespace

PrivateKey::PrivateKey(std::shared_ptr<const Handle> handle)
    : m_handle(std::move(handle))
{
}

Result<PrivateKey> PrivateKey::fromRsaNumbers(const RsaNumbers &numbers, const QString &source)
{
    if (auto ready = CryptoProvider::ensureReady(); !ready)
        return ready.error();
    // PKCS#1 RSAPrivateKey with all CRT values, handed to QCA as PEM: the form OpenSSL reads best.
    QByteArray der = Der::sequence(Der::smallInteger(0) + Der::unsignedInteger(numbers.n) + Der::unsignedInteger(numbers.e) +
                                   Der::unsignedInteger(numbers.d) + Der::unsignedInteger(numbers.p) + Der::unsignedInteger(numbers.q) +
                                   Der::unsignedInteger(numbers.dp) + Der::unsignedInteger(numbers.dq) + Der::unsignedInteger(numbers.qi));
    QByteArray pem = Pem::encode("RSA PRIVATE KEY", der);
    QCA::ConvertResult result = QCA::ErrorDecode;
    QCA::PrivateKey key = QCA::PrivateKey::fromPEM(QString::fromLatin1(pem), qca::unusedPassphrase(), &result);
    der.fill('\0');
    pem.fill('\0');
    if (result != QCA::ConvertGood || key.isNull() || !key.isRSA())
        return makeError(QStringLiteral("key.bad-jwk"), QStringLiteral("%1: the RSA private key numbers do not form a valid key.").arg(source),
                         QStringLiteral("Check that n, e, d, p, q, dp, dq and qi all belong to the same key."));
    auto handle = std::make_shared<Handle>();
    handle->key = key;
    handle->source = source;
    return PrivateKey(std::move(handle));
}

bool PrivateKey::isRsa() const
{
    return m_handle && m_handle->key.isRSA();
}

QString PrivateKey::typeName() const
{
    if (!m_handle)
        return {};
    return m_handle->key.isRSA() ? QStringLiteral("RSA") : m_handle->key.isDSA() ? QStringLiteral("DSA") : QStringLiteral("DH");
}

int PrivateKey::bits() const
{
    return m_handle ? m_handle->key.bitSize() : 0;
}

PublicKey PrivateKey::publicKey() const
{
    if (!m_handle)
        return {};
    auto handle = std::make_shared<PublicKey::Handle>();
    handle->key = m_handle->key.toPublicKey();
    handle->spki = handle->key.toDER();
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
    return QStringLiteral("%1 %2-bit private key from %3").arg(typeName()).arg(bits()).arg(shortSource(m_handle->source));
}

KeyWarnings PrivateKey::warnings() const
{
    return m_handle ? rsaStrengthWarnings(isRsa(), bits(), m_handle->source) : KeyWarnings();
}

QByteArray PrivateKey::toPkcs8Pem() const
{
    if (!m_handle)
        return {};
    QString pem = m_handle->key.toPEM();
    QByteArray bytes = pem.toLatin1();
    pem.fill(QChar(0));
    return bytes;
}

} // namespace jwtflow
