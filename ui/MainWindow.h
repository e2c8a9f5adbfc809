#pragma once

#include "FlowPage.h"
#include "TrainerPlacement.h"
#include "core/Clock.h"
#include "flow/BearerFlowSession.h"

#include <QHash>
#include <QMainWindow>
#include <QRect>
#include <QUrl>

#include <memory>

class QAction;
class QLabel;
class QMenu;
class QNetworkAccessManager;
class QSettings;
class QTabWidget;

namespace jwtflow {

class ConnectionForm;
class PracticeOrg;
class ProfileMenu;
class RecentFilesMenu;
class SecretStore;
class ResponsePane;
class KeyGenerationDialog;
class IdTokenInspector;
class SignaturePanel;
class TokenDocument;
class TrainerDock;

// The main window: it composes the views. Its tabs: the Bearer flow page (FlowPage), the ID
// token inspector and, when there is no room for its dock, the trainer. Each view binds to the
// one BearerFlowSession (model/flow), never to another view; the rules live there. The window
// owns the menus, the status bar (the current tab's last event), presentation mode, the start-up
// that waits for the first paint, and the dialogs.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    struct Options {
        // Start the built-in practice org and make it the ready-to-send default (the app does;
        // most tests don't, to start from an empty window).
        bool practiceOrg = false;
        QString practiceDataFolder; // empty: the practice org's default (the user's data folder)
        // Where remembered passphrases go; null: the system keychain (tests pass a fake).
        SecretStore *secretStore = nullptr;
        // Start the practice org, load the JSON syntax definitions and build the ID token inspector
        // and the trainer dock only once the window has painted (the app: a faster first paint);
        // otherwise in the constructor (tests).
        bool deferUntilFirstPaint = false;
        // The screen's free area the window sizes itself to; empty: the screen's own
        // (QScreen::availableGeometry). Tests simulate screen sizes with it.
        QRect availableGeometry;
    };

    // The window's first size on a screen with this free area: 1280×860 where that fits, less
    // where it does not (a 1024×768 projector), leaving room for the title bar.
    static QSize defaultSize(const QRect &available);
    QRect availableGeometry() const;

    explicit MainWindow(const Clock &clock = SystemClock::instance(), QWidget *parent = nullptr);
    MainWindow(const Clock &clock, const Options &options, QWidget *parent = nullptr);
    ~MainWindow() override;

    void openToken(const QString &text);
    BearerFlowSession *session() const { return m_session; }
    TokenDocument *document() const { return m_session->document(); }
    ConnectionForm *connectionForm() const { return m_flow->connectionForm(); }
    SignaturePanel *signaturePanel() const { return m_flow->signaturePanel(); }
    IdTokenInspector *inspector() const { return m_inspector; }
    ResponsePane *responsePane() const { return m_flow->responsePane(); }
    PracticeOrg *practiceOrg() const { return m_practice; }
    ProfileMenu *profileMenu() const { return m_profiles; }
    RecentFilesMenu *recentFilesMenu() const { return m_recent; }
    void openTokenFile(const QString &path);
    void send();
    void setPresentationMode(bool on);
    KeyGenerationDialog *keyGenerationDialog();
    bool isPresentationMode() const;
    int presentationPointSize() const; // presentation mode's type size on this screen
    // Trainer mode (View ▸ Trainer mode): walkthrough, failures on purpose, sequence diagram.
    TrainerDock *trainer() const { return m_trainerDock; }
    void setTrainerMode(bool on);
    bool isTrainerMode() const { return m_trainer && m_trainer->isOn(); }
    // Where there is no room beside the page (a 1280 px projector, presentation mode's large
    // type), the trainer is a tab of the window instead of a dock: true while it is.
    bool isTrainerTabbed() const { return m_trainer && m_trainer->isTabbed(); }
    QWidget *trainerPanel() const { return m_trainer ? m_trainer->panel() : nullptr; } // docked or tabbed
    // Puts the focus on what a walkthrough step is about ("signing-key", "payload", "send", ...).
    bool focusTarget(const QString &target);

Q_SIGNALS:
    // After the first paint, once what was deferred (Options::deferUntilFirstPaint) is built.
    void startupFinished();

protected:
    void closeEvent(QCloseEvent *event) override;
    bool event(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void createMenus();
    void flowStatus(const QString &text); // the Bearer flow tab's last event
    void chooseTokenFile();
    void showProfileName(const QString &name);
    void showKeyGeneration();
    void startPracticeOrg(const Options &options);
    void finishStartup();
    void showAbout();
    void createInspector();
    void createTrainer();
    void inspectToken(const QString &token);

    const Clock &m_clock;
    QNetworkAccessManager *m_network = nullptr;
    BearerFlowSession *m_session = nullptr;
    QTabWidget *m_tabs = nullptr;
    FlowPage *m_flow = nullptr;
    QHash<QWidget *, QString> m_tabStatus; // each tab's last event
    IdTokenInspector *m_inspector = nullptr;
    QLabel *m_status = nullptr;
    QAction *m_presentation = nullptr;
    KeyGenerationDialog *m_keyGeneration = nullptr;
    PracticeOrg *m_practice = nullptr;
    TrainerDock *m_trainerDock = nullptr;
    TrainerPlacement *m_trainer = nullptr;
    QMenu *m_viewMenu = nullptr;
    QSettings *m_settings = nullptr;
    std::unique_ptr<SecretStore> m_ownSecrets;
    ProfileMenu *m_profiles = nullptr;
    RecentFilesMenu *m_recent = nullptr;
    std::unique_ptr<Options> m_deferredStart; // until the first paint
    QRect m_available; // Options::availableGeometry
};

} // namespace jwtflow
