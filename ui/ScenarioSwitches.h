#pragma once

#include "trainer/ScenarioSwitchboard.h"

#include <QWidget>
#include <optional>

class QLabel;
class QListWidget;
class QListWidgetItem;
class QPushButton;

namespace jwtflow {

// The failures on purpose as a list, one row per switch, and Reset. A click (or Enter) on a row
// forwards the wish (switchRequested); the trainer dock applies it and shows here what changed,
// in one line. A list keeps every title readable at any dock size: it scrolls instead of
// squeezing a grid of buttons into each other.
class ScenarioSwitches : public QWidget {
    Q_OBJECT

public:
    explicit ScenarioSwitches(QWidget *parent = nullptr);

    QListWidget *list() const { return m_list; }
    QPushButton *resetButton() const { return m_reset; }
    QString changeText() const;
    // As a click on the switch's row does (nothing when it is on already or unavailable).
    void trigger(ScenarioSwitchboard::Switch s);
    bool isOn(ScenarioSwitchboard::Switch s) const;
    bool isAvailable() const;

    // Which switch is on (its row marked and selected), and the line saying what it changed.
    void showActive(std::optional<ScenarioSwitchboard::Switch> active, const QString &change);
    void showProblem(const QString &message);
    // Without a practice org nothing can be switched: the list says why.
    void setAvailable(bool available, const QString &reason = {});

Q_SIGNALS:
    void switchRequested(jwtflow::ScenarioSwitchboard::Switch s);
    void resetRequested();

private:
    QListWidgetItem *item(ScenarioSwitchboard::Switch s) const;
    void activate(QListWidgetItem *item);

    QListWidget *m_list = nullptr;
    QPushButton *m_reset = nullptr;
    QLabel *m_change = nullptr;
    std::optional<ScenarioSwitchboard::Switch> m_active;
};

} // namespace jwtflow
