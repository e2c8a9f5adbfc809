#include "token/TimeClaim.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

#include <gtest/gtest.h>

#include <limits>

using jwtflow::FixedClock;
using jwtflow::TimeClaim;
using Name = TimeClaim::Name;
using Form = TimeClaim::Form;

namespace {

constexpr qint64 kNow = 1767225600; // 2026-01-01T00:00:00Z

QJsonObject claimsFromJson(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

QString codeOf(const QJsonValue &value)
{
    const auto r = TimeClaim::fromJson(value, Name::Expiry);
    return r.ok() ? QStringLiteral("ok") : r.error().code;
}

} // namespace

TEST(TimeClaim, IntegerIsClean)
{
    const auto tc = TimeClaim::read(claimsFromJson("{\"exp\": 1767225761}"), Name::Expiry);
    ASSERT_TRUE(tc.ok()) << tc.error().message.toStdString();
    EXPECT_EQ(tc->form(), Form::Integer);
    EXPECT_EQ(tc->seconds(), 1767225761);
    EXPECT_FALSE(tc->hasFraction());
    EXPECT_FALSE(tc->looksLikeMilliseconds());
    EXPECT_TRUE(tc->isClean());
    EXPECT_TRUE(tc->notes().isEmpty());
    EXPECT_EQ(tc->utcIso(), QStringLiteral("2026-01-01T00:02:41Z"));
    EXPECT_EQ(tc->relativeText(FixedClock(kNow)), QStringLiteral("expires in 2 min 41 s"));
}

TEST(TimeClaim, LocalIsoIsTheSameInstant)
{
    const QString local = TimeClaim::localIso(kNow);
    const QDateTime parsed = QDateTime::fromString(local, Qt::ISODate);
    ASSERT_TRUE(parsed.isValid()) << local.toStdString();
    EXPECT_EQ(parsed.toSecsSinceEpoch(), kNow);
}

TEST(TimeClaim, FractionIsAcceptedButFlaggedAndRoundedUp)
{
    const auto tc = TimeClaim::read(claimsFromJson("{\"exp\": 1767225600.5}"), Name::Expiry);
    ASSERT_TRUE(tc.ok());
    EXPECT_EQ(tc->form(), Form::Fractional);
    EXPECT_TRUE(tc->hasFraction());
    EXPECT_DOUBLE_EQ(tc->value(), 1767225600.5);
    // now = 1767225600 is still before 1767225600.5: rounding up keeps now < exp exact.
    EXPECT_EQ(tc->seconds(), 1767225601);
    EXPECT_FALSE(tc->isClean());
    ASSERT_EQ(tc->notes().size(), 1);
    EXPECT_TRUE(tc->notes().constFirst().contains(QStringLiteral("integer seconds")));
}

TEST(TimeClaim, WholeFloatIsSeenAsInteger)
{
    // QJsonDocument folds 1767225600.0 into an integer; nothing to flag.
    const auto tc = TimeClaim::read(claimsFromJson("{\"exp\": 1767225600.0}"), Name::Expiry);
    ASSERT_TRUE(tc.ok());
    EXPECT_EQ(tc->form(), Form::Integer);
    EXPECT_EQ(tc->seconds(), kNow);
}

TEST(TimeClaim, NumericStringIsAcceptedButFlagged)
{
    const auto tc = TimeClaim::read(claimsFromJson("{\"exp\": \"1767225600\"}"), Name::Expiry);
    ASSERT_TRUE(tc.ok());
    EXPECT_EQ(tc->form(), Form::NumericString);
    EXPECT_EQ(tc->seconds(), kNow);
    EXPECT_FALSE(tc->isClean());
    ASSERT_EQ(tc->notes().size(), 1);
    EXPECT_TRUE(tc->notes().constFirst().contains(QStringLiteral("RFC 7519")));

    const auto fractional = TimeClaim::fromJson(QStringLiteral("1767225600.25"), Name::Expiry);
    ASSERT_TRUE(fractional.ok());
    EXPECT_EQ(fractional->form(), Form::NumericString);
    EXPECT_TRUE(fractional->hasFraction());
    EXPECT_EQ(fractional->notes().size(), 2);
}

TEST(TimeClaim, RejectsWhatIsNotANumber)
{
    EXPECT_EQ(codeOf(QJsonValue(true)), QStringLiteral("time.not-number"));
    EXPECT_EQ(codeOf(QJsonValue(QJsonValue::Null)), QStringLiteral("time.not-number"));
    EXPECT_EQ(codeOf(QJsonObject {}), QStringLiteral("time.not-number"));
    EXPECT_EQ(codeOf(QJsonArray { 1 }), QStringLiteral("time.not-number"));
    EXPECT_EQ(codeOf(QStringLiteral("soon")), QStringLiteral("time.not-number"));
    EXPECT_EQ(codeOf(QStringLiteral(" 1767225600")), QStringLiteral("time.not-number"));
    EXPECT_EQ(codeOf(QStringLiteral("1e9")), QStringLiteral("time.not-number"));
    EXPECT_EQ(codeOf(QStringLiteral("")), QStringLiteral("time.not-number"));
    EXPECT_EQ(codeOf(QJsonValue(QJsonValue::Undefined)), QStringLiteral("time.missing"));
    EXPECT_EQ(TimeClaim::read(QJsonObject {}, Name::NotBefore).error().code, QStringLiteral("time.missing"));
    const auto boolean = TimeClaim::fromJson(QJsonValue(true), Name::NotBefore);
    EXPECT_TRUE(boolean.error().message.contains(QStringLiteral("nbf is a boolean")));
    EXPECT_FALSE(boolean.error().hint.isEmpty());
}

TEST(TimeClaim, RejectsNegative)
{
    EXPECT_EQ(codeOf(QJsonValue(-1)), QStringLiteral("time.negative"));
    EXPECT_EQ(codeOf(QJsonValue(-0.5)), QStringLiteral("time.negative"));
    EXPECT_EQ(codeOf(QStringLiteral("-5")), QStringLiteral("time.negative"));
    EXPECT_EQ(codeOf(QJsonValue(0)), QStringLiteral("ok"));
}

TEST(TimeClaim, RejectsBeyondYear9999EvenAsMilliseconds)
{
    constexpr qint64 limit = (TimeClaim::kMaxSeconds + 1) * 1000;
    EXPECT_EQ(codeOf(QJsonValue(limit - 1)), QStringLiteral("ok"));
    EXPECT_EQ(codeOf(QJsonValue(limit)), QStringLiteral("time.too-large"));
    EXPECT_EQ(codeOf(QJsonValue(1e20)), QStringLiteral("time.too-large"));
    EXPECT_EQ(codeOf(QJsonValue(std::numeric_limits<qint64>::max())), QStringLiteral("time.too-large"));
    EXPECT_EQ(codeOf(QStringLiteral("99999999999999999999999")), QStringLiteral("time.too-large"));
    const auto parsed = TimeClaim::read(claimsFromJson("{\"exp\": 9223372036854775807}"), Name::Expiry);
    EXPECT_EQ(parsed.error().code, QStringLiteral("time.too-large"));
}

TEST(TimeClaim, LastSecondOfYear9999)
{
    const auto tc = TimeClaim::fromJson(QJsonValue(TimeClaim::kMaxSeconds), Name::Expiry);
    ASSERT_TRUE(tc.ok());
    EXPECT_EQ(tc->utcIso(), QStringLiteral("9999-12-31T23:59:59Z"));
}

TEST(TimeClaim, MillisecondsAreFlaggedWithTheSecondsReading)
{
    const auto tc = TimeClaim::fromJson(QJsonValue(kNow * 1000 + 300), Name::Expiry);
    ASSERT_TRUE(tc.ok());
    EXPECT_TRUE(tc->looksLikeMilliseconds());
    EXPECT_FALSE(tc->isClean());
    EXPECT_EQ(tc->secondsIfMilliseconds(), kNow);
    EXPECT_EQ(TimeClaim::utcIso(tc->secondsIfMilliseconds()), QStringLiteral("2026-01-01T00:00:00Z"));
    EXPECT_TRUE(tc->utcIso().startsWith(QStringLiteral("57971-"))) << tc->utcIso().toStdString(); // what a server reads
    ASSERT_EQ(tc->notes().size(), 1);
    EXPECT_TRUE(tc->notes().constFirst().contains(QStringLiteral("milliseconds")));
    EXPECT_TRUE(tc->notes().constFirst().contains(QStringLiteral("2026-01-01T00:00:00Z")));
}

TEST(TimeClaim, MillisecondsThresholdBoundary)
{
    EXPECT_FALSE(TimeClaim::fromJson(QJsonValue(TimeClaim::kMillisecondsThreshold), Name::Expiry)->looksLikeMilliseconds());
    EXPECT_TRUE(TimeClaim::fromJson(QJsonValue(TimeClaim::kMillisecondsThreshold + 1), Name::Expiry)->looksLikeMilliseconds());
}

TEST(TimeClaim, DurationGranularityAtBoundaries)
{
    EXPECT_EQ(TimeClaim::durationText(0), QStringLiteral("0 s"));
    EXPECT_EQ(TimeClaim::durationText(59), QStringLiteral("59 s"));
    EXPECT_EQ(TimeClaim::durationText(60), QStringLiteral("1 min"));
    EXPECT_EQ(TimeClaim::durationText(61), QStringLiteral("1 min 1 s"));
    EXPECT_EQ(TimeClaim::durationText(161), QStringLiteral("2 min 41 s"));
    EXPECT_EQ(TimeClaim::durationText(3599), QStringLiteral("59 min 59 s"));
    EXPECT_EQ(TimeClaim::durationText(3600), QStringLiteral("1 h"));
    EXPECT_EQ(TimeClaim::durationText(3659), QStringLiteral("1 h")); // seconds are noise beyond an hour
    EXPECT_EQ(TimeClaim::durationText(3660), QStringLiteral("1 h 1 min"));
    EXPECT_EQ(TimeClaim::durationText(86399), QStringLiteral("23 h 59 min"));
    EXPECT_EQ(TimeClaim::durationText(86400), QStringLiteral("1 day"));
    EXPECT_EQ(TimeClaim::durationText(90000), QStringLiteral("1 day 1 h"));
    EXPECT_EQ(TimeClaim::durationText(2 * 86400), QStringLiteral("2 days"));
    EXPECT_EQ(TimeClaim::durationText(45 * 86400 + 3600), QStringLiteral("45 days"));
    EXPECT_EQ(TimeClaim::durationText(400 * 86400), QStringLiteral("1 year"));
    EXPECT_EQ(TimeClaim::durationText(-161), QStringLiteral("2 min 41 s"));
}

TEST(TimeClaim, RelativeWordsPerClaim)
{
    EXPECT_EQ(TimeClaim::relativeText(Name::Expiry, 161), QStringLiteral("expires in 2 min 41 s"));
    EXPECT_EQ(TimeClaim::relativeText(Name::Expiry, 1), QStringLiteral("expires in 1 s"));
    EXPECT_EQ(TimeClaim::relativeText(Name::Expiry, 0), QStringLiteral("expired just now"));
    EXPECT_EQ(TimeClaim::relativeText(Name::Expiry, -1), QStringLiteral("expired 1 s ago"));
    EXPECT_EQ(TimeClaim::relativeText(Name::Expiry, -3 * 3600), QStringLiteral("expired 3 h ago"));
    EXPECT_EQ(TimeClaim::relativeText(Name::NotBefore, 5), QStringLiteral("valid in 5 s"));
    EXPECT_EQ(TimeClaim::relativeText(Name::NotBefore, 0), QStringLiteral("valid from now"));
    EXPECT_EQ(TimeClaim::relativeText(Name::NotBefore, -90), QStringLiteral("valid from 1 min 30 s ago"));
    EXPECT_EQ(TimeClaim::relativeText(Name::IssuedAt, -120), QStringLiteral("issued 2 min ago"));
    EXPECT_EQ(TimeClaim::relativeText(Name::IssuedAt, 0), QStringLiteral("issued just now"));
    EXPECT_EQ(TimeClaim::relativeText(Name::IssuedAt, 5), QStringLiteral("issued in the future, in 5 s"));
}

TEST(TimeClaim, RelativeWordsAgainstAClock)
{
    FixedClock clock(kNow);
    const auto iat = TimeClaim::fromJson(QJsonValue(kNow - 2 * 86400 - 4 * 3600), Name::IssuedAt);
    ASSERT_TRUE(iat.ok());
    EXPECT_EQ(iat->name(), Name::IssuedAt);
    EXPECT_EQ(iat->relativeText(clock), QStringLiteral("issued 2 days 4 h ago"));
    clock.set(kNow - 2 * 86400 - 4 * 3600);
    EXPECT_EQ(iat->relativeText(clock), QStringLiteral("issued just now"));
}

TEST(TimeClaim, ClaimNames)
{
    EXPECT_EQ(TimeClaim::claimName(Name::Expiry), QStringLiteral("exp"));
    EXPECT_EQ(TimeClaim::claimName(Name::NotBefore), QStringLiteral("nbf"));
    EXPECT_EQ(TimeClaim::claimName(Name::IssuedAt), QStringLiteral("iat"));
}
