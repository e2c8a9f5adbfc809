#pragma once

#include "crypto/KeyWarning.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QStringList>

#include <optional>

namespace jwtflow::cli {

// Shared by verify, sign, keygen and exchange.

// Parses without QCommandLineParser::process(), which would exit(1), the code of "invalid
// signature": a bad option is bad input (2). Returns an exit code when the command is done
// (--help, or an error already printed).
std::optional<int> parseArguments(QCommandLineParser &parser, const QStringList &arguments);

QJsonArray warningsToJson(const KeyWarnings &warnings);
// "warning: MESSAGE" and "  hint: HINT" lines on standard error.
void printWarnings(const KeyWarnings &warnings);

// A secret file's first line, without its line break (CRLF too).
std::optional<QByteArray> readSecretFile(const QString &path, QString *error);

// An encrypted key's passphrase from the environment (scripts; never a prompt): JWTFLOW_PASSPHRASE,
// the name every passphrase message gives, or JWTFLOW_KEY_PASSPHRASE, which `exchange` read at first.
std::optional<QByteArray> passphraseFromEnvironment();

} // namespace jwtflow::cli
