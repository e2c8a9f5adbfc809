#pragma once
// A SecretStore in memory for tests: asynchronous like a keychain (answers from the event loop),
// and able to play "no keychain here" to check that nothing is then stored anywhere.
#include "store/SecretStore.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

class MemorySecretStore : public jwtflow::SecretStore {
public:
    bool available = true;
    QHash<QString, QByteArray> entries;
    int calls = 0;

    QString description() const override { return QStringLiteral("the test keychain"); }

    void read(const QString &key, QObject *context, ReadDone done) override
    {
        later(context, [this, key, done] {
            if (!available)
                done(noBackend());
            else if (!entries.contains(key))
                done(jwtflow::makeError(QStringLiteral("secret.not-found"), QStringLiteral("No such entry.")));
            else
                done(entries.value(key));
        });
    }
    void write(const QString &key, const jwtflow::SecretBytes &secret, QObject *context, Done done) override
    {
        later(context, [this, key, secret = secret.detachedCopy(), done] {
            if (!available)
                return done(noBackend());
            entries.insert(key, secret);
            done({});
        });
    }
    void remove(const QString &key, QObject *context, Done done) override
    {
        later(context, [this, key, done] {
            if (!available)
                return done(noBackend());
            entries.remove(key);
            done({});
        });
    }

private:
    static jwtflow::Error noBackend()
    {
        return jwtflow::makeError(
            QStringLiteral("secret.no-backend"), QStringLiteral("There is no system keychain: nothing was stored."));
    }
    template<typename F> void later(QObject *context, F f)
    {
        ++calls;
        QTimer::singleShot(0, context, f);
    }
};
