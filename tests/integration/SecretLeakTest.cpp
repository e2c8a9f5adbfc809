// Catalogue section D of reliability.md: a full exchange with an encrypted private key against the
// practice org, with every Qt logging category at debug level and a message handler capturing all
// of it, in-process and through jwtflow-cli. The private key (its PEM body and every base64 line
// of it), its passphrase and the access token must appear in no log line, no default output, no
// settings file and no file in the temporary folder.
#include "integration/PracticeOrgFixture.h"
#include "support/CliProcess.h"

#include <QDirIterator>
#include <QLoggingCategory>
#include <QMutex>
#include <QSettings>
#include <QStandardPaths>

using namespace jwtflow;

namespace {

QMutex g_logMutex;
QStringList g_log;

void captureEverything(QtMsgType, const QMessageLogContext &context, const QString &message)
{
    const QMutexLocker lock(&g_logMutex);
    g_log << QString::fromLatin1(context.category ? context.category : "") + u' ' + message;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The secret's forms worth searching for: the text itself, and for a PEM each body line and the
// whole body joined (what a log that strips newlines would show).
QList<QByteArray> forms(const QByteArray &secret)
{
    QList<QByteArray> out { secret };
    if (secret.startsWith("-----BEGIN")) {
        QByteArray body;
        for (const QByteArray &line : secret.split('\n')) {
            const QByteArray l = line.trimmed();
            if (l.isEmpty() || l.startsWith("-----") || l.contains(':'))
                continue;
            if (l.size() >= 16)
                out << l;
            body += l;
        }
        out << body;
    }
    return out;
}

// Which secret (by name) turns up in `text`, or empty.
QString leak(const QMap<QString, QByteArray> &secrets, const QByteArray &text)
{
    for (auto it = secrets.begin(); it != secrets.end(); ++it) {
        for (const QByteArray &form : forms(it.value())) {
            if (!form.isEmpty() && text.contains(form))
                return it.key() + QStringLiteral(" (") + QString::fromLatin1(form.left(24)) + QStringLiteral("...)");
        }
    }
    return {};
}

// Every regular file under `dir` that holds a secret, as "path: secret".
QStringList filesWithSecrets(const QString &dir, const QMap<QString, QByteArray> &secrets)
{
    QStringList found;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (const QString what = leak(secrets, readFile(path)); !what.isEmpty())
            found << path + QStringLiteral(": ") + what;
    }
    return found;
}

class SecretLeakTest : public practicetest::PracticeOrgTest {
protected:
    void SetUp() override
    {
        PracticeOrgTest::SetUp();
        ASSERT_TRUE(scratch.isValid());
        // From here on, this process's temporary files and settings land where the test looks.
        savedTmp = qgetenv("TMPDIR");
        qputenv("TMPDIR", scratch.filePath(QStringLiteral("tmp")).toUtf8());
        QDir().mkpath(scratch.filePath(QStringLiteral("tmp")));
        QStandardPaths::setTestModeEnabled(true);
        QLoggingCategory::setFilterRules(QStringLiteral("*.debug=true"));
        {
            const QMutexLocker lock(&g_logMutex);
            g_log.clear();
        }
        previousHandler = qInstallMessageHandler(captureEverything);
    }
    void TearDown() override
    {
        qInstallMessageHandler(previousHandler);
        QLoggingCategory::setFilterRules(QString());
        QStandardPaths::setTestModeEnabled(false);
        if (savedTmp.isNull())
            qunsetenv("TMPDIR");
        else
            qputenv("TMPDIR", savedTmp);
        PracticeOrgTest::TearDown();
    }

    QTemporaryDir scratch;
    QByteArray savedTmp;
    QtMessageHandler previousHandler = nullptr;
};

const QByteArray kPassphrase = "correct horse";

} // namespace

TEST_F(SecretLeakTest, FullExchangeLeavesNoSecretInLogsSettingsOrTempFiles)
{
    const QString keyFile = practicetest::fixture("rsa2048-encrypted.pem");
    QMap<QString, QByteArray> secrets { { QStringLiteral("private key"), readFile(practicetest::fixture("rsa2048-pkcs8.pem")) },
        { QStringLiteral("encrypted key file"), readFile(keyFile) }, { QStringLiteral("passphrase"), kPassphrase } };
    ASSERT_FALSE(secrets.value(QStringLiteral("private key")).isEmpty());

    // In-process, as the window does it: load with the passphrase, sign, exchange, call the identity URL.
    int asked = 0;
    const auto key = KeyLoader::loadPrivateKey(keyFile, [&](const QString &) -> std::optional<QByteArray> {
        ++asked;
        return kPassphrase;
    });
    ASSERT_TRUE(key.ok()) << key.error().text().toStdString();
    EXPECT_EQ(asked, 1);
    const ExchangeResult result = exchange(sign(claims(), key.value()));
    ASSERT_TRUE(result.ok()) << result.summary().toStdString();
    const QByteArray accessToken = result.token.accessToken.toLatin1();
    ASSERT_GE(accessToken.size(), 20);
    secrets.insert(QStringLiteral("access token"), accessToken);

    OrgClient client(&manager);
    client.setToken(result.token);
    client.setTimeout(5000);
    std::optional<HttpExchangeRecord> identity;
    QEventLoop loop;
    QObject::connect(&client, &OrgClient::finished, &loop, [&](int, const HttpExchangeRecord &r) {
        identity = r;
        loop.quit();
    });
    ASSERT_TRUE(client.identity().ok());
    if (!identity)
        loop.exec();
    ASSERT_TRUE(identity.has_value());
    EXPECT_EQ(identity->response.status, 200);

    // What is shown or copied by default: masked.
    const QByteArray shown = (result.summary() + u'\n' + result.masked() + u'\n' + identity->masked() + u'\n'
        + QString::fromUtf8(QJsonDocument(result.toJson(HttpExchangeRecord::Secrets::Mask)).toJson()))
                                 .toUtf8();
    EXPECT_EQ(leak(secrets, shown), QString()) << "default output shows a secret";

    // The window saves its geometry in QSettings; write through the same API to be sure the test
    // mode folder is where settings go, then look at every settings file.
    {
        QSettings settings(QStringLiteral("jwtflow"), QStringLiteral("jwtflow"));
        settings.setValue(QStringLiteral("probe"), 1);
        settings.sync();
        EXPECT_TRUE(QFile::exists(settings.fileName())) << settings.fileName().toStdString();
    }

    // The CLI, as verbose as it gets (--raw shows the whole HTTP exchange), with the same key.
    const QString tmp = scratch.filePath(QStringLiteral("tmp"));
    const auto cli = testsupport::runProcess(QStringLiteral(JWTFLOW_CLI_PATH),
        { QStringLiteral("exchange"), QStringLiteral("--env"), origin(), QStringLiteral("--client-id"), org.consumerKey(),
            QStringLiteral("--username"), org.username(), QStringLiteral("--key"), keyFile, QStringLiteral("--raw") },
        {},
        { { QStringLiteral("JWTFLOW_PASSPHRASE"), QString::fromLatin1(kPassphrase) },
            { QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("*.debug=true") }, { QStringLiteral("TMPDIR"), tmp },
            { QStringLiteral("HOME"), scratch.filePath(QStringLiteral("home")) },
            { QStringLiteral("XDG_CONFIG_HOME"), scratch.filePath(QStringLiteral("config")) },
            { QStringLiteral("XDG_CACHE_HOME"), scratch.filePath(QStringLiteral("cache")) },
            { QStringLiteral("XDG_DATA_HOME"), scratch.filePath(QStringLiteral("data")) } },
        {}, 60000);
    ASSERT_EQ(cli.exitCode, 0) << cli.out.toStdString() << cli.err.toStdString();
    EXPECT_TRUE(cli.out.contains(QStringLiteral("POST"))) << "--raw prints the exchange: " << cli.out.toStdString();
    EXPECT_EQ(leak(secrets, cli.out.toUtf8()), QString()) << cli.out.toStdString();
    EXPECT_EQ(leak(secrets, cli.err.toUtf8()), QString()) << cli.err.toStdString();

    // Logs, settings, temporary files.
    QByteArray logged;
    {
        const QMutexLocker lock(&g_logMutex);
        logged = g_log.join(u'\n').toUtf8();
    }
    EXPECT_EQ(leak(secrets, logged), QString()) << logged.toStdString();
    for (const auto location : { QStandardPaths::GenericConfigLocation, QStandardPaths::AppConfigLocation,
             QStandardPaths::AppDataLocation, QStandardPaths::CacheLocation, QStandardPaths::GenericCacheLocation }) {
        const QString dir = QStandardPaths::writableLocation(location);
        if (!dir.isEmpty() && QDir(dir).exists()) {
            EXPECT_EQ(filesWithSecrets(dir, secrets), QStringList()) << dir.toStdString();
        }
    }
    EXPECT_EQ(filesWithSecrets(scratch.path(), secrets), QStringList());
}
