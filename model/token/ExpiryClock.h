#pragma once

#include "core/Clock.h"

#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QTimer>

#include <optional>

namespace jwtflow {

// The countdown behind the expiry badge: where "now" stands against a token's nbf and exp, and
// a tick on every wall-clock second while that can still change.
class ExpiryClock : public QObject {
    Q_OBJECT
public:
    enum class State { NoExpiry, NotYetValid, Valid, ExpiringSoon, Expired };
    Q_ENUM(State)

    struct Reading {
        State state = State::NoExpiry;
        qint64 secondsLeft = 0; // exp − now; negative once expired; 0 without exp
        qint64 secondsUntilValid = 0; // nbf − now while NotYetValid, else 0
        // What a countdown shows: time to nbf while NotYetValid, to exp while Valid/ExpiringSoon.
        qint64 countdownSeconds() const;
    };

    static constexpr qint64 kDefaultSoonThreshold = 60;

    // The clock must outlive this object.
    explicit ExpiryClock(const Clock &clock, QObject *parent = nullptr);

    // Whole seconds (TimeClaim::seconds()). Starts or stops the tick as needed.
    void setTimes(std::optional<qint64> exp, std::optional<qint64> nbf = std::nullopt);
    // Convenience: reads exp and nbf through TimeClaim; an unreadable claim counts as absent.
    void setClaims(const QJsonObject &claims);
    void clear() { setTimes(std::nullopt, std::nullopt); }

    std::optional<qint64> exp() const { return m_exp; }
    std::optional<qint64> nbf() const { return m_nbf; }

    // ExpiringSoon when 0 < exp − now ≤ threshold.
    void setSoonThreshold(qint64 secs);
    qint64 soonThreshold() const { return m_soonThreshold; }

    Reading reading() const { return readingAt(m_clock.nowSecs()); }
    State state() const { return reading().state; }
    qint64 secondsLeft() const { return reading().secondsLeft; }
    // Pure: the reading at any instant, no timer involved. now ≥ exp is expired (RFC 7519 §4.1.4),
    // now ≥ nbf is valid (§4.1.5).
    Reading readingAt(qint64 nowSecs) const;

    bool isTicking() const { return m_timer.isActive(); }

    // "02:41", "59:59", "1:00:00", "26:03:07"; a negative count gets a leading "-".
    static QString countdownText(qint64 secs);
    static QString stateName(State state); // "not yet valid", "expiring soon", ...

Q_SIGNALS:
    // Once a second while ticking, right after the wall-clock second turns.
    void ticked(jwtflow::ExpiryClock::State state, qint64 countdownSeconds);
    // Whenever the state differs from the last one reported (on set, on a tick, on a threshold change).
    void stateChanged(jwtflow::ExpiryClock::State state);

private:
    void onTimeout();
    void update(); // re-evaluates, reports a state change, starts or stops the tick
    void scheduleNext();
    static bool needsTicks(State state);

    const Clock &m_clock;
    QTimer m_timer;
    std::optional<qint64> m_exp, m_nbf;
    qint64 m_soonThreshold = kDefaultSoonThreshold;
    State m_lastState = State::NoExpiry;
};

} // namespace jwtflow
