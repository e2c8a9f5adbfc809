#include "CliCommands.h"
#include "CryptoCliSupport.h"

#include "core/Clock.h"
#include "crypto/Certificate.h"
#include "crypto/KeyLoader.h"
#include "crypto/Signer.h"
#include "flow/AssertionPreset.h"
#include "flow/BearerFlowSession.h"
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

#include <optional>

namespace jwtflow::cli {

namespace {

using Secrets = HttpExchangeRecord::Secrets;

struct Target {
    AssertionPreset preset = AssertionPreset::production();
};

// production | sandbox | a URL (My Domain, Experience Cloud site, or a loopback practice org):
// AssertionPreset::forUrl reads the environment from the host (SalesforceHost).
Result<Target> resolveEnvironment(const QString &text)
{
    auto preset = AssertionPreset::forUrl(text);
    if (!preset)
        return preset.error();
    return Target{preset.value()};
}

// Composes and signs a fresh assertion exactly as the window does: the same BearerFlowSession
// (claim order, RS256, the Entra thumbprint, the key-match rule), from the key files given.
Result<QString> composeAssertion(BearerFlowSession &session, const QString &keyPath, const QString &certPath)
{
    const auto material = KeyLoader::loadFile(keyPath, [](const QString &) { return passphraseFromEnvironment(); });
    if (!material)
        return material.error();
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
        return makeError(QStringLiteral("exchange.cert.required"), QStringLiteral("Entra needs the certificate's thumbprint in the header."),
                         QStringLiteral("Pass --cert FILE (the certificate uploaded to the app registration)."));
    session.setSigningKey(material.value());
    session.setCertificate(certificate);
    session.composeFromConnection();
    const TokenDocument *document = session.document();
    if (!document->hasToken())
        return preset ? makeError(QStringLiteral("exchange.compose"), QStringLiteral("No assertion could be composed.")) : Result<QString>(preset.error());
    if (document->signature().state != TokenDocument::SignatureState::ReSigned)
        return makeError(QStringLiteral("exchange.sign"), QStringLiteral("The assertion could not be signed: %1").arg(document->signature().detail));
    return QString::fromLatin1(document->jwt().encoded());
}

QString valueText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2)); // without the array's brackets
}

void printHuman(const ExchangeResult &result, const Diagnosis &diagnosis, bool showSecrets, bool raw)
{
    const Secrets secrets = showSecrets ? Secrets::Show : Secrets::Mask;
    const HttpExchangeRecord &record = result.record;
    QString status = result.isTransportError() ? QStringLiteral("no answer")
                                               : QStringLiteral("HTTP %1 %2").arg(result.status()).arg(QString::fromUtf8(record.response.reason));
    out() << QString::fromLatin1(record.request.method) << ' ' << record.request.url.toDisplayString() << " → " << status.trimmed() << " in "
          << record.elapsedMs << " ms\n";
    if (raw)
        out() << '\n' << record.render(HttpExchangeRecord::Style::Raw, secrets) << '\n';

    if (result.ok()) {
        out() << "Access token issued.\n";
        const QJsonObject fields = result.token.json;
        for (auto it = fields.begin(); it != fields.end(); ++it) {
            QString value = valueText(it.value());
            if (!showSecrets && (it.key() == QLatin1String("access_token") || it.key() == QLatin1String("refresh_token") || it.key() == QLatin1String("id_token")))
                value = SecretMasker::maskToken(value);
            out() << "  " << it.key() << ": " << value << '\n';
        }
        for (const QString &note : diagnosis.notes)
            out() << "Warning: " << note << '\n';
        if (!showSecrets)
            out() << "(secrets masked; --show-secrets prints them)\n";
        return;
    }
    out() << result.summary() << "\n\n" << diagnosis.text();
}

} // namespace

int exchangeCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Send an assertion to a token endpoint and show the token, or what went wrong and how to fix it.\n\n"
        "From a ready assertion:   exchange --assertion TOKEN|- --host URL   (or --env)\n"
        "Signed here from a key:   exchange --key FILE --client-id KEY --username USER --env production|sandbox|URL [--cert FILE] [--aud URL]\n"
        "Microsoft Entra:          exchange --entra --tenant TENANT --client-id ID (--assertion TOKEN | --key FILE --cert FILE) [--scope S]\n\n"
        "Exit codes: 0 token issued, 2 bad input, 4 the server refused, 5 no complete answer (network, TLS, timeout)."));
    parser.addHelpOption();
    const QCommandLineOption assertionOpt(QStringLiteral("assertion"), QStringLiteral("The signed assertion, or - to read standard input."), QStringLiteral("token"));
    const QCommandLineOption hostOpt(QStringLiteral("host"), QStringLiteral("Where to send it: a host or URL (…/services/oauth2/token is added)."), QStringLiteral("url"));
    const QCommandLineOption envOpt(QStringLiteral("env"), QStringLiteral("production, sandbox, or a My Domain / site / practice org URL."), QStringLiteral("env"));
    const QCommandLineOption keyOpt(QStringLiteral("key"), QStringLiteral("Private key file to sign a fresh assertion with (RS256)."), QStringLiteral("file"));
    const QCommandLineOption certOpt(QStringLiteral("cert"), QStringLiteral("The certificate uploaded to the app (checks the key; Entra's x5t#S256)."), QStringLiteral("file"));
    const QCommandLineOption clientIdOpt(QStringLiteral("client-id"), QStringLiteral("Consumer key (Salesforce) or application id (Entra)."), QStringLiteral("id"));
    const QCommandLineOption usernameOpt(QStringLiteral("username"), QStringLiteral("Salesforce username (the sub claim)."), QStringLiteral("user"));
    const QCommandLineOption audOpt(QStringLiteral("aud"),
                                    QStringLiteral("The aud claim of an assertion signed here (default: what the host takes — "
                                                   "login.salesforce.com, test.salesforce.com, the My Domain or site URL)."),
                                    QStringLiteral("url"));
    const QCommandLineOption entraOpt(QStringLiteral("entra"), QStringLiteral("Microsoft Entra client_credentials with a client assertion."));
    const QCommandLineOption tenantOpt(QStringLiteral("tenant"), QStringLiteral("Entra tenant id or domain."), QStringLiteral("tenant"));
    const QCommandLineOption scopeOpt(QStringLiteral("scope"), QStringLiteral("Entra scope (default https://graph.microsoft.com/.default)."), QStringLiteral("scope"),
                                      QStringLiteral("https://graph.microsoft.com/.default"));
    const QCommandLineOption timeoutOpt(QStringLiteral("timeout"), QStringLiteral("Give up after this many milliseconds (default 30000)."), QStringLiteral("ms"),
                                        QString::number(TokenExchange::kDefaultTimeoutMs));
    const QCommandLineOption trustHostOpt(QStringLiteral("trust-host"), QStringLiteral("Accept any TLS certificate from this host (explicit exception)."), QStringLiteral("host"));
    const QCommandLineOption trustCertOpt(QStringLiteral("trust-cert"), QStringLiteral("Accept the certificate with this SHA-256 digest from this host."), QStringLiteral("host=sha256"));
    const QCommandLineOption jsonOpt(QStringLiteral("json"), QStringLiteral("Print one JSON object instead of text."));
    const QCommandLineOption showSecretsOpt(QStringLiteral("show-secrets"), QStringLiteral("Print tokens and the assertion signature unmasked."));
    const QCommandLineOption rawOpt(QStringLiteral("raw"), QStringLiteral("Also print the raw HTTP exchange."));
    const QCommandLineOption curlOpt(QStringLiteral("curl"), QStringLiteral("Print the request as a curl command and send nothing."));
    parser.addOptions({assertionOpt, hostOpt, envOpt, keyOpt, certOpt, clientIdOpt, usernameOpt, audOpt, entraOpt, tenantOpt, scopeOpt, timeoutOpt,
                       trustHostOpt, trustCertOpt, jsonOpt, showSecretsOpt, rawOpt, curlOpt});
    parser.process(arguments);
    const bool json = parser.isSet(jsonOpt);
    const bool showSecrets = parser.isSet(showSecretsOpt);
    const bool entra = parser.isSet(entraOpt);
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
    if (parser.isSet(assertionOpt) == parser.isSet(keyOpt))
        return bad(QStringLiteral("exchange.source"), QStringLiteral("Give either --assertion or --key."),
                   QStringLiteral("--assertion TOKEN sends a ready assertion; --key FILE signs a fresh one here."));

    // Where it goes and what the assertion says about the org.
    Target target;
    const SystemClock &clock = SystemClock::instance();
    if (entra) {
        if (!parser.isSet(tenantOpt) && !parser.isSet(hostOpt))
            return bad(QStringLiteral("exchange.tenant"), QStringLiteral("--entra needs --tenant (or --host with the token URL)."));
        if (parser.isSet(tenantOpt)) {
            auto preset = AssertionPreset::create(AssertionPreset::Environment::EntraTenant, parser.value(tenantOpt));
            if (!preset)
                return printError(preset.error(), json);
            target.preset = preset.value();
        }
        if (parser.isSet(keyOpt) && !parser.isSet(tenantOpt))
            return bad(QStringLiteral("exchange.tenant"), QStringLiteral("Signing for Entra needs --tenant (the assertion's aud names it)."));
    } else if (parser.isSet(envOpt) || parser.isSet(hostOpt)) {
        auto resolved = resolveEnvironment(parser.isSet(envOpt) ? parser.value(envOpt) : parser.value(hostOpt));
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
        return bad(QStringLiteral("exchange.aud"), QStringLiteral("--aud sets the aud of an assertion signed here; a ready assertion is sent as it is."),
                   QStringLiteral("Use --key FILE to sign a fresh assertion, or change aud in the assertion itself."));

    // The same session the window binds to: connection, keys, the request, the diagnosis.
    QNetworkAccessManager manager;
    SystemProxyFactory::install(&manager);
    BearerFlowSession session(clock, &manager);
    session.exchange()->setTimeout(timeoutMs);
    session.exchange()->setTlsTrust(trust.value());
    session.setEntraScope(parser.value(scopeOpt));
    BearerFlowSession::Connection connection;
    connection.environment = entra ? AssertionPreset::Environment::EntraTenant : target.preset.environment();
    connection.input = !entra ? AssertionPreset::urlText(target.preset.baseUrl())
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
    if (parser.isSet(assertionOpt)) {
        assertion = parser.value(assertionOpt) == QStringLiteral("-") ? tokenArgument({}) : parser.value(assertionOpt);
        assertion = assertion.trimmed();
        if (assertion.isEmpty())
            return bad(QStringLiteral("exchange.assertion.empty"), QStringLiteral("The assertion is empty."));
    } else {
        if (!parser.isSet(clientIdOpt) || (!entra && !parser.isSet(usernameOpt)))
            return bad(QStringLiteral("exchange.claims"),
                       entra ? QStringLiteral("Signing for Entra needs --client-id.") : QStringLiteral("Signing needs --client-id (the consumer key) and --username."));
        auto composed = composeAssertion(session, parser.value(keyOpt), parser.value(certOpt));
        if (!composed)
            return printError(composed.error(), json);
        assertion = composed.value();
    }

    const auto request = session.request(assertion);
    if (!request)
        return printError(request.error(), json);
    if (parser.isSet(curlOpt)) {
        out() << CurlCommand::build(request.value(), showSecrets ? Secrets::Show : Secrets::Mask) << '\n';
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
        return printError(makeError(QStringLiteral("exchange.no-answer"), QStringLiteral("The exchange ended without an answer.")), json, Transport);
    const Diagnosis &diagnosis = session.lastDiagnosis();

    if (json) {
        QJsonObject object = result->toJson(showSecrets ? Secrets::Show : Secrets::Mask);
        object.insert(QStringLiteral("diagnosis"), diagnosis.toJson());
        out() << QJsonDocument(object).toJson(QJsonDocument::Indented);
    } else {
        printHuman(*result, diagnosis, showSecrets, parser.isSet(rawOpt));
    }
    if (result->ok())
        return Success;
    return result->isTransportError() ? Transport : Failed;
}

} // namespace jwtflow::cli
