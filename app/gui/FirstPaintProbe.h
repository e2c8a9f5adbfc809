#pragma once

#include <QObject>

class QWidget;

namespace jwtflow {

// For start-up measurements (jwtflow --exit-after-first-paint, tests/bench/bare_window): waits for
// the window's first paint, lets the event loop finish flushing it to the screen, prints the
// time since `startedMs` (process-relative, from main) and the memory figures of
// /proc/self/status to stderr, and ends the process at once (no teardown, which is not start-up).
class FirstPaintProbe : public QObject {
public:
    FirstPaintProbe(QWidget *window, qint64 startedMs);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void report();
    qint64 m_startedMs;
    bool m_painted = false;
};

// Milliseconds on the monotonic clock, for startedMs.
qint64 monotonicMs();

} // namespace jwtflow
