#include "LintList.h"

#include "Icons.h"

namespace jwtflow {

LintList::LintList(QWidget *parent)
    : QListWidget(parent)
{
    setObjectName(QStringLiteral("lintList"));
    setAccessibleName(tr("Problems with the assertion"));
    setWordWrap(true);
    setUniformItemSizes(false);
    connect(this, &QListWidget::itemActivated, this,
        [this](QListWidgetItem *item) { Q_EMIT fieldActivated(item->data(Qt::UserRole).toString()); });
    connect(this, &QListWidget::itemClicked, this,
        [this](QListWidgetItem *item) { Q_EMIT fieldActivated(item->data(Qt::UserRole).toString()); });
}

void LintList::setLints(const QList<Lint> &lints)
{
    // Called on every keystroke; the list is usually the same, and rebuilding it re-lays out
    // and repaints every item.
    if (m_filled && lints == m_shown)
        return;
    m_filled = true;
    m_shown = lints;
    clear();
    m_errors = 0;
    for (const Lint &lint : lints) {
        Icons::Role icon = Icons::Role::Information;
        if (lint.severity == Lint::Severity::Error) {
            icon = Icons::Role::Error;
            ++m_errors;
        } else if (lint.severity == Lint::Severity::Warning) {
            icon = Icons::Role::Warning;
        }
        auto *item = new QListWidgetItem(Icons::icon(icon), QStringLiteral("%1 — %2").arg(lint.message, lint.fix), this);
        item->setData(Qt::UserRole, lint.field);
        item->setData(Qt::UserRole + 1, lint.code);
        item->setToolTip(tr("%1 · concerns %2 · %3").arg(Lint::severityName(lint.severity), lint.field, lint.code));
    }
    if (lints.isEmpty()) {
        auto *item = new QListWidgetItem(Icons::icon(Icons::Role::Ok), tr("No problems found in the assertion."), this);
        item->setFlags(Qt::ItemIsEnabled);
    }
}

void LintList::resizeEvent(QResizeEvent *event)
{
    QListWidget::resizeEvent(event);
    // A list view that wraps its items defers their layout for 100 ms after each resize (QListView::
    // resizeEvent); the window's first paint then lays them out while painting and asks for a second
    // paint, which waits for the X server to take the first frame (~7 ms before the window is
    // complete, measured under Xvfb). A handful of lints lays out at once.
    doItemsLayout();
}

} // namespace jwtflow
