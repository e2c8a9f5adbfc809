#pragma once

#include <QString>

namespace jwtflow {

// The one value of "this is wrong" red, for the window (ui/ErrorColor picks by palette) and for
// documents written without a palette (the lesson handout, printed on white). Both pass WCAG 2.1
// contrast ≥ 4.5:1: the dark red on white, the light red on near-black.
class ErrorRed {
public:
    static constexpr unsigned kOnLight = 0xb00020;
    static constexpr unsigned kOnDark = 0xff8a80;

    // "#b00020": for a document on a white page.
    static QString onLightName() { return hexName(kOnLight); }
    static QString hexName(unsigned rgb) { return QStringLiteral("#%1").arg(rgb, 6, 16, QLatin1Char('0')); }
};

} // namespace jwtflow
