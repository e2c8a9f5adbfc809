#include "flow/TlsTrust.h"

#include <QCryptographicHash>
#include <QSslCertificate>

namespace jwtflow {

void TlsTrust::trustHost(const QString &host)
{
    m_hosts.insert(normaliseHost(host));
}

void TlsTrust::trustCertificate(const QString &host, const QByteArray &sha256Hex)
{
    m_certificates[normaliseHost(host)].insert(normaliseDigest(sha256Hex));
}

Result<TlsTrust> TlsTrust::fromText(const QStringList &hosts, const QStringList &pins)
{
    TlsTrust trust;
    for (const QString &host : hosts) {
        if (host.trimmed().isEmpty() || host.contains(QLatin1Char('/')))
            return makeError(QStringLiteral("tls.trust.invalid"), QStringLiteral("\"%1\" is not a host name.").arg(host),
                QStringLiteral("Give the bare host, e.g. acme.my.salesforce.com."));
        trust.trustHost(host);
    }
    for (const QString &pin : pins) {
        const qsizetype eq = pin.indexOf(QLatin1Char('='));
        const QByteArray digest = normaliseDigest(pin.mid(eq + 1).toLatin1());
        const bool hex = !digest.isEmpty() && QByteArray::fromHex(digest).toHex() == digest;
        if (eq <= 0 || digest.size() != 64 || !hex)
            return makeError(QStringLiteral("tls.trust.invalid"), QStringLiteral("\"%1\" is not HOST=SHA256-DIGEST.").arg(pin),
                QStringLiteral("The digest is the certificate's SHA-256 fingerprint, 64 hex digits (colons allowed), as the TLS "
                               "error shows it."));
        trust.trustCertificate(pin.left(eq), digest);
    }
    return trust;
}

bool TlsTrust::allows(const QString &host, const QSslCertificate &certificate) const
{
    const QString key = normaliseHost(host);
    if (m_hosts.contains(key))
        return true;
    if (certificate.isNull())
        return false;
    return m_certificates.value(key).contains(normaliseDigest(sha256Digest(certificate)));
}

QByteArray TlsTrust::sha256Digest(const QSslCertificate &certificate)
{
    return certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper();
}

QString TlsTrust::normaliseHost(const QString &host)
{
    return host.trimmed().toLower();
}

QByteArray TlsTrust::normaliseDigest(const QByteArray &digest)
{
    QByteArray hex = digest.trimmed().toLower();
    hex.replace(':', QByteArray());
    return hex;
}

} // namespace jwtflow
