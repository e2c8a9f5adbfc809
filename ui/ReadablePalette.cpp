#include "ReadablePalette.h"

#include "core/ErrorRed.h"

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

struct ToneHues {
    QRgb onLight;
    QRgb onDark;
};

ToneHues hues(ReadablePalette::Tone tone)
{
    using Tone = ReadablePalette::Tone;
    switch (tone) {
    case Tone::Good:
        return { 0x1b7f3b, 0x5fd38d };
    case Tone::Warning:
        return { 0x8a6d00, 0xe5c04a };
    case Tone::Caution:
        return { 0xb34700, 0xff9a4d };
    case Tone::Info:
        return { 0x005a9e, 0x6cb6ff };
    case Tone::Quiet: // not used: the hint colour and ErrorRed are these tones' homes
    case Tone::Error:
        return { 0x555555, 0xaaaaaa };
    case Tone::SegmentHeader: // jwt.io's colours, darkened for white and lightened for dark windows
        return { 0xd6004b, 0xff6b9a };
    case Tone::SegmentPayload:
        return { 0x9b2bc7, 0xd291f0 };
    case Tone::SegmentSignature:
        return { 0x007aa8, 0x4cc3f0 };
    case Tone::SegmentFourth:
        return { 0x1d8a3a, 0x6fd68a };
    case Tone::SegmentFifth:
        return { 0x8a6d00, 0xe5c04a };
    }
    return { 0x555555, 0xaaaaaa };
}

QList<QColor> backgroundsOf(const QPalette &palette)
{
    return { palette.color(QPalette::Base), palette.color(QPalette::Window), palette.color(QPalette::AlternateBase) };
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

bool ReadablePalette::isDark(const QPalette &palette)
{
    return luminance(palette.color(QPalette::Window)) < luminance(palette.color(QPalette::WindowText));
}

QList<ReadablePalette::Tone> ReadablePalette::tones()
{
    return { Tone::Good, Tone::Warning, Tone::Caution, Tone::Info, Tone::Quiet, Tone::Error, Tone::SegmentHeader,
        Tone::SegmentPayload, Tone::SegmentSignature, Tone::SegmentFourth, Tone::SegmentFifth };
}

QColor ReadablePalette::tone(Tone tone, const QPalette &palette)
{
    const QList<QColor> backgrounds = backgroundsOf(palette);
    const QColor ink = palette.color(QPalette::Text);
    QColor colour;
    if (tone == Tone::Quiet)
        colour = blend(palette.color(QPalette::PlaceholderText), palette.color(QPalette::Window));
    else if (tone == Tone::Error)
        colour = QColor::fromRgb(isDark(palette) ? ErrorRed::kOnDark : ErrorRed::kOnLight);
    else
        colour = QColor::fromRgb(isDark(palette) ? hues(tone).onDark : hues(tone).onLight);
    return readable(colour, ink, backgrounds);
}

QPalette ReadablePalette::paletteFor(const QWidget *widget)
{
    if (!widget)
        return QApplication::palette();
    const QWidget *window = widget->window();
    return window != widget || window->styleSheet().isEmpty() ? window->palette() : QApplication::palette(window);
}

QString ReadablePalette::toneName(Tone tone, const QWidget *widget)
{
    return ReadablePalette::tone(tone, paletteFor(widget)).name();
}

QString ReadablePalette::toneStyleSheet(Tone tone, const QWidget *widget)
{
    return QStringLiteral("color: %1;").arg(toneName(tone, widget));
}

QString ReadablePalette::hintColour(const QWidget *widget)
{
    const QPalette palette = paletteFor(widget);
    return blend(palette.color(QPalette::PlaceholderText), palette.color(QPalette::Window)).name();
}

QString ReadablePalette::hintStyleSheet(const QWidget *widget)
{
    return QStringLiteral("color: %1;").arg(hintColour(widget));
}

} // namespace jwtflow
