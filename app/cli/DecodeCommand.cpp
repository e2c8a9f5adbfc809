#include "ClaimLintOutput.h"
#include "CliCommands.h"
#include "CryptoCliSupport.h"

#include "token/Jwt.h"
#include "token/TokenForm.h"

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
    parser.addOption({ QStringLiteral("json"), QStringLiteral("Print one JSON object instead of text.") });
    parser.addPositionalArgument(
        QStringLiteral("token"), QStringLiteral("The token, or - (default) to read standard input. ") + tokenInputHelp());
    if (auto done = parseArguments(parser, arguments))
        return *done;
    const bool json = parser.isSet(QStringLiteral("json"));

    const auto input = tokenArgument(parser.positionalArguments());
    if (!input)
        return printError(input.error(), json);
    const auto jwt = Jwt::parse(input.value());
    if (!jwt)
        return printError(jwt.error(), json);

    const TokenForm form = TokenForm::of(jwt.value());
    QStringList notes = jwt->notes();
    for (const QString &note : form.notes) {
        if (!notes.contains(note))
            notes << note;
    }
    const bool hasClaims = form.kind == TokenForm::Kind::Jws || form.kind == TokenForm::Kind::Unsecured;
    const QList<Lint> lints = assertionLints(jwt.value());
    if (json) {
        QJsonObject object { { QStringLiteral("ok"), true }, { QStringLiteral("kind"), form.title },
            { QStringLiteral("form"), form.code }, { QStringLiteral("header"), jwt->header() },
            { QStringLiteral("notes"), QJsonArray::fromStringList(notes) } };
        if (hasClaims)
            object.insert(QStringLiteral("claims"), jwt->claims());
        if (form.inner) {
            const TokenForm innerForm = TokenForm::of(*form.inner);
            QJsonObject inner { { QStringLiteral("kind"), innerForm.title }, { QStringLiteral("form"), innerForm.code },
                { QStringLiteral("header"), form.inner->header() }, { QStringLiteral("unsigned"), form.innerUnsigned } };
            if (innerForm.kind != TokenForm::Kind::Jwe && innerForm.kind != TokenForm::Kind::Nested)
                inner.insert(QStringLiteral("claims"), form.inner->claims());
            object.insert(QStringLiteral("inner"), inner);
        }
        object.insert(QStringLiteral("lints"), lintsToJson(lints));
        out() << QJsonDocument(object).toJson(QJsonDocument::Indented);
        return Success;
    }
    out() << "Kind: " << form.title << '\n';
    for (const QString &note : std::as_const(notes))
        out() << "Note: " << note << '\n';
    out() << "Header:\n" << QJsonDocument(jwt->header()).toJson(QJsonDocument::Indented);
    if (hasClaims)
        out() << "Claims:\n" << QJsonDocument(jwt->claims()).toJson(QJsonDocument::Indented);
    if (form.inner) {
        out() << "Inner header:\n" << QJsonDocument(form.inner->header()).toJson(QJsonDocument::Indented);
        if (form.inner->kind() != Jwt::Kind::Encrypted && !form.inner->isNested())
            out() << "Inner claims:\n" << QJsonDocument(form.inner->claims()).toJson(QJsonDocument::Indented);
    }
    printLints(lints);
    return Success;
}

} // namespace jwtflow::cli
