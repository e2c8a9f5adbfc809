#pragma once

#include <QStringList>

namespace jwtflow::cli {

// Exit codes, stable for scripts.
enum ExitCode : int {
    Success = 0,
    InvalidSignature = 1, // the token decoded but its signature does not verify
    BadInput = 2,         // unreadable token, key, file or option
    Unsupported = 3,      // e.g. an algorithm this build cannot verify
};

int run(const QStringList &arguments);

} // namespace jwtflow::cli
