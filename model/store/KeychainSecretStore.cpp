#include "KeychainSecretStore.h"

#include <qt6keychain/keychain.h>

#include <QObject>
#include <QTimer>

#include <memory>

#if defined(Q_OS_UNIX) && !defined(Q_OS_DARWIN) && !defined(Q_OS_ANDROID)
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#define JWTFLOW_KEYCHAIN_ON_DBUS 1
#endif

namespace jwtflow {

namespace {

// What a call was doing, in the words each message needs: "to store the passphrase in" (no
// keychain), "could not store the passphrase" (failed), "nothing was stored" (what it means).
struct Doing {
    QString verb; // "store the passphrase"
    QString preposition; // "in", "from"
    QString consequence; // shown when there is no keychain; may be empty
};

Doing storing()
{
    return { QStringLiteral("store the passphrase"), QStringLiteral("in"), QStringLiteral(" Nothing was stored.") };
}
Doing reading()
{
    return { QStringLiteral("read the passphrase"), QStringLiteral("from"), {} };
}
Doing removing()
{
    return { QStringLiteral("remove the passphrase"), QStringLiteral("from"), {} };
}

Error noBackend(const Doing &doing)
{
    return makeError(QStringLiteral("secret.no-backend"),
        QStringLiteral("There is no system keychain to %1 %2 (no Secret Service or KWallet is running).%3")
            .arg(doing.verb, doing.preposition, doing.consequence),
        QStringLiteral("Start a keyring such as GNOME Keyring or KWallet, or type the passphrase each time."));
}

// QtKeychain reports a missing keyring daemon (or no session bus at all, as under Xvfb in a build
// root) as an "Unknown error"; asking D-Bus first lets the user hear plainly that there is none.
bool backendAvailable()
{
#ifdef JWTFLOW_KEYCHAIN_ON_DBUS
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected() || !bus.interface())
        return false;
    const QStringList services { QStringLiteral("org.freedesktop.secrets"), QStringLiteral("org.kde.kwalletd6"),
        QStringLiteral("org.kde.kwalletd5") };
    for (const QString &service : services) {
        if (bus.interface()->isServiceRegistered(service))
            return true;
    }
    const QStringList activatable = bus.interface()->activatableServiceNames();
    for (const QString &service : services) {
        if (activatable.contains(service))
            return true;
    }
    return false;
#else
    return true;
#endif
}

Error keychainError(const QKeychain::Job *job, const Doing &doing)
{
    switch (job->error()) {
    case QKeychain::NoBackendAvailable:
        return noBackend(doing);
    case QKeychain::EntryNotFound:
        return makeError(QStringLiteral("secret.not-found"), QStringLiteral("The system keychain holds no such entry."),
            QStringLiteral("Type the passphrase; tick “Remember” to keep it there."));
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        return makeError(QStringLiteral("secret.denied"), QStringLiteral("The system keychain refused to %1.").arg(doing.verb),
            QStringLiteral("Unlock the keychain and allow jwtflow, then try again."));
    default:
        // libsecret names the default collection it could not find; said plainly, that is a
        // keychain with no unlocked default keyring (typical outside a desktop login).
        if (job->errorString().contains(QStringLiteral("/org/freedesktop/secrets/collection/")))
            return makeError(QStringLiteral("secret.locked"),
                QStringLiteral("The system keychain could not %1: it has no unlocked default keyring (it said: %2)")
                    .arg(doing.verb, job->errorString()),
                QStringLiteral("Log in to a desktop session that unlocks your keyring, or create a default keyring "
                               "(GNOME: Passwords and Keys; KDE: KWallet Manager), then try again."));
        return makeError(QStringLiteral("secret.failed"),
            QStringLiteral("The system keychain could not %1: %2").arg(doing.verb, job->errorString()),
            QStringLiteral("Check that the keyring is unlocked, then try again."));
    }
}

template<typename JobType> JobType *makeJob(const QString &service, const QString &key)
{
    auto *job = new JobType(service);
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never a plaintext file instead of the keychain
    job->setKey(key);
    return job;
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QString service)
    : m_service(std::move(service))
{ }

QString KeychainSecretStore::description() const
{
    return QStringLiteral("the system keychain");
}

void KeychainSecretStore::read(const QString &key, QObject *context, ReadDone done)
{
    if (!backendAvailable()) {
        QTimer::singleShot(0, context, [done = std::move(done)] { done(noBackend(reading())); });
        return;
    }
    auto *job = makeJob<QKeychain::ReadPasswordJob>(m_service, key);
    QObject::connect(job, &QKeychain::Job::finished, context, [done = std::move(done)](QKeychain::Job *finished) {
        if (finished->error() != QKeychain::NoError)
            done(keychainError(finished, reading()));
        else
            done(static_cast<QKeychain::ReadPasswordJob *>(finished)->binaryData());
    });
    job->start();
}

void KeychainSecretStore::write(const QString &key, const SecretBytes &secret, QObject *context, Done done)
{
    if (!backendAvailable()) {
        QTimer::singleShot(0, context, [done = std::move(done)] { done(noBackend(storing())); });
        return;
    }
    auto *job = makeJob<QKeychain::WritePasswordJob>(m_service, key);
    // The job shares this copy's buffer (QByteArray is implicitly shared) until it is deleted;
    // wiping it in place once the job has finished leaves no clear copy of ours behind.
    auto lent = std::make_shared<SecretBytes>(secret);
    job->setBinaryData(lent->bytes());
    QObject::connect(job, &QKeychain::Job::finished, job, [lent] { lent->wipe(); });
    QObject::connect(job, &QKeychain::Job::finished, context, [done = std::move(done)](QKeychain::Job *finished) {
        done(finished->error() == QKeychain::NoError ? Result<void>() : Result<void>(keychainError(finished, storing())));
    });
    job->start();
}

void KeychainSecretStore::remove(const QString &key, QObject *context, Done done)
{
    if (!backendAvailable()) {
        QTimer::singleShot(0, context, [done = std::move(done)] { done(noBackend(removing())); });
        return;
    }
    auto *job = makeJob<QKeychain::DeletePasswordJob>(m_service, key);
    QObject::connect(job, &QKeychain::Job::finished, context, [done = std::move(done)](QKeychain::Job *finished) {
        // Removing what is not there leaves the keychain as wanted.
        const bool ok = finished->error() == QKeychain::NoError || finished->error() == QKeychain::EntryNotFound;
        done(ok ? Result<void>() : Result<void>(keychainError(finished, removing())));
    });
    job->start();
}

} // namespace jwtflow
