#include "Icons.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QIconEngine>
#include <QPalette>

#include <array>
#include <iterator>

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

// Every render of one icon; QIcon picks the nearest size (and device pixel ratio) when it paints.
QIcon fromRenders(const QString &name)
{
    QIcon icon;
    for (int size : Icons::sizes())
        icon.addFile(QStringLiteral(":/ui/icons/%1-%2.png").arg(name).arg(size), QSize(size, size));
    return icon;
}

// An action icon that paints with the ink suiting the application palette at the time it paints:
// widgets keep one QIcon, and a switch between light and dark repaints them in the other ink.
class InkFollowingIconEngine : public QIconEngine {
public:
    InkFollowingIconEngine(const QIcon &forLightWindow, const QIcon &forDarkWindow)
        : m_forLightWindow(forLightWindow), m_forDarkWindow(forDarkWindow)
    {
    }

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State state) override
    {
        current().paint(painter, rect, Qt::AlignCenter, mode, state);
    }

    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        return current().pixmap(size, 1.0, mode, state);
    }

    QPixmap scaledPixmap(const QSize &size, QIcon::Mode mode, QIcon::State state, qreal scale) override
    {
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
        return current().pixmap(size, scale, mode, state); // size: device independent
#else
        Q_UNUSED(scale);
        return current().pixmap(size, 1.0, mode, state); // size: device pixels
#endif
    }

    QSize actualSize(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        return current().actualSize(size, mode, state);
    }

    QList<QSize> availableSizes(QIcon::Mode mode, QIcon::State state) override
    {
        return current().availableSizes(mode, state);
    }

    bool isNull() override { return current().isNull(); }
    QString key() const override { return QStringLiteral("jwtflow-ink-following"); }
    QIconEngine *clone() const override { return new InkFollowingIconEngine(m_forLightWindow, m_forDarkWindow); }

private:
    const QIcon &current() const
    {
        return Icons::inkFor(QGuiApplication::palette()) == Icons::Ink::ForDarkWindow ? m_forDarkWindow
                                                                                      : m_forLightWindow;
    }

    const QIcon m_forLightWindow;
    const QIcon m_forDarkWindow;
};

struct Cache {
    std::array<QIcon, kRoleCount> forLightWindow;
    std::array<QIcon, kRoleCount> forDarkWindow;
    std::array<QIcon, kRoleCount> following;
};

Cache &cache()
{
    static Cache icons;
    static const bool releasedWithTheApplication = [] {
        // The pixmaps go while Qt is still up, not among the static destructors after it.
        qAddPostRoutine([] { icons = Cache{}; });
        return true;
    }();
    Q_UNUSED(releasedWithTheApplication);
    return icons;
}

} // namespace

QIcon Icons::icon(Role role, Ink ink)
{
    const bool dark = followsPalette(role) && ink == Ink::ForDarkWindow;
    QIcon &icon = (dark ? cache().forDarkWindow : cache().forLightWindow)[slot(role)];
    if (icon.isNull()) {
        QString name = stem(role);
        if (followsPalette(role))
            name += dark ? QStringLiteral("-dark") : QStringLiteral("-light");
        icon = fromRenders(name);
    }
    return icon;
}

QIcon Icons::icon(Role role)
{
    if (!followsPalette(role))
        return icon(role, Ink::ForLightWindow);
    QIcon &icon = cache().following[slot(role)];
    if (icon.isNull())
        icon = QIcon(new InkFollowingIconEngine(Icons::icon(role, Ink::ForLightWindow), Icons::icon(role, Ink::ForDarkWindow)));
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
    return {16, 24, 32, 48, 64}; // JWTFLOW_UI_ICON_SIZES in resources/CMakeLists.txt
}

} // namespace jwtflow
