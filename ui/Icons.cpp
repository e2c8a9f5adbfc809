#include "Icons.h"

#include <QApplication>
#include <QFile>
#include <QIconEngine>
#include <QPainter>
#include <QPalette>
#include <QPixmapCache>
#include <QStyle>
#include <QStyleOption>

#include <array>
#include <iterator>
#include <optional>

namespace jwtflow {

namespace {

constexpr std::size_t kRoleCount = std::size(Icons::kRoles);

std::size_t slot(Icons::Role role)
{
    return static_cast<std::size_t>(role);
}

// The file name stem of a role's renders (resources/CMakeLists.txt).
QString stem(Icons::Role role)
{
    switch (role) {
    case Icons::Role::Send:
        return QStringLiteral("send");
    case Icons::Role::Cancel:
        return QStringLiteral("cancel");
    case Icons::Role::Copy:
        return QStringLiteral("copy");
    case Icons::Role::OpenInBrowser:
        return QStringLiteral("open-in-browser");
    case Icons::Role::Run:
        return QStringLiteral("run");
    case Icons::Role::Ok:
        return QStringLiteral("ok");
    case Icons::Role::Warning:
        return QStringLiteral("warning");
    case Icons::Role::Error:
        return QStringLiteral("error");
    case Icons::Role::Information:
        return QStringLiteral("information");
    }
    return {};
}

// Draws an icon from its renders: the smallest render that covers the device pixels asked for,
// scaled down if it is larger, never up. Qt's own engine for icon files is not used: it tags each
// file with the device pixel ratio of the request that first loads it and then prefers that ratio
// over the size, so on a 2x screen a 32 px icon could come out as the 32 px render blown up.
// An action icon without a fixed ink takes the ink of the application palette each time it draws.
class RenderedIconEngine : public QIconEngine {
public:
    RenderedIconEngine(const QString &stem, bool inked, std::optional<Icons::Ink> fixedInk)
        : m_stem(stem)
        , m_inked(inked)
        , m_fixedInk(fixedInk)
    { }

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State) override
    {
        const qreal ratio = painter->device() ? painter->device()->devicePixelRatio() : 1.0;
        QPixmap pixmap = draw(rect.size() * ratio, mode);
        pixmap.setDevicePixelRatio(ratio);
        painter->drawPixmap(rect, pixmap);
    }

    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State) override { return draw(size, mode); }

    QPixmap scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State, qreal scale) override
    {
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
        QPixmap pixmap = draw(size * scale, mode); // size: device independent since Qt 6.8
#else
        QPixmap pixmap = draw(size, mode); // size: device pixels
#endif
        pixmap.setDevicePixelRatio(scale);
        return pixmap;
    }

    QSize actualSize(const QSize &size, QIcon::Mode, QIcon::State) override
    {
        const int side = qMin(qMin(size.width(), size.height()), Icons::sizes().constLast());
        return QSize(side, side);
    }

    QList<QSize> availableSizes(QIcon::Mode, QIcon::State) override
    {
        QList<QSize> sizes;
        for (int size : Icons::sizes())
            sizes << QSize(size, size);
        return sizes;
    }

    bool isNull() override { return !QFile::exists(fileName(Icons::sizes().constFirst())); }
    QString key() const override { return QStringLiteral("jwtflow-rendered"); }
    QIconEngine *clone() const override { return new RenderedIconEngine(m_stem, m_inked, m_fixedInk); }

private:
    QString fileName(int render) const
    {
        QString name = m_stem;
        if (m_inked) {
            const Icons::Ink ink = m_fixedInk.value_or(Icons::inkFor(QGuiApplication::palette()));
            name += ink == Icons::Ink::ForDarkWindow ? QStringLiteral("-dark") : QStringLiteral("-light");
        }
        return QStringLiteral(":/ui/icons/%1-%2.png").arg(name).arg(render);
    }

    QPixmap draw(const QSize &devicePixels, QIcon::Mode mode) const
    {
        const int side = qMin(devicePixels.width(), devicePixels.height());
        if (side <= 0)
            return {};
        const QList<int> renders = Icons::sizes();
        int render = renders.constLast();
        for (int size : renders) {
            if (size >= side) {
                render = size;
                break;
            }
        }
        const QString file = fileName(render);
        // Disabled and selected looks are made by the style from the palette: it is part of the key.
        const QString key = QStringLiteral("jwtflow:%1:%2:%3:%4")
                                .arg(file)
                                .arg(side)
                                .arg(static_cast<int>(mode))
                                .arg(mode == QIcon::Normal ? 0 : QGuiApplication::palette().cacheKey());
        QPixmap pixmap;
        if (QPixmapCache::find(key, &pixmap))
            return pixmap;
        pixmap = QPixmap(file);
        if (pixmap.isNull())
            return pixmap;
        if (pixmap.width() > side)
            pixmap = pixmap.scaled(side, side, Qt::KeepAspectRatio, Qt::SmoothTransformation);
        if (mode != QIcon::Normal && qobject_cast<QApplication *>(QCoreApplication::instance())) {
            QStyleOption option;
            option.palette = QGuiApplication::palette();
            const QPixmap generated = QApplication::style()->generatedIconPixmap(mode, pixmap, &option);
            if (!generated.isNull())
                pixmap = generated;
        }
        QPixmapCache::insert(key, pixmap);
        return pixmap;
    }

    const QString m_stem;
    const bool m_inked;
    const std::optional<Icons::Ink> m_fixedInk;
};

struct Cache {
    std::array<QIcon, kRoleCount> following; // status icons, and action icons in the palette's ink
    std::array<QIcon, kRoleCount> forLightWindow;
    std::array<QIcon, kRoleCount> forDarkWindow;
};

Cache &cache()
{
    static Cache icons;
    return icons;
}

} // namespace

QIcon Icons::icon(Role role)
{
    QIcon &icon = cache().following[slot(role)];
    if (icon.isNull())
        icon = QIcon(new RenderedIconEngine(stem(role), followsPalette(role), std::nullopt));
    return icon;
}

QIcon Icons::icon(Role role, Ink ink)
{
    if (!followsPalette(role))
        return icon(role);
    QIcon &icon = (ink == Ink::ForDarkWindow ? cache().forDarkWindow : cache().forLightWindow)[slot(role)];
    if (icon.isNull())
        icon = QIcon(new RenderedIconEngine(stem(role), true, ink));
    return icon;
}

bool Icons::followsPalette(Role role)
{
    switch (role) {
    case Role::Send:
    case Role::Cancel:
    case Role::Copy:
    case Role::OpenInBrowser:
    case Role::Run:
        return true;
    case Role::Ok:
    case Role::Warning:
    case Role::Error:
    case Role::Information:
        return false;
    }
    return false;
}

Icons::Ink Icons::inkFor(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128 ? Ink::ForDarkWindow : Ink::ForLightWindow;
}

QList<int> Icons::sizes()
{
    return { 16, 24, 32, 48, 64 }; // JWTFLOW_UI_ICON_SIZES in resources/CMakeLists.txt
}

} // namespace jwtflow
