#pragma once

#include "core/Result.h"
#include "core/SecretBytes.h"

#include <QByteArray>
#include <QString>

#include <functional>

class QObject;

namespace jwtflow {

// Where secrets (a key's passphrase) may be kept between runs: the system keychain, or nowhere.
// Never a file of ours. Every call is asynchronous (a keychain may ask the user to unlock it) and
// answers on the calling thread; `context` going away drops the answer. Error codes "secret.":
// "secret.no-backend" when there is no keychain to use (no Secret Service, no KWallet), in which
// case nothing is stored anywhere; "secret.not-found" when read finds no entry.
class SecretStore {
public:
    using ReadDone = std::function<void(const Result<QByteArray> &)>;
    using Done = std::function<void(const Result<void> &)>;

    virtual ~SecretStore() = default;

    // A name for the place ("the system keychain (Secret Service)"), for messages.
    virtual QString description() const = 0;
    virtual void read(const QString &key, QObject *context, ReadDone done) = 0;
    // The store keeps the bytes it needs and wipes its own copies once done with them.
    virtual void write(const QString &key, const SecretBytes &secret, QObject *context, Done done) = 0;
    virtual void remove(const QString &key, QObject *context, Done done) = 0;
};

} // namespace jwtflow
