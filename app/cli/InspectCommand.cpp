#include "CliCommands.h"
#include "CryptoCliSupport.h"

#include "core/Clock.h"
#include "core/TerminalText.h"
#include "crypto/KeyLoader.h"
#include "flow/SystemProxyFactory.h"
#include "inspect/IdTokenVerifier.h"
#include "inspect/InspectionVerdict.h"
#include "inspect/KeyDiscovery.h"
#include "inspect/TokenInspection.h"
#include "token/TokenForm.h"

#include <QEventLoop>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>

#include <optional>

namespace jwtflow::cli {

namespace {

using Item = TokenInspection::Item;
using Report = IdTokenVerifier::Report;

// The keys of one issuer fetched through discovery, or why they could not be.
struct Discovered {
    std::optional<KeyDiscovery::IssuerKeys> keys;
    std::optional<Error> error;
};

Discovered discover(KeyDiscovery &discovery, const QString &issuer)
{
    Discovered result;
    QEventLoop loop;
    const auto ready
        = QObject::connect(&discovery, &KeyDiscovery::keysReady, &loop, [&](const KeyDiscovery::IssuerKeys &keys, bool) {
              result.keys = keys;
              loop.quit();
          });
    const auto failed = QObject::connect(&discovery, &KeyDiscovery::failed, &loop, [&](const QString &, const Error &error) {
        result.error = error;
        loop.quit();
    });
    if (auto started = discovery.fetch(issuer); !started)
        result.error = started.error();
    else
        loop.exec();
    QObject::disconnect(ready);
    QObject::disconnect(failed);
    return result;
}

QJsonArray explainedToJson(const QList<ClaimDictionary::Explained> &list)
{
    QJsonArray array;
    for (const auto &e : list) {
        QJsonObject object { { QStringLiteral("name"), e.name }, { QStringLiteral("value"), e.value },
            { QStringLiteral("known"), e.known }, { QStringLiteral("title"), e.title } };
        if (e.known) {
            object.insert(QStringLiteral("meaning"), e.meaning);
            object.insert(QStringLiteral("source"), e.source);
        }
        if (!e.notes.isEmpty())
            object.insert(QStringLiteral("notes"), QJsonArray::fromStringList(e.notes));
        array.append(object);
    }
    return array;
}

QJsonObject reportToJson(const Report &report)
{
    QJsonArray checks;
    for (const TokenCheck &check : report.checks)
        checks.append(QJsonObject { { QStringLiteral("name"), check.name },
            { QStringLiteral("status"), TokenCheck::statusName(check.status) }, { QStringLiteral("message"), check.message } });
    QJsonObject object { { QStringLiteral("ok"), !report.anyFailed() }, { QStringLiteral("checks"), checks } };
    if (report.signature) {
        object.insert(QStringLiteral("signature"), report.signature->outcomeName());
        object.insert(QStringLiteral("key"), report.keyUsed);
    }
    if (!report.kid.isEmpty())
        object.insert(QStringLiteral("kid"), report.kid);
    if (report.signatureUnsupported)
        object.insert(QStringLiteral("unsupported"), true);
    return object;
}

void printExplained(const char *heading, const QList<ClaimDictionary::Explained> &list)
{
    if (list.isEmpty())
        return;
    out() << "   " << heading << ":\n";
    for (const auto &e : list) {
        out() << "     " << TerminalText::line(e.name) << " = " << TerminalText::line(e.value) << '\n';
        if (e.known)
            out() << "         " << e.title << " (" << e.source << "): " << e.meaning << '\n';
        else
            out() << "         unknown claim: not in jwtflow's dictionary; its meaning depends on the issuer\n";
        for (const QString &note : e.notes)
            out() << "         note: " << TerminalText::line(note) << '\n';
    }
}

QString statusLabel(TokenCheck::Status status)
{
    switch (status) {
    case TokenCheck::Status::Passed:
        return QStringLiteral("PASS");
    case TokenCheck::Status::Failed:
        return QStringLiteral("FAIL");
    case TokenCheck::Status::Skipped:
        break;
    }
    return QStringLiteral("SKIP");
}

} // namespace

int inspectCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Find every token in INPUT (a bare token, a token response JSON, an \"Authorization: Bearer\" header, a URL with\n"
        "id_token= / access_token=, a form body), say what each is, explain its claims, and verify the JWTs: signature\n"
        "(with the key given, or the issuer's keys through OpenID discovery), iss, aud/azp, exp/nbf/iat, nonce, at_hash.\n"
        "Keys carried in a token's own header (jwk, x5c, jku, x5u) are never used. Algorithms: RS256/384/512,\n"
        "PS256/384/512, ES256/384/512, EdDSA (Ed25519, Ed448), HS256/384/512; RSA, EC and OKP keys in JWKS.\n"
        "Exit codes: 0 every check passed (or nothing to verify); 1 a check failed (signature, aud, exp ...);\n"
        "2 bad input; 3 the algorithm or key type is not supported by this build; 5 the issuer's keys could not be\n"
        "fetched (offline, DNS, TLS, HTTP error). A failed check wins over 5 and 3."));
    parser.addHelpOption();
    const QCommandLineOption jsonOpt(QStringLiteral("json"), QStringLiteral("Print one JSON object instead of text."));
    const QCommandLineOption certOpt(
        QStringLiteral("cert"), QStringLiteral("The issuer's certificate (PEM or DER)."), QStringLiteral("file"));
    const QCommandLineOption pubkeyOpt(
        QStringLiteral("pubkey"), QStringLiteral("The issuer's public key (PEM or DER)."), QStringLiteral("file"));
    const QCommandLineOption jwkOpt(
        QStringLiteral("jwk"), QStringLiteral("One JWK (JSON) with the issuer's public key."), QStringLiteral("file"));
    const QCommandLineOption jwksOpt(QStringLiteral("jwks"),
        QStringLiteral("A JWK Set, e.g. a saved copy of https://login.salesforce.com/id/keys; the token's kid picks the key."),
        QStringLiteral("file"));
    const QCommandLineOption discoverOpt(QStringLiteral("discover"),
        QStringLiteral("Fetch the issuer's keys: iss + /.well-known/openid-configuration, then its jwks_uri "
                       "(https only, or http on 127.0.0.1/localhost)."));
    const QCommandLineOption clientIdOpt(QStringLiteral("client-id"),
        QStringLiteral("The expected audience: your client id (consumer key)."), QStringLiteral("id"));
    const QCommandLineOption issuerOpt(
        QStringLiteral("issuer"), QStringLiteral("The expected issuer, compared exactly with iss."), QStringLiteral("url"));
    const QCommandLineOption nonceOpt(QStringLiteral("nonce"),
        QStringLiteral("The nonce your client sent in the authorisation request."), QStringLiteral("nonce"));
    const QCommandLineOption accessTokenOpt(QStringLiteral("access-token"),
        QStringLiteral("The access token issued with the ID token, for at_hash (default: the access_token "
                       "found in the same input)."),
        QStringLiteral("token"));
    const QCommandLineOption skewOpt(QStringLiteral("skew"),
        QStringLiteral("Allowed clock skew for exp/nbf/iat, in seconds (default 60)."), QStringLiteral("seconds"),
        QString::number(IdTokenVerifier::kDefaultSkewSecs));
    const QCommandLineOption timeoutOpt(QStringLiteral("timeout"),
        QStringLiteral("Give up fetching keys after this many milliseconds (default 15000)."), QStringLiteral("ms"),
        QString::number(KeyDiscovery::kDefaultTimeoutMs));
    parser.addOptions({ jsonOpt, certOpt, pubkeyOpt, jwkOpt, jwksOpt, discoverOpt, clientIdOpt, issuerOpt, nonceOpt,
        accessTokenOpt, skewOpt, timeoutOpt });
    parser.addPositionalArgument(
        QStringLiteral("input"), QStringLiteral("What to inspect, or - (default) to read standard input. ") + tokenInputHelp());
    if (auto done = parseArguments(parser, arguments))
        return *done;
    const bool json = parser.isSet(jsonOpt);
    const auto bad = [json](const QString &code, const QString &message, const QString &hint = {}) {
        return printError(makeError(code, message, hint), json);
    };

    QStringList keyOptions;
    for (const QCommandLineOption *option : { &certOpt, &pubkeyOpt, &jwkOpt, &jwksOpt, &discoverOpt }) {
        if (parser.isSet(*option))
            keyOptions << QStringLiteral("--") + option->names().constFirst();
    }
    if (keyOptions.size() > 1)
        return bad(QStringLiteral("cli.usage"),
            QStringLiteral("Several keys to verify with (%1).").arg(keyOptions.join(QStringLiteral(", "))),
            QStringLiteral("Give at most one of --cert, --pubkey, --jwk, --jwks, --discover."));
    bool skewOk = false;
    const qint64 skew = parser.value(skewOpt).toLongLong(&skewOk);
    if (!skewOk || skew < 0 || skew > 86400)
        return bad(QStringLiteral("inspect.skew"),
            QStringLiteral("--skew takes a number of seconds from 0 to 86400, not \"%1\".").arg(parser.value(skewOpt)));
    bool timeoutOk = false;
    const int timeoutMs = parser.value(timeoutOpt).toInt(&timeoutOk);
    if (!timeoutOk || timeoutMs <= 0)
        return bad(QStringLiteral("inspect.timeout"), QStringLiteral("--timeout takes a positive number of milliseconds."));

    const auto read = tokenArgument(parser.positionalArguments());
    if (!read)
        return printError(read.error(), json, BadInput);
    const QString input = read.value();
    if (input.trimmed().isEmpty())
        return bad(QStringLiteral("inspect.empty"), QStringLiteral("Nothing to inspect: the input is empty."),
            QStringLiteral(
                "Give a token, a token response, an Authorization header or a URL, as an argument or on standard input."));

    const Clock &clock = SystemClock::instance();
    const QList<Item> items = TokenInspection::inspect(input, clock);
    bool anyToken = false;
    for (const Item &item : items)
        anyToken = anyToken || item.isToken();
    if (!anyToken) {
        const Item first = items.value(0);
        return bad(QStringLiteral("inspect.no-token"),
            QStringLiteral("No token found in the input: %1")
                .arg(first.classification.explanation.isEmpty() ? QStringLiteral("nothing recognisable")
                                                                : first.classification.explanation),
            first.classification.canDo.isEmpty()
                ? QStringLiteral(
                      "Give a token, a token response (JSON), an Authorization header or a URL with id_token= / access_token=.")
                : first.classification.canDo);
    }

    // The key the user gave, once for all tokens.
    std::optional<KeyMaterial> material;
    if (parser.isSet(certOpt)) {
        const auto certificate = KeyLoader::loadCertificate(parser.value(certOpt));
        if (!certificate)
            return printError(certificate.error(), json);
        KeyMaterial m;
        m.source = parser.value(certOpt);
        m.format = QStringLiteral("certificate");
        m.certificate = certificate.value();
        material = m;
    } else {
        for (const QCommandLineOption *option : { &pubkeyOpt, &jwkOpt, &jwksOpt }) {
            if (!parser.isSet(*option))
                continue;
            auto loaded = KeyLoader::loadFile(parser.value(*option));
            if (!loaded)
                return printError(loaded.error(), json);
            if (!loaded->privateKey.isNull() && loaded->certificate.isNull())
                return bad(QStringLiteral("key.private-key-given"),
                    QStringLiteral("%1 holds a private key; verifying needs the issuer's public key, certificate, JWK or JWKS.")
                        .arg(parser.value(*option)));
            material = loaded.value();
        }
    }

    // The issuer's keys through discovery, once per issuer.
    QNetworkAccessManager manager;
    SystemProxyFactory::install(&manager);
    KeyDiscovery discovery(&manager);
    discovery.setTimeout(timeoutMs);
    QHash<QString, Discovered> discovered;
    bool fetchFailed = false;
    if (parser.isSet(discoverOpt)) {
        for (const Item &item : items) {
            if (!item.isVerifiable())
                continue;
            const QString iss = item.issuer();
            if (discovered.contains(iss))
                continue;
            Discovered d;
            if (iss.isEmpty())
                d.error = makeError(QStringLiteral("discovery.bad-issuer"),
                    QStringLiteral("The token has no iss, so there is no issuer to fetch keys from."),
                    QStringLiteral("Give the keys with --cert, --pubkey, --jwk or --jwks."));
            else
                d = discover(discovery, iss);
            discovered.insert(iss, d);
        }
    }

    const QString accessToken
        = parser.isSet(accessTokenOpt) ? parser.value(accessTokenOpt) : TokenInspection::companionAccessToken(items);
    const QString accessTokenOrigin = parser.isSet(accessTokenOpt) ? QStringLiteral("the given access token")
                                                                   : QStringLiteral("the access_token found next to it");

    bool anyFailed = false;
    bool anyUnsupported = false;
    QJsonArray tokensJson;
    QList<std::optional<Report>> reports;
    for (const Item &item : items) {
        std::optional<Report> report;
        if (item.isVerifiable() || (item.jwt && item.jwt->kind() == Jwt::Kind::Encrypted)) {
            IdTokenVerifier::Options options;
            options.keys = material;
            options.expectedIssuer = parser.value(issuerOpt);
            options.clientId = parser.value(clientIdOpt);
            options.nonce = parser.value(nonceOpt);
            // Never hash a token against itself: the companion is for the ID token next to it.
            if (accessToken != item.found.token) {
                options.accessToken = accessToken;
                options.accessTokenOrigin = accessTokenOrigin;
            }
            options.skewSecs = skew;
            options.profile = item.profile();
            if (parser.isSet(discoverOpt)) {
                const Discovered d = discovered.value(item.issuer());
                if (d.keys) {
                    options.keys = d.keys->material();
                    if (options.expectedIssuer.isEmpty())
                        options.expectedIssuer = d.keys->issuer;
                } else if (d.error) {
                    options.keysError = d.error;
                    if (!IdTokenVerifier::keysErrorFails(*d.error))
                        fetchFailed = true;
                }
            }
            report = IdTokenVerifier::verify(*item.jwt, options, clock);
            anyFailed = anyFailed || report->anyFailed();
            anyUnsupported = anyUnsupported || report->signatureUnsupported;
        }
        reports.append(report);
    }

    const int exitCode = anyFailed ? InvalidSignature : fetchFailed ? Transport : anyUnsupported ? Unsupported : Success;

    // The verdict line of the token the inspector tab would open on: the first ID token, else the first item.
    QList<InspectionVerdict> verdicts;
    qsizetype primary = 0;
    for (qsizetype i = 0; i < items.size(); ++i) {
        verdicts.append(InspectionVerdict::of(items[i], reports[i], clock));
        if (items[i].classification.kind == TokenClassifier::Kind::IdToken
            && items[primary].classification.kind != TokenClassifier::Kind::IdToken)
            primary = i;
    }

    if (json) {
        for (qsizetype i = 0; i < items.size(); ++i) {
            const Item &item = items[i];
            QJsonObject object { { QStringLiteral("label"), item.found.label }, { QStringLiteral("source"), item.found.source },
                { QStringLiteral("kind"), item.kindName() },
                { QStringLiteral("form"), item.jwt ? TokenForm::of(*item.jwt).code : QString() },
                { QStringLiteral("title"), item.classification.title },
                { QStringLiteral("explanation"), item.classification.explanation },
                { QStringLiteral("canDo"), item.classification.canDo }, { QStringLiteral("verdict"), verdicts[i].line() } };
            if (item.jwt) {
                object.insert(QStringLiteral("header"), explainedToJson(item.header));
                object.insert(QStringLiteral("claims"), explainedToJson(item.claims));
                object.insert(QStringLiteral("notes"), QJsonArray::fromStringList(item.jwt->notes()));
            }
            if (reports[i])
                object.insert(QStringLiteral("verification"), reportToJson(*reports[i]));
            tokensJson.append(object);
        }
        QJsonObject root { { QStringLiteral("ok"), exitCode == Success }, { QStringLiteral("exitCode"), exitCode },
            { QStringLiteral("verdict"), verdicts[primary].line() }, { QStringLiteral("tokens"), tokensJson } };
        if (!discovered.isEmpty()) {
            QJsonArray issuers;
            for (auto it = discovered.cbegin(); it != discovered.cend(); ++it) {
                QJsonObject d { { QStringLiteral("issuer"), it.key() } };
                if (it->keys) {
                    d.insert(QStringLiteral("jwksUri"), it->keys->jwksUri.toString());
                    d.insert(QStringLiteral("kids"), QJsonArray::fromStringList(it->keys->jwks.kids()));
                    d.insert(QStringLiteral("fetchedAt"), it->keys->fetchedAt.toString(Qt::ISODate));
                }
                if (it->error)
                    d.insert(QStringLiteral("error"),
                        QJsonObject { { QStringLiteral("code"), it->error->code },
                            { QStringLiteral("message"), it->error->message }, { QStringLiteral("hint"), it->error->hint } });
                issuers.append(d);
            }
            root.insert(QStringLiteral("discovery"), issuers);
        }
        out() << QJsonDocument(root).toJson(QJsonDocument::Indented);
        return exitCode;
    }

    out() << TerminalText::line(verdicts[primary].line()) << "\n\n";
    out() << "Found " << items.size() << (items.size() == 1 ? " item" : " items") << " in the input ("
          << TerminalText::line(items.value(0).found.source) << ").\n";
    for (auto it = discovered.cbegin(); it != discovered.cend(); ++it) {
        if (it->keys)
            out() << "Keys of " << TerminalText::line(it.key()) << ": " << it->keys->jwks.size() << " from "
                  << TerminalText::line(it->keys->jwksUri.toString()) << " (kids "
                  << TerminalText::line(it->keys->jwks.kids().join(QStringLiteral(", "))) << "), fetched "
                  << it->keys->fetchedAt.toString(Qt::ISODate) << ".\n";
        else if (it->error)
            out() << "Keys of " << (it.key().isEmpty() ? QStringLiteral("(no iss)") : TerminalText::line(it.key())) << ": "
                  << TerminalText::line(it->error->text()) << '\n';
    }
    for (qsizetype i = 0; i < items.size(); ++i) {
        const Item &item = items[i];
        out() << '\n' << (i + 1) << ". " << item.found.label << " — " << item.classification.title << '\n';
        if (items.size() > 1 && i != primary)
            out() << "   " << TerminalText::line(verdicts[i].line()) << '\n';
        if (!item.classification.explanation.isEmpty())
            out() << "   " << item.classification.explanation << '\n';
        if (!item.classification.canDo.isEmpty())
            out() << "   " << item.classification.canDo << '\n';
        if (item.jwt) {
            for (const QString &note : item.jwt->notes())
                out() << "   note: " << TerminalText::line(note) << '\n';
        }
        printExplained("Header", item.header);
        printExplained("Claims", item.claims);
        if (!reports[i])
            continue;
        out() << "   Checks:\n";
        for (const TokenCheck &check : reports[i]->checks)
            out() << "     " << statusLabel(check.status) << "  " << check.name << ": " << TerminalText::line(check.message)
                  << '\n';
        int failures = 0;
        for (const TokenCheck &check : reports[i]->checks)
            failures += check.failed() ? 1 : 0;
        out() << "   "
              << (failures == 0 ? QStringLiteral("No check failed.")
                                : QStringLiteral("%1 %2 failed.")
                                      .arg(failures)
                                      .arg(failures == 1 ? QStringLiteral("check") : QStringLiteral("checks")))
              << '\n';
    }
    out().flush();
    return exitCode;
}

} // namespace jwtflow::cli
