#include "WindowShortcuts.h"

#include <QAction>
#include <QApplication>
#include <QKeyEvent>
#include <QShortcut>
#include <QWidget>

namespace jwtflow {

WindowShortcuts::WindowShortcuts(QWidget *window)
    : QObject(window)
    , m_window(window)
{
    qApp->installEventFilter(this);
}

bool WindowShortcuts::isWindowShortcut(const QKeyEvent *event) const
{
    if (!(event->modifiers() & (Qt::ControlModifier | Qt::AltModifier)) && event->key() != Qt::Key_F11)
        return false;
    const QKeySequence pressed(event->keyCombination());
    for (const QAction *action : m_window->findChildren<QAction *>()) {
        if (action->isEnabled() && action->shortcuts().contains(pressed))
            return true;
    }
    for (const QShortcut *shortcut : m_window->findChildren<QShortcut *>()) {
        if (shortcut->isEnabled() && shortcut->keys().contains(pressed))
            return true;
    }
    return false;
}

bool WindowShortcuts::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::ShortcutOverride) {
        // A text field accepts the override for keys it edits with; for the window's own
        // shortcuts it is left unaccepted, so the shortcut runs (the field never sees the key).
        auto *widget = qobject_cast<QWidget *>(watched);
        if (widget && widget->window() == m_window && isWindowShortcut(static_cast<QKeyEvent *>(event))) {
            event->ignore();
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace jwtflow
