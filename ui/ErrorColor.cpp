#include "ErrorColor.h"

#include <QPalette>
#include <QWidget>

namespace jwtflow {

QColor ErrorColor::forPalette(const QPalette &palette)
{
    // A dark window (a dark theme) gets a light red; #b00020 on near-black would be unreadable.
    const bool dark = palette.color(QPalette::Window).lightness() < 128;
    return dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xb0, 0x00, 0x20);
}

QString ErrorColor::name(const QWidget *widget)
{
    return forPalette(widget ? widget->palette() : QPalette()).name();
}

QString ErrorColor::styleSheet(const QWidget *widget)
{
    return QStringLiteral("color: %1;").arg(name(widget));
}

} // namespace jwtflow
