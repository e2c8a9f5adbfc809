#include "KeychainSecretStore.h"

#include <qt6keychain/keychain.h>

#include <QObject>

namespace jwtflow {

namespace {

Error keychainError(const QKeychain::Job *job, const QString &doing)
{
    switch (job->error()) {
    case QKeychain::NoBackendAvailable:
        return makeError(QStringLiteral("secret.no-backend"),
                         QStringLiteral("There is no system keychain to %1 (no Secret Service or KWallet is running): nothing was stored.").arg(doing),
                         QStringLiteral("Start a keyring such as GNOME Keyring or KWallet, or type the passphrase each time."));
    case QKeychain::EntryNotFound:
        return makeError(QStringLiteral("secret.not-found"), QStringLiteral("The system keychain holds no such entry."),
                         QStringLiteral("Type the passphrase; tick “Remember” to keep it there."));
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        return makeError(QStringLiteral("secret.denied"), QStringLiteral("The system keychain refused to %1.").arg(doing),
                         QStringLiteral("Unlock the keychain and allow jwtflow, then try again."));
    default:
        return makeError(QStringLiteral("secret.failed"), QStringLiteral("The system keychain could not %1: %2").arg(doing, job->errorString()),
                         QStringLiteral("Check that the keyring is unlocked, then try again."));
    }
}

template <typename JobType>
JobType *makeJob(const QString &service, const QString &key)
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
{
}

QString KeychainSecretStore::description() const
{
    return QStringLiteral("the system keychain");
}

void KeychainSecretStore::read(const QString &key, QObject *context, ReadDone done)
{
    auto *job = makeJob<QKeychain::ReadPasswordJob>(m_service, key);
    QObject::connect(job, &QKeychain::Job::finished, context, [done = std::move(done)](QKeychain::Job *finished) {
        if (finished->error() != QKeychain::NoError)
            done(keychainError(finished, QStringLiteral("read the passphrase")));
        else
            done(static_cast<QKeychain::ReadPasswordJob *>(finished)->binaryData());
    });
    job->start();
}

void KeychainSecretStore::write(const QString &key, const QByteArray &secret, QObject *context, Done done)
{
    auto *job = makeJob<QKeychain::WritePasswordJob>(m_service, key);
    job->setBinaryData(secret);
    QObject::connect(job, &QKeychain::Job::finished, context, [done = std::move(done)](QKeychain::Job *finished) {
        done(finished->error() == QKeychain::NoError ? Result<void>() : Result<void>(keychainError(finished, QStringLiteral("store the passphrase"))));
    });
    job->start();
}

void KeychainSecretStore::remove(const QString &key, QObject *context, Done done)
{
    auto *job = makeJob<QKeychain::DeletePasswordJob>(m_service, key);
    QObject::connect(job, &QKeychain::Job::finished, context, [done = std::move(done)](QKeychain::Job *finished) {
        // Removing what is not there leaves the keychain as wanted.
        const bool ok = finished->error() == QKeychain::NoError || finished->error() == QKeychain::EntryNotFound;
        done(ok ? Result<void>() : Result<void>(keychainError(finished, QStringLiteral("remove the passphrase"))));
    });
    job->start();
}

} // namespace jwtflow
