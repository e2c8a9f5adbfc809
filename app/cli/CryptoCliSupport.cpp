#include "CryptoCliSupport.h"

#include "CliCommands.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonObject>

#include <algorithm>

namespace jwtflow::cli {

std::optional<int> parseArguments(QCommandLineParser &parser, const QStringList &arguments)
{
    const bool json = arguments.contains(QStringLiteral("--json"));
    for (const QString &argument : arguments) {
        if (argument == QStringLiteral("--passphrase") || argument.startsWith(QStringLiteral("--passphrase=")))
            return printError(makeError(QStringLiteral("cli.passphrase-argument"),
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
        array.append(QJsonObject{{QStringLiteral("code"), w.code}, {QStringLiteral("message"), w.message}, {QStringLiteral("hint"), w.hint}});
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
    for (const char *name : {"JWTFLOW_PASSPHRASE", "JWTFLOW_KEY_PASSPHRASE"}) {
        if (qEnvironmentVariableIsSet(name))
            return qgetenv(name);
    }
    return std::nullopt;
}

std::optional<QByteArray> readSecretFile(const QString &path, QString *error)
{
    // A FIFO with no writer would block the open forever; a device never ends.
    const QFileInfo info(path);
    if (info.exists() && !info.isFile()) {
        *error = QStringLiteral("%1 is not a regular file (%2).").arg(path, info.isDir() ? QStringLiteral("a folder") : QStringLiteral("a pipe, device or socket"));
        return std::nullopt;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1 cannot be read: %2.").arg(path, file.errorString());
        return std::nullopt;
    }
    QByteArray data = file.read(64 * 1024);
    // The first line, as the help says: what follows a line break (a second line, an editor's
    // trailing newline) is not part of the secret.
    const qsizetype end = data.indexOf('\n');
    if (end >= 0) {
        std::fill(data.begin() + end, data.end(), '\0');
        data.truncate(end);
    }
    if (data.endsWith('\r'))
        data.chop(1);
    return data;
}

} // namespace jwtflow::cli
