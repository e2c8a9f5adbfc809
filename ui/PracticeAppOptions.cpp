#include "PracticeAppOptions.h"

#include <QCheckBox>
#include <QLabel>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QStyle>
#include <QVBoxLayout>

namespace jwtflow {

PracticeAppOptions::PracticeAppOptions(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("practiceAppOptions"));
    auto *content = new QWidget;
    auto *column = new QVBoxLayout(content);
    column->setContentsMargins(4, 4, 4, 4);

    auto *intro = new QLabel(tr("Settings of the practice app, off by default as in Salesforce. Switch one on, Send, and look "
                                "at the answer."),
        content);
    intro->setWordWrap(true);
    column->addWidget(intro);

    m_unavailable = new QLabel(content);
    m_unavailable->setObjectName(QStringLiteral("appOptionsUnavailable"));
    m_unavailable->setWordWrap(true);
    m_unavailable->setVisible(false);
    column->addWidget(m_unavailable);

    for (const PracticeAppOption::Id id : PracticeAppOption::all()) {
        auto *box = new QCheckBox(PracticeAppOption::title(id), content);
        box->setObjectName(QStringLiteral("appOption_%1").arg(PracticeAppOption::name(id)));
        auto *explanation = new QLabel(PracticeAppOption::explanation(id), content);
        explanation->setObjectName(QStringLiteral("appOptionText_%1").arg(PracticeAppOption::name(id)));
        explanation->setTextFormat(Qt::PlainText);
        explanation->setWordWrap(true);
        explanation->setTextInteractionFlags(Qt::TextSelectableByMouse);
        explanation->setContentsMargins(box->style()->pixelMetric(QStyle::PM_IndicatorWidth) + 6, 0, 0, 0);
        box->setAccessibleDescription(PracticeAppOption::explanation(id));
        connect(box, &QCheckBox::toggled, this, [this, id](bool on) { Q_EMIT optionRequested(id, on); });
        m_boxes.insert(static_cast<int>(id), box);
        column->addSpacing(6);
        column->addWidget(box);
        column->addWidget(explanation);
    }
    column->addStretch(1);

    // The explanations are long and the dock may be short: they scroll, the check boxes stay whole.
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("appOptionsScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(content);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);
}

void PracticeAppOptions::showOption(PracticeAppOption::Id id, bool on)
{
    if (QCheckBox *box = checkBox(id)) {
        const QSignalBlocker blocker(box);
        box->setChecked(on);
    }
}

void PracticeAppOptions::setAvailable(bool available, const QString &reason)
{
    for (QCheckBox *box : std::as_const(m_boxes))
        box->setEnabled(available);
    m_unavailable->setText(reason);
    m_unavailable->setVisible(!available && !reason.isEmpty());
}

bool PracticeAppOptions::isAvailable() const
{
    return !m_boxes.isEmpty() && m_boxes.constBegin().value()->isEnabled();
}

} // namespace jwtflow
