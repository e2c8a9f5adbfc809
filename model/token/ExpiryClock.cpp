#include "token/ExpiryClock.h"

#include "token/TimeClaim.h"

#include <QDateTime>

#include <cstdlib>

namespace jwtflow {

namespace {
// Fire a little after the second turns, so a clock read in the handler already shows the new second.
constexpr int kTickLagMs = 5;
} // namespace

qint64 ExpiryClock::Reading::countdownSeconds() const
{
    switch (state) {
    case State::NotYetValid:
        return secondsUntilValid;
    case State::Valid:
    case State::ExpiringSoon:
        return secondsLeft;
    case State::NoExpiry:
    case State::Expired:
        return 0;
    }
    return 0;
}

ExpiryClock::ExpiryClock(const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
{
    // Single shot, re-armed each time against the wall clock: a repeating 1000 ms timer drifts.
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &ExpiryClock::onTimeout);
}

void ExpiryClock::setTimes(std::optional<qint64> exp, std::optional<qint64> nbf)
{
    m_exp = exp;
    m_nbf = nbf;
    update();
}

void ExpiryClock::setClaims(const QJsonObject &claims)
{
    const auto exp = TimeClaim::read(claims, TimeClaim::Name::Expiry);
    const auto nbf = TimeClaim::read(claims, TimeClaim::Name::NotBefore);
    setTimes(
        exp ? std::optional<qint64>(exp->seconds()) : std::nullopt, nbf ? std::optional<qint64>(nbf->seconds()) : std::nullopt);
}

void ExpiryClock::setSoonThreshold(qint64 secs)
{
    m_soonThreshold = qMax<qint64>(0, secs);
    update();
}

ExpiryClock::Reading ExpiryClock::readingAt(qint64 now) const
{
    Reading r;
    if (m_exp)
        r.secondsLeft = *m_exp - now;
    if (m_exp && now >= *m_exp) {
        r.state = State::Expired;
    } else if (m_nbf && now < *m_nbf) {
        r.state = State::NotYetValid;
        r.secondsUntilValid = *m_nbf - now;
    } else if (!m_exp) {
        r.state = State::NoExpiry;
    } else {
        r.state = r.secondsLeft <= m_soonThreshold ? State::ExpiringSoon : State::Valid;
    }
    return r;
}

bool ExpiryClock::needsTicks(State state)
{
    return state == State::NotYetValid || state == State::Valid || state == State::ExpiringSoon;
}

void ExpiryClock::update()
{
    const State state = reading().state;
    if (state != m_lastState) {
        m_lastState = state;
        Q_EMIT stateChanged(state);
    }
    if (needsTicks(state)) {
        if (!m_timer.isActive())
            scheduleNext();
    } else {
        m_timer.stop();
    }
}

void ExpiryClock::scheduleNext()
{
    const qint64 ms = QDateTime::currentMSecsSinceEpoch();
    m_timer.start(static_cast<int>(1000 - ms % 1000) + kTickLagMs);
}

void ExpiryClock::onTimeout()
{
    const Reading r = reading();
    // Re-arms the tick (or stops it) and reports a state change first, so a badge recolours
    // before it shows the new count.
    update();
    Q_EMIT ticked(r.state, r.countdownSeconds());
}

QString ExpiryClock::countdownText(qint64 secs)
{
    const QString sign = secs < 0 ? QStringLiteral("-") : QString();
    const qint64 abs = std::abs(secs);
    const QLatin1Char zero('0');
    if (abs < 3600)
        return sign + QStringLiteral("%1:%2").arg(abs / 60, 2, 10, zero).arg(abs % 60, 2, 10, zero);
    // Beyond two days an hour count stops reading as a time ("640615:48:01" for an exp in 2100).
    constexpr qint64 day = 86400;
    constexpr qint64 year = 365 * day + day / 4;
    if (abs >= 2 * year)
        return sign + QStringLiteral("%1 years").arg(abs / year);
    if (abs >= 2 * day)
        return sign
            + QStringLiteral("%1 days %2:%3:%4")
                  .arg(abs / day)
                  .arg(abs % day / 3600, 2, 10, zero)
                  .arg(abs % 3600 / 60, 2, 10, zero)
                  .arg(abs % 60, 2, 10, zero);
    return sign + QStringLiteral("%1:%2:%3").arg(abs / 3600).arg(abs % 3600 / 60, 2, 10, zero).arg(abs % 60, 2, 10, zero);
}

QString ExpiryClock::stateName(State state)
{
    switch (state) {
    case State::NoExpiry:
        return QStringLiteral("no expiry");
    case State::NotYetValid:
        return QStringLiteral("not yet valid");
    case State::Valid:
        return QStringLiteral("valid");
    case State::ExpiringSoon:
        return QStringLiteral("expiring soon");
    case State::Expired:
        return QStringLiteral("expired");
    }
    return {};
}

} // namespace jwtflow
