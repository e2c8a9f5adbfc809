#include "ErrorColor.h"

#include "ReadablePalette.h"

#include <QPalette>
#include <QWidget>

namespace jwtflow {

QColor ErrorColor::forPalette(const QPalette &palette)
{
    // A dark window (a dark theme) gets a light red; the dark red on near-black would be unreadable.
    return ReadablePalette::tone(ReadablePalette::Tone::Error, palette);
}

QString ErrorColor::name(const QWidget *widget)
{
    return forPalette(widget ? ReadablePalette::paletteFor(widget) : QPalette()).name();
}

QString ErrorColor::styleSheet(const QWidget *widget)
{
    return QStringLiteral("color: %1;").arg(name(widget));
}

} // namespace jwtflow
