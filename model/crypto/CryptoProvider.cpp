#include "crypto/CryptoProvider.h"

#include <QCoreApplication>
#include <QThreadPool>
#include <QtCrypto>

namespace jwtflow {

namespace {

struct Backend {
    // Practical mode: secure memory when the OS grants it, ordinary memory otherwise.
    QCA::Initializer initializer { QCA::Practical, 64 };
    QStringList missing;
    QString description;

    Backend()
    {
        // QCA has just asked QCoreApplication to shut it down in a post routine, and Qt runs post
        // routines before it waits for its thread pool: closing the window while a key loads or a key
        // pair is generated would pull QCA from under that worker (a crash on quit). Post routines
        // run newest first, so this one, added after QCA's, lets the workers finish before QCA goes.
        qAddPostRoutine([] { QThreadPool::globalInstance()->waitForDone(); });
        static const char *const features[] = { "pkey", "rsa", "hmac(sha256)", "hmac(sha384)", "hmac(sha512)", "cert", "pkcs12" };
        for (const char *feature : features) {
            if (!QCA::isSupported(feature))
                missing << QString::fromLatin1(feature);
        }
        if (!missing.contains(QStringLiteral("pkey")) && !QCA::PKey::supportedIOTypes().contains(QCA::PKey::RSA))
            missing << QStringLiteral("RSA key import/export");
        QStringList providers;
        for (const QCA::Provider *provider : QCA::providers())
            providers << provider->name();
        description = QStringLiteral("QCA %1 (%2)")
                          .arg(QString::fromLatin1(qcaVersionStr()),
                              providers.isEmpty() ? QStringLiteral("no plugins") : providers.join(QStringLiteral(", ")));
    }
};

const Backend &backend()
{
    static const Backend instance; // thread-safe initialisation; destroyed at exit
    return instance;
}

} // namespace

Result<void> CryptoProvider::ensureReady()
{
    const Backend &b = backend();
    if (b.missing.isEmpty())
        return {};
    return makeError(QStringLiteral("crypto.unavailable"),
        QStringLiteral("The crypto backend lacks %1, so keys cannot be loaded and tokens cannot be signed or verified "
                       "(%2).")
            .arg(b.missing.join(QStringLiteral(", ")), b.description),
        QStringLiteral("Install QCA's OpenSSL plugin (Debian and Ubuntu: libqca-qt6-plugins; Fedora: qca-qt6-ossl) "
                       "and start jwtflow again."));
}

QStringList CryptoProvider::missingFeatures()
{
    return backend().missing;
}

QString CryptoProvider::description()
{
    return backend().description;
}

} // namespace jwtflow
