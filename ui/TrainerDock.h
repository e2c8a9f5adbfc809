#pragma once

#include "core/Clock.h"
#include "core/Result.h"
#include "trainer/LessonRecorder.h"

#include <QDockWidget>
#include <QPointer>

#include <functional>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;

namespace jwtflow {

class BearerFlowSession;
class ExchangeResult;
class HttpExchangeRecord;
class OrgClient;
class PracticeAppOptions;
class PracticeOrg;
class ResponsePane;
class ScenarioSwitchboard;
class ScenarioSwitches;
class SequenceDiagram;
class SequenceLog;
class SignaturePanel;
class TokenDocument;
class TokenExchange;
class Walkthrough;
class WalkthroughView;

// Trainer mode (View ▸ Trainer mode): the guided walkthrough, the failures on purpose and the live
// sequence diagram, side by side with the bearer-flow page, and "Export lesson…". It listens to
// the window's parts — the document, the keys, the exchange, the org calls, the practice org — and
// turns what really happens into ticks, arrows and lesson entries; it changes nothing itself except
// through the scenario switchboard. Everything it shows and exports is masked.
class TrainerDock : public QDockWidget {
    Q_OBJECT

public:
    struct Parts {
        BearerFlowSession *session = nullptr; // everything it shows comes from the session
        std::function<bool(const QString &target)> focusTarget;
    };

    // Asked for the file to export to (a seam for tests; default: QFileDialog::getSaveFileName).
    using FileChooser = std::function<QString(QWidget *parent, const QString &title, const QString &filter)>;
    static void setFileChooser(FileChooser chooser);

    TrainerDock(const Parts &parts, QWidget *parent = nullptr);
    ~TrainerDock() override;

    Walkthrough *walkthrough() const { return m_walkthrough; }
    SequenceLog *sequence() const { return m_sequence; }
    ScenarioSwitchboard *switchboard() const { return m_switchboard; }
    const LessonRecorder &lesson() const { return m_lesson; }
    WalkthroughView *walkthroughView() const { return m_walkthroughView; }
    ScenarioSwitches *switches() const { return m_switches; }
    PracticeAppOptions *appOptions() const { return m_appOptions; }
    SequenceDiagram *diagram() const { return m_diagram; }
    QString shownMessage() const; // the raw text of the arrow clicked last
    QString statusText() const;

    // Turns a switch on / everything back, as the buttons do.
    void applySwitch(int switchValue);
    void resetSwitches();
    // Sets a practice app setting, as its check box does; false (and the status says why) without a practice org.
    bool setAppOption(int optionValue, bool on);
    // A new lesson from step 1 (the Steps tab's Restart): what is in place now waits for the class
    // to move past it; the lesson record and the sequence diagram start empty.
    void restartLesson();
    // Asks for a file and writes the lesson there (.html: HTML, otherwise Markdown).
    bool exportLesson();
    Result<void> exportLessonTo(const QString &path);

private:
    // The window starts its practice org after the first paint: the switches wait for it.
    void practiceOrgChanged();
    void refreshFacts();
    void exchangeFinished(const ExchangeResult &result);
    void callFinished(const HttpExchangeRecord &record);
    void frontdoorOpened(const QUrl &url);
    void showMessage(int index);
    void setStatus(const QString &text, bool problem = false);

    Parts m_parts;
    QPointer<PracticeOrg> m_practice;
    Walkthrough *m_walkthrough = nullptr;
    SequenceLog *m_sequence = nullptr;
    ScenarioSwitchboard *m_switchboard = nullptr;
    LessonRecorder m_lesson;

    QTabWidget *m_tabs = nullptr;
    WalkthroughView *m_walkthroughView = nullptr;
    ScenarioSwitches *m_switches = nullptr;
    PracticeAppOptions *m_appOptions = nullptr;
    SequenceDiagram *m_diagram = nullptr;
    QPlainTextEdit *m_message = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_export = nullptr;
};

} // namespace jwtflow
