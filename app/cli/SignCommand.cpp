#include "CliCommands.h"
#include "CryptoCliSupport.h"

#include "core/InputReader.h"
#include "crypto/HmacSecret.h"
#include "crypto/JwsAlgorithm.h"
#include "crypto/KeyLoader.h"
#include "crypto/Signer.h"
#include "token/JsonText.h"
#include "token/Jwt.h"
#include "token/StrictJson.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>

namespace jwtflow::cli {

namespace {

// NAME=VALUE: VALUE is JSON when it parses as JSON (numbers, true, false, null, "quoted", [..],
// {..}), otherwise a string. So exp=1700000000 is a number and sub=ann@example.com a string.
std::optional<std::pair<QString, QJsonValue>> parseClaim(const QString &text)
{
    const qsizetype eq = text.indexOf(QLatin1Char('='));
    if (eq <= 0)
        return std::nullopt;
    const QString name = text.left(eq);
    const QString value = text.mid(eq + 1);
    QJsonParseError error {};
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArrayLiteral("[") + value.toUtf8() + QByteArrayLiteral("]"), &error);
    if (error.error == QJsonParseError::NoError && doc.array().size() == 1)
        return std::make_pair(name, doc.array().at(0));
    return std::make_pair(name, QJsonValue(value));
}

// A JSON object text from a file or standard input, its bytes kept (member order, spacing,
// escapes) so that the token carries exactly what was written; one final line break, which an
// editor adds, is not part of it. Refused unless it is strict RFC 8259 JSON: sign never makes a
// token a strict server would reject.
Result<QByteArray> readObjectText(const QString &path, const QString &what, const QString &code)
{
    const auto read = InputReader::read(path, { what, InputReader::kMaxTokenBytes, InputReader::Trim::FinalLineBreak, false });
    if (!read)
        return makeError(code, read.error().message, read.error().hint);
    const QString source = path == QStringLiteral("-") ? QStringLiteral("standard input") : path;
    if (auto object = Jwt::decodeObject(read.value(), what); !object)
        return makeError(code, QStringLiteral("%1: %2").arg(source, object.error().message), object.error().hint);
    if (const auto problems = StrictJson::check(read.value()); !problems.isEmpty())
        return makeError(code,
            QStringLiteral("%1: the %2 is not strict JSON: %3.").arg(source, what, problems.constFirst().message()),
            QStringLiteral("Servers reject such a token; fix the JSON text."));
    return read.value();
}

} // namespace

int signCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Sign claims into a JWT and print the token.\n"
        "Claims come from --claims (a JSON object) and --claim NAME=VALUE (VALUE is JSON if it parses, else a string).\n"
        "RS256/384/512 and PS256/384/512 sign with an RSA --key, ES256/384/512 with an EC key on P-256/P-384/P-521,\n"
        "EdDSA with an Ed25519 or Ed448 key; HS256/384/512 with --secret-file (or JWTFLOW_SECRET).\n"
        "Salesforce's JWT bearer flow accepts RS256 only.\n"
        "The key's passphrase comes from --passphrase-file or JWTFLOW_PASSPHRASE, never from an argument.\n"
        "The claims file and --header are signed byte for byte as written (one final line break dropped), at most 1 MiB each."));
    parser.addHelpOption();
    parser.addOptions({
        { QStringLiteral("json"), QStringLiteral("Print one JSON object instead of the bare token.") },
        { QStringLiteral("claims"), QStringLiteral("JSON file with the claims, or - for standard input."),
            QStringLiteral("file") },
        { QStringLiteral("claim"), QStringLiteral("One claim; repeatable; overrides --claims."), QStringLiteral("name=value") },
        { QStringLiteral("key"), QStringLiteral("Private key: PEM, DER, PKCS#12 or JWK."), QStringLiteral("file") },
        { QStringLiteral("passphrase-file"), QStringLiteral("File whose first line is the key's passphrase."),
            QStringLiteral("file") },
        { QStringLiteral("secret-file"), QStringLiteral("File holding the HMAC secret (HS*)."), QStringLiteral("file") },
        { QStringLiteral("secret-base64"), QStringLiteral("The secret is base64 or base64url, not text.") },
        { QStringLiteral("alg"),
            QStringLiteral(
                "RS256 (default), RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, EdDSA, HS256, HS384 or HS512."),
            QStringLiteral("alg"), QStringLiteral("RS256") },
        { QStringLiteral("kid"), QStringLiteral("Key id to put in the header."), QStringLiteral("kid") },
        { QStringLiteral("header"),
            QStringLiteral("JSON file with the protected header, signed as written (its alg is used unless --alg is given)."),
            QStringLiteral("file") },
        { QStringLiteral("keep-header"), QStringLiteral("Do not add \"typ\":\"JWT\" to the header.") },
    });
    if (auto done = parseArguments(parser, arguments))
        return *done;
    const bool json = parser.isSet(QStringLiteral("json"));
    const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();

    // The claims' bytes: the file as written, then each --claim set in place (order kept).
    QByteArray claimsJson = "{}";
    if (parser.isSet(QStringLiteral("claims"))) {
        auto read
            = readObjectText(parser.value(QStringLiteral("claims")), QStringLiteral("payload"), QStringLiteral("cli.claims"));
        if (!read)
            return printError(read.error(), json);
        claimsJson = read.value();
    }
    for (const QString &text : parser.values(QStringLiteral("claim"))) {
        const auto claim = parseClaim(text);
        if (!claim)
            return printError(
                makeError(QStringLiteral("cli.usage"), QStringLiteral("--claim \"%1\" is not NAME=VALUE.").arg(text),
                    QStringLiteral("For example --claim sub=ann@example.com --claim exp=1767225600.")),
                json);
        claimsJson = JsonText::setMember(claimsJson, claim->first, claim->second);
    }
    if (claimsJson == "{}" && !parser.isSet(QStringLiteral("claims")))
        return printError(makeError(QStringLiteral("cli.usage"), QStringLiteral("No claims to sign."),
                              QStringLiteral("Give --claims FILE or --claim NAME=VALUE.")),
            json);

    // The header: as written with --header (its alg is the algorithm unless --alg says otherwise),
    // else {"alg":…,"typ":"JWT"}; --keep-header leaves "typ" out.
    QByteArray headerJson;
    if (parser.isSet(QStringLiteral("header"))) {
        auto read
            = readObjectText(parser.value(QStringLiteral("header")), QStringLiteral("header"), QStringLiteral("cli.header"));
        if (!read)
            return printError(read.error(), json);
        headerJson = read.value();
    }
    const QString headerAlg = headerJson.isEmpty()
        ? QString()
        : Jwt::decodeObject(headerJson, QStringLiteral("header"))->value(QStringLiteral("alg")).toString();
    const QString alg
        = parser.isSet(QStringLiteral("alg")) || headerAlg.isEmpty() ? parser.value(QStringLiteral("alg")) : headerAlg;
    const JwsAlgorithm algorithm = JwsAlgorithm::fromName(alg);
    if (!algorithm.isSupported())
        return printError(makeError(QStringLiteral("sign.unsupported-alg"),
                              QStringLiteral("\"%1\" cannot be signed with: this build signs with %2.")
                                  .arg(alg, JwsAlgorithm::supportedNames().join(QStringLiteral(", "))),
                              QStringLiteral("Salesforce's JWT bearer flow uses RS256.")),
            json, algorithm.family() == JwsAlgorithm::Family::Unsupported ? Unsupported : BadInput);
    if (headerJson.isEmpty()) {
        headerJson = JsonText::setMember("{}", QStringLiteral("alg"), alg);
        if (!parser.isSet(QStringLiteral("keep-header")))
            headerJson = JsonText::setMember(headerJson, QStringLiteral("typ"), QStringLiteral("JWT"));
    }
    if (parser.isSet(QStringLiteral("kid")))
        headerJson = JsonText::setMember(headerJson, QStringLiteral("kid"), parser.value(QStringLiteral("kid")));
    auto jwt = Jwt::compose(headerJson, claimsJson);
    if (!jwt)
        return printError(jwt.error(), json);

    KeyWarnings warnings;
    Result<void> signedOk;
    if (algorithm.family() == JwsAlgorithm::Family::Hmac) {
        QByteArray raw;
        if (parser.isSet(QStringLiteral("secret-file"))) {
            QString error;
            const auto data = readSecretFile(parser.value(QStringLiteral("secret-file")), &error);
            if (!data)
                return printError(makeError(QStringLiteral("cli.secret-file"), error, QStringLiteral("Check the path.")), json);
            raw = *data;
        } else if (environment.contains(QStringLiteral("JWTFLOW_SECRET"))) {
            raw = environment.value(QStringLiteral("JWTFLOW_SECRET")).toUtf8();
        } else {
            return printError(makeError(QStringLiteral("cli.usage"), QStringLiteral("%1 needs a shared secret.").arg(alg),
                                  QStringLiteral("Give it with --secret-file FILE or the JWTFLOW_SECRET environment variable.")),
                json);
        }
        const auto secret = parser.isSet(QStringLiteral("secret-base64")) ? HmacSecret::fromBase64(QString::fromUtf8(raw))
                                                                          : HmacSecret::fromBytes(raw, QStringLiteral("text"));
        raw.fill('\0');
        if (!secret)
            return printError(secret.error(), json);
        warnings = secret->warnings(algorithm);
        signedOk = Signer::sign(jwt.value(), secret.value(), alg);
    } else {
        if (!parser.isSet(QStringLiteral("key")))
            return printError(makeError(QStringLiteral("cli.usage"), QStringLiteral("No private key to sign with."),
                                  QStringLiteral("Give the connected app's private key with --key FILE.")),
                json);
        std::optional<QByteArray> passphrase;
        if (parser.isSet(QStringLiteral("passphrase-file"))) {
            QString error;
            passphrase = readFirstLineOfFile(parser.value(QStringLiteral("passphrase-file")), &error);
            if (!passphrase)
                return printError(
                    makeError(QStringLiteral("cli.passphrase-file"), error, QStringLiteral("Check the path.")), json);
        } else {
            passphrase = passphraseFromEnvironment();
        }
        PassphraseCallback callback;
        if (passphrase)
            callback = [&passphrase](const QString &) { return passphrase; };
        auto key = KeyLoader::loadPrivateKey(parser.value(QStringLiteral("key")), callback);
        if (passphrase)
            passphrase->fill('\0');
        if (!key) {
            Error error = key.error();
            if (error.code == QLatin1String("key.passphrase-required"))
                error.hint
                    = QStringLiteral("Give it with --passphrase-file FILE or the JWTFLOW_PASSPHRASE environment variable.");
            return printError(error, json);
        }
        warnings = key->warnings();
        signedOk = Signer::sign(jwt.value(), key.value(), alg);
    }
    if (!signedOk)
        return printError(signedOk.error(), json);

    const QString token = QString::fromLatin1(jwt->encoded());
    if (json) {
        const QJsonObject object { { QStringLiteral("ok"), true }, { QStringLiteral("token"), token },
            { QStringLiteral("alg"), alg }, { QStringLiteral("header"), jwt->header() },
            { QStringLiteral("claims"), jwt->claims() }, { QStringLiteral("warnings"), warningsToJson(warnings) } };
        out() << QJsonDocument(object).toJson(QJsonDocument::Indented);
    } else {
        out() << token << '\n';
        out().flush();
        printWarnings(warnings);
    }
    return Success;
}

} // namespace jwtflow::cli
