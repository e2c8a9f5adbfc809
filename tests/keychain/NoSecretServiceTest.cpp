// KeychainSecretStore where there is no keychain to use, and what its process prints. Each case
// runs jwtflow_keychain_probe (one write, read, remove, read) as a child process with the
// environment of the case, since a process has one session bus for its whole life:
// - no session bus at all (a build root, a CI job, ssh without a desktop);
// - a session bus on which nothing offers org.freedesktop.secrets;
// - a session bus where gnome-keyring can be started but no keyring is unlocked and no prompt
//   can be shown (a desktop machine reached headless);
// - the real keyring from tests/run-with-keyring with every Qt and GLib debug message on: the
//   secret must not appear in the output.
// Every step must answer with an error value (never a silent success), and must answer: the
// probe gives each step 20 s, under D-Bus's 25 s timeout, so a call stuck on it fails here.
#include "SecretServiceCheck.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace jwtflow;

namespace {

const QString kProbe = QStringLiteral(JWTFLOW_KEYCHAIN_PROBE_PATH);
const QString kActivatableKeyring = QStringLiteral("/usr/share/dbus-1/services/org.freedesktop.secrets.service");

struct ProbeRun {
    bool finished = false;
    int exitCode = -1;
    QString out; // stdout: one line per step
    QByteArray all; // stdout and stderr, for the leak checks
    QString line(const QString &step) const
    {
        for (const QString &l : out.split(QLatin1Char('\n'))) {
            if (l.startsWith(step + QStringLiteral(": ")))
                return l;
        }
        return {};
    }
};

// A home, runtime and data folder of its own, no display, no bus unless one is given, and every
// Qt and GLib debug message switched on.
QProcessEnvironment isolatedEnvironment(const QTemporaryDir &dir)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : { "DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "WAYLAND_DISPLAY", "GNOME_KEYRING_CONTROL",
             "XDG_CURRENT_DESKTOP", "DESKTOP_SESSION" })
        env.remove(QString::fromLatin1(name));
    for (const char *sub : { "home", "run", "data", "config", "cache" })
        QDir(dir.path()).mkpath(QString::fromLatin1(sub));
    QFile::setPermissions(
        dir.filePath(QStringLiteral("run")), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    env.insert(QStringLiteral("HOME"), dir.filePath(QStringLiteral("home")));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), dir.filePath(QStringLiteral("run")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), dir.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), dir.filePath(QStringLiteral("cache")));
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("*.debug=true"));
    env.insert(QStringLiteral("G_MESSAGES_DEBUG"), QStringLiteral("all"));
    return env;
}

ProbeRun runProbe(const QProcessEnvironment &env, const QByteArray &secret)
{
    QProcess probe;
    probe.setProcessEnvironment(env);
    probe.start(kProbe, { test::uniqueService() });
    ProbeRun run;
    if (!probe.waitForStarted(10000))
        return run;
    probe.write(secret);
    probe.closeWriteChannel();
    // Four steps of at most 20 s each inside the probe.
    run.finished = probe.waitForFinished(100000);
    if (!run.finished) {
        probe.kill();
        probe.waitForFinished(5000);
    }
    run.exitCode = probe.exitCode();
    const QByteArray out = probe.readAllStandardOutput();
    run.out = QString::fromUtf8(out);
    run.all = out + probe.readAllStandardError();
    return run;
}

QByteArray randomSecret()
{
    return "probe-secret-" + QByteArray::number(QRandomGenerator::global()->generate64(), 36);
}

// A dbus-daemon of the test's own, stopped (with whatever it started) when this goes.
class PrivateBus {
public:
    ~PrivateBus()
    {
        if (m_daemon.state() != QProcess::NotRunning) {
            m_daemon.terminate();
            if (!m_daemon.waitForFinished(5000))
                m_daemon.kill();
        }
    }
    // dbus-daemon with these arguments (a configuration), printing its address on stdout.
    bool start(const QStringList &configuration, const QProcessEnvironment &env)
    {
        const QString program = QStandardPaths::findExecutable(QStringLiteral("dbus-daemon"));
        if (program.isEmpty())
            return false;
        m_daemon.setProcessEnvironment(env);
        m_daemon.start(program,
            configuration
                + QStringList { QStringLiteral("--nofork"), QStringLiteral("--nopidfile"), QStringLiteral("--print-address=1") });
        while (!m_daemon.canReadLine()) {
            if (!m_daemon.waitForReadyRead(10000))
                return false;
        }
        m_address = QString::fromUtf8(m_daemon.readLine()).trimmed();
        return !m_address.isEmpty();
    }
    QString address() const { return m_address; }

private:
    QProcess m_daemon;
    QString m_address;
};

bool haveDbusDaemon()
{
    return !QStandardPaths::findExecutable(QStringLiteral("dbus-daemon")).isEmpty();
}

void expectEveryStepRefused(const ProbeRun &run, const QString &code)
{
    ASSERT_TRUE(run.finished) << "the probe hung:\n" << run.all.toStdString();
    EXPECT_EQ(run.exitCode, 0) << "a step got no answer within 20 s:\n" << run.all.toStdString();
    for (const QString &step :
        { QStringLiteral("write"), QStringLiteral("read"), QStringLiteral("remove"), QStringLiteral("read-removed") })
        EXPECT_TRUE(run.line(step).startsWith(step + QStringLiteral(": ") + code + QStringLiteral(" (")))
            << run.out.toStdString();
}

} // namespace

TEST(NoSecretService, WithoutASessionBusEveryCallSaysThereIsNoKeychain)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const ProbeRun run = runProbe(isolatedEnvironment(dir), randomSecret());
    expectEveryStepRefused(run, QStringLiteral("secret.no-backend"));
    EXPECT_TRUE(
        run.line(QStringLiteral("write")).contains(QStringLiteral("There is no system keychain to store the passphrase in")))
        << run.out.toStdString();
    EXPECT_TRUE(run.line(QStringLiteral("write")).contains(QStringLiteral("Nothing was stored."))) << run.out.toStdString();
    EXPECT_TRUE(run.line(QStringLiteral("write")).contains(QStringLiteral("GNOME Keyring or KWallet")))
        << "the hint says what to do";
}

TEST(NoSecretService, ABusWithNoSecretServiceOnItSaysThereIsNoKeychain)
{
    if (!haveDbusDaemon()) {
        if (test::keychainRequired())
            FAIL() << "JWTFLOW_REQUIRE_KEYCHAIN=1 but dbus-daemon is not installed";
        GTEST_SKIP() << "dbus-daemon is not installed";
    }
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    // A bus that starts nothing: no service folders to activate from.
    QFile config(dir.filePath(QStringLiteral("bus.conf")));
    ASSERT_TRUE(config.open(QIODevice::WriteOnly));
    config.write(QStringLiteral("<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
                                " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
                                "<busconfig><type>session</type><listen>unix:dir=%1</listen><auth>EXTERNAL</auth>\n"
                                "<policy context=\"default\"><allow send_destination=\"*\" eavesdrop=\"true\"/><allow "
                                "eavesdrop=\"true\"/><allow own=\"*\"/></policy>\n"
                                "</busconfig>\n")
            .arg(dir.path())
            .toUtf8());
    config.close();
    QProcessEnvironment env = isolatedEnvironment(dir);
    PrivateBus bus;
    ASSERT_TRUE(bus.start({ QStringLiteral("--config-file=") + config.fileName() }, env)) << "dbus-daemon did not start";
    env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), bus.address());
    expectEveryStepRefused(runProbe(env, randomSecret()), QStringLiteral("secret.no-backend"));
}

TEST(NoSecretService, AKeyringThatCannotBeUnlockedRefusesWithoutHanging)
{
    if (!haveDbusDaemon() || !QFile::exists(kActivatableKeyring)) {
        if (test::keychainRequired())
            FAIL() << "JWTFLOW_REQUIRE_KEYCHAIN=1 but dbus-daemon or gnome-keyring is not installed";
        GTEST_SKIP() << "dbus-daemon or gnome-keyring is not installed";
    }
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    // The standard session bus: gnome-keyring-daemon starts on the first call, finds no keyring
    // in the empty home, and its prompt to create one cannot be shown (no display).
    QProcessEnvironment env = isolatedEnvironment(dir);
    PrivateBus bus;
    ASSERT_TRUE(bus.start({ QStringLiteral("--session"), QStringLiteral("--address=unix:dir=") + dir.path() }, env))
        << "dbus-daemon did not start";
    env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), bus.address());
    const QByteArray secret = randomSecret();
    const ProbeRun run = runProbe(env, secret);
    ASSERT_TRUE(run.finished) << "the probe hung:\n" << run.all.toStdString();
    EXPECT_EQ(run.exitCode, 0) << "a step got no answer within 20 s:\n" << run.all.toStdString();
    const QString write = run.line(QStringLiteral("write"));
    EXPECT_TRUE(write.startsWith(QStringLiteral("write: secret."))) << "the write must fail, not pretend:\n"
                                                                    << run.out.toStdString();
    EXPECT_TRUE(write.contains(QStringLiteral("The system keychain"))) << write.toStdString();
    EXPECT_TRUE(write.startsWith(QStringLiteral("write: secret.locked"))) << "said as a missing unlocked keyring:\n"
                                                                          << write.toStdString();
    EXPECT_TRUE(write.contains(QStringLiteral("no unlocked default keyring"))) << write.toStdString();
    EXPECT_FALSE(run.line(QStringLiteral("read")).startsWith(QStringLiteral("read: ok"))) << run.out.toStdString();
    EXPECT_FALSE(run.all.contains(secret)) << "the secret reached the probe's output";
}

TEST(NoSecretService, TheSecretNeverReachesTheOutputEvenWithEveryDebugMessageOn)
{
    JWTFLOW_NEED_SECRET_SERVICE();
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    // The real keyring of tests/run-with-keyring, with Qt's and GLib's debug output on.
    QProcessEnvironment env = isolatedEnvironment(dir);
    env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS"));
    const QByteArray secret = randomSecret();
    const ProbeRun run = runProbe(env, secret);
    ASSERT_TRUE(run.finished) << "the probe hung";
    EXPECT_EQ(run.exitCode, 0) << run.out.toStdString();
    EXPECT_TRUE(run.line(QStringLiteral("write")).startsWith(QStringLiteral("write: ok"))) << run.out.toStdString();
    EXPECT_TRUE(run.line(QStringLiteral("read")).startsWith(QStringLiteral("read: ok, same bytes"))) << run.out.toStdString();
    EXPECT_TRUE(run.line(QStringLiteral("remove")).startsWith(QStringLiteral("remove: ok"))) << run.out.toStdString();
    EXPECT_TRUE(run.line(QStringLiteral("read-removed")).startsWith(QStringLiteral("read-removed: secret.not-found")))
        << run.out.toStdString();
    // QtKeychain stores binary data as base64: neither form, nor hex, may be printed.
    EXPECT_FALSE(run.all.contains(secret));
    EXPECT_FALSE(run.all.contains(secret.toBase64()));
    EXPECT_FALSE(run.all.contains(secret.toHex()));
}
