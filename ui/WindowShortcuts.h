#pragma once

#include <QObject>

class QKeyEvent;
class QWidget;

namespace jwtflow {

// Makes a window's shortcuts (its actions' and QShortcuts') work from every field of it: a line
// edit would otherwise take Ctrl+E (end of line in X11's key bindings) and others for itself.
class WindowShortcuts : public QObject {
    Q_OBJECT

public:
    explicit WindowShortcuts(QWidget *window); // watches the application's events while the window lives

    bool isWindowShortcut(const QKeyEvent *event) const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QWidget *m_window;
};

} // namespace jwtflow
