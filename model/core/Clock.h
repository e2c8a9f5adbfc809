#pragma once

#include <QDateTime>
#include <QTimeZone>
#include <QtGlobal>

namespace jwtflow {

// Wall time behind an interface, so every exp/nbf/iat decision can be tested at its boundaries.
class Clock {
public:
    virtual ~Clock() = default;
    virtual qint64 nowSecs() const = 0; // seconds since the Unix epoch, UTC
    QDateTime now() const { return QDateTime::fromSecsSinceEpoch(nowSecs(), QTimeZone::utc()); }
};

class SystemClock final : public Clock {
public:
    qint64 nowSecs() const override;
    static const SystemClock &instance();
};

// A clock that only moves when told to (tests, benchmarks, recorded sessions).
class FixedClock final : public Clock {
public:
    explicit FixedClock(qint64 secs = 0)
        : m_secs(secs)
    { }
    qint64 nowSecs() const override { return m_secs; }
    void set(qint64 secs) { m_secs = secs; }
    void advance(qint64 secs) { m_secs += secs; }

private:
    qint64 m_secs;
};

} // namespace jwtflow
