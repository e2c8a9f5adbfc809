// The yardstick for jwtflow's start-up: a bare QMainWindow of the same size, built with the same
// flags, that exits after its first paint like `jwtflow --exit-after-first-paint`. Compare both with
// hyperfine under Xvfb (README, "Figures"). Not a Google Benchmark: the whole process is measured.
#include "FirstPaintProbe.h"

#include <QApplication>
#include <QMainWindow>

int main(int argc, char *argv[])
{
    const qint64 started = jwtflow::monotonicMs();
    QApplication app(argc, argv);
    QMainWindow window;
    window.resize(1280, 860);
    new jwtflow::FirstPaintProbe(&window, started);
    window.show();
    return QApplication::exec();
}
