#pragma once

#include "trainer/ScenarioSwitchboard.h"

#include <QHash>
#include <QWidget>

#include <optional>

class QLabel;
class QPushButton;

namespace jwtflow {

// One button per failure on purpose, and Reset. A click forwards the wish (switchRequested);
// the trainer dock applies it and shows here what changed, in one line.
class ScenarioSwitches : public QWidget {
    Q_OBJECT

public:
    explicit ScenarioSwitches(QWidget *parent = nullptr);

    QPushButton *button(ScenarioSwitchboard::Switch s) const { return m_buttons.value(static_cast<int>(s)); }
    QPushButton *resetButton() const { return m_reset; }
    QString changeText() const;

    // Which switch is on (its button stays pressed), and the line saying what it changed.
    void showActive(std::optional<ScenarioSwitchboard::Switch> active, const QString &change);
    void showProblem(const QString &message);
    // Without a practice org nothing can be switched: the buttons say why.
    void setAvailable(bool available, const QString &reason = {});

Q_SIGNALS:
    void switchRequested(jwtflow::ScenarioSwitchboard::Switch s);
    void resetRequested();

private:
    QHash<int, QPushButton *> m_buttons;
    QPushButton *m_reset = nullptr;
    QLabel *m_change = nullptr;
};

} // namespace jwtflow
