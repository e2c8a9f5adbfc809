#pragma once

#include "MainWindow.h"

#include <QList>
#include <QRect>
#include <QSize>
#include <QString>
#include <gtest/gtest.h>
#include <ostream>
#include <string>

namespace jwtflow::test {

// A classroom's screen as WindowFitTest and DialogFitTest put the window on it: its size, with or
// without presentation mode (full screen) and the trainer.
struct ScreenCase {
    QSize screen;
    bool presentation = false;
    bool trainer = false;
};

constexpr int kPanel = 32; // a desktop's panel: the free area is the screen without it
constexpr int kTitleBar = 40; // what a window manager's frame takes from a normal window

// The screens trainers teach from: 1024×768 and 1280×720 projectors.
QList<QSize> projectorScreens();
// The projectors, then 1366×768 and 1920×1080.
QList<QSize> classroomScreens();
// Each screen without and with presentation mode, once for each of `trainer`.
QList<ScreenCase> screenCases(const QList<QSize> &screens, const QList<bool> &trainer);
// "1280x720_presentation_trainer", for INSTANTIATE_TEST_SUITE_P.
std::string screenCaseName(const ::testing::TestParamInfo<ScreenCase> &info);
void PrintTo(const ScreenCase &c, std::ostream *out);

// The screen's free area (without the panel), as MainWindow::Options::availableGeometry.
QRect freeArea(const ScreenCase &c);
// What a window or a dialog may take: the free area less its title bar.
QSize room(const ScreenCase &c);
// The window's size: the whole screen in presentation mode (full screen), the room otherwise.
QSize windowSize(const ScreenCase &c);

// The window with the built-in practice org (its data in `dataFolder`) on the case's screen.
MainWindow::Options practiceOptions(const ScreenCase &c, const QString &dataFolder);
// Shows `w` as on the case's screen: presentation mode and the trainer as the case says, then
// windowSize(), once the trainer's placement and the split have followed.
void showOnScreen(MainWindow &w, const ScreenCase &c);

} // namespace jwtflow::test
