// jwtflow_keychain_probe SERVICE: one round trip through the real KeychainSecretStore, as its
// own process, so a test (or a person timing it) can run it against any session bus, or none.
// The secret comes on stdin; it is written, read back and compared, removed, then read again.
// One line per step on stdout, never the secret:
//   write: ok (12 ms)
//   read: ok, same bytes (5 ms)
//   remove: ok (3 ms)
//   read-removed: secret.not-found (4 ms) The system keychain holds no such entry. — …
// A step the store never answers within 20 s prints "no answer" (D-Bus's own timeout is 25 s,
// so a call stuck on it shows up) and ends the probe with status 1.
#include "store/KeychainSecretStore.h"
#include "support/SecretStoreSync.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>

#include <cstdio>

using namespace jwtflow;

namespace {

constexpr int kStepTimeoutMs = 20000;

void line(const QString &text)
{
    std::fputs(qPrintable(text + QLatin1Char('\n')), stdout);
    std::fflush(stdout);
}

QString describe(const Error &error, qint64 ms)
{
    return QStringLiteral("%1 (%2 ms) %3").arg(error.code, QString::number(ms), error.text());
}

// Prints the step; false when it got no answer.
template<typename R>
bool report(const QString &step, const std::optional<R> &answer, qint64 ms, const QString &okText = QStringLiteral("ok"))
{
    if (!answer) {
        line(QStringLiteral("%1: no answer within %2 ms").arg(step).arg(kStepTimeoutMs));
        return false;
    }
    line(step + QStringLiteral(": ")
        + (answer->ok() ? QStringLiteral("%1 (%2 ms)").arg(okText).arg(ms) : describe(answer->error(), ms)));
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        std::fputs("usage: jwtflow_keychain_probe SERVICE < secret\n", stderr);
        return 2;
    }
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return 2;
    const QByteArray secret = in.readAll();
    KeychainSecretStore store(QString::fromLocal8Bit(argv[1]));
    const QString key = QStringLiteral("probe");
    QElapsedTimer timer;

    timer.start();
    const auto written = test::writeNow(store, key, secret, kStepTimeoutMs);
    if (!report(QStringLiteral("write"), written, timer.elapsed()))
        return 1;

    timer.restart();
    const auto read = test::readNow(store, key, kStepTimeoutMs);
    const bool same = read && read->ok() && read->value() == secret;
    if (!report(QStringLiteral("read"), read, timer.elapsed(),
            same ? QStringLiteral("ok, same bytes") : QStringLiteral("ok, DIFFERENT bytes")))
        return 1;

    timer.restart();
    if (!report(QStringLiteral("remove"), test::removeNow(store, key, kStepTimeoutMs), timer.elapsed()))
        return 1;

    timer.restart();
    const auto again = test::readNow(store, key, kStepTimeoutMs);
    if (!report(QStringLiteral("read-removed"), again, timer.elapsed(), QStringLiteral("ok, STILL THERE")))
        return 1;
    return 0;
}
