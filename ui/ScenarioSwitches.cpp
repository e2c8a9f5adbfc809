#include "ScenarioSwitches.h"

#include "ErrorColor.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace jwtflow {

namespace {

constexpr int kSwitchRole = Qt::UserRole + 1;

} // namespace

ScenarioSwitches::ScenarioSwitches(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("scenarioSwitches"));
    auto *intro
        = new QLabel(tr("One click breaks one thing the way Salesforce breaks it. Send, read the error and the diagnosis, "
                        "then Reset."),
            this);
    intro->setWordWrap(true);

    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("failureSwitchList"));
    m_list->setAccessibleName(tr("Failures on purpose"));
    m_list->setWordWrap(true);
    m_list->setUniformItemSizes(false);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    for (const ScenarioSwitchboard::Switch s : ScenarioSwitchboard::all()) {
        auto *row = new QListWidgetItem(ScenarioSwitchboard::title(s), m_list);
        row->setData(kSwitchRole, static_cast<int>(s));
        row->setToolTip(tr("Then Send: %1").arg(ScenarioSwitchboard::expectedError(s)));
    }
    // Three rows at least, whatever the dock's height; more scroll.
    m_list->setMinimumHeight(m_list->sizeHintForRow(0) * 3 + 2 * m_list->frameWidth());
    connect(m_list, &QListWidget::itemClicked, this, &ScenarioSwitches::activate);
    connect(m_list, &QListWidget::itemActivated, this, &ScenarioSwitches::activate);

    m_reset = new QPushButton(tr("&Reset"), this);
    m_reset->setObjectName(QStringLiteral("switchReset"));
    m_reset->setToolTip(tr("Undo the failure: the practice org as configured, the assertion as it was"));
    connect(m_reset, &QPushButton::clicked, this, &ScenarioSwitches::resetRequested);

    m_change = new QLabel(this);
    m_change->setObjectName(QStringLiteral("switchChange"));
    m_change->setTextFormat(Qt::PlainText);
    m_change->setWordWrap(true);
    m_change->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_change, 1);
    bottom->addWidget(m_reset, 0, Qt::AlignTop);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(intro);
    layout->addWidget(m_list, 1);
    layout->addLayout(bottom);
    showActive(std::nullopt, {});
}

QString ScenarioSwitches::changeText() const
{
    return m_change->text();
}

QListWidgetItem *ScenarioSwitches::item(ScenarioSwitchboard::Switch s) const
{
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->data(kSwitchRole).toInt() == static_cast<int>(s))
            return m_list->item(row);
    }
    return nullptr;
}

void ScenarioSwitches::activate(QListWidgetItem *row)
{
    if (!row || !isAvailable())
        return;
    const auto s = static_cast<ScenarioSwitchboard::Switch>(row->data(kSwitchRole).toInt());
    if (!isOn(s)) // a click and the activation of a double click: once
        Q_EMIT switchRequested(s);
}

void ScenarioSwitches::trigger(ScenarioSwitchboard::Switch s)
{
    activate(item(s));
}

bool ScenarioSwitches::isOn(ScenarioSwitchboard::Switch s) const
{
    return m_active == s;
}

bool ScenarioSwitches::isAvailable() const
{
    return m_list->isEnabled();
}

void ScenarioSwitches::showActive(std::optional<ScenarioSwitchboard::Switch> active, const QString &change)
{
    m_active = active;
    const QSignalBlocker blocker(m_list);
    m_list->clearSelection();
    for (int row = 0; row < m_list->count(); ++row) {
        QListWidgetItem *it = m_list->item(row);
        const auto s = static_cast<ScenarioSwitchboard::Switch>(it->data(kSwitchRole).toInt());
        const bool on = active == s;
        // A mark and bold type as well as the selection: a projector washes colours out.
        it->setText(on ? QStringLiteral("● ") + ScenarioSwitchboard::title(s) : ScenarioSwitchboard::title(s));
        QFont font = m_list->font();
        font.setBold(on);
        it->setFont(font);
        it->setData(Qt::AccessibleTextRole, on ? tr("%1, on").arg(ScenarioSwitchboard::title(s)) : ScenarioSwitchboard::title(s));
        if (on)
            m_list->setCurrentItem(it);
    }
    m_change->setStyleSheet(QString());
    m_change->setText(active   ? tr("Changed: %1").arg(change)
            : change.isEmpty() ? tr("Nothing switched: the flow works.")
                               : change);
}

void ScenarioSwitches::showProblem(const QString &message)
{
    m_change->setStyleSheet(ErrorColor::styleSheet(m_change));
    m_change->setText(message);
}

void ScenarioSwitches::setAvailable(bool available, const QString &reason)
{
    m_list->setEnabled(available);
    m_reset->setEnabled(available);
    if (!available)
        showProblem(reason);
    else
        showActive(m_active, {}); // the practice org started: the line no longer says it is missing
}

} // namespace jwtflow
