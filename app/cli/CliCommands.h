#pragma once

#include "core/Result.h"

#include <QStringList>
#include <QTextStream>

namespace jwtflow::cli {

// Exit codes, stable for scripts.
enum ExitCode : int {
    Success = 0,
    InvalidSignature = 1, // the token decoded but its signature does not verify
    BadInput = 2, // unreadable token, key, file or option
    Unsupported = 3, // e.g. an algorithm this build cannot verify
    Failed = 4, // the operation ran and failed (e.g. the server refused the assertion)
    Transport = 5, // no complete answer from the server (DNS, refused, timeout, TLS, proxy)
};

// One subcommand: its name, a one-line summary for the overview, and its entry point, which gets
// "jwtflow-cli NAME" as arguments[0] followed by the command's own options.
struct Command {
    const char *name;
    const char *summary;
    int (*run)(const QStringList &arguments);
};

int run(const QStringList &arguments);

// Shared by the commands.
QTextStream &out();
QTextStream &err();
int printError(const Error &error, bool json, int exitCode = BadInput);
// The TOKEN argument, or standard input when it is "-" or missing, read to its end through
// InputReader with the token cap (InputReader::kMaxTokenBytes), whatever the source.
Result<QString> tokenArgument(const QStringList &positional);
// The line every --help that reads a token ends with.
QString tokenInputHelp();

// The commands (one file each).
int decodeCommand(const QStringList &arguments);
int verifyCommand(const QStringList &arguments);
int signCommand(const QStringList &arguments);
int keygenCommand(const QStringList &arguments);
int exchangeCommand(const QStringList &arguments);
int callCommand(const QStringList &arguments);
int inspectCommand(const QStringList &arguments);
int practiceOrgCommand(const QStringList &arguments);

} // namespace jwtflow::cli
