#include "FirstPaintProbe.h"

#include <QEvent>
#include <QFile>
#include <QTimer>
#include <QWidget>

#include <cstdio>
#include <cstdlib>
#include <ctime>

namespace jwtflow {

qint64 monotonicMs()
{
    timespec now {};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return static_cast<qint64>(now.tv_sec) * 1000 + now.tv_nsec / 1000000;
}

FirstPaintProbe::FirstPaintProbe(QWidget *window, qint64 startedMs)
    : QObject(window)
    , m_startedMs(startedMs)
{
    window->installEventFilter(this);
}

bool FirstPaintProbe::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Paint && !m_painted) {
        m_painted = true;
        // The paint event comes before the backing store is flushed; a zero timer runs after it.
        QTimer::singleShot(0, this, &FirstPaintProbe::report);
    }
    return QObject::eventFilter(watched, event);
}

void FirstPaintProbe::report()
{
    QByteArray memory;
    QFile status(QStringLiteral("/proc/self/status"));
    if (status.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : status.readAll().split('\n')) {
            if (line.startsWith("VmRSS:") || line.startsWith("VmHWM:"))
                memory += ' ' + line.simplified();
        }
    }
    std::fprintf(
        stderr, "first paint after %lld ms;%s\n", static_cast<long long>(monotonicMs() - m_startedMs), memory.constData());
    std::fflush(stderr);
    std::_Exit(0);
}

} // namespace jwtflow
