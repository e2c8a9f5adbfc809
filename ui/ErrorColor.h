#pragma once

#include <QColor>
#include <QString>

class QPalette;
class QWidget;

namespace jwtflow {

// The one colour role for "this is wrong" text (errors, INVALID, expired, a refused key): a
// dark red on light themes and a light red on dark ones, so it stays readable on both (WCAG
// 2.1 contrast ≥ 4.5:1 against the window background of either kind).
class ErrorColor {
public:
    static QColor forPalette(const QPalette &palette);
    // "#rrggbb" for a style sheet, from the widget's palette.
    static QString name(const QWidget *widget);
    // "color: #rrggbb;" for the widget's style sheet.
    static QString styleSheet(const QWidget *widget);
};

} // namespace jwtflow
