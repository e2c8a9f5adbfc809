#include "CliCommands.h"
#include "CryptoCliSupport.h"

#include "core/Clock.h"
#include "core/TerminalText.h"
#include "crypto/Certificate.h"
#include "crypto/KeyLoader.h"
#include "crypto/Signer.h"
#include "flow/AssertionPreset.h"
#include "flow/BearerFlowSession.h"
#include "flow/ClearTextRule.h"
#include "flow/CurlCommand.h"
#include "flow/Diagnosis.h"
#include "flow/SecretMasker.h"
#include "flow/SystemProxyFactory.h"
#include "flow/TokenExchange.h"
#include "token/Jwt.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QRegularExpression>

#include <optional>

namespace jwtflow::cli {

namespace {

using Secrets = HttpExchangeRecord::Secrets;

struct Target {
    AssertionPreset preset = AssertionPreset::production();
};

// production | sandbox | a URL (My Domain, Experience Cloud site, or a loopback practice org):
// AssertionPreset::forUrl reads the environment from the host (SalesforceHost).
Result<Target> resolveEnvironment(const QString &text, bool allowHttp)
{
    auto preset = AssertionPreset::forUrl(text, allowHttp);
    if (!preset)
        return preset.error();
    return Target { preset.value() };
}

struct Composed {
    QString assertion;
    KeyWarnings warnings; // as sign gives them: a weak key, an expired certificate, --cert not this key's
};

// Composes and signs a fresh assertion exactly as the window does: the same BearerFlowSession
// (claim order, RS256, the Entra thumbprint, the key-match rule), from the key files given.
Result<Composed> composeAssertion(BearerFlowSession &session, const QString &keyPath, const QString &certPath,
    const std::optional<QByteArray> &passphrase, const Clock &clock)
{
    PassphraseCallback callback; // none: an encrypted key is "key.passphrase-required", with the CLI's hint
    if (passphrase)
        callback = [&passphrase](const QString &) { return passphrase; };
    const auto material = KeyLoader::loadFile(keyPath, callback);
    if (!material) {
        Error error = material.error();
        if (error.code == QLatin1String("key.passphrase-required"))
            error.hint = QStringLiteral("Give it with --passphrase-file FILE or the JWTFLOW_PASSPHRASE environment variable.");
        return error;
    }
    if (material->privateKey.isNull())
        return makeError(QStringLiteral("exchange.key.no-private-key"), QStringLiteral("%1 holds no private key.").arg(keyPath),
            QStringLiteral("--key takes the private key (PEM, DER or PKCS#12) whose certificate is in the connected app."));
    std::optional<KeyMaterial> certificate;
    if (!material->certificate.isNull())
        certificate = material.value();
    if (!certPath.isEmpty()) {
        const auto loaded = KeyLoader::loadCertificate(certPath);
        if (!loaded)
            return loaded.error();
        KeyMaterial cert;
        cert.source = certPath;
        cert.certificate = loaded.value();
        certificate = cert;
    }
    const auto preset = session.preset();
    if (preset && !preset->isSalesforce() && !certificate)
        return makeError(QStringLiteral("exchange.cert.required"),
            QStringLiteral("Entra needs the certificate's thumbprint in the header."),
            QStringLiteral("Pass --cert FILE (the certificate uploaded to the app registration)."));
    session.setSigningKey(material.value());
    session.setCertificate(certificate);
    session.composeFromConnection();
    const TokenDocument *document = session.document();
    if (!document->hasToken())
        return preset ? makeError(QStringLiteral("exchange.compose"), QStringLiteral("No assertion could be composed."))
                      : Result<Composed>(preset.error());
    if (document->signature().state != TokenDocument::SignatureState::ReSigned)
        return makeError(QStringLiteral("exchange.sign"),
            QStringLiteral("The assertion could not be signed: %1").arg(document->signature().detail));
    Composed result;
    result.assertion = QString::fromLatin1(document->jwt().encoded());
    KeyMaterial used = material.value();
    if (certificate)
        used.certificate = certificate->certificate;
    result.warnings = used.warnings(clock);
    return result;
}

QString valueText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    const QByteArray wrapped = QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2)); // without the array's brackets
}

// The diagnosis with what the server said, one line per field, for a terminal.
Diagnosis terminalSafe(Diagnosis diagnosis)
{
    diagnosis.serverMessage = TerminalText::line(diagnosis.serverMessage);
    diagnosis.ambiguityNote = TerminalText::line(diagnosis.ambiguityNote);
    for (Diagnosis::Cause &cause : diagnosis.causes) {
        cause.summary = TerminalText::line(cause.summary);
        cause.evidence = TerminalText::line(cause.evidence);
        for (QString &fix : cause.fixes)
            fix = TerminalText::line(fix);
    }
    for (QString &note : diagnosis.notes)
        note = TerminalText::line(note);
    return diagnosis;
}

void printHuman(const ExchangeResult &result, const Diagnosis &diagnosis, bool showSecrets, bool raw)
{
    const Secrets secrets = showSecrets ? Secrets::Show : Secrets::Mask;
    const HttpExchangeRecord &record = result.record;
    QString status = result.isTransportError()
        ? QStringLiteral("no answer")
        : QStringLiteral("HTTP %1 %2").arg(result.status()).arg(QString::fromUtf8(record.response.reason));
    out() << QString::fromLatin1(record.request.method) << ' ' << TerminalText::line(record.request.url.toDisplayString())
          << " → " << TerminalText::line(status.trimmed()) << " in " << record.elapsedMs << " ms\n";
    if (raw)
        out() << '\n' << TerminalText::block(record.render(HttpExchangeRecord::Style::Raw, secrets)) << '\n';

    if (result.ok()) {
        out() << "Access token issued.\n";
        const QJsonObject fields = result.token.json;
        for (auto it = fields.begin(); it != fields.end(); ++it) {
            QString value = valueText(it.value());
            if (!showSecrets
                && (it.key() == QLatin1String("access_token") || it.key() == QLatin1String("refresh_token")
                    || it.key() == QLatin1String("id_token")))
                value = SecretMasker::maskToken(value);
            out() << "  " << TerminalText::line(it.key()) << ": " << TerminalText::line(value) << '\n';
        }
        for (const QString &note : diagnosis.notes)
            out() << "Warning: " << TerminalText::line(note) << '\n';
        if (!showSecrets)
            out() << "(secrets masked; --show-secrets prints them)\n";
        return;
    }
    out() << TerminalText::line(result.summary()) << '\n';
    // Which certificate was refused, and how to trust exactly that one here, without --raw.
    for (const QString &tls : record.tlsErrors)
        out() << "TLS: " << TerminalText::line(tls) << '\n';
    static const QRegularExpression digest(QStringLiteral("SHA-256 ([0-9A-Fa-f:]{64,})"));
    if (const QRegularExpressionMatch m = digest.match(record.tlsErrors.join(u'\n')); m.hasMatch() && !record.tlsErrorsIgnored)
        out() << "Only if you know this certificate is the server's: --trust-cert "
              << TerminalText::line(record.request.url.host()) << '=' << m.captured(1) << '\n';
    out() << '\n' << terminalSafe(diagnosis).text();
}

} // namespace

int exchangeCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Send an assertion to a token endpoint and show the token, or what went wrong and how to fix it.\n\n"
        "From a ready assertion:   exchange --assertion-file FILE|--assertion - --host URL   (or --env; or JWTFLOW_ASSERTION)\n"
        "Signed here from a key:   exchange --key FILE --client-id KEY --username USER --env production|sandbox|URL [--cert "
        "FILE] [--aud URL]\n"
        "                          (an encrypted key's passphrase: --passphrase-file FILE or JWTFLOW_PASSPHRASE)\n"
        "Microsoft Entra:          exchange --entra --tenant TENANT --client-id ID (--assertion TOKEN | --key FILE --cert FILE) "
        "[--scope S]\n\n"
        "Exit codes: 0 token issued, 2 bad input, 4 the server refused, 5 no complete answer (network, TLS, timeout)."));
    parser.addHelpOption();
    const QCommandLineOption assertionOpt(QStringLiteral("assertion"),
        QStringLiteral("The signed assertion, or - to read standard input. An argument shows in the process "
                       "list: prefer --assertion-file, standard input or JWTFLOW_ASSERTION."),
        QStringLiteral("token"));
    const QCommandLineOption assertionFileOpt(QStringLiteral("assertion-file"),
        QStringLiteral("File whose first line is the signed assertion."), QStringLiteral("file"));
    const QCommandLineOption hostOpt(QStringLiteral("host"),
        QStringLiteral("Where to send it: a host or URL (…/services/oauth2/token is added)."), QStringLiteral("url"));
    const QCommandLineOption envOpt(QStringLiteral("env"),
        QStringLiteral("production, sandbox, or a My Domain / site / practice org URL."), QStringLiteral("env"));
    const QCommandLineOption keyOpt(QStringLiteral("key"),
        QStringLiteral("Private key file to sign a fresh assertion with (RS256)."), QStringLiteral("file"));
    const QCommandLineOption passphraseFileOpt(QStringLiteral("passphrase-file"),
        QStringLiteral("File whose first line is the key's passphrase (or JWTFLOW_PASSPHRASE)."), QStringLiteral("file"));
    const QCommandLineOption certOpt(QStringLiteral("cert"),
        QStringLiteral("The certificate uploaded to the app (checks the key; Entra's x5t#S256)."), QStringLiteral("file"));
    const QCommandLineOption clientIdOpt(QStringLiteral("client-id"),
        QStringLiteral("Consumer key (Salesforce) or application id (Entra)."), QStringLiteral("id"));
    const QCommandLineOption usernameOpt(
        QStringLiteral("username"), QStringLiteral("Salesforce username (the sub claim)."), QStringLiteral("user"));
    const QCommandLineOption audOpt(QStringLiteral("aud"),
        QStringLiteral("The aud claim of an assertion signed here (default: what the host takes — "
                       "login.salesforce.com, test.salesforce.com, the My Domain or site URL)."),
        QStringLiteral("url"));
    const QCommandLineOption entraOpt(
        QStringLiteral("entra"), QStringLiteral("Microsoft Entra client_credentials with a client assertion."));
    const QCommandLineOption tenantOpt(
        QStringLiteral("tenant"), QStringLiteral("Entra tenant id or domain."), QStringLiteral("tenant"));
    const QCommandLineOption scopeOpt(QStringLiteral("scope"),
        QStringLiteral("Entra scope (default https://graph.microsoft.com/.default)."), QStringLiteral("scope"),
        QStringLiteral("https://graph.microsoft.com/.default"));
    const QCommandLineOption timeoutOpt(QStringLiteral("timeout"),
        QStringLiteral("Give up after this many milliseconds (default 30000)."), QStringLiteral("ms"),
        QString::number(TokenExchange::kDefaultTimeoutMs));
    const QCommandLineOption trustHostOpt(QStringLiteral("trust-host"),
        QStringLiteral("Accept any TLS certificate from this host (explicit exception)."), QStringLiteral("host"));
    const QCommandLineOption trustCertOpt(QStringLiteral("trust-cert"),
        QStringLiteral("Accept the certificate with this SHA-256 digest from this host."), QStringLiteral("host=sha256"));
    const QCommandLineOption insecureOpt(QStringLiteral("allow-insecure-http"),
        QStringLiteral("Send the assertion over plain http to a host other than this computer (with a warning)."));
    const QCommandLineOption jsonOpt(QStringLiteral("json"), QStringLiteral("Print one JSON object instead of text."));
    const QCommandLineOption showSecretsOpt(
        QStringLiteral("show-secrets"), QStringLiteral("Print tokens and the assertion signature unmasked."));
    const QCommandLineOption rawOpt(QStringLiteral("raw"), QStringLiteral("Also print the raw HTTP exchange."));
    const QCommandLineOption curlOpt(
        QStringLiteral("curl"), QStringLiteral("Print the request as a curl command and send nothing."));
    parser.addOptions({ assertionOpt, assertionFileOpt, hostOpt, envOpt, keyOpt, passphraseFileOpt, certOpt, clientIdOpt,
        usernameOpt, audOpt, entraOpt, tenantOpt, scopeOpt, timeoutOpt, trustHostOpt, trustCertOpt, insecureOpt, jsonOpt,
        showSecretsOpt, rawOpt, curlOpt });
    parser.process(arguments);
    const bool json = parser.isSet(jsonOpt);
    const bool showSecrets = parser.isSet(showSecretsOpt);
    const bool entra = parser.isSet(entraOpt);
    const bool allowHttp = parser.isSet(insecureOpt);
    const auto bad = [json](const QString &code, const QString &message, const QString &hint = {}) {
        return printError(makeError(code, message, hint), json, BadInput);
    };

    bool timeoutOk = false;
    const int timeoutMs = parser.value(timeoutOpt).toInt(&timeoutOk);
    if (!timeoutOk || timeoutMs <= 0)
        return bad(QStringLiteral("exchange.timeout"), QStringLiteral("--timeout takes a positive number of milliseconds."));
    const auto trust = TlsTrust::fromText(parser.values(trustHostOpt), parser.values(trustCertOpt));
    if (!trust)
        return printError(trust.error(), json);
    const int sources = int(parser.isSet(assertionOpt)) + int(parser.isSet(assertionFileOpt)) + int(parser.isSet(keyOpt));
    if (sources > 1 || (sources == 0 && !qEnvironmentVariableIsSet("JWTFLOW_ASSERTION")))
        return bad(QStringLiteral("exchange.source"), QStringLiteral("Give one of --assertion-file, --assertion or --key."),
            QStringLiteral("--assertion-file FILE (or JWTFLOW_ASSERTION, or --assertion -) sends a ready assertion; --key FILE "
                           "signs a fresh one here."));

    // Where it goes and what the assertion says about the org.
    Target target;
    const SystemClock &clock = SystemClock::instance();
    if (entra) {
        if (!parser.isSet(tenantOpt) && !parser.isSet(hostOpt))
            return bad(
                QStringLiteral("exchange.tenant"), QStringLiteral("--entra needs --tenant (or --host with the token URL)."));
        if (parser.isSet(tenantOpt)) {
            auto preset = AssertionPreset::create(AssertionPreset::Environment::EntraTenant, parser.value(tenantOpt));
            if (!preset)
                return printError(preset.error(), json);
            target.preset = preset.value();
        }
        if (parser.isSet(keyOpt) && !parser.isSet(tenantOpt))
            return bad(QStringLiteral("exchange.tenant"),
                QStringLiteral("Signing for Entra needs --tenant (the assertion's aud names it)."));
    } else if (parser.isSet(envOpt) || parser.isSet(hostOpt)) {
        auto resolved = resolveEnvironment(parser.isSet(envOpt) ? parser.value(envOpt) : parser.value(hostOpt), allowHttp);
        if (resolved)
            target = resolved.value();
        else if (parser.isSet(envOpt) || parser.isSet(keyOpt))
            return printError(resolved.error(), json);
        // else: a ready assertion to an unusual --host; it is sent as given, the org kind stays unknown.
    } else {
        return bad(QStringLiteral("exchange.host"), QStringLiteral("Where should the assertion go?"),
            QStringLiteral("Give --env production|sandbox|URL or --host URL."));
    }
    if (parser.isSet(audOpt) && !parser.isSet(keyOpt))
        return bad(QStringLiteral("exchange.aud"),
            QStringLiteral("--aud sets the aud of an assertion signed here; a ready assertion is sent as it is."),
            QStringLiteral("Use --key FILE to sign a fresh assertion, or change aud in the assertion itself."));

    // The same session the window binds to: connection, keys, the request, the diagnosis.
    QNetworkAccessManager manager;
    SystemProxyFactory::install(&manager);
    BearerFlowSession session(clock, &manager);
    session.exchange()->setTimeout(timeoutMs);
    session.exchange()->setTlsTrust(trust.value());
    session.setEntraScope(parser.value(scopeOpt));
    session.setClearTextConsent(ClearTextRule::Consent { allowHttp, {} });
    BearerFlowSession::Connection connection;
    connection.environment = entra ? AssertionPreset::Environment::EntraTenant : target.preset.environment();
    connection.input = !entra     ? AssertionPreset::urlText(target.preset.baseUrl())
        : parser.isSet(tenantOpt) ? parser.value(tenantOpt)
                                  : parser.value(hostOpt);
    connection.clientId = parser.value(clientIdOpt);
    connection.username = parser.value(usernameOpt);
    connection.audience = parser.value(audOpt);
    if (connection.environment == AssertionPreset::Environment::PracticeOrg)
        session.setPracticeOrgUrl(connection.input);
    session.setConnection(connection);
    if (parser.isSet(hostOpt))
        session.setTokenUrl(parser.value(hostOpt));

    // The assertion: given, or signed here.
    QString assertion;
    KeyWarnings warnings;
    const bool assertionFromEnvironment = !parser.isSet(keyOpt) && qEnvironmentVariableIsSet("JWTFLOW_ASSERTION");
    if (parser.isSet(assertionOpt) || parser.isSet(assertionFileOpt) || assertionFromEnvironment) {
        if (parser.isSet(assertionFileOpt)) {
            QString error;
            std::optional<QByteArray> read = readFirstLineOfFile(parser.value(assertionFileOpt), &error);
            if (!read)
                return bad(QStringLiteral("exchange.assertion-file"), error, QStringLiteral("Check the path."));
            assertion = QString::fromUtf8(*read);
        } else if (parser.isSet(assertionOpt)) {
            const auto read = tokenArgument(QStringList { parser.value(assertionOpt) });
            if (!read)
                return printError(read.error(), json, BadInput);
            assertion = read.value();
        } else {
            assertion = qEnvironmentVariable("JWTFLOW_ASSERTION");
        }
        assertion = assertion.trimmed();
        if (assertion.isEmpty())
            return bad(QStringLiteral("exchange.assertion.empty"), QStringLiteral("The assertion is empty."));
    } else {
        if (!parser.isSet(clientIdOpt) || (!entra && !parser.isSet(usernameOpt)))
            return bad(QStringLiteral("exchange.claims"),
                entra ? QStringLiteral("Signing for Entra needs --client-id.")
                      : QStringLiteral("Signing needs --client-id (the consumer key) and --username."));
        std::optional<QByteArray> passphrase = passphraseFromEnvironment();
        if (parser.isSet(passphraseFileOpt)) {
            QString error;
            passphrase = readFirstLineOfFile(parser.value(passphraseFileOpt), &error);
            if (!passphrase)
                return printError(
                    makeError(QStringLiteral("cli.passphrase-file"), error, QStringLiteral("Check the path.")), json);
        }
        auto composed = composeAssertion(session, parser.value(keyOpt), parser.value(certOpt), passphrase, clock);
        if (passphrase)
            passphrase->fill('\0');
        if (!composed)
            return printError(composed.error(), json);
        assertion = composed->assertion;
        warnings = composed->warnings;
        if (!json)
            printWarnings(warnings);
    }

    const auto request = session.request(assertion);
    if (!request)
        return printError(request.error(), json);
    if (const auto clear = ClearTextRule::check(request->url, allowHttp, QStringLiteral("the assertion"));
        clear && !clear->isEmpty())
        err() << TerminalText::line(clear.value()) << '\n';
    if (parser.isSet(curlOpt)) {
        // With --show-secrets the secret stays out of curl's arguments: curl reads it from the environment.
        const QString curl
            = showSecrets ? CurlCommand::buildWithVariables(request.value()) : CurlCommand::build(request.value(), Secrets::Mask);
        if (json)
            out() << QJsonDocument(QJsonObject { { QStringLiteral("ok"), true }, { QStringLiteral("curl"), curl } })
                         .toJson(QJsonDocument::Indented);
        else
            out() << curl << '\n';
        if (showSecrets)
            err() << "(the command reads the assertion from $JWTFLOW_ASSERTION: set it first, e.g. "
                     "JWTFLOW_ASSERTION=\"$(cat assertion.jwt)\"; export JWTFLOW_ASSERTION)\n";
        return Success;
    }

    QEventLoop loop;
    QObject::connect(&session, &BearerFlowSession::answerChanged, &loop, &QEventLoop::quit);
    if (auto sent = session.sendAssertion(assertion); !sent)
        return printError(sent.error(), json);
    if (session.isSending())
        loop.exec();
    const std::optional<ExchangeResult> &result = session.lastResult();
    if (!result)
        return printError(
            makeError(QStringLiteral("exchange.no-answer"), QStringLiteral("The exchange ended without an answer.")), json,
            Transport);
    const Diagnosis &diagnosis = session.lastDiagnosis();

    if (json) {
        QJsonObject object = result->toJson(showSecrets ? Secrets::Show : Secrets::Mask);
        object.insert(QStringLiteral("diagnosis"), diagnosis.toJson());
        if (!warnings.isEmpty())
            object.insert(QStringLiteral("warnings"), warningsToJson(warnings));
        out() << QJsonDocument(object).toJson(QJsonDocument::Indented);
    } else {
        printHuman(*result, diagnosis, showSecrets, parser.isSet(rawOpt));
    }
    if (result->ok())
        return Success;
    return result->isTransportError() ? Transport : Failed;
}

} // namespace jwtflow::cli
