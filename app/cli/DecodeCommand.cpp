#include "ClaimLintOutput.h"
#include "CliCommands.h"

#include "token/Jwt.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace jwtflow::cli {

int decodeCommand(const QStringList &arguments)
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

    const QString kind = jwt->kind() == Jwt::Kind::Encrypted   ? QStringLiteral("encrypted (JWE)")
                         : jwt->kind() == Jwt::Kind::Unsecured ? QStringLiteral("unsecured (no signature)")
                                                               : QStringLiteral("signed (JWS)");
    const QList<Lint> lints = assertionLints(jwt.value());
    if (json) {
        QJsonObject object{{QStringLiteral("ok"), true},
                           {QStringLiteral("kind"), kind},
                           {QStringLiteral("header"), jwt->header()},
                           {QStringLiteral("notes"), QJsonArray::fromStringList(jwt->notes())}};
        if (jwt->kind() != Jwt::Kind::Encrypted)
            object.insert(QStringLiteral("claims"), jwt->claims());
        object.insert(QStringLiteral("lints"), lintsToJson(lints));
        out() << QJsonDocument(object).toJson(QJsonDocument::Indented);
        return Success;
    }
    out() << "Kind: " << kind << '\n';
    for (const QString &note : jwt->notes())
        out() << "Note: " << note << '\n';
    out() << "Header:\n" << QJsonDocument(jwt->header()).toJson(QJsonDocument::Indented);
    if (jwt->kind() != Jwt::Kind::Encrypted)
        out() << "Claims:\n" << QJsonDocument(jwt->claims()).toJson(QJsonDocument::Indented);
    printLints(lints);
    return Success;
}

} // namespace jwtflow::cli
