// jwtflow-cli practice-org as scripts and trainers run it: a real process on a free port that
// prints how to reach it, answers `jwtflow-cli exchange` signed with the demo key, applies
// scenarios from the command line and stops cleanly on SIGTERM and SIGINT.
#include "integration/PracticeOrgFixture.h"
#include "support/CliProcess.h"

#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>

#include <csignal>

using namespace jwtflow;

namespace {

using CliRun = testsupport::ProcessRun;

CliRun cli(const QStringList &arguments)
{
    return testsupport::runCli(arguments, {}, 20000);
}

class PracticeOrgCliTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(dataDir.isValid());
        ASSERT_TRUE(practicetest::seedDataFolder(dataDir.path()));
    }

    void TearDown() override
    {
        if (server.state() != QProcess::NotRunning) {
            server.kill();
            server.waitForFinished(3000);
        }
    }

    // Starts the server and reads its first line of output.
    QString start(const QStringList &extra)
    {
        server.start(QStringLiteral(JWTFLOW_CLI_PATH),
            QStringList { QStringLiteral("practice-org"), QStringLiteral("--port"), QStringLiteral("0"),
                QStringLiteral("--data-dir"), dataDir.path() }
                + extra);
        EXPECT_TRUE(server.waitForStarted(10000));
        QByteArray line;
        while (!line.contains('\n') && server.waitForReadyRead(15000))
            line += server.readAllStandardOutput();
        return QString::fromUtf8(line);
    }

    QTemporaryDir dataDir;
    QProcess server;
};

} // namespace

TEST_F(PracticeOrgCliTest, JsonDetailsThenAnExchangeWithTheDemoKey)
{
    const QString first = start({ QStringLiteral("--json") });
    const QJsonObject details = QJsonDocument::fromJson(first.section(QLatin1Char('\n'), 0, 0).toUtf8()).object();
    const QString url = details.value(QStringLiteral("url")).toString();
    ASSERT_TRUE(QRegularExpression(QStringLiteral("^http://127\\.0\\.0\\.1:\\d+$")).match(url).hasMatch()) << first.toStdString();
    EXPECT_EQ(details.value(QStringLiteral("keyFile")).toString(), QDir(dataDir.path()).filePath(QStringLiteral("demo.key")));
    EXPECT_EQ(details.value(QStringLiteral("jwksUri")).toString(), url + QStringLiteral("/id/keys"));
    EXPECT_FALSE(details.value(QStringLiteral("orgId")).toString().isEmpty());

    const CliRun exchange = cli({ QStringLiteral("exchange"), QStringLiteral("--env"), url, QStringLiteral("--client-id"),
        details.value(QStringLiteral("consumerKey")).toString(), QStringLiteral("--username"),
        details.value(QStringLiteral("username")).toString(), QStringLiteral("--key"),
        details.value(QStringLiteral("keyFile")).toString(), QStringLiteral("--json"), QStringLiteral("--show-secrets") });
    ASSERT_EQ(exchange.exitCode, 0) << exchange.out.toStdString() << exchange.err.toStdString();
    const QJsonObject result = QJsonDocument::fromJson(exchange.out.toUtf8()).object();
    const QJsonObject token = result.value(QStringLiteral("token")).toObject();
    EXPECT_TRUE(token.value(QStringLiteral("access_token"))
            .toString()
            .startsWith(details.value(QStringLiteral("orgId")).toString().left(15) + QLatin1Char('!')));
    EXPECT_EQ(token.value(QStringLiteral("instance_url")).toString(), url);

    // The token works with `jwtflow-cli call`.
    const CliRun call = cli({ QStringLiteral("call"), QStringLiteral("query"), QStringLiteral("--soql"),
        QStringLiteral("SELECT Name FROM Account LIMIT 1"), QStringLiteral("--token"),
        token.value(QStringLiteral("access_token")).toString(), QStringLiteral("--instance"), url });
    EXPECT_EQ(call.exitCode, 0) << call.out.toStdString() << call.err.toStdString();
    EXPECT_TRUE(call.out.contains(QStringLiteral("Edge Communications"))) << call.out.toStdString();

    ::kill(server.processId(), SIGTERM);
    ASSERT_TRUE(server.waitForFinished(10000));
    EXPECT_EQ(server.exitStatus(), QProcess::NormalExit);
    EXPECT_EQ(server.exitCode(), 0);
}

TEST_F(PracticeOrgCliTest, HumanOutputLogsRequestsAndStopsOnSigint)
{
    const QString first = start({});
    const QRegularExpressionMatch match = QRegularExpression(
        QStringLiteral("^Practice org running at (http://127\\.0\\.0\\.1:\\d+)$"), QRegularExpression::MultilineOption)
                                              .match(first);
    ASSERT_TRUE(match.hasMatch()) << first.toStdString();
    const QString url = match.captured(1);
    QByteArray rest;
    while (!rest.contains("Ctrl+C") && server.waitForReadyRead(5000))
        rest += server.readAllStandardOutput();
    const QString text = first + QString::fromUtf8(rest);
    for (const char *label : { "consumer key:", "username:", "private key:", "certificate:" })
        EXPECT_TRUE(text.contains(QString::fromLatin1(label))) << text.toStdString();

    // A refused exchange: the log names the E-case and what the org saw.
    const CliRun refused = cli({ QStringLiteral("exchange"), QStringLiteral("--env"), url, QStringLiteral("--client-id"),
        QStringLiteral("3MVG9wrong"), QStringLiteral("--username"), QStringLiteral("x@y.z"), QStringLiteral("--key"),
        QDir(dataDir.path()).filePath(QStringLiteral("demo.key")) });
    EXPECT_EQ(refused.exitCode, 4) << refused.out.toStdString();
    EXPECT_TRUE(refused.out.contains(QStringLiteral("invalid_client_id — client identifier invalid")))
        << refused.out.toStdString();

    ::kill(server.processId(), SIGINT);
    ASSERT_TRUE(server.waitForFinished(10000));
    EXPECT_EQ(server.exitCode(), 0);
    const QString log = QString::fromUtf8(server.readAllStandardError());
    EXPECT_TRUE(log.contains(QStringLiteral("POST /services/oauth2/token → 400  E5 invalid_client_id"))) << log.toStdString();
    EXPECT_TRUE(log.contains(QStringLiteral("Stopped after 1 requests (0 tokens issued, 1 refused)."))) << log.toStdString();
}

TEST_F(PracticeOrgCliTest, ScenariosConfigAndErrors)
{
    QJsonObject details = QJsonDocument::fromJson(
        start({ QStringLiteral("--json"), QStringLiteral("--scenario"), QStringLiteral("inactive-user") }).toUtf8())
                              .object();
    EXPECT_EQ(details.value(QStringLiteral("scenarios")).toArray(), QJsonArray { QStringLiteral("inactive-user") });
    const CliRun exchange
        = cli({ QStringLiteral("exchange"), QStringLiteral("--env"), details.value(QStringLiteral("url")).toString(),
            QStringLiteral("--client-id"), details.value(QStringLiteral("consumerKey")).toString(), QStringLiteral("--username"),
            details.value(QStringLiteral("username")).toString(), QStringLiteral("--key"),
            details.value(QStringLiteral("keyFile")).toString() });
    EXPECT_EQ(exchange.exitCode, 4);
    EXPECT_TRUE(exchange.out.contains(QStringLiteral("invalid_grant — inactive user"))) << exchange.out.toStdString();
    server.terminate();
    server.waitForFinished(5000);

    // --print-config writes a config file that --config reads back.
    const CliRun printed
        = cli({ QStringLiteral("practice-org"), QStringLiteral("--data-dir"), dataDir.path(), QStringLiteral("--print-config") });
    ASSERT_EQ(printed.exitCode, 0) << printed.err.toStdString();
    QJsonObject config = QJsonDocument::fromJson(printed.out.toUtf8()).object();
    ASSERT_EQ(config.value(QStringLiteral("apps")).toArray().size(), 2);
    QJsonObject orgJson = config.value(QStringLiteral("org")).toObject();
    orgJson[QStringLiteral("name")] = QStringLiteral("Acme Training");
    config[QStringLiteral("org")] = orgJson;
    const QString configPath = QDir(dataDir.path()).filePath(QStringLiteral("org.json"));
    QFile file(configPath);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(config).toJson());
    file.close();
    const CliRun reread = cli({ QStringLiteral("practice-org"), QStringLiteral("--data-dir"), dataDir.path(),
        QStringLiteral("--config"), configPath, QStringLiteral("--print-config") });
    EXPECT_EQ(reread.exitCode, 0) << reread.err.toStdString();
    EXPECT_EQ(QJsonDocument::fromJson(reread.out.toUtf8())
                  .object()
                  .value(QStringLiteral("org"))
                  .toObject()
                  .value(QStringLiteral("name"))
                  .toString(),
        QStringLiteral("Acme Training"));

    const CliRun badScenario = cli({ QStringLiteral("practice-org"), QStringLiteral("--data-dir"), dataDir.path(),
        QStringLiteral("--scenario"), QStringLiteral("nope") });
    EXPECT_EQ(badScenario.exitCode, 2);
    EXPECT_TRUE(badScenario.err.contains(QStringLiteral("There is no scenario \"nope\""))) << badScenario.err.toStdString();
    const CliRun badConfig = cli({ QStringLiteral("practice-org"), QStringLiteral("--data-dir"), dataDir.path(),
        QStringLiteral("--config"), QStringLiteral("/nonexistent.json") });
    EXPECT_EQ(badConfig.exitCode, 2);
    const CliRun help = cli({ QStringLiteral("practice-org"), QStringLiteral("--help") });
    EXPECT_EQ(help.exitCode, 0);
    EXPECT_TRUE(help.out.contains(QStringLiteral("\"policy\": \"admin-approved\" | \"self-authorize\"")))
        << help.out.toStdString();
    EXPECT_TRUE(help.out.contains(QStringLiteral("missing-refresh-token-scope")));
}

TEST_F(PracticeOrgCliTest, JwtAccessTokensSwitchIssuesAVerifiableJwtThatCallsTheApi)
{
    const QString first = start({ QStringLiteral("--json"), QStringLiteral("--jwt-access-tokens") });
    const QJsonObject details = QJsonDocument::fromJson(first.section(QLatin1Char('\n'), 0, 0).toUtf8()).object();
    const QString url = details.value(QStringLiteral("url")).toString();
    ASSERT_FALSE(url.isEmpty()) << first.toStdString();
    EXPECT_TRUE(details.value(QStringLiteral("jwtAccessTokens")).toBool());

    const CliRun exchange = cli({ QStringLiteral("exchange"), QStringLiteral("--env"), url, QStringLiteral("--client-id"),
        details.value(QStringLiteral("consumerKey")).toString(), QStringLiteral("--username"),
        details.value(QStringLiteral("username")).toString(), QStringLiteral("--key"),
        details.value(QStringLiteral("keyFile")).toString(), QStringLiteral("--json"), QStringLiteral("--show-secrets") });
    ASSERT_EQ(exchange.exitCode, 0) << exchange.out.toStdString() << exchange.err.toStdString();
    const QString accessToken = QJsonDocument::fromJson(exchange.out.toUtf8())
                                    .object()
                                    .value(QStringLiteral("token"))
                                    .toObject()
                                    .value(QStringLiteral("access_token"))
                                    .toString();
    ASSERT_EQ(accessToken.count(QLatin1Char('.')), 2) << accessToken.toStdString();
    EXPECT_FALSE(accessToken.startsWith(details.value(QStringLiteral("orgId")).toString().left(15) + QLatin1Char('!')));

    // The JWT is a Bearer token like the opaque one ...
    const CliRun call = cli({ QStringLiteral("call"), QStringLiteral("query"), QStringLiteral("--soql"),
        QStringLiteral("SELECT Name FROM Account LIMIT 1"), QStringLiteral("--token"), accessToken, QStringLiteral("--instance"),
        url });
    EXPECT_EQ(call.exitCode, 0) << call.out.toStdString() << call.err.toStdString();
    EXPECT_TRUE(call.out.contains(QStringLiteral("Edge Communications"))) << call.out.toStdString();

    // ... and `inspect --discover` names it an access token and verifies it with the org's published key.
    const CliRun inspect
        = cli({ QStringLiteral("inspect"), accessToken, QStringLiteral("--discover"), QStringLiteral("--json") });
    const QJsonObject report = QJsonDocument::fromJson(inspect.out.toUtf8()).object();
    const QJsonObject item = report.value(QStringLiteral("tokens")).toArray().at(0).toObject();
    EXPECT_EQ(inspect.exitCode, 0) << inspect.out.toStdString() << inspect.err.toStdString();
    EXPECT_TRUE(
        report.value(QStringLiteral("verdict")).toString().startsWith(QStringLiteral("Salesforce JWT-based access token")))
        << inspect.out.toStdString();
    EXPECT_TRUE(report.value(QStringLiteral("verdict")).toString().contains(QStringLiteral("signature verified")))
        << inspect.out.toStdString();
    EXPECT_EQ(item.value(QStringLiteral("kind")).toString(), QStringLiteral("jwt_access_token")) << inspect.out.toStdString();

    ::kill(server.processId(), SIGTERM);
    ASSERT_TRUE(server.waitForFinished(10000));
    EXPECT_EQ(server.exitCode(), 0);
}

TEST_F(PracticeOrgCliTest, WithoutTheSwitchTheTokenStaysOpaque)
{
    const QString first = start({ QStringLiteral("--json") });
    const QJsonObject details = QJsonDocument::fromJson(first.section(QLatin1Char('\n'), 0, 0).toUtf8()).object();
    EXPECT_FALSE(details.value(QStringLiteral("jwtAccessTokens")).toBool(true)) << first.toStdString();
}
