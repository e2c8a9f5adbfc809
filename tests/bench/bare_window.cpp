// The yardstick for jwtflow's start-up: a bare QMainWindow of the same size, built with the same
// flags, that exits after its first paint like `jwtflow --exit-after-first-paint`. Compare both with
// hyperfine under Xvfb (README, "Figures"). Not a Google Benchmark: the whole process is measured.
#include "FirstPaintProbe.h"

#include <QApplication>
#include <QLabel>
#include <QMainWindow>

#include <cstring>

int main(int argc, char *argv[])
{
    const qint64 started = jwtflow::monotonicMs();
    QApplication app(argc, argv);
    QMainWindow window;
    window.resize(1280, 860);
    // --label: one line of text, so fontconfig starts and a string is shaped, as any real window does.
    if (argc > 1 && std::strcmp(argv[1], "--label") == 0)
        window.setCentralWidget(new QLabel(QStringLiteral("jwtflow"), &window));
    new jwtflow::FirstPaintProbe(&window, started);
    window.show();
    return QApplication::exec();
}
