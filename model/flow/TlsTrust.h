#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

class QSslCertificate;

namespace jwtflow {

// The caller's explicit decisions to accept a TLS certificate that failed verification. Empty by
// default: verification stays on. A decision is per host, and either pins certificates by their
// SHA-256 digest (preferred: a changed certificate fails again) or trusts whatever the host shows.
class TlsTrust {
public:
    void trustHost(const QString &host);
    void trustCertificate(const QString &host, const QByteArray &sha256Hex);

    // From command-line style texts: hosts ("acme.example.com") and pins ("host=AB:CD:…").
    // Error code "tls.trust.invalid".
    static Result<TlsTrust> fromText(const QStringList &hosts, const QStringList &pins);

    bool isEmpty() const { return m_hosts.isEmpty() && m_certificates.isEmpty(); }
    bool allows(const QString &host, const QSslCertificate &certificate) const;

    // "AB:CD:…" as browsers show it; trustCertificate() accepts it with or without colons.
    static QByteArray sha256Digest(const QSslCertificate &certificate);

private:
    static QString normaliseHost(const QString &host);
    static QByteArray normaliseDigest(const QByteArray &digest);

    QSet<QString> m_hosts;
    QHash<QString, QSet<QByteArray>> m_certificates;
};

} // namespace jwtflow
