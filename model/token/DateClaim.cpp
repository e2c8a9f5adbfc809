#include "token/DateClaim.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTimeZone>

namespace jwtflow {

namespace {

QString updatedText(qint64 delta)
{
    if (delta < 0)
        return QStringLiteral("updated %1 ago").arg(TimeClaim::durationText(delta));
    return delta == 0 ? QStringLiteral("updated just now")
                      : QStringLiteral("updated in the future, in %1").arg(TimeClaim::durationText(delta));
}

// updated_at as OpenID Connect Core 1.0 §5.1 writes it (a number of seconds) or as Salesforce
// sends it (an ISO 8601 date-time string).
std::optional<qint64> updatedAtSeconds(const QJsonValue &value)
{
    if (value.isDouble()) {
        const double secs = value.toDouble();
        if (secs < 0 || secs > static_cast<double>(TimeClaim::kMaxSeconds))
            return std::nullopt;
        return static_cast<qint64>(secs);
    }
    if (!value.isString())
        return std::nullopt;
    const QString text = value.toString().trimmed();
    QDateTime when = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!when.isValid())
        when = QDateTime::fromString(text, Qt::ISODate);
    if (!when.isValid())
        return std::nullopt;
    if (when.timeSpec() == Qt::LocalTime)
        when.setTimeZone(QTimeZone::utc()); // no zone written: Salesforce's dates are UTC
    return when.toSecsSinceEpoch();
}

} // namespace

DateClaim::Rule DateClaim::ruleFor(const QString &claim)
{
    if (registeredName(claim))
        return Rule::NumericDate;
    if (claim == QStringLiteral("updated_at"))
        return Rule::ProfileUpdatedAt;
    return Rule::NotADate;
}

std::optional<TimeClaim::Name> DateClaim::registeredName(const QString &claim)
{
    for (const TimeClaim::Name name :
        { TimeClaim::Name::Expiry, TimeClaim::Name::NotBefore, TimeClaim::Name::IssuedAt, TimeClaim::Name::AuthTime }) {
        if (TimeClaim::claimName(name) == claim)
            return name;
    }
    return std::nullopt;
}

std::optional<DateClaim::Reading> DateClaim::read(const QString &claim, const QJsonValue &value, const Clock &clock)
{
    Reading reading;
    switch (ruleFor(claim)) {
    case Rule::NotADate:
        return std::nullopt;
    case Rule::NumericDate: {
        const auto t = TimeClaim::fromJson(value, *registeredName(claim));
        if (!t) {
            reading.notes << t.error().message;
            return reading;
        }
        reading.seconds = t->seconds();
        reading.description = QStringLiteral("%1 (%2)").arg(t->utcIso(), t->relativeText(clock));
        reading.notes = t->notes();
        return reading;
    }
    case Rule::ProfileUpdatedAt: {
        const auto secs = updatedAtSeconds(value);
        if (!secs)
            return std::nullopt; // an issuer's own format: shown as written, not judged
        reading.seconds = *secs;
        reading.description = QStringLiteral("%1 (%2)").arg(TimeClaim::utcIso(*secs), updatedText(*secs - clock.nowSecs()));
        return reading;
    }
    }
    return std::nullopt;
}

QString DateClaim::hoverText(const QString &claim, const QJsonValue &value, const Clock &clock)
{
    const auto reading = read(claim, value, clock);
    if (!reading || reading->description.isEmpty())
        return {};
    const qint64 delta = reading->seconds - clock.nowSecs();
    const auto name = registeredName(claim);
    const QString relative = name ? TimeClaim::relativeText(*name, delta) : updatedText(delta);
    return QStringLiteral("%1: %2\nUTC: %3\nLocal: %4")
        .arg(claim, relative, TimeClaim::utcIso(reading->seconds), TimeClaim::localIso(reading->seconds));
}

QString DateClaim::hoverTextAt(const QString &line, int column, const Clock &clock)
{
    // A member name, a colon and a scalar: a number or a string without escapes (all a date is).
    static const QRegularExpression member(QStringLiteral(R"re("([A-Za-z_]+)"\s*:\s*(-?[0-9][0-9.eE+\-]*|"[^"\\]*"))re"));
    for (auto it = member.globalMatch(line); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        if (column < m.capturedStart(0) || column > m.capturedEnd(0))
            continue;
        if (ruleFor(m.captured(1)) == Rule::NotADate)
            return {};
        const QJsonArray parsed = QJsonDocument::fromJson(QStringLiteral("[%1]").arg(m.captured(2)).toUtf8()).array();
        return parsed.isEmpty() ? QString() : hoverText(m.captured(1), parsed.at(0), clock);
    }
    return {};
}

} // namespace jwtflow
