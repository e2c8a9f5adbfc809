#include "CryptoCliSupport.h"

#include "CliCommands.h"

#include "core/InputReader.h"

#include <QJsonObject>

namespace jwtflow::cli {

std::optional<int> parseArguments(QCommandLineParser &parser, const QStringList &arguments)
{
    const bool json = arguments.contains(QStringLiteral("--json"));
    for (const QString &argument : arguments) {
        if (argument == QStringLiteral("--passphrase") || argument.startsWith(QStringLiteral("--passphrase=")))
            return printError(
                makeError(QStringLiteral("cli.passphrase-argument"),
                    QStringLiteral("Passphrases are not taken as command-line arguments."),
                    QStringLiteral("Arguments show in the process list and shell history: use --passphrase-file FILE "
                                   "or the JWTFLOW_PASSPHRASE environment variable.")),
                json);
    }
    if (!parser.parse(arguments))
        return printError(makeError(QStringLiteral("cli.usage"), parser.errorText(),
                              QStringLiteral("Run '%1 --help' for the options.").arg(arguments.value(0))),
            json);
    if (parser.isSet(QStringLiteral("help"))) {
        out() << parser.helpText();
        return Success;
    }
    return std::nullopt;
}

QJsonArray warningsToJson(const KeyWarnings &warnings)
{
    QJsonArray array;
    for (const KeyWarning &w : warnings)
        array.append(QJsonObject {
            { QStringLiteral("code"), w.code }, { QStringLiteral("message"), w.message }, { QStringLiteral("hint"), w.hint } });
    return array;
}

void printWarnings(const KeyWarnings &warnings)
{
    for (const KeyWarning &w : warnings) {
        err() << "warning: " << w.message << '\n';
        if (!w.hint.isEmpty())
            err() << "  hint: " << w.hint << '\n';
    }
    err().flush();
}

std::optional<QByteArray> passphraseFromEnvironment()
{
    for (const char *name : { "JWTFLOW_PASSPHRASE", "JWTFLOW_KEY_PASSPHRASE" }) {
        if (qEnvironmentVariableIsSet(name))
            return qgetenv(name);
    }
    return std::nullopt;
}

std::optional<QByteArray> readSecretFile(const QString &path, QString *error)
{
    auto data = InputReader::read(path, InputReader::secret(QStringLiteral("the secret file")));
    if (!data) {
        *error = data.error().message;
        return std::nullopt;
    }
    return std::move(data.value());
}

std::optional<QByteArray> readFirstLineOfFile(const QString &path, QString *error)
{
    auto data = InputReader::read(path, InputReader::passphrase(QStringLiteral("the file")));
    if (!data) {
        *error = data.error().message;
        return std::nullopt;
    }
    return std::move(data.value());
}

} // namespace jwtflow::cli
