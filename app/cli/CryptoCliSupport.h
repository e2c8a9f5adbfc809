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

// A secret file (an HMAC key): the whole file less one final line break, through InputReader.
std::optional<QByteArray> readSecretFile(const QString &path, QString *error);
// A passphrase, token or assertion file: its first line only (an editor's newline, a note below
// it are not part of the secret), read through InputReader (FIFOs and devices refused).
std::optional<QByteArray> readFirstLineOfFile(const QString &path, QString *error);

// An encrypted key's passphrase from the environment (scripts; never a prompt): JWTFLOW_PASSPHRASE,
// the name every passphrase message gives, or JWTFLOW_KEY_PASSPHRASE, which `exchange` read at first.
std::optional<QByteArray> passphraseFromEnvironment();

} // namespace jwtflow::cli
