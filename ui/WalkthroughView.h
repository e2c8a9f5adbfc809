#pragma once

#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;

namespace jwtflow {

class Walkthrough;

// The lesson's steps as a list — ticked when done, the current one highlighted — with the current
// step's explanation and what to look at, Back/Next and Restart (restartRequested). Moving to a step asks the window to put
// the focus on what the step is about (targetRequested).
class WalkthroughView : public QWidget {
    Q_OBJECT

public:
    explicit WalkthroughView(Walkthrough *walkthrough, QWidget *parent = nullptr);

    QListWidget *list() const { return m_list; }
    QPushButton *nextButton() const { return m_next; }
    QPushButton *backButton() const { return m_back; }
    QPushButton *restartButton() const { return m_restart; }
    QString explanationText() const;

Q_SIGNALS:
    void targetRequested(const QString &target);
    // "Restart": the owner starts a new lesson (the walkthrough alone cannot tell what is in place).
    void restartRequested();

private:
    void refresh();
    void go(int index);

    Walkthrough *m_walkthrough = nullptr;
    QListWidget *m_list = nullptr;
    QLabel *m_progress = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_explanation = nullptr;
    QLabel *m_lookAt = nullptr;
    QPushButton *m_back = nullptr;
    QPushButton *m_next = nullptr;
    QPushButton *m_restart = nullptr;
};

} // namespace jwtflow
