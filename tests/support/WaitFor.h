#pragma once

#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <functional>

namespace jwtflow::test {

// Runs the event loop until done() holds or ms have passed: UI tests wait on real events (a
// reply, a paint) this way instead of sleeping. Returns done() at the end.
inline bool waitFor(const std::function<bool()> &done, int ms = 10000, int stepMs = 10)
{
    QElapsedTimer timer;
    timer.start();
    while (!done() && timer.elapsed() < ms) {
        QEventLoop loop;
        QTimer::singleShot(stepMs, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return done();
}

} // namespace jwtflow::test
