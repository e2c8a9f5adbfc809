#pragma once

// Runs a program (usually jwtflow-cli) to its end for a test, keeping this thread's event loop
// turning meanwhile, so a server living in the test (ScriptedHttpServer, a PracticeOrg) can answer
// it. One helper for every CLI test.
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTimer>

namespace testsupport {

struct ProcessRun {
    int exitCode = -1; // -1: crashed, did not start, or timed out
    QString out;
    QString err;
    QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
};

// environment: set on top of this process's environment; unset: removed from it.
inline ProcessRun runProcess(const QString &program, const QStringList &arguments, const QByteArray &input = {},
    const QMap<QString, QString> &environment = {}, const QStringList &unset = {}, int timeoutMs = 60000)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &name : unset)
        env.remove(name);
    for (auto it = environment.begin(); it != environment.end(); ++it)
        env.insert(it.key(), it.value());
    process.setProcessEnvironment(env);
    QEventLoop loop;
    QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
    QObject::connect(&process, &QProcess::errorOccurred, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    process.start(program, arguments);
    process.write(input);
    process.closeWriteChannel();
    if (process.state() != QProcess::NotRunning)
        loop.exec();
    if (process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished(1000);
        return { -1, QString::fromUtf8(process.readAllStandardOutput()),
            QStringLiteral("timed out: ") + QString::fromUtf8(process.readAllStandardError()) };
    }
    const bool normal = process.exitStatus() == QProcess::NormalExit && process.error() != QProcess::FailedToStart;
    return { normal ? process.exitCode() : -1, QString::fromUtf8(process.readAllStandardOutput()),
        QString::fromUtf8(process.readAllStandardError()) };
}

#ifdef JWTFLOW_CLI_PATH
inline ProcessRun runCli(const QStringList &arguments, const QByteArray &input = {}, int timeoutMs = 60000)
{
    return runProcess(QStringLiteral(JWTFLOW_CLI_PATH), arguments, input, {}, {}, timeoutMs);
}
#endif

} // namespace testsupport
