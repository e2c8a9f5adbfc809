#include "SelectableOnHover.h"

#include <QEvent>
#include <QLabel>

namespace jwtflow {

SelectableOnHover::SelectableOnHover(QLabel *label)
    : QObject(label)
{
    label->installEventFilter(this);
}

void SelectableOnHover::install(QLabel *label)
{
    new SelectableOnHover(label);
}

bool SelectableOnHover::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Enter) {
        if (auto *label = qobject_cast<QLabel *>(watched)) {
            label->setTextInteractionFlags(label->textInteractionFlags() | Qt::TextSelectableByMouse);
            label->removeEventFilter(this);
            deleteLater();
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace jwtflow
