// Text contrast (WCAG 2.x AA, at least 4.5:1) over the palette roles the window draws text with:
// text on base, window text on window, button text, hints and placeholders, links and the error
// colour, in Qt's own Fusion palette and in the light and dark palettes of the common desktops,
// once ReadablePalette has adjusted them (the main window installs it).
#include "ErrorColor.h"
#include "MainWindow.h"
#include "ReadablePalette.h"

#include <QApplication>
#include <QLabel>
#include <QStyle>
#include <QStyleFactory>
#include <gtest/gtest.h>
#include <memory>

using namespace jwtflow;

namespace {

struct NamedPalette {
    const char *name;
    QPalette palette;
};

// A desktop palette from its main colours; the hint colour is what Qt derives when a theme sets
// none: the text colour at half opacity.
QPalette desktop(QRgb window, QRgb base, QRgb alternateBase, QRgb text, QRgb button, QRgb link)
{
    QPalette p;
    for (const QPalette::ColorGroup group : { QPalette::Active, QPalette::Inactive, QPalette::Disabled }) {
        p.setColor(group, QPalette::Window, QColor(window));
        p.setColor(group, QPalette::WindowText, QColor(text));
        p.setColor(group, QPalette::Base, QColor(base));
        p.setColor(group, QPalette::AlternateBase, QColor(alternateBase));
        p.setColor(group, QPalette::Text, QColor(text));
        p.setColor(group, QPalette::Button, QColor(button));
        p.setColor(group, QPalette::ButtonText, QColor(text));
        p.setColor(group, QPalette::Link, QColor(link));
        p.setColor(group, QPalette::LinkVisited, QColor(link));
        QColor hint(text);
        hint.setAlpha(128);
        p.setColor(group, QPalette::PlaceholderText, hint);
    }
    return p;
}

QList<NamedPalette> palettes()
{
    std::unique_ptr<QStyle> fusion(QStyleFactory::create(QStringLiteral("Fusion")));
    return {
        { "Fusion (light)", fusion->standardPalette() },
        { "Fusion-like dark", desktop(0x353535, 0x2a2a2a, 0x424242, 0xffffff, 0x353535, 0x2a82da) },
        { "Breeze light", desktop(0xeff0f1, 0xffffff, 0xf7f7f7, 0x232629, 0xfcfcfc, 0x2980b9) },
        { "Breeze dark", desktop(0x202326, 0x141618, 0x1d1f22, 0xfcfcfc, 0x292c30, 0x1d99f3) },
        { "Adwaita light", desktop(0xf6f5f4, 0xffffff, 0xf6f5f4, 0x2e3436, 0xededed, 0x1b6acb) },
        { "Adwaita dark", desktop(0x353535, 0x2d2d2d, 0x353535, 0xeeeeec, 0x383838, 0x3584e4) },
    };
}

} // namespace

TEST(Contrast, TheWcagFormulaGivesTheKnownRatios)
{
    EXPECT_NEAR(ReadablePalette::contrast(Qt::black, Qt::white), 21.0, 0.01);
    EXPECT_NEAR(ReadablePalette::contrast(Qt::white, Qt::white), 1.0, 0.001);
    EXPECT_NEAR(ReadablePalette::contrast(QColor(0x767676), Qt::white), 4.54, 0.01); // the lightest grey AA allows on white
    EXPECT_NEAR(ReadablePalette::contrast(QColor(0x777777), Qt::white), 4.48, 0.01);
    QColor halfBlack(Qt::black);
    halfBlack.setAlpha(128);
    EXPECT_LT(ReadablePalette::contrast(halfBlack, QColor(0xefefef)), 4.5) << "Qt's own hint colour on Fusion's window";
}

TEST(Contrast, EveryTextRoleReachesAaInLightAndDarkPalettes)
{
    for (const NamedPalette &named : palettes()) {
        SCOPED_TRACE(named.name);
        const QPalette p = ReadablePalette::adjusted(named.palette);
        for (const QPalette::ColorGroup group : { QPalette::Active, QPalette::Inactive }) {
            SCOPED_TRACE(group == QPalette::Active ? "active" : "inactive");
            const auto check = [&](QPalette::ColorRole fg, QPalette::ColorRole bg, const char *what) {
                const double ratio = ReadablePalette::contrast(p.color(group, fg), p.color(group, bg));
                EXPECT_GE(ratio, ReadablePalette::kMinimumContrast)
                    << what << ": " << ratio << " (" << p.color(group, fg).name().toStdString() << " on "
                    << p.color(group, bg).name().toStdString() << ")";
            };
            check(QPalette::Text, QPalette::Base, "text on base");
            check(QPalette::WindowText, QPalette::Window, "window text on window");
            check(QPalette::ButtonText, QPalette::Button, "button text on button");
            check(QPalette::PlaceholderText, QPalette::Base, "hint on base");
            check(QPalette::PlaceholderText, QPalette::Window, "hint on window");
            check(QPalette::PlaceholderText, QPalette::AlternateBase, "hint on alternate base");
            check(QPalette::Link, QPalette::Base, "link on base");
            check(QPalette::Link, QPalette::Window, "link on window");
            const QColor error = ErrorColor::forPalette(p);
            EXPECT_GE(ReadablePalette::contrast(error, p.color(group, QPalette::Window)), ReadablePalette::kMinimumContrast)
                << "error on window";
            EXPECT_GE(ReadablePalette::contrast(error, p.color(group, QPalette::Base)), ReadablePalette::kMinimumContrast)
                << "error on base";
        }
    }
}

// Every colour role beyond plain text (verified green, warning amber, expiring orange, re-signed
// blue, quiet hints, the error red, the token's segment colours) on every background it is drawn
// on, in every palette: the "Key ↔ certificate" badge, KeyPicker's warnings, the expiry badge,
// the signature state and the encoded token all take their colours from these roles.
TEST(Contrast, EveryToneReadsOnEveryBackgroundOfLightAndDarkPalettes)
{
    ASSERT_EQ(ReadablePalette::tones().size(), 11);
    for (const NamedPalette &named : palettes()) {
        SCOPED_TRACE(named.name);
        const QPalette p = ReadablePalette::adjusted(named.palette);
        for (const ReadablePalette::Tone tone : ReadablePalette::tones()) {
            SCOPED_TRACE(int(tone));
            const QColor colour = ReadablePalette::tone(tone, p);
            for (const QPalette::ColorRole background : { QPalette::Base, QPalette::Window, QPalette::AlternateBase }) {
                const double ratio = ReadablePalette::contrast(colour, p.color(background));
                EXPECT_GE(ratio, ReadablePalette::kMinimumContrast)
                    << colour.name().toStdString() << " on " << p.color(background).name().toStdString() << ": " << ratio;
            }
        }
        EXPECT_EQ(ReadablePalette::tone(ReadablePalette::Tone::Error, p), ErrorColor::forPalette(p)) << "one error role";
    }
}

TEST(Contrast, TonesKeepTheirHueOnTheCommonDesktops)
{
    // Light: the designed colours as they are where they read (white), darkened a little on a
    // tinted window; dark: their light counterparts, not black or white.
    const QPalette white = ReadablePalette::adjusted(desktop(0xffffff, 0xffffff, 0xffffff, 0x202020, 0xffffff, 0x0645ad));
    EXPECT_EQ(ReadablePalette::tone(ReadablePalette::Tone::Good, white).name(), QStringLiteral("#1b7f3b"));
    EXPECT_EQ(ReadablePalette::tone(ReadablePalette::Tone::Warning, white).name(), QStringLiteral("#8a6d00"));
    EXPECT_EQ(ReadablePalette::tone(ReadablePalette::Tone::Error, white).name(), QStringLiteral("#b00020"));
    const QPalette light = ReadablePalette::adjusted(palettes().at(2).palette); // Breeze light
    const QColor lightGood = ReadablePalette::tone(ReadablePalette::Tone::Good, light);
    EXPECT_GT(lightGood.green(), lightGood.red() + 40) << lightGood.name().toStdString();
    const QPalette dark = ReadablePalette::adjusted(palettes().at(3).palette); // Breeze dark
    EXPECT_TRUE(ReadablePalette::isDark(dark));
    EXPECT_FALSE(ReadablePalette::isDark(light));
    const QColor good = ReadablePalette::tone(ReadablePalette::Tone::Good, dark);
    EXPECT_GT(good.green(), good.red()) << good.name().toStdString();
    EXPECT_NE(ReadablePalette::tone(ReadablePalette::Tone::Warning, dark).name(), QStringLiteral("#8a6d00"))
        << "#8a6d00 is about 3:1 on Breeze dark";
}

TEST(Contrast, TheSignaturePanelsBadgesFollowThePalette)
{
    // The badges take their colour when they are drawn: a widget with a dark palette gets the
    // dark-palette colour, which reads on it.
    QLabel badge;
    badge.setPalette(ReadablePalette::adjusted(palettes().at(5).palette)); // Adwaita dark
    const QString sheet = ReadablePalette::toneStyleSheet(ReadablePalette::Tone::Good, &badge);
    const QColor colour(sheet.mid(sheet.indexOf(QLatin1Char('#')), 7));
    EXPECT_GE(ReadablePalette::contrast(colour, badge.palette().color(QPalette::Window)), ReadablePalette::kMinimumContrast)
        << sheet.toStdString();
}

TEST(Contrast, AToneDoesNotTakeTheColourOfTheStyleSheetBeforeIt)
{
    // The key-match badge shows the hint colour until both files are picked, then "matches" in
    // green: that green was computed from the label's own palette, which the hint style sheet had
    // turned grey, and came out grey. Colours come from the window's palette.
    QWidget window;
    auto *fresh = new QLabel(&window);
    auto *badge = new QLabel(&window);
    badge->setStyleSheet(ReadablePalette::hintStyleSheet(badge));
    badge->ensurePolished();
    EXPECT_EQ(ReadablePalette::toneStyleSheet(ReadablePalette::Tone::Good, badge),
        ReadablePalette::toneStyleSheet(ReadablePalette::Tone::Good, fresh));
    badge->setStyleSheet(ReadablePalette::toneStyleSheet(ReadablePalette::Tone::Good, badge));
    badge->ensurePolished();
    EXPECT_EQ(ReadablePalette::hintStyleSheet(badge), ReadablePalette::hintStyleSheet(fresh));
    EXPECT_EQ(ErrorColor::styleSheet(badge), ErrorColor::styleSheet(fresh));
}

TEST(Contrast, ReadableColoursAreLeftAsTheDesktopSetThem)
{
    const QPalette breezeDark = palettes().at(3).palette;
    const QPalette p = ReadablePalette::adjusted(breezeDark);
    EXPECT_EQ(p.color(QPalette::Link), breezeDark.color(QPalette::Link)) << "#1d99f3 already reads on Breeze dark";
    EXPECT_EQ(p.color(QPalette::Text), breezeDark.color(QPalette::Text));
    EXPECT_EQ(ReadablePalette::adjusted(p), p) << "adjusting twice changes nothing (no palette-change loop)";
}

TEST(Contrast, TheWindowMakesTheApplicationPaletteAndItsHintsReadable)
{
    std::unique_ptr<QStyle> fusion(QStyleFactory::create(QStringLiteral("Fusion")));
    const QPalette before = QApplication::palette();
    QApplication::setPalette(fusion->standardPalette());
    MainWindow window;
    const QPalette p = QApplication::palette();
    EXPECT_GE(ReadablePalette::contrast(p.color(QPalette::PlaceholderText), p.color(QPalette::Window)),
        ReadablePalette::kMinimumContrast);
    EXPECT_GE(ReadablePalette::contrast(p.color(QPalette::PlaceholderText), p.color(QPalette::Base)),
        ReadablePalette::kMinimumContrast);

    // A desktop switching to dark later is adjusted as well.
    QApplication::setPalette(palettes().at(1).palette);
    const QPalette dark = QApplication::palette();
    EXPECT_GE(ReadablePalette::contrast(dark.color(QPalette::PlaceholderText), dark.color(QPalette::Window)),
        ReadablePalette::kMinimumContrast);

    // Quiet hints drawn through a style sheet use the same colour.
    QLabel hint;
    const QString sheet = ReadablePalette::hintStyleSheet(&hint);
    const QColor colour(sheet.mid(sheet.indexOf(QLatin1Char('#')), 7));
    EXPECT_GE(ReadablePalette::contrast(colour, hint.palette().color(QPalette::Window)), ReadablePalette::kMinimumContrast)
        << sheet.toStdString();
    QApplication::setPalette(before);
}
