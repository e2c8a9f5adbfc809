#include "ClassroomScreens.h"

#include "support/WaitFor.h"

namespace jwtflow::test {

QList<QSize> projectorScreens()
{
    return { QSize(1024, 768), QSize(1280, 720) };
}

QList<QSize> classroomScreens()
{
    return projectorScreens() + QList<QSize> { QSize(1366, 768), QSize(1920, 1080) };
}

QList<ScreenCase> screenCases(const QList<QSize> &screens, const QList<bool> &trainer)
{
    QList<ScreenCase> all;
    for (const QSize screen : screens)
        for (const bool presentation : { false, true })
            for (const bool withTrainer : trainer)
                all.append({ screen, presentation, withTrainer });
    return all;
}

std::string screenCaseName(const ::testing::TestParamInfo<ScreenCase> &info)
{
    const ScreenCase &c = info.param;
    return std::to_string(c.screen.width()) + "x" + std::to_string(c.screen.height()) + (c.presentation ? "_presentation" : "")
        + (c.trainer ? "_trainer" : "");
}

void PrintTo(const ScreenCase &c, std::ostream *out)
{
    *out << c.screen.width() << "x" << c.screen.height() << (c.presentation ? ", presentation" : "")
         << (c.trainer ? ", trainer" : "");
}

QRect freeArea(const ScreenCase &c)
{
    return { QPoint(0, kPanel), QSize(c.screen.width(), c.screen.height() - kPanel) };
}

QSize room(const ScreenCase &c)
{
    return { c.screen.width(), c.screen.height() - kPanel - kTitleBar };
}

QSize windowSize(const ScreenCase &c)
{
    return c.presentation ? c.screen : room(c);
}

MainWindow::Options practiceOptions(const ScreenCase &c, const QString &dataFolder)
{
    MainWindow::Options options;
    options.practiceOrg = true;
    options.practiceDataFolder = dataFolder;
    options.availableGeometry = freeArea(c);
    return options;
}

void showOnScreen(MainWindow &w, const ScreenCase &c)
{
    w.show();
    if (c.presentation)
        w.setPresentationMode(true);
    if (c.trainer)
        w.setTrainerMode(true);
    // The offscreen platform's one screen has another size: full screen is simulated by the
    // geometry.
    w.setWindowState(w.windowState() & ~Qt::WindowFullScreen);
    w.setGeometry(QRect(QPoint(0, 0), windowSize(c)));
    waitFor([] { return false; }, 100); // the trainer's placement and split follow on the next turns
}

} // namespace jwtflow::test
