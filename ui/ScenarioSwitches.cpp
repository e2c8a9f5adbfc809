#include "ScenarioSwitches.h"
#include "ErrorColor.h"

#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace jwtflow {

ScenarioSwitches::ScenarioSwitches(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("scenarioSwitches"));
    auto *intro = new QLabel(tr("One click breaks one thing the way Salesforce breaks it. Send, read the error and the diagnosis, "
                                "then Reset."),
                             this);
    intro->setWordWrap(true);

    auto *grid = new QGridLayout;
    grid->setSpacing(4);
    int index = 0;
    for (const ScenarioSwitchboard::Switch s : ScenarioSwitchboard::all()) {
        auto *b = new QPushButton(ScenarioSwitchboard::title(s), this);
        b->setObjectName(QStringLiteral("switch-") + ScenarioSwitchboard::name(s));
        b->setCheckable(true);
        b->setToolTip(tr("Then Send: %1").arg(ScenarioSwitchboard::expectedError(s)));
        connect(b, &QPushButton::clicked, this, [this, s] { Q_EMIT switchRequested(s); });
        m_buttons.insert(static_cast<int>(s), b);
        grid->addWidget(b, index / 2, index % 2);
        ++index;
    }
    m_reset = new QPushButton(tr("&Reset"), this);
    m_reset->setObjectName(QStringLiteral("switchReset"));
    m_reset->setToolTip(tr("Undo the failure: the practice org as configured, the assertion as it was"));
    connect(m_reset, &QPushButton::clicked, this, &ScenarioSwitches::resetRequested);
    grid->addWidget(m_reset, index / 2, index % 2);

    m_change = new QLabel(this);
    m_change->setObjectName(QStringLiteral("switchChange"));
    m_change->setTextFormat(Qt::PlainText);
    m_change->setWordWrap(true);
    m_change->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(intro);
    layout->addLayout(grid);
    layout->addWidget(m_change);
    layout->addStretch(1);
    showActive(std::nullopt, {});
}

QString ScenarioSwitches::changeText() const
{
    return m_change->text();
}

void ScenarioSwitches::showActive(std::optional<ScenarioSwitchboard::Switch> active, const QString &change)
{
    for (auto it = m_buttons.begin(); it != m_buttons.end(); ++it) {
        const bool on = active && static_cast<int>(*active) == it.key();
        it.value()->setChecked(on);
        // A mark as well as the pressed look: a projector washes out the difference.
        const QString title = ScenarioSwitchboard::title(static_cast<ScenarioSwitchboard::Switch>(it.key()));
        it.value()->setText(on ? QStringLiteral("● ") + title : title);
    }
    m_change->setStyleSheet(QString());
    m_change->setText(active ? tr("Changed: %1").arg(change) : change.isEmpty() ? tr("Nothing switched: the flow works.") : change);
}

void ScenarioSwitches::showProblem(const QString &message)
{
    m_change->setStyleSheet(ErrorColor::styleSheet(m_change));
    m_change->setText(message);
}

void ScenarioSwitches::setAvailable(bool available, const QString &reason)
{
    for (QPushButton *b : std::as_const(m_buttons))
        b->setEnabled(available);
    m_reset->setEnabled(available);
    if (!available)
        showProblem(reason);
}

} // namespace jwtflow
