#pragma once

#include "core/Clock.h"
#include "token/TimeClaim.h"

#include <QJsonValue>
#include <QString>
#include <QStringList>
#include <optional>

namespace jwtflow {

// Which claims hold a date, and how each is read. Only the registered time claims are judged:
// exp, nbf, iat (RFC 7519 §4.1.4–6) and auth_time (OpenID Connect Core 1.0 §2) are NumericDates,
// so a string or a fraction there gets a note. updated_at (OpenID Connect Core 1.0 §5.1) is a
// JSON number of seconds by the spec, and Salesforce sends an ISO 8601 string
// ("2024-05-01T12:00:00Z"): both forms are read as a date, neither gets a note. Every other claim
// is no date, whatever its value looks like.
class DateClaim {
public:
    enum class Rule { NotADate, NumericDate, ProfileUpdatedAt };

    struct Reading {
        qint64 seconds = 0;
        QString description; // "2026-12-02T12:58:05Z (expired 3 h ago)"
        QStringList notes; // oddities a strict reader would refuse; empty when clean
    };

    static Rule ruleFor(const QString &claim);
    // exp, nbf, iat, auth_time; empty for any other claim (updated_at included: it is no NumericDate rule).
    static std::optional<TimeClaim::Name> registeredName(const QString &claim);

    // Empty when the claim is no date. A registered time claim that cannot be read as a date
    // comes back without a description and with the reason as its note.
    static std::optional<Reading> read(const QString &claim, const QJsonValue &value, const Clock &clock);

    // For a hover over a date claim's value: the date in UTC and local time, and the time from now
    // in words, one per line. Empty when the claim is no date or its value cannot be read.
    static QString hoverText(const QString &claim, const QJsonValue &value, const Clock &clock);
    // The same for the member under `column` of one line of JSON text ("  \"exp\": 1767225761,"),
    // as the payload editor shows it; empty when no date claim's member is there.
    static QString hoverTextAt(const QString &line, int column, const Clock &clock);
};

} // namespace jwtflow
