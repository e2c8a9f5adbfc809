#include "CliCommands.h"
#include "CryptoCliSupport.h"

#include "core/TerminalText.h"
#include "flow/ClearTextRule.h"
#include "flow/CurlCommand.h"
#include "flow/OrgClient.h"
#include "flow/SecretMasker.h"
#include "flow/SystemProxyFactory.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>

#include <optional>

namespace jwtflow::cli {

namespace {

using Secrets = HttpExchangeRecord::Secrets;

const QString kNames = QStringLiteral("identity, userinfo, versions, resources, query, frontdoor");

} // namespace

int callCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Call an org API with an access token and show the answer, raw and pretty.\n\n"
                       "PATH is a path on the instance (/services/data/v62.0/limits), a full URL, or one of:\n"
                       "  identity   the identity URL (--id)          userinfo   /services/oauth2/userinfo\n"
                       "  versions   /services/data                   resources  /services/data/vNN.0\n"
                       "  query      a SOQL query (--soql)            frontdoor  print a frontdoor.jsp link (--ret-url)\n\n"
                       "Exit codes: 0 HTTP 2xx, 2 bad input, 4 the server answered with an error status, 5 no complete answer."));
    parser.addHelpOption();
    parser.addPositionalArgument(
        QStringLiteral("path"), QStringLiteral("What to call: a path, a URL, or one of %1.").arg(kNames));
    const QCommandLineOption tokenOpt(QStringLiteral("token"),
        QStringLiteral("The access token, or - to read standard input. An argument shows in the process list: "
                       "prefer --token-file, standard input or JWTFLOW_ACCESS_TOKEN."),
        QStringLiteral("token"));
    const QCommandLineOption tokenFileOpt(
        QStringLiteral("token-file"), QStringLiteral("File whose first line is the access token."), QStringLiteral("file"));
    const QCommandLineOption instanceOpt(
        QStringLiteral("instance"), QStringLiteral("The token's instance_url."), QStringLiteral("url"));
    const QCommandLineOption idOpt(
        QStringLiteral("id"), QStringLiteral("The token's identity URL (its id field)."), QStringLiteral("url"));
    const QCommandLineOption versionOpt(
        QStringLiteral("api-version"), QStringLiteral("REST API version (default 62.0)."), QStringLiteral("version"));
    const QCommandLineOption soqlOpt(
        QStringLiteral("soql"), QStringLiteral("The SOQL query for PATH query."), QStringLiteral("query"));
    const QCommandLineOption retUrlOpt(QStringLiteral("ret-url"),
        QStringLiteral("Where frontdoor lands, e.g. /lightning/setup/SetupOneHome/home."), QStringLiteral("path"));
    const QCommandLineOption timeoutOpt(QStringLiteral("timeout"),
        QStringLiteral("Give up after this many milliseconds (default 30000)."), QStringLiteral("ms"),
        QString::number(OrgClient::kDefaultTimeoutMs));
    const QCommandLineOption trustHostOpt(QStringLiteral("trust-host"),
        QStringLiteral("Accept any TLS certificate from this host (explicit exception)."), QStringLiteral("host"));
    const QCommandLineOption trustCertOpt(QStringLiteral("trust-cert"),
        QStringLiteral("Accept the certificate with this SHA-256 digest from this host."), QStringLiteral("host=sha256"));
    const QCommandLineOption jsonOpt(QStringLiteral("json"), QStringLiteral("Print one JSON object instead of text."));
    const QCommandLineOption showSecretsOpt(QStringLiteral("show-secrets"), QStringLiteral("Print the access token unmasked."));
    const QCommandLineOption rawOpt(
        QStringLiteral("raw"), QStringLiteral("Print the raw HTTP exchange instead of the pretty one."));
    const QCommandLineOption curlOpt(
        QStringLiteral("curl"), QStringLiteral("Print the request as a curl command and send nothing."));
    const QCommandLineOption insecureOpt(QStringLiteral("allow-insecure-http"),
        QStringLiteral("Send the token over plain http to a host other than this computer (with a warning)."));
    parser.addOptions({ tokenOpt, tokenFileOpt, instanceOpt, idOpt, versionOpt, soqlOpt, retUrlOpt, timeoutOpt, trustHostOpt,
        trustCertOpt, insecureOpt, jsonOpt, showSecretsOpt, rawOpt, curlOpt });
    parser.process(arguments);
    const bool json = parser.isSet(jsonOpt);
    const bool showSecrets = parser.isSet(showSecretsOpt);
    const Secrets secrets = showSecrets ? Secrets::Show : Secrets::Mask;
    const auto bad = [json](const QString &code, const QString &message, const QString &hint = {}) {
        return printError(makeError(code, message, hint), json, BadInput);
    };

    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return bad(QStringLiteral("call.path"), QStringLiteral("Give exactly one PATH."),
            QStringLiteral("A path, a URL, or one of %1.").arg(kNames));
    const QString path = positional.constFirst();
    QString token = parser.value(tokenOpt);
    if (parser.isSet(tokenFileOpt)) {
        QString error;
        std::optional<QByteArray> read = readFirstLineOfFile(parser.value(tokenFileOpt), &error);
        if (!read)
            return bad(QStringLiteral("call.token-file"), error, QStringLiteral("Check the path."));
        token = QString::fromUtf8(*read);
        read->fill('\0');
    } else if (!parser.isSet(tokenOpt) && qEnvironmentVariableIsSet("JWTFLOW_ACCESS_TOKEN")) {
        token = qEnvironmentVariable("JWTFLOW_ACCESS_TOKEN");
    } else if (token == QStringLiteral("-")) {
        const auto read = tokenArgument({});
        if (!read)
            return printError(read.error(), json, BadInput);
        token = read.value();
    }
    token = token.trimmed();
    if (token.startsWith(QLatin1String("Bearer "), Qt::CaseInsensitive))
        token = token.mid(7).trimmed();
    if (token.isEmpty())
        return bad(QStringLiteral("call.token"), QStringLiteral("No access token."),
            QStringLiteral("Give it with --token-file FILE, JWTFLOW_ACCESS_TOKEN, or --token - to read standard input."));
    bool timeoutOk = false;
    const int timeoutMs = parser.value(timeoutOpt).toInt(&timeoutOk);
    if (!timeoutOk || timeoutMs <= 0)
        return bad(QStringLiteral("call.timeout"), QStringLiteral("--timeout takes a positive number of milliseconds."));
    const auto trust = TlsTrust::fromText(parser.values(trustHostOpt), parser.values(trustCertOpt));
    if (!trust)
        return printError(trust.error(), json);

    QNetworkAccessManager manager;
    SystemProxyFactory::install(&manager);
    OrgClient client(&manager);
    client.setToken(TokenResponse::fromSession(token, parser.value(instanceOpt), parser.value(idOpt)));
    if (parser.isSet(versionOpt))
        client.setApiVersion(parser.value(versionOpt));
    client.setTimeout(timeoutMs);
    client.setTlsTrust(trust.value());
    const bool allowHttp = parser.isSet(insecureOpt);
    client.setClearTextConsent(ClearTextRule::Consent { allowHttp, {} });

    if (path == QStringLiteral("frontdoor")) {
        const auto url = client.frontdoorUrl(parser.value(retUrlOpt));
        if (!url)
            return printError(url.error(), json);
        SecretMasker masker;
        masker.addToken(token);
        const QString text = QString::fromUtf8(url->toEncoded());
        const QString shown = showSecrets ? text : masker.apply(text);
        if (json)
            out() << QJsonDocument(QJsonObject { { QStringLiteral("ok"), true }, { QStringLiteral("url"), shown } })
                         .toJson(QJsonDocument::Indented);
        else
            out() << shown << '\n'
                  << (showSecrets ? "(this link logs in as the token's user: treat it as a password)\n"
                                  : "(token masked; --show-secrets prints a usable link)\n");
        return Success;
    }

    // The named calls, or the path (or URL) itself; relative paths go to the instance URL.
    QString pathOrUrl = path;
    if (path == QStringLiteral("identity") || path == QStringLiteral("query")) {
        const auto url = path == QStringLiteral("identity") ? client.identityUrl() : client.queryUrl(parser.value(soqlOpt));
        if (!url)
            return printError(url.error(), json);
        pathOrUrl = QString::fromUtf8(url->toEncoded());
    } else if (path == QStringLiteral("userinfo")) {
        pathOrUrl = QStringLiteral("/services/oauth2/userinfo");
    } else if (path == QStringLiteral("versions")) {
        pathOrUrl = QStringLiteral("/services/data");
    } else if (path == QStringLiteral("resources")) {
        pathOrUrl = QStringLiteral("/services/data/v%1").arg(client.apiVersion());
    }
    if (const auto request = client.request(pathOrUrl); request) {
        if (const auto clear = ClearTextRule::check(request->url, allowHttp, QStringLiteral("the access token"));
            clear && !clear->isEmpty())
            err() << TerminalText::line(clear.value()) << '\n';
    }
    if (parser.isSet(curlOpt)) {
        const auto request = client.request(pathOrUrl);
        if (!request)
            return printError(request.error(), json);
        // With --show-secrets the token stays out of curl's arguments: curl reads it from the environment.
        const QString curl
            = showSecrets ? CurlCommand::buildWithVariables(request.value()) : CurlCommand::build(request.value(), secrets);
        if (json)
            out() << QJsonDocument(QJsonObject { { QStringLiteral("ok"), true }, { QStringLiteral("curl"), curl } })
                         .toJson(QJsonDocument::Indented);
        else
            out() << curl << '\n';
        if (showSecrets)
            err() << "(the command reads the token from $JWTFLOW_ACCESS_TOKEN: set it first, e.g. "
                     "JWTFLOW_ACCESS_TOKEN=\"$(cat token.txt)\"; export JWTFLOW_ACCESS_TOKEN)\n";
        return Success;
    }

    QEventLoop loop;
    std::optional<HttpExchangeRecord> record;
    QObject::connect(&client, &OrgClient::finished, &loop, [&](int, const HttpExchangeRecord &r) {
        record = r;
        loop.quit();
    });
    const auto sent = client.get(pathOrUrl);
    if (!sent)
        return printError(sent.error(), json);
    if (!record)
        loop.exec();

    const bool answered = record->answered();
    const bool success = answered && record->response.status >= 200 && record->response.status < 300;
    // A 401 from the REST API means the token, not the request: say which and what to do
    // (salesforce-wire.md §4.3: expired/unknown token vs an app without API access).
    QString hint;
    if (answered && record->response.status == 401) {
        hint = record->response.body.contains("not valid for use with the REST API")
            ? QStringLiteral("The token is valid but not for the REST API: give the app the \"api\" scope (connected app: "
                             "Selected OAuth Scopes; "
                             "External Client App: OAuth Settings → OAuth Scopes), or check the app's API access and IP "
                             "policies, then exchange again.")
            : QStringLiteral("The access token is expired, revoked or from another org: run 'jwtflow-cli exchange' again and "
                             "pass the new token "
                             "with --token (a JWT grant issues a new one each time).");
    }
    if (json) {
        QJsonObject object { { QStringLiteral("ok"), success }, { QStringLiteral("exchange"), record->toJson(secrets) } };
        if (!hint.isEmpty())
            object.insert(QStringLiteral("hint"), hint);
        const QJsonDocument body = QJsonDocument::fromJson(record->response.body);
        if (!body.isNull())
            object.insert(QStringLiteral("json"), body.isArray() ? QJsonValue(body.array()) : QJsonValue(body.object()));
        out() << QJsonDocument(object).toJson(QJsonDocument::Indented);
    } else {
        out() << "GET " << TerminalText::line(record->secrets().apply(record->request.url.toDisplayString())) << " → "
              << TerminalText::line(answered
                         ? QStringLiteral("HTTP %1 %2")
                               .arg(record->response.status)
                               .arg(QString::fromUtf8(record->response.reason))
                               .trimmed()
                         : HttpExchangeRecord::transportName(record->transport) + QStringLiteral(": ") + record->transportMessage)
              << " in " << record->elapsedMs << " ms\n";
        for (const QString &tls : record->tlsErrors)
            out() << "TLS: " << TerminalText::line(tls) << '\n';
        out() << '\n'
              << TerminalText::block(record->render(
                     parser.isSet(rawOpt) ? HttpExchangeRecord::Style::Raw : HttpExchangeRecord::Style::Pretty, secrets));
        if (!hint.isEmpty())
            out() << "\nHint: " << hint << '\n';
    }
    if (success)
        return Success;
    return answered ? Failed : Transport;
}

} // namespace jwtflow::cli
