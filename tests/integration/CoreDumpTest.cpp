// Both programs refuse core dumps (ProcessHardening, first thing in main): a crash after a key was
// loaded must not leave its primes, a passphrase or a token in a core file. Each program is
// started with the core limit raised (as `ulimit -c unlimited` would), killed with SIGSEGV, and
// its working folder must hold no core file; `sleep`, crashed the same way, shows that this
// machine does write one, so the test can fail.
#include "support/CliProcess.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <csignal>
#include <gtest/gtest.h>
#include <sys/resource.h>

namespace {

struct Crash {
    bool started = false;
    bool crashed = false;
    QStringList coreFiles;
    QString coreLimit; // the child's "Max core file size" line of /proc/PID/limits, while it ran
};

Crash crash(const QString &program, const QStringList &arguments, const QByteArray &readyMarker)
{
    Crash result;
    QTemporaryDir dir;
    QProcess process;
    process.setWorkingDirectory(dir.path());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("HOME"), dir.path()); // the window's settings and data stay in here
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), dir.filePath(QStringLiteral("data")));
    process.setProcessEnvironment(env);
    process.setChildProcessModifier([] {
        rlimit unlimited { RLIM_INFINITY, RLIM_INFINITY };
        if (setrlimit(RLIMIT_CORE, &unlimited) != 0) {
            rlimit current {};
            getrlimit(RLIMIT_CORE, &current);
            current.rlim_cur = current.rlim_max;
            setrlimit(RLIMIT_CORE, &current);
        }
    });
    process.start(program, arguments);
    if (!process.waitForStarted(10000))
        return result;
    result.started = true;
    // Ready: the marker on standard output, or (without one) a moment to get past main().
    QByteArray output;
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < 15000 && process.state() == QProcess::Running) {
        process.waitForReadyRead(100);
        output += process.readAllStandardOutput();
        if (readyMarker.isEmpty() ? waited.elapsed() > 1500 : output.contains(readyMarker))
            break;
    }
    QFile limits(QStringLiteral("/proc/%1/limits").arg(process.processId()));
    if (limits.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : limits.readAll().split('\n')) {
            if (line.startsWith("Max core file size"))
                result.coreLimit = QString::fromLatin1(line.simplified());
        }
    }
    ::kill(static_cast<pid_t>(process.processId()), SIGSEGV);
    process.waitForFinished(15000);
    // Under AddressSanitizer the SIGSEGV is caught by its handler, which reports and exits 1
    // instead of dying by the signal: either way the process ended on the crash.
    result.crashed = process.exitStatus() == QProcess::CrashExit || process.exitCode() != 0;
    QThread::msleep(200); // the kernel writes the core before the parent learns of the exit; be generous
    result.coreFiles = QDir(dir.path()).entryList({ QStringLiteral("core*") }, QDir::Files);
    return result;
}

// Whether a crash of an ordinary program leaves a core in its working folder here.
bool machineWritesCores()
{
    const Crash control = crash(QStringLiteral("sleep"), { QStringLiteral("30") }, {});
    return control.started && control.crashed && !control.coreFiles.isEmpty();
}

} // namespace

TEST(CoreDump, CrashingCliLeavesNoCoreFile)
{
    if (!machineWritesCores()) {
        GTEST_SKIP() << "this machine writes no core file into the working folder (see /proc/sys/kernel/core_pattern)";
    }
    QTemporaryDir data;
    const Crash run = crash(QStringLiteral(JWTFLOW_CLI_PATH),
        { QStringLiteral("practice-org"), QStringLiteral("--quiet"), QStringLiteral("--data-dir"),
            data.filePath(QStringLiteral("org")) },
        "Practice org running at");
    ASSERT_TRUE(run.started);
    EXPECT_TRUE(run.crashed);
    EXPECT_TRUE(run.coreFiles.isEmpty()) << run.coreFiles.join(QLatin1Char(' ')).toStdString();
    EXPECT_EQ(run.coreLimit, QStringLiteral("Max core file size 0 0 bytes"));
}

TEST(CoreDump, CrashingWindowLeavesNoCoreFile)
{
    if (!machineWritesCores()) {
        GTEST_SKIP() << "this machine writes no core file into the working folder (see /proc/sys/kernel/core_pattern)";
    }
    const Crash run = crash(QStringLiteral(JWTFLOW_GUI_PATH), { QStringLiteral("--no-practice-org") }, {});
    ASSERT_TRUE(run.started);
    EXPECT_TRUE(run.crashed);
    EXPECT_TRUE(run.coreFiles.isEmpty()) << run.coreFiles.join(QLatin1Char(' ')).toStdString();
    EXPECT_EQ(run.coreLimit, QStringLiteral("Max core file size 0 0 bytes"));
}
