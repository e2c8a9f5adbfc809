#pragma once
// SecretStore calls made synchronous for tests: each runs the event loop until the store answers
// or timeoutMs pass. nullopt means no answer came (a hang is a finding, never a silent wait).
#include "store/SecretStore.h"

#include <QEventLoop>
#include <QTimer>

#include <optional>

namespace jwtflow::test {

namespace detail {
template<typename R, typename Start> std::optional<R> answer(Start start, int timeoutMs)
{
    std::optional<R> out;
    QEventLoop loop;
    start(&loop, [&out, &loop](const R &result) {
        out = result;
        loop.quit();
    });
    if (!out) {
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return out;
}
} // namespace detail

inline std::optional<Result<QByteArray>> readNow(SecretStore &store, const QString &key, int timeoutMs)
{
    return detail::answer<Result<QByteArray>>(
        [&](QObject *context, SecretStore::ReadDone done) { store.read(key, context, std::move(done)); }, timeoutMs);
}

inline std::optional<Result<void>> writeNow(SecretStore &store, const QString &key, const QByteArray &secret, int timeoutMs)
{
    return detail::answer<Result<void>>(
        [&](QObject *context, SecretStore::Done done) { store.write(key, SecretBytes(secret), context, std::move(done)); },
        timeoutMs);
}

inline std::optional<Result<void>> removeNow(SecretStore &store, const QString &key, int timeoutMs)
{
    return detail::answer<Result<void>>(
        [&](QObject *context, SecretStore::Done done) { store.remove(key, context, std::move(done)); }, timeoutMs);
}

} // namespace jwtflow::test
