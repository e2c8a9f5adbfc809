#include "CliCommands.h"

#include "core/TerminalText.h"
#include "practice/OrgDirectory.h"
#include "practice/PracticeOrg.h"
#include "practice/PracticeScenario.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSocketNotifier>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace jwtflow::cli {

namespace {

// SIGINT/SIGTERM reach the event loop through a socket pair: a signal handler may only write(2).
int g_signalSockets[2] = { -1, -1 };

void onStopSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t written = ::write(g_signalSockets[0], &byte, 1);
}

bool installStopHandlers()
{
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, g_signalSockets) != 0)
        return false;
    struct sigaction action = {};
    action.sa_handler = onStopSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return ::sigaction(SIGINT, &action, nullptr) == 0 && ::sigaction(SIGTERM, &action, nullptr) == 0;
}

QString scenarioList()
{
    QString text;
    for (const PracticeScenario::Id id : PracticeScenario::all()) {
        const QString code = PracticeScenario::expectedCode(id);
        text += QStringLiteral("  %1%2%3\n")
                    .arg(PracticeScenario::name(id).leftJustified(29),
                        (code.isEmpty() ? QStringLiteral("-") : code).leftJustified(5), PracticeScenario::description(id));
    }
    return text;
}

} // namespace

int practiceOrgCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Run a local org that answers like Salesforce: the JWT bearer token endpoint (Salesforce's checks and exact errors),\n"
        "the identity URL, userinfo, /services/data with SOQL (WHERE, ORDER BY, LIMIT, OFFSET, COUNT(), Owner.Name and\n"
        "other relationship fields) over Organization, User, Profile, Account and Contact, OpenID discovery with\n"
        "/id/keys, and frontdoor.jsp. It listens on 127.0.0.1 only and serves until Ctrl+C (SIGINT) or SIGTERM.\n\n"
        "The first start creates a demo key pair and certificate (kept in %1; the key file is mode 0600). The default\n"
        "org has an admin-approved app whose consumer key and user are printed, with the path of the key to sign with.\n\n"
        "Scenarios (--scenario NAME, repeatable) make the next exchange fail on purpose:\n%2\n%3")
            .arg(DemoCredentials::defaultFolder(), scenarioList(), OrgDirectory::formatHelp()));
    parser.addHelpOption();
    const QCommandLineOption portOpt(QStringLiteral("port"), QStringLiteral("Port on 127.0.0.1 (default 0: any free port)."),
        QStringLiteral("n"), QStringLiteral("0"));
    const QCommandLineOption configOpt(QStringLiteral("config"),
        QStringLiteral("A JSON file describing the org, apps and users (format below)."), QStringLiteral("file"));
    const QCommandLineOption dataOpt(QStringLiteral("data-dir"),
        QStringLiteral("Where the demo keys live (default: the user's data folder)."), QStringLiteral("dir"));
    const QCommandLineOption scenarioOpt(
        QStringLiteral("scenario"), QStringLiteral("Apply a failure scenario (names above)."), QStringLiteral("name"));
    const QCommandLineOption jwtAccessTokensOpt(QStringLiteral("jwt-access-tokens"),
        QStringLiteral("The first app issues JWT-based access tokens (RS256, signed with the org's key at\n"
                       "/id/keys) instead of opaque ones, as Salesforce's \"Issue JSON Web Token (JWT)-based\n"
                       "access tokens for named users\" does. Off by default."));
    const QCommandLineOption quietOpt(QStringLiteral("quiet"), QStringLiteral("Do not log each request to standard error."));
    const QCommandLineOption jsonOpt(
        QStringLiteral("json"), QStringLiteral("Print the connection details as one JSON line; no request log."));
    const QCommandLineOption printConfigOpt(
        QStringLiteral("print-config"), QStringLiteral("Print the org as JSON (a config file to start from) and exit."));
    parser.addOptions({ portOpt, configOpt, dataOpt, scenarioOpt, jwtAccessTokensOpt, quietOpt, jsonOpt, printConfigOpt });
    parser.process(arguments);
    const bool json = parser.isSet(jsonOpt);

    bool portOk = false;
    const uint port = parser.value(portOpt).toUInt(&portOk);
    if (!portOk || port > 65535)
        return printError(
            makeError(QStringLiteral("practice.port"), QStringLiteral("--port takes a number from 0 to 65535.")), json);

    PracticeOrg org;
    PracticeOrg::Options options;
    options.port = quint16(port);
    options.configFile = parser.value(configOpt);
    options.dataFolder = parser.value(dataOpt);
    if (auto started = org.start(options); !started)
        return printError(
            started.error(), json, started.error().code.startsWith(QLatin1String("practice.config")) ? BadInput : Failed);
    if (parser.isSet(jwtAccessTokensOpt))
        org.setAppOption(PracticeAppOption::Id::JwtAccessTokens, true);
    for (const QString &name : parser.values(scenarioOpt)) {
        if (auto applied = org.applyScenario(name); !applied)
            return printError(applied.error(), json);
    }
    if (parser.isSet(printConfigOpt)) {
        out() << QJsonDocument(org.directory().toJson()).toJson(QJsonDocument::Indented);
        return Success;
    }
    if (!installStopHandlers())
        return printError(
            makeError(QStringLiteral("practice.signals"), QStringLiteral("Cannot install the SIGINT/SIGTERM handlers.")), json,
            Failed);

    QJsonArray scenarios;
    for (const PracticeScenario::Id id : org.activeScenarios())
        scenarios.append(PracticeScenario::name(id));
    const QString url = org.url().toString();
    if (json) {
        const QJsonObject details { { QStringLiteral("url"), url }, { QStringLiteral("orgId"), org.orgId() },
            { QStringLiteral("consumerKey"), org.consumerKey() }, { QStringLiteral("username"), org.username() },
            { QStringLiteral("keyFile"), org.demoKeyPath() }, { QStringLiteral("certificateFile"), org.demoCertificatePath() },
            { QStringLiteral("jwksUri"), url + QStringLiteral("/id/keys") },
            { QStringLiteral("jwtAccessTokens"), org.appOption(PracticeAppOption::Id::JwtAccessTokens) },
            { QStringLiteral("pid"), QCoreApplication::applicationPid() }, // to stop it by id from scripts
            { QStringLiteral("scenarios"), scenarios } };
        out() << QJsonDocument(details).toJson(QJsonDocument::Compact) << '\n';
    } else {
        out() << "Practice org running at " << url << '\n'
              << "  org id:        " << org.orgId() << '\n'
              << "  consumer key:  " << org.consumerKey() << '\n'
              << "  username:      " << org.username() << '\n'
              << "  private key:   " << org.demoKeyPath() << '\n'
              << "  certificate:   " << org.demoCertificatePath() << '\n';
        if (org.appOption(PracticeAppOption::Id::JwtAccessTokens))
            out() << "  access tokens: JWT-based (RS256; keys at " << url << "/id/keys)\n";
        if (!scenarios.isEmpty())
            out() << "  scenarios:     " << org.activeScenarios().size() << " active ("
                  << QJsonDocument(scenarios).toJson(QJsonDocument::Compact) << ")\n";
        out() << "Try: jwtflow-cli exchange --env " << url << " --client-id " << org.consumerKey() << " --username "
              << org.username() << " --key " << org.demoKeyPath() << '\n'
              << "Press Ctrl+C to stop.\n";
    }
    out().flush();

    if (!json && !parser.isSet(quietOpt)) {
        QObject::connect(&org, &PracticeOrg::requestHandled, &org, [](const PracticeOrg::LogEntry &entry) {
            // Method, path and note come from whichever client connected: one line each entry.
            err() << TerminalText::line(QString::fromLatin1(entry.method)) << ' ' << TerminalText::line(entry.path) << " → "
                  << entry.status;
            if (!entry.note.isEmpty())
                err() << "  " << TerminalText::line(entry.note);
            err() << '\n';
            err().flush();
        });
    }

    QEventLoop loop;
    QSocketNotifier notifier(g_signalSockets[1], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &loop, &QEventLoop::quit);
    loop.exec();

    const PracticeOrg::Stats stats = org.stats();
    org.stop();
    if (!json)
        err() << "Stopped after " << stats.requests << " requests (" << stats.tokensIssued << " tokens issued, "
              << stats.tokensRefused << " refused).\n";
    err().flush();
    return Success;
}

} // namespace jwtflow::cli
