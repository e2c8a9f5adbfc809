#pragma once

#include <QIcon>
#include <QList>

class QPalette;

namespace jwtflow {

// The UI's icons, drawn for jwtflow (resources/icons/ui/*.svg) and compiled in as PNG renders in
// every size of sizes(). The UI never asks the icon theme or the style for an icon: where a theme
// has no icon-theme.cache, each such lookup probed hundreds of folders before the first paint.
// Status icons carry their own colours, which read on light and dark windows alike. Action icons
// are monochrome and rendered in two inks; icon(role) draws in the one that suits the application
// palette at the moment it paints, so a switch between light and dark needs no widget to act.
class Icons {
public:
    enum class Role {
        // actions (monochrome)
        Send,
        Cancel,
        Copy,
        OpenInBrowser,
        Run,
        // status (coloured)
        Ok,
        Warning,
        Error,
        Information,
    };
    static constexpr Role kRoles[] = { Role::Send, Role::Cancel, Role::Copy, Role::OpenInBrowser, Role::Run, Role::Ok,
        Role::Warning, Role::Error, Role::Information };

    // Which windows an ink is for: dark ink on light windows, light ink on dark ones.
    enum class Ink { ForLightWindow, ForDarkWindow };

    // The icon of a role, made once and shared (copies of a QIcon are cheap).
    static QIcon icon(Role role);
    // One ink of an action icon whatever the palette; a status icon has one look, given for either ink.
    static QIcon icon(Role role, Ink ink);

    // True for the monochrome action icons, which follow the palette.
    static bool followsPalette(Role role);
    // The ink for a palette: judged by the lightness of its window colour.
    static Ink inkFor(const QPalette &palette);
    // The square sizes rendered (device pixels): 16 to 24 for normal screens, up to 64 for 2x and 3x.
    static QList<int> sizes();
};

} // namespace jwtflow
