// Quits while a worker thread is inside QCA, as jwtflow does when the window closes during a key
// load or a key generation. The process must end with 0, not crash in QCA's shutdown.
//   jwtflow_crypto_shutdown_probe first-use KEY.pem   the worker makes the process's first crypto call
//   jwtflow_crypto_shutdown_probe busy KEY.pem        the worker is loading keys and signing
#include "crypto/KeyLoader.h"
#include "crypto/Signer.h"
#include "token/Jwt.h"

#include <QCoreApplication>
#include <QFile>
#include <QRandomGenerator>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <cstdio>

namespace {
std::atomic<bool> started { false };
std::atomic<int> rounds { 0 };
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() != 3 || (args.at(1) != QStringLiteral("first-use") && args.at(1) != QStringLiteral("busy"))) {
        std::fprintf(stderr, "usage: %s first-use|busy KEY.pem\n", argv[0]);
        return 2;
    }
    QFile file(args.at(2));
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s\n", qPrintable(args.at(2)));
        return 2;
    }
    const QByteArray pem = file.readAll();

    (void)QtConcurrent::run([pem] {
        started = true;
        for (int i = 0; i < 200; ++i) {
            const auto material = jwtflow::KeyLoader::loadData(pem, QStringLiteral("probe.pem"));
            if (!material) {
                std::fprintf(stderr, "load failed: %s\n", qPrintable(material.error().text()));
                std::_Exit(3);
            }
            auto jwt = jwtflow::Jwt::compose(R"({"alg":"RS256"})", R"({"iss":"probe"})");
            if (!jwt || !jwtflow::Signer::sign(jwt.value(), material.value().privateKey)) {
                std::fprintf(stderr, "signing failed\n");
                std::_Exit(3);
            }
            ++rounds;
        }
    });
    const bool busy = args.at(1) == QStringLiteral("busy");
    while (busy ? rounds.load() < 1 : !started.load())
        QThread::yieldCurrentThread();
    if (!busy) // somewhere inside QCA's start-up (it loads its plugins for a few milliseconds)
        QThread::usleep(QRandomGenerator::global()->bounded(4000));
    return 0; // ~QCoreApplication now, with the worker still running
}
