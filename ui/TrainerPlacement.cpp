#include "TrainerPlacement.h"

#include <QAction>
#include <QDockWidget>
#include <QEvent>
#include <QMainWindow>
#include <QTabWidget>
#include <QTimer>

#include <algorithm>

namespace jwtflow {

TrainerPlacement::TrainerPlacement(QMainWindow *window, QTabWidget *tabs, QDockWidget *dock)
    : QObject(window)
    , m_window(window)
    , m_tabs(tabs)
    , m_dock(dock)
    , m_panel(dock->widget())
    , m_action(new QAction(tr("&Trainer mode"), this))
{
    m_panel->setObjectName(QStringLiteral("trainerPanel"));
    window->addDockWidget(Qt::RightDockWidgetArea, dock);
    dock->hide();
    dock->installEventFilter(this);
    // Not the dock's toggleViewAction(): trainer mode stays on while the trainer is a tab.
    m_action->setCheckable(true);
    m_action->setObjectName(QStringLiteral("trainerModeAction"));
    m_action->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    m_action->setToolTip(tr("A guided walkthrough of the flow, failures on purpose and a live sequence diagram, for a class"));
    connect(m_action, &QAction::triggered, this, &TrainerPlacement::setOn);
}

void TrainerPlacement::setOn(bool on)
{
    m_on = on;
    m_action->setChecked(on);
    place();
    if (on && m_tabbed)
        m_tabs->setCurrentWidget(m_panel);
    fit();
}

void TrainerPlacement::setPresentationType(int pointSize)
{
    m_presentationPointSize = pointSize;
}

int TrainerPlacement::dockWidth() const
{
    // The class reads the diagram from afar: two fifths of the window, nine twentieths with
    // presentation mode's large type.
    const int width = m_window->width();
    return std::max(420, m_presentationPointSize > 0 ? width * 9 / 20 : width * 2 / 5);
}

bool TrainerPlacement::fitsBeside() const
{
    // The page keeps the rest only if its three columns stay readable there: about 110
    // characters of the type in use (a 1280 px projector starved them to "key" and "Ch").
    QFont type = m_window->font();
    if (m_presentationPointSize > 0)
        type.setPointSizeF(m_presentationPointSize);
    return m_window->width() - dockWidth() >= 110 * QFontMetrics(type).averageCharWidth();
}

void TrainerPlacement::place()
{
    const bool tabbed = m_on && !m_dock->isFloating() && !fitsBeside();
    if (tabbed && !m_tabbed) {
        m_dock->hide();
        m_dock->setWidget(nullptr); // the dock lets go of the panel; it stays the same widget
        m_tabs->addTab(m_panel, tr("&Trainer"));
        m_tabbed = true;
    } else if (!tabbed && m_tabbed) {
        m_tabs->removeTab(m_tabs->indexOf(m_panel));
        m_dock->setWidget(m_panel);
        m_panel->show();
        m_tabbed = false;
    }
    m_dock->setVisible(m_on && !m_tabbed);
}

void TrainerPlacement::fit()
{
    // Once the window has its final size (full screen arrives later than the call).
    QTimer::singleShot(0, this, [this] {
        const bool docked = m_dock->isVisible() && !m_dock->isFloating();
        if (docked)
            m_window->resizeDocks({ m_dock }, { dockWidth() }, Qt::Horizontal);
        // After the dock's resize has reached the page (a posted layout request).
        QTimer::singleShot(0, this, [this, docked] { Q_EMIT pageShared(docked); });
    });
}

bool TrainerPlacement::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_dock && event->type() == QEvent::Close) {
        // The dock's own close button: trainer mode off, as the View menu does.
        QTimer::singleShot(0, this, [this] { setOn(false); });
    }
    return QObject::eventFilter(watched, event);
}

} // namespace jwtflow
