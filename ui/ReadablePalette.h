#pragma once

#include <QColor>
#include <QList>
#include <QPalette>
#include <QString>

class QWidget;

namespace jwtflow {

// The one home of text contrast: every text role the window uses (text on base, window text on
// window, hints and placeholders, links, the error colour) reaches WCAG 2.x AA, a contrast of at
// least 4.5:1 (https://www.w3.org/TR/WCAG21/#contrast-minimum), on light and dark palettes alike.
// Qt's placeholder colour is the text colour at half opacity (about 3.9:1 on white, less on a
// tinted window) and the palette's Mid, used for quiet hints, is about 1.7:1: both are replaced
// by the closest colour between the background and the text that reaches the ratio.
class ReadablePalette {
public:
    static constexpr double kMinimumContrast = 4.5;

    // The colours that say something beyond plain text: each has a hue for light windows and one
    // for dark ones, and is moved towards the text colour until it reaches kMinimumContrast on
    // the palette's Base, Window and AlternateBase (a desktop's own colours may be anything).
    enum class Tone {
        Good, // verified, matches, valid: green
        Warning, // a key warning, not yet valid, cannot be checked: amber
        Caution, // expiring within the minute: orange
        Info, // re-signed by you: blue
        Quiet, // nothing to say yet: the hint colour
        Error, // wrong, invalid, expired, refused: red (ErrorColor)
        SegmentHeader, // the encoded token's header, payload and signature (and a JWE's two more)
        SegmentPayload,
        SegmentSignature,
        SegmentFourth,
        SegmentFifth,
    };
    static QList<Tone> tones();
    static QColor tone(Tone tone, const QPalette &palette);
    // The palette a widget's colours are chosen against: its window's, not its own, which a style
    // sheet of ours rewrites (a label set to the hint colour would lend that grey to the next tone).
    static QPalette paletteFor(const QWidget *widget);
    // "#rrggbb" of a tone, from a widget's window palette.
    static QString toneName(Tone tone, const QWidget *widget);
    // "color: #rrggbb;" for a widget's style sheet, from its palette.
    static QString toneStyleSheet(Tone tone, const QWidget *widget);
    // Whether the palette is a dark one (light text on a dark window).
    static bool isDark(const QPalette &palette);

    // WCAG 2.x relative luminance of an opaque colour (0 black … 1 white).
    static double luminance(const QColor &colour);
    // WCAG 2.x contrast ratio, 1 … 21; a translucent foreground is first blended over the background.
    static double contrast(const QColor &foreground, const QColor &background);

    // The palette with its hint (PlaceholderText) and Link colours made readable on Base, Window
    // and AlternateBase, in every colour group; other roles are left as the desktop set them.
    static QPalette adjusted(const QPalette &palette);
    // Makes the application palette readable now and whenever the desktop changes it (a
    // light/dark switch): the main window calls it once.
    static void install();

    // "#rrggbb" of quiet hint text (the palette's hint colour made opaque), from a widget's palette.
    static QString hintColour(const QWidget *widget);
    // "color: #rrggbb;" for quiet hint text in a widget's style sheet, from its palette.
    static QString hintStyleSheet(const QWidget *widget);
};

} // namespace jwtflow
