#include "Icons.h"

#include <QApplication>
#include <QColor>
#include <QImage>
#include <QPalette>
#include <QPixmap>
#include <gtest/gtest.h>

#include <cstdlib>

using namespace jwtflow;

namespace {

QImage image(const QIcon &icon, int size, qreal devicePixelRatio = 1.0)
{
    return icon.pixmap(QSize(size, size), devicePixelRatio).toImage().convertToFormat(QImage::Format_ARGB32);
}

// The render compiled in for a file name, as resources/CMakeLists.txt names it.
QImage render(const QString &name, int size)
{
    return QImage(QStringLiteral(":/ui/icons/%1-%2.png").arg(name).arg(size)).convertToFormat(QImage::Format_ARGB32);
}

// Equal but for rounding: QIcon hands out premultiplied pixmaps, the renders are straight ARGB.
bool sameImage(const QImage &a, const QImage &b)
{
    if (a.size() != b.size())
        return false;
    for (int y = 0; y < a.height(); ++y) {
        for (int x = 0; x < a.width(); ++x) {
            const QRgb p = a.pixel(x, y);
            const QRgb q = b.pixel(x, y);
            if (std::abs(qAlpha(p) - qAlpha(q)) > 2)
                return false;
            const bool visible = qAlpha(p) > 16;
            if (visible
                && (std::abs(qRed(p) - qRed(q)) > 4 || std::abs(qGreen(p) - qGreen(q)) > 4 || std::abs(qBlue(p) - qBlue(q)) > 4))
                return false;
        }
    }
    return true;
}

int opaquePixels(const QImage &image)
{
    int count = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            count += qAlpha(image.pixel(x, y)) > 128 ? 1 : 0;
    return count;
}

// Mean lightness of the drawn pixels: the ink of a monochrome icon.
int inkLightness(const QImage &image)
{
    qint64 sum = 0;
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QRgb pixel = image.pixel(x, y);
            if (qAlpha(pixel) > 128) {
                sum += QColor::fromRgba(pixel).lightness();
                ++count;
            }
        }
    }
    return count ? static_cast<int>(sum / count) : -1;
}

QPalette paletteWithWindow(const QColor &window, const QColor &text)
{
    QPalette palette;
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::Base, window);
    palette.setColor(QPalette::Button, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::ButtonText, text);
    return palette;
}

// Sets the application palette for one test and puts the old one back.
class ApplicationPalette {
public:
    explicit ApplicationPalette(const QPalette &palette)
        : m_saved(QApplication::palette())
    {
        QApplication::setPalette(palette);
    }
    ~ApplicationPalette() { QApplication::setPalette(m_saved); }

private:
    const QPalette m_saved;
};

} // namespace

TEST(Icons, EveryRoleHasARealPixmapInEverySize)
{
    for (Icons::Role role : Icons::kRoles) {
        for (Icons::Ink ink : { Icons::Ink::ForLightWindow, Icons::Ink::ForDarkWindow }) {
            const QIcon icon = Icons::icon(role, ink);
            ASSERT_FALSE(icon.isNull()) << static_cast<int>(role);
            for (int size : Icons::sizes()) {
                const QImage drawn = image(icon, size);
                EXPECT_EQ(drawn.size(), QSize(size, size)) << static_cast<int>(role) << " at " << size;
                // Not an empty square: a good share of it is drawn.
                EXPECT_GT(opaquePixels(drawn), size * size / 8) << static_cast<int>(role) << " at " << size;
            }
        }
        EXPECT_FALSE(Icons::icon(role).isNull());
        EXPECT_EQ(image(Icons::icon(role), 16).size(), QSize(16, 16));
        EXPECT_EQ(image(Icons::icon(role), 48).size(), QSize(48, 48));
    }
    EXPECT_EQ(Icons::sizes(), (QList<int> { 16, 24, 32, 48, 64 }));
}

TEST(Icons, EachSizeIsItsOwnRenderNotAScaledOne)
{
    // A 16 px icon on a 2x screen is the 32 px render, on a 3x screen the 48 px one: sharp pixels,
    // whatever was asked before (screens of different ratios, icons of different sizes).
    const QIcon ok = Icons::icon(Icons::Role::Ok);
    const QPixmap doubled = ok.pixmap(QSize(16, 16), 2.0);
    EXPECT_EQ(doubled.size(), QSize(32, 32));
    EXPECT_DOUBLE_EQ(doubled.devicePixelRatio(), 2.0);
    EXPECT_TRUE(sameImage(doubled.toImage().convertToFormat(QImage::Format_ARGB32), render(QStringLiteral("ok"), 32)));
    EXPECT_FALSE(sameImage(doubled.toImage().convertToFormat(QImage::Format_ARGB32),
        render(QStringLiteral("ok"), 16).scaled(32, 32, Qt::IgnoreAspectRatio, Qt::SmoothTransformation)));
    for (qreal ratio : { 3.0, 2.0, 1.0, 2.0, 3.0, 1.0 }) {
        for (int size : { 16, 32, 24, 16 }) {
            const int device = qRound(size * ratio);
            if (Icons::sizes().contains(device)) {
                EXPECT_TRUE(sameImage(image(ok, size, ratio), render(QStringLiteral("ok"), device))) << size << " at " << ratio;
            }
        }
    }

    // Between renders: the next larger one, scaled down.
    const QImage twenty = image(ok, 20);
    EXPECT_EQ(twenty.size(), QSize(20, 20));
    const QPixmap shrunk
        = QPixmap(QStringLiteral(":/ui/icons/ok-24.png")).scaled(20, 20, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    EXPECT_TRUE(sameImage(twenty, shrunk.toImage().convertToFormat(QImage::Format_ARGB32)));

    const QIcon send = Icons::icon(Icons::Role::Send, Icons::Ink::ForLightWindow);
    EXPECT_TRUE(sameImage(image(send, 24, 2.0), render(QStringLiteral("send-light"), 48)));
}

TEST(Icons, ActionIconsHaveADarkInkForLightWindowsAndALightInkForDarkOnes)
{
    int actions = 0;
    for (Icons::Role role : Icons::kRoles) {
        const QImage forLight = image(Icons::icon(role, Icons::Ink::ForLightWindow), 16);
        const QImage forDark = image(Icons::icon(role, Icons::Ink::ForDarkWindow), 16);
        if (Icons::followsPalette(role)) {
            ++actions;
            EXPECT_FALSE(sameImage(forLight, forDark)) << static_cast<int>(role);
            EXPECT_LT(inkLightness(forLight), 100) << static_cast<int>(role);
            EXPECT_GT(inkLightness(forDark), 180) << static_cast<int>(role);
        } else {
            // Coloured status icons read on both: one look.
            EXPECT_EQ(
                Icons::icon(role, Icons::Ink::ForLightWindow).cacheKey(), Icons::icon(role, Icons::Ink::ForDarkWindow).cacheKey())
                << static_cast<int>(role);
            EXPECT_EQ(Icons::icon(role).cacheKey(), Icons::icon(role, Icons::Ink::ForLightWindow).cacheKey());
        }
    }
    EXPECT_EQ(actions, 5);
}

TEST(Icons, TheInkFollowsTheApplicationPaletteWhenItPaints)
{
    const QPalette light = paletteWithWindow(QColor(0xef, 0xef, 0xef), Qt::black);
    const QPalette dark = paletteWithWindow(QColor(0x2b, 0x2b, 0x2b), QColor(0xe0, 0xe0, 0xe0));
    EXPECT_EQ(Icons::inkFor(light), Icons::Ink::ForLightWindow);
    EXPECT_EQ(Icons::inkFor(dark), Icons::Ink::ForDarkWindow);

    // One QIcon, kept by a widget across a switch between light and dark.
    const QIcon copy = Icons::icon(Icons::Role::Copy);
    {
        ApplicationPalette palette(dark);
        EXPECT_TRUE(sameImage(image(copy, 16), image(Icons::icon(Icons::Role::Copy, Icons::Ink::ForDarkWindow), 16)));
        EXPECT_TRUE(sameImage(image(copy, 16, 2.0), render(QStringLiteral("copy-dark"), 32)));
    }
    {
        ApplicationPalette palette(light);
        EXPECT_TRUE(sameImage(image(copy, 16), image(Icons::icon(Icons::Role::Copy, Icons::Ink::ForLightWindow), 16)));
        EXPECT_TRUE(sameImage(image(copy, 32), render(QStringLiteral("copy-light"), 32)));
        EXPECT_FALSE(sameImage(image(copy, 32), render(QStringLiteral("copy-dark"), 32)));
    }
}

TEST(Icons, AreMadeOnceAndShared)
{
    for (Icons::Role role : Icons::kRoles)
        EXPECT_EQ(Icons::icon(role).cacheKey(), Icons::icon(role).cacheKey()) << static_cast<int>(role);
}

TEST(Icons, ADisabledButtonGetsTheStylesDisabledLook)
{
    const QIcon send = Icons::icon(Icons::Role::Send);
    const QImage normal = send.pixmap(QSize(16, 16), 1.0, QIcon::Normal).toImage().convertToFormat(QImage::Format_ARGB32);
    const QImage disabled = send.pixmap(QSize(16, 16), 1.0, QIcon::Disabled).toImage().convertToFormat(QImage::Format_ARGB32);
    ASSERT_EQ(disabled.size(), QSize(16, 16));
    EXPECT_GT(opaquePixels(normal), 0);
    EXPECT_GT(opaquePixels(disabled), 0);
    EXPECT_FALSE(sameImage(normal, disabled));
}
