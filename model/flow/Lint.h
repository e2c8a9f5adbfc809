#pragma once

#include <QList>
#include <QString>

namespace jwtflow {

// One finding about an assertion before it is sent: how bad, a stable code for tests and scripts,
// the claim or setting it concerns (so the UI can point at it), what is wrong and the one-line fix.
struct Lint {
    enum class Severity { Error, Warning, Info }; // Error: the server will refuse it

    Severity severity = Severity::Error;
    QString code; // e.g. "aud.environment-mixup"
    QString field; // "iss", "aud", "exp", "header.alg", "header.x5t", "key", ...
    QString message;
    QString fix;

    bool operator==(const Lint &) const = default;

    static QString severityName(Severity severity)
    {
        switch (severity) {
        case Severity::Error:
            return QStringLiteral("error");
        case Severity::Warning:
            return QStringLiteral("warning");
        case Severity::Info:
            return QStringLiteral("info");
        }
        return {};
    }
};

} // namespace jwtflow
