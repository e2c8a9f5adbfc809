#pragma once

#include <QObject>

class QAction;
class QDockWidget;
class QMainWindow;
class QTabWidget;
class QWidget;

namespace jwtflow {

// Where trainer mode shows the trainer: a dock beside the page where the page keeps readable
// columns, else a tab of the window (a 1280 px projector, presentation mode's large type). The
// panel is one widget that moves between the two; trainer mode (its action, View ▸ Trainer mode)
// stays on while it does.
class TrainerPlacement : public QObject {
    Q_OBJECT

public:
    TrainerPlacement(QMainWindow *window, QTabWidget *tabs, QDockWidget *dock);

    QAction *action() const { return m_action; }
    QWidget *panel() const { return m_panel; }
    bool isOn() const { return m_on; }
    bool isTabbed() const { return m_tabbed; }

    void setOn(bool on);
    // The type the page is read in: presentation mode's size, or 0 for the window's own.
    void setPresentationType(int pointSize);
    // Docks or tabs the panel for the window's present width (after a resize, a mode change).
    void place();
    // Gives the dock its share of the window once the window has its final size.
    void fit();

Q_SIGNALS:
    // After fit(): whether the page now shares the width with the docked trainer.
    void pageShared(bool besideTrainer);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    bool fitsBeside() const;
    int dockWidth() const;

    QMainWindow *m_window;
    QTabWidget *m_tabs;
    QDockWidget *m_dock;
    QWidget *m_panel;
    QAction *m_action;
    int m_presentationPointSize = 0;
    bool m_on = false;
    bool m_tabbed = false;
};

} // namespace jwtflow
