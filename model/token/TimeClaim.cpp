#include "token/TimeClaim.h"

#include <QDateTime>
#include <QMetaType>
#include <QRegularExpression>
#include <QTimeZone>
#include <QVariant>

#include <cmath>

namespace jwtflow {

namespace {

QString jsonTypeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    default:
        return QStringLiteral("a number");
    }
}

// Shortest faithful text of a number as the user wrote it (no exponent for whole values).
QString numberText(double value)
{
    if (std::fabs(value) >= 1e17)
        return QString::number(value, 'g', 15);
    if (value == std::floor(value))
        return QString::number(static_cast<qint64>(value));
    return QString::number(value, 'f', 6).remove(QRegularExpression(QStringLiteral("0+$")));
}

QString plural(qint64 n, const char *unit)
{
    return QStringLiteral("%1 %2%3").arg(n).arg(QLatin1StringView(unit)).arg(n == 1 ? QString() : QStringLiteral("s"));
}

QString offsetText(int offsetSecs)
{
    const QChar sign = offsetSecs < 0 ? u'-' : u'+';
    const int abs = std::abs(offsetSecs);
    return QStringLiteral("%1%2:%3")
        .arg(sign)
        .arg(abs / 3600, 2, 10, QLatin1Char('0'))
        .arg(abs % 3600 / 60, 2, 10, QLatin1Char('0'));
}

// A format string rather than Qt::ISODate: that one gives an empty string past year 9999.
const QString kIsoFormat = QStringLiteral("yyyy-MM-dd'T'HH:mm:ss");

} // namespace

QString TimeClaim::claimName(Name name)
{
    switch (name) {
    case Name::Expiry:
        return QStringLiteral("exp");
    case Name::NotBefore:
        return QStringLiteral("nbf");
    case Name::IssuedAt:
        return QStringLiteral("iat");
    case Name::AuthTime:
        return QStringLiteral("auth_time");
    }
    return {};
}

Result<TimeClaim> TimeClaim::read(const QJsonObject &claims, Name name)
{
    return fromJson(claims.value(claimName(name)), name);
}

Result<TimeClaim> TimeClaim::fromJson(const QJsonValue &json, Name name)
{
    const QString claim = claimName(name);
    const QString expected = QStringLiteral("Write %1 as a JSON number of whole seconds since 1970-01-01T00:00:00Z "
                                            "(1767225600 is 2026-01-01T00:00:00Z).")
                                 .arg(claim);
    if (json.isUndefined())
        return makeError(QStringLiteral("time.missing"), QStringLiteral("There is no %1 claim.").arg(claim), expected);

    TimeClaim tc;
    tc.m_name = name;
    if (json.isString()) {
        // Digits only: " 123", "1e9" or "0x10" are what a lenient parser reads differently.
        static const QRegularExpression numeric(QStringLiteral("^-?[0-9]+(\\.[0-9]+)?$"));
        const QString text = json.toString();
        if (!numeric.match(text).hasMatch())
            return makeError(QStringLiteral("time.not-number"),
                QStringLiteral("%1 is the string \"%2\", which is not a number.").arg(claim, text.left(40)), expected);
        tc.m_form = Form::NumericString;
        tc.m_value = text.toDouble();
        tc.m_hasFraction = text.contains(u'.') && tc.m_value != std::floor(tc.m_value);
    } else if (json.isDouble()) {
        // QJsonValue keeps integers that fit in 64 bits as integers and everything else as double.
        if (json.toVariant().typeId() == QMetaType::LongLong) {
            tc.m_value = static_cast<double>(json.toInteger());
        } else {
            tc.m_value = json.toDouble();
            tc.m_hasFraction = tc.m_value != std::floor(tc.m_value);
        }
        tc.m_form = tc.m_hasFraction ? Form::Fractional : Form::Integer;
    } else {
        return makeError(QStringLiteral("time.not-number"),
            QStringLiteral("%1 is %2; it must be a NumericDate (a JSON number of seconds).").arg(claim, jsonTypeName(json)),
            expected);
    }

    // A digit string of hundreds of digits reads as infinity: too large, not "negative".
    if (!std::isfinite(tc.m_value) && tc.m_value > 0)
        return makeError(QStringLiteral("time.too-large"),
            QStringLiteral("%1 is a number too large to represent, beyond the year 9999.").arg(claim), expected);
    if (!std::isfinite(tc.m_value) || tc.m_value < 0)
        return makeError(QStringLiteral("time.negative"),
            QStringLiteral("%1 is negative (%2), a time before 1970.").arg(claim, numberText(tc.m_value)), expected);
    // Past year 9999 even when read as milliseconds: no reading of it is a date.
    if (tc.m_value >= static_cast<double>(kMaxSeconds + 1) * 1000.0)
        return makeError(QStringLiteral("time.too-large"),
            QStringLiteral("%1 is %2, beyond the year 9999 even when read as milliseconds.").arg(claim, numberText(tc.m_value)),
            expected);
    tc.m_seconds = static_cast<qint64>(std::ceil(tc.m_value));
    return tc;
}

QStringList TimeClaim::notes() const
{
    QStringList notes;
    const QString claim = claimName(m_name);
    if (m_form == Form::NumericString)
        notes << QStringLiteral("%1 is a string, not a JSON number: RFC 7519 defines NumericDate as a number and strict "
                                "libraries reject strings (Salesforce happens to accept one). Write it without quotes.")
                     .arg(claim);
    if (m_hasFraction)
        notes << QStringLiteral("%1 has a fraction (%2): RFC 7519 allows it, but Salesforce expects integer seconds. "
                                "Drop the fraction.")
                     .arg(claim, numberText(m_value));
    if (looksLikeMilliseconds())
        notes << QStringLiteral("%1 (%2) looks like milliseconds: read as seconds it is %3. As milliseconds it would be %4; "
                                "divide by 1000.")
                     .arg(claim, numberText(m_value), utcIso(m_seconds), utcIso(secondsIfMilliseconds()));
    return notes;
}

QString TimeClaim::utcIso(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, QTimeZone::utc()).toString(kIsoFormat) + u'Z';
}

QString TimeClaim::localIso(qint64 secs)
{
    const QDateTime local = QDateTime::fromSecsSinceEpoch(secs);
    return local.toString(kIsoFormat) + offsetText(local.offsetFromUtc());
}

QString TimeClaim::durationText(qint64 secs)
{
    secs = std::abs(secs);
    constexpr qint64 minute = 60, hour = 3600, day = 86400, year = 31556952; // Gregorian mean year
    if (secs < minute)
        return QStringLiteral("%1 s").arg(secs);
    if (secs < hour)
        return secs % minute ? QStringLiteral("%1 min %2 s").arg(secs / minute).arg(secs % minute)
                             : QStringLiteral("%1 min").arg(secs / minute);
    if (secs < day)
        return secs % hour / minute ? QStringLiteral("%1 h %2 min").arg(secs / hour).arg(secs % hour / minute)
                                    : QStringLiteral("%1 h").arg(secs / hour);
    // Hours still matter in the first month; after that they are noise.
    if (secs < 30 * day)
        return secs % day / hour ? QStringLiteral("%1 %2 h").arg(plural(secs / day, "day")).arg(secs % day / hour)
                                 : plural(secs / day, "day");
    if (secs < year)
        return plural(secs / day, "day");
    return plural(secs / year, "year");
}

QString TimeClaim::durationInWords(qint64 secs)
{
    secs = std::abs(secs);
    constexpr qint64 minute = 60, hour = 3600, day = 86400, year = 31556952; // Gregorian mean year
    if (secs < minute)
        return plural(secs, "second");
    if (secs < hour)
        return plural(secs / minute, "minute");
    if (secs < day)
        return plural(secs / hour, "hour");
    if (secs < year)
        return plural(secs / day, "day");
    return plural(secs / year, "year");
}

QString TimeClaim::relativeText(Name name, qint64 delta)
{
    const QString span = durationText(delta);
    switch (name) {
    case Name::Expiry:
        // RFC 7519 §4.1.4: the current time must be before exp, so exp == now is already expired.
        if (delta > 0)
            return QStringLiteral("expires in %1").arg(span);
        return delta == 0 ? QStringLiteral("expired just now") : QStringLiteral("expired %1 ago").arg(span);
    case Name::NotBefore:
        if (delta > 0)
            return QStringLiteral("valid in %1").arg(span);
        return delta == 0 ? QStringLiteral("valid from now") : QStringLiteral("valid from %1 ago").arg(span);
    case Name::IssuedAt:
        if (delta < 0)
            return QStringLiteral("issued %1 ago").arg(span);
        return delta == 0 ? QStringLiteral("issued just now") : QStringLiteral("issued in the future, in %1").arg(span);
    case Name::AuthTime:
        if (delta < 0)
            return QStringLiteral("signed in %1 ago").arg(span);
        return delta == 0 ? QStringLiteral("signed in just now") : QStringLiteral("signed in in the future, in %1").arg(span);
    }
    return {};
}

} // namespace jwtflow
