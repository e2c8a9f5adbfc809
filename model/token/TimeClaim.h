#pragma once

#include "core/Clock.h"
#include "core/Result.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace jwtflow {

// One NumericDate claim (exp, nbf, iat, auth_time) read the way a debugger should: lenient about what it
// accepts, loud about anything a strict server would refuse (RFC 7519 §2 says a JSON number of
// seconds; Salesforce's examples use integer seconds), and able to say the time in words.
class TimeClaim {
public:
    enum class Name { Expiry, NotBefore, IssuedAt, AuthTime }; // auth_time: OpenID Connect Core 1.0 §2
    // How the value was written. QJsonDocument folds a whole float such as 1.0 into the integer 1,
    // so only values with a real fraction are seen as Fractional.
    enum class Form { Integer, Fractional, NumericString };

    // 9999-12-31T23:59:59Z: beyond it ISO 8601 has no four-digit year and nothing sane lives there.
    static constexpr qint64 kMaxSeconds = 253402300799;
    // Above 10^11 (year 5138) a value is almost certainly Date.now() milliseconds.
    static constexpr qint64 kMillisecondsThreshold = 100000000000;

    // Reads claims[claimName(name)]. Error codes: "time.missing", "time.not-number",
    // "time.negative", "time.too-large".
    static Result<TimeClaim> read(const QJsonObject &claims, Name name);
    static Result<TimeClaim> fromJson(const QJsonValue &value, Name name);
    static QString claimName(Name name); // "exp", "nbf", "iat", "auth_time"

    Name name() const { return m_name; }
    Form form() const { return m_form; }
    double value() const { return m_value; } // as written (a string is converted)
    bool hasFraction() const { return m_hasFraction; }
    // Whole seconds, rounded up: with a whole-second clock, now < exp ⇔ now < seconds() and
    // now >= nbf ⇔ now >= seconds() stay exact for fractional values.
    qint64 seconds() const { return m_seconds; }

    bool looksLikeMilliseconds() const { return m_seconds > kMillisecondsThreshold; }
    qint64 secondsIfMilliseconds() const { return m_seconds / 1000; } // the reading it was meant as

    // True when a strict reader (RFC 7519 number, Salesforce integer seconds) gets what was meant.
    bool isClean() const { return m_form == Form::Integer && !looksLikeMilliseconds(); }
    // One sentence per oddity, saying why it matters; empty when isClean().
    QStringList notes() const;

    // Presentation. ISO texts work past year 9999 too (a milliseconds value read as seconds).
    QString utcIso() const { return utcIso(m_seconds); }
    QString localIso() const { return localIso(m_seconds); }
    // "expires in 2 min 41 s", "expired 3 h ago", "valid from 5 s ago", "issued 2 days ago".
    QString relativeText(const Clock &clock) const { return relativeText(m_name, m_seconds - clock.nowSecs()); }

    static QString utcIso(qint64 secs);
    static QString localIso(qint64 secs);
    // deltaSecs = claim − now; wording depends on the claim.
    static QString relativeText(Name name, qint64 deltaSecs);
    // "41 s", "2 min 41 s", "3 h 5 min", "2 days 4 h", "54 952 years"; truncated, never rounded up.
    static QString durationText(qint64 secs);
    // The largest unit only, spelt out, for a sentence someone pastes into a ticket: "41 seconds",
    // "3 hours", "2 days", "1 year"; truncated.
    static QString durationInWords(qint64 secs);

private:
    Name m_name = Name::Expiry;
    Form m_form = Form::Integer;
    double m_value = 0;
    bool m_hasFraction = false;
    qint64 m_seconds = 0;
};

} // namespace jwtflow
