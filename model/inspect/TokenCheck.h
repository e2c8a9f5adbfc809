#pragma once

#include <QList>
#include <QString>

namespace jwtflow {

// One line of an ID token's verification: what was checked, how it came out, and why, in words.
struct TokenCheck {
    enum class Status { Passed, Failed, Skipped };

    QString name; // stable, for tests and --json: "signature", "iss", "aud", "azp", "exp", "nbf", "iat", "nonce", "at_hash",
                  // "header.jwk" …
    Status status = Status::Skipped;
    QString message; // for people: what was found, against what, and what to do when it failed

    bool passed() const { return status == Status::Passed; }
    bool failed() const { return status == Status::Failed; }

    // "passed", "failed", "skipped": stable, for --json.
    static QString statusName(Status status)
    {
        switch (status) {
        case Status::Passed:
            return QStringLiteral("passed");
        case Status::Failed:
            return QStringLiteral("failed");
        case Status::Skipped:
            break;
        }
        return QStringLiteral("skipped");
    }
};

using TokenChecks = QList<TokenCheck>;

} // namespace jwtflow
