#include "ReadablePalette.h"

#include <QApplication>
#include <QEvent>
#include <QObject>
#include <QWidget>
#include <cmath>

namespace jwtflow {

namespace {

double channel(double value)
{
    // sRGB to linear light, as WCAG 2.x defines relative luminance.
    return value <= 0.04045 ? value / 12.92 : std::pow((value + 0.055) / 1.055, 2.4);
}

QColor blend(const QColor &foreground, const QColor &background)
{
    const double a = foreground.alphaF();
    return QColor::fromRgbF(float(foreground.redF() * a + background.redF() * (1 - a)),
        float(foreground.greenF() * a + background.greenF() * (1 - a)),
        float(foreground.blueF() * a + background.blueF() * (1 - a)));
}

QColor mix(const QColor &from, const QColor &to, double t)
{
    return QColor::fromRgbF(float(from.redF() + (to.redF() - from.redF()) * t),
        float(from.greenF() + (to.greenF() - from.greenF()) * t), float(from.blueF() + (to.blueF() - from.blueF()) * t));
}

// The ratio is asked with a small margin: rounding to 8-bit channels must not drop it below 4.5.
constexpr double kTarget = ReadablePalette::kMinimumContrast + 0.1;

double worstContrast(const QColor &colour, const QList<QColor> &backgrounds)
{
    double worst = 21;
    for (const QColor &background : backgrounds)
        worst = std::min(worst, ReadablePalette::contrast(colour, background));
    return worst;
}

// The colour as given when it already reads on every background; otherwise the first step from
// it towards `ink` (the palette's text colour) that does, so that it keeps its hue where it can.
QColor readable(const QColor &colour, const QColor &ink, const QList<QColor> &backgrounds)
{
    const QColor opaque = blend(colour, backgrounds.constFirst());
    if (worstContrast(opaque, backgrounds) >= kTarget)
        return colour;
    for (int step = 1; step <= 20; ++step) {
        const QColor candidate = mix(opaque, ink, step / 20.0);
        if (worstContrast(candidate, backgrounds) >= kTarget)
            return candidate;
    }
    return ink;
}

// Re-adjusts the application palette after the desktop replaced it (a light/dark switch).
class PaletteWatcher : public QObject {
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched == qApp && event->type() == QEvent::ApplicationPaletteChange) {
            const QPalette current = QApplication::palette();
            const QPalette fixed = ReadablePalette::adjusted(current);
            if (fixed != current) // adjusted() of an adjusted palette is itself: no loop
                QApplication::setPalette(fixed);
        }
        return QObject::eventFilter(watched, event);
    }
};

} // namespace

double ReadablePalette::luminance(const QColor &colour)
{
    const QColor rgb = colour.toRgb();
    return 0.2126 * channel(rgb.redF()) + 0.7152 * channel(rgb.greenF()) + 0.0722 * channel(rgb.blueF());
}

double ReadablePalette::contrast(const QColor &foreground, const QColor &background)
{
    const double a = luminance(blend(foreground, background));
    const double b = luminance(background);
    return (std::max(a, b) + 0.05) / (std::min(a, b) + 0.05);
}

QPalette ReadablePalette::adjusted(const QPalette &palette)
{
    QPalette result = palette;
    for (const QPalette::ColorGroup group : { QPalette::Active, QPalette::Inactive, QPalette::Disabled }) {
        const QList<QColor> backgrounds { palette.color(group, QPalette::Base), palette.color(group, QPalette::Window),
            palette.color(group, QPalette::AlternateBase) };
        const QColor ink = palette.color(group, QPalette::Text);
        for (const QPalette::ColorRole role : { QPalette::PlaceholderText, QPalette::Link, QPalette::LinkVisited }) {
            const QColor fixed = readable(palette.color(group, role), ink, backgrounds);
            if (fixed != palette.color(group, role))
                result.setColor(group, role, fixed);
        }
    }
    return result;
}

void ReadablePalette::install()
{
    static PaletteWatcher *watcher = nullptr;
    const QPalette fixed = adjusted(QApplication::palette());
    if (fixed != QApplication::palette())
        QApplication::setPalette(fixed);
    if (!watcher) {
        watcher = new PaletteWatcher(qApp);
        qApp->installEventFilter(watcher);
    }
}

QString ReadablePalette::hintColour(const QWidget *widget)
{
    const QPalette palette = widget ? widget->palette() : QApplication::palette();
    return blend(palette.color(QPalette::PlaceholderText), palette.color(QPalette::Window)).name();
}

QString ReadablePalette::hintStyleSheet(const QWidget *widget)
{
    return QStringLiteral("color: %1;").arg(hintColour(widget));
}

} // namespace jwtflow
