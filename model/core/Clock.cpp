#include "core/Clock.h"

namespace jwtflow {

qint64 SystemClock::nowSecs() const
{
    return QDateTime::currentSecsSinceEpoch();
}

const SystemClock &SystemClock::instance()
{
    static const SystemClock clock;
    return clock;
}

} // namespace jwtflow
