#include "token/ExpiryClock.h"

#include <QDateTime>
#include <QEventLoop>
#include <QJsonObject>
#include <QList>
#include <QTimer>

#include <gtest/gtest.h>

using jwtflow::ExpiryClock;
using jwtflow::FixedClock;
using State = ExpiryClock::State;

namespace {
constexpr qint64 kExp = 1767225600;
constexpr qint64 kNbf = kExp - 600;
} // namespace

TEST(ExpiryClock, StatesAtTheExpBoundaries)
{
    FixedClock clock(0);
    ExpiryClock expiry(clock);
    expiry.setTimes(kExp);
    EXPECT_EQ(expiry.readingAt(kExp - 61).state, State::Valid);
    EXPECT_EQ(expiry.readingAt(kExp - 61).secondsLeft, 61);
    EXPECT_EQ(expiry.readingAt(kExp - 60).state, State::ExpiringSoon);
    EXPECT_EQ(expiry.readingAt(kExp - 60).secondsLeft, 60);
    EXPECT_EQ(expiry.readingAt(kExp - 1).state, State::ExpiringSoon);
    EXPECT_EQ(expiry.readingAt(kExp - 1).countdownSeconds(), 1);
    // RFC 7519 §4.1.4: now must be before exp, so exp itself is expired.
    EXPECT_EQ(expiry.readingAt(kExp).state, State::Expired);
    EXPECT_EQ(expiry.readingAt(kExp).secondsLeft, 0);
    EXPECT_EQ(expiry.readingAt(kExp + 1).state, State::Expired);
    EXPECT_EQ(expiry.readingAt(kExp + 1).secondsLeft, -1);
    EXPECT_EQ(expiry.readingAt(kExp + 1).countdownSeconds(), 0);
}

TEST(ExpiryClock, StatesAtTheNbfBoundaries)
{
    FixedClock clock(0);
    ExpiryClock expiry(clock);
    expiry.setTimes(kExp, kNbf);
    const auto before = expiry.readingAt(kNbf - 1);
    EXPECT_EQ(before.state, State::NotYetValid);
    EXPECT_EQ(before.secondsUntilValid, 1);
    EXPECT_EQ(before.countdownSeconds(), 1);
    EXPECT_EQ(before.secondsLeft, 601);
    const auto at = expiry.readingAt(kNbf);
    EXPECT_EQ(at.state, State::Valid);
    EXPECT_EQ(at.secondsUntilValid, 0);
    EXPECT_EQ(at.countdownSeconds(), 600);
}

TEST(ExpiryClock, WithoutExpOrWithBothOutOfOrder)
{
    FixedClock clock(kExp);
    ExpiryClock expiry(clock);
    EXPECT_EQ(expiry.state(), State::NoExpiry);
    expiry.setTimes(std::nullopt, kExp + 5);
    EXPECT_EQ(expiry.state(), State::NotYetValid);
    EXPECT_EQ(expiry.reading().countdownSeconds(), 5);
    EXPECT_EQ(expiry.readingAt(kExp + 5).state, State::NoExpiry);
    // exp already past: expired wins over not-yet-valid.
    expiry.setTimes(kExp - 1, kExp + 5);
    EXPECT_EQ(expiry.state(), State::Expired);
}

TEST(ExpiryClock, SoonThresholdIsConfigurable)
{
    FixedClock clock(0);
    ExpiryClock expiry(clock);
    expiry.setTimes(kExp);
    expiry.setSoonThreshold(10);
    EXPECT_EQ(expiry.soonThreshold(), 10);
    EXPECT_EQ(expiry.readingAt(kExp - 11).state, State::Valid);
    EXPECT_EQ(expiry.readingAt(kExp - 10).state, State::ExpiringSoon);
    expiry.setSoonThreshold(0);
    EXPECT_EQ(expiry.readingAt(kExp - 1).state, State::Valid);
}

TEST(ExpiryClock, ReadsTheClockAndReportsStateChanges)
{
    FixedClock clock(kExp - 61);
    ExpiryClock expiry(clock);
    QList<State> changes;
    QObject::connect(&expiry, &ExpiryClock::stateChanged, &expiry, [&](State s) { changes << s; });

    expiry.setTimes(kExp);
    EXPECT_EQ(expiry.state(), State::Valid);
    EXPECT_EQ(expiry.secondsLeft(), 61);
    EXPECT_TRUE(expiry.isTicking());

    clock.advance(1);
    expiry.setSoonThreshold(ExpiryClock::kDefaultSoonThreshold); // re-evaluates
    EXPECT_EQ(expiry.state(), State::ExpiringSoon);

    clock.set(kExp);
    expiry.setTimes(kExp);
    EXPECT_EQ(expiry.state(), State::Expired);
    EXPECT_FALSE(expiry.isTicking()); // nothing left to count

    expiry.clear();
    EXPECT_EQ(changes, (QList<State> { State::Valid, State::ExpiringSoon, State::Expired, State::NoExpiry }));
    EXPECT_FALSE(expiry.isTicking());
}

TEST(ExpiryClock, SetClaimsReadsNumericDates)
{
    FixedClock clock(kExp - 100);
    ExpiryClock expiry(clock);
    expiry.setClaims(QJsonObject { { QStringLiteral("exp"), QStringLiteral("1767225600") }, { QStringLiteral("nbf"), kNbf } });
    EXPECT_EQ(expiry.exp(), kExp);
    EXPECT_EQ(expiry.nbf(), kNbf);
    EXPECT_EQ(expiry.state(), State::Valid);
    expiry.setClaims(QJsonObject { { QStringLiteral("exp"), true } });
    EXPECT_FALSE(expiry.exp().has_value());
    EXPECT_EQ(expiry.state(), State::NoExpiry);
}

TEST(ExpiryClock, CountdownText)
{
    EXPECT_EQ(ExpiryClock::countdownText(0), QStringLiteral("00:00"));
    EXPECT_EQ(ExpiryClock::countdownText(9), QStringLiteral("00:09"));
    EXPECT_EQ(ExpiryClock::countdownText(161), QStringLiteral("02:41"));
    EXPECT_EQ(ExpiryClock::countdownText(3599), QStringLiteral("59:59"));
    EXPECT_EQ(ExpiryClock::countdownText(3600), QStringLiteral("1:00:00"));
    EXPECT_EQ(ExpiryClock::countdownText(93787), QStringLiteral("26:03:07"));
    EXPECT_EQ(ExpiryClock::countdownText(-5), QStringLiteral("-00:05"));
    EXPECT_EQ(ExpiryClock::countdownText(2 * 86400 - 1), QStringLiteral("47:59:59"));
    EXPECT_EQ(ExpiryClock::countdownText(2 * 86400 + 3661), QStringLiteral("2 days 01:01:01"));
    EXPECT_EQ(ExpiryClock::countdownText(-(30 * 86400)), QStringLiteral("-30 days 00:00:00"));
    EXPECT_EQ(ExpiryClock::countdownText(4102444800 - 1764633600), QStringLiteral("74 years")); // exp in 2100, seen from 2025
    EXPECT_EQ(ExpiryClock::stateName(State::ExpiringSoon), QStringLiteral("expiring soon"));
}

// The real timer, kept short: exp one second ahead, the clock moved a second on every tick, so
// the first tick says "expiring soon", the second "expired", and then the ticking stops.
TEST(ExpiryClock, TicksOnTheSecondAndStopsWhenExpired)
{
    FixedClock clock(kExp - 1);
    ExpiryClock expiry(clock);
    QList<State> states;
    QList<qint64> counts;
    QList<qint64> phasesMs;
    QObject::connect(&expiry, &ExpiryClock::ticked, &expiry, [&](State state, qint64 count) {
        states << state;
        counts << count;
        phasesMs << QDateTime::currentMSecsSinceEpoch() % 1000;
        clock.advance(1);
    });
    expiry.setTimes(kExp);
    ASSERT_TRUE(expiry.isTicking());

    QEventLoop loop;
    QTimer::singleShot(2300, &loop, &QEventLoop::quit);
    loop.exec();

    EXPECT_EQ(states, (QList<State> { State::ExpiringSoon, State::Expired }));
    EXPECT_EQ(counts, (QList<qint64> { 1, 0 }));
    EXPECT_FALSE(expiry.isTicking());
    // Aligned: each tick lands just after a wall-clock second turns (generous for loaded CI).
    for (const qint64 phase : std::as_const(phasesMs))
        EXPECT_LT(phase, 300) << "tick " << phase << " ms after the second";
}
