#pragma once

#include "core/Clock.h"

#include <QHash>
#include <QMainWindow>
#include <QRect>
#include <QUrl>

#include <memory>

class QAction;
class QKeyEvent;
class QLabel;
class QMenu;
class QSplitter;
class QNetworkAccessManager;
class QScrollArea;
class QSettings;
class QTabWidget;

namespace jwtflow {

class BearerFlowSession;
class ConnectionForm;
class FailureBanner;
class PastedTokenBar;
class PracticeOrg;
class ProfileMenu;
class RecentFilesMenu;
class SecretStore;
class ResponsePane;
class SendBar;
class ExpiryBadge;
class KeyGenerationDialog;
class IdTokenInspector;
class JsonEditor;
class LintList;
class SignaturePanel;
class TokenDocument;
class TokenEditor;
class TrainerDock;

// The main window: it composes the views. The bearer-flow tab: the failure banner and the
// connection form on top, encoded token on the left, decoded header and payload and the
// signature block on the right, the expiry countdown, the lints and the answer below. Each view
// binds to the one BearerFlowSession (model/flow), never to another view; the rules live there.
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
    TokenDocument *document() const { return m_document; }
    ConnectionForm *connectionForm() const { return m_connection; }
    SignaturePanel *signaturePanel() const { return m_signature; }
    IdTokenInspector *inspector() const { return m_inspector; }
    ResponsePane *responsePane() const { return m_response; }
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
    TrainerDock *trainer() const { return m_trainer; }
    void setTrainerMode(bool on);
    bool isTrainerMode() const { return m_trainerOn; }
    // Where there is no room beside the page (a 1280 px projector, presentation mode's large
    // type), the trainer is a tab of the window instead of a dock: true while it is.
    bool isTrainerTabbed() const { return m_trainerTabbed; }
    QWidget *trainerPanel() const { return m_trainerPanel; } // the trainer's content, docked or tabbed
    // Puts the focus on what a walkthrough step is about ("signing-key", "payload", "send", ...).
    bool focusTarget(const QString &target);

Q_SIGNALS:
    // After the first paint, once what was deferred (Options::deferUntilFirstPaint) is built.
    void startupFinished();

protected:
    void closeEvent(QCloseEvent *event) override;
    bool event(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QWidget *createFlowPage();
    void createMenus();
    void showDocument(int origin);
    void showErrors();
    void showLints();
    void showAnswer();
    void flowStatus(const QString &text); // the Bearer flow tab's last event
    void setProblemsTabText(const QString &text);
    void focusField(const QString &field);
    void chooseTokenFile();
    void showProfileName(const QString &name);
    void showKeyGeneration();
    void startPracticeOrg(const Options &options);
    void finishStartup();
    void showAbout();
    void createInspector();
    void createTrainer();
    void fitTrainer();
    bool trainerFitsBeside() const;
    void placeTrainer();
    bool isWindowShortcut(const QKeyEvent *event) const;
    void inspectToken(const QString &token);

    const Clock &m_clock;
    QNetworkAccessManager *m_network = nullptr;
    BearerFlowSession *m_session = nullptr;
    TokenDocument *m_document = nullptr; // the session's
    QTabWidget *m_tabs = nullptr;
    QHash<QWidget *, QString> m_tabStatus; // each tab's last event
    FailureBanner *m_failureBanner = nullptr;
    PastedTokenBar *m_pastedBar = nullptr;
    IdTokenInspector *m_inspector = nullptr;
    ConnectionForm *m_connection = nullptr;
    TokenEditor *m_encoded = nullptr;
    JsonEditor *m_header = nullptr;
    JsonEditor *m_payload = nullptr;
    SignaturePanel *m_signature = nullptr;
    ExpiryBadge *m_expiry = nullptr;
    LintList *m_lints = nullptr;
    QLabel *m_encodedError = nullptr;
    QLabel *m_status = nullptr;
    QTabWidget *m_bottomTabs = nullptr;
    QSplitter *m_vertical = nullptr;
    QAction *m_presentation = nullptr;
    KeyGenerationDialog *m_keyGeneration = nullptr;
    SendBar *m_sendBar = nullptr;
    ResponsePane *m_response = nullptr;
    QScrollArea *m_responseScroll = nullptr;
    bool m_userSizedAnswer = false; // the user dragged the editors/answer split: keep it
    PracticeOrg *m_practice = nullptr;
    TrainerDock *m_trainer = nullptr;
    QWidget *m_trainerPanel = nullptr;
    QAction *m_trainerAction = nullptr;
    bool m_trainerOn = false;
    bool m_trainerTabbed = false;
    QMenu *m_viewMenu = nullptr;
    QSettings *m_settings = nullptr;
    std::unique_ptr<SecretStore> m_ownSecrets;
    ProfileMenu *m_profiles = nullptr;
    RecentFilesMenu *m_recent = nullptr;
    std::unique_ptr<Options> m_deferredStart; // until the first paint
    QRect m_available;                        // Options::availableGeometry
};

} // namespace jwtflow
