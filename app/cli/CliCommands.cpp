#include "CliCommands.h"

#include "token/Jwt.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <cstdio>

namespace jwtflow::cli {

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

const char *const kOverview =
    "usage: jwtflow-cli [--version] [--help] COMMAND [OPTIONS]\n"
    "\n"
    "Commands:\n"
    "  decode [TOKEN|-]   decode a JWT (from the argument, or standard input) and show header and claims\n"
    "\n"
    "Run 'jwtflow-cli COMMAND --help' for a command's options.\n"
    "Exit codes: 0 success, 1 invalid signature, 2 bad input, 3 unsupported.\n";

int printError(const Error &error, bool json)
{
    if (json) {
        QJsonObject object{{QStringLiteral("ok"), false},
                           {QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), error.code},
                                                                 {QStringLiteral("message"), error.message},
                                                                 {QStringLiteral("hint"), error.hint}}}};
        out() << QJsonDocument(object).toJson(QJsonDocument::Indented);
    } else {
        err() << "error: " << error.message << '\n';
        if (!error.hint.isEmpty())
            err() << "hint: " << error.hint << '\n';
    }
    return BadInput;
}

// TOKEN argument, "-" or nothing: read standard input.
QString tokenArgument(const QStringList &positional)
{
    if (!positional.isEmpty() && positional.constFirst() != QStringLiteral("-"))
        return positional.constFirst();
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(in.read(1024 * 1024));
}

int decode(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Decode a JWT and show its header and claims."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print one JSON object instead of text.")});
    parser.addPositionalArgument(QStringLiteral("token"), QStringLiteral("The token, or - (default) to read standard input."));
    parser.process(arguments);
    const bool json = parser.isSet(QStringLiteral("json"));

    const auto jwt = Jwt::parse(tokenArgument(parser.positionalArguments()));
    if (!jwt)
        return printError(jwt.error(), json);

    const QString kind = jwt->kind() == Jwt::Kind::Encrypted ? QStringLiteral("encrypted (JWE)")
                         : jwt->kind() == Jwt::Kind::Unsecured ? QStringLiteral("unsecured (no signature)")
                                                               : QStringLiteral("signed (JWS)");
    if (json) {
        QJsonObject object{{QStringLiteral("ok"), true},
                           {QStringLiteral("kind"), kind},
                           {QStringLiteral("header"), jwt->header()},
                           {QStringLiteral("notes"), QJsonArray::fromStringList(jwt->notes())}};
        if (jwt->kind() != Jwt::Kind::Encrypted)
            object.insert(QStringLiteral("claims"), jwt->claims());
        out() << QJsonDocument(object).toJson(QJsonDocument::Indented);
        return Success;
    }
    out() << "Kind: " << kind << '\n';
    for (const QString &note : jwt->notes())
        out() << "Note: " << note << '\n';
    out() << "Header:\n" << QJsonDocument(jwt->header()).toJson(QJsonDocument::Indented);
    if (jwt->kind() != Jwt::Kind::Encrypted)
        out() << "Claims:\n" << QJsonDocument(jwt->claims()).toJson(QJsonDocument::Indented);
    return Success;
}

} // namespace

int run(const QStringList &arguments)
{
    const QString command = arguments.value(1);
    if (command.isEmpty() || command == QStringLiteral("--help") || command == QStringLiteral("-h")) {
        out() << kOverview;
        return command.isEmpty() ? BadInput : Success;
    }
    if (command == QStringLiteral("--version") || command == QStringLiteral("-v")) {
        out() << "jwtflow-cli " << QCoreApplication::applicationVersion() << '\n';
        return Success;
    }
    QStringList rest = arguments.mid(1);
    rest[0] = arguments.value(0) + QLatin1Char(' ') + command; // "jwtflow-cli decode" in usage lines
    if (command == QStringLiteral("decode"))
        return decode(rest);
    err() << "error: unknown command '" << command << "'\n\n" << kOverview;
    return BadInput;
}

} // namespace jwtflow::cli
