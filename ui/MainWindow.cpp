#include "MainWindow.h"
#include "ErrorColor.h"

#include "AnswerSplit.h"
#include "ClearTextConfirmation.h"
#include "ConnectionForm.h"
#include "ExpiryBadge.h"
#include "IdTokenInspector.h"
#include "JsonEditor.h"
#include "KeyGenerationDialog.h"
#include "KeyPicker.h"
#include "LintList.h"
#include "ProfileMenu.h"
#include "RecentFilesMenu.h"
#include "ResponsePane.h"
#include "SendBar.h"
#include "SignaturePanel.h"
#include "TokenEditor.h"
#include "TrainerDock.h"
#include "FailureBanner.h"
#include "Icons.h"
#include "PastedTokenBar.h"
#include "SecretClipboard.h"
#include "ReadablePalette.h"
#include "crypto/CryptoProvider.h"
#include "flow/BearerFlowSession.h"
#include "flow/OrgClient.h"
#include "practice/PracticeOrg.h"
#include "store/KeychainSecretStore.h"
#include "token/DateClaim.h"

#include <QApplication>
#include <QKeyEvent>
#include <QScreen>
#include <QToolButton>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QNetworkAccessManager>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace jwtflow {

namespace {

QGroupBox *titled(const QString &title, QWidget *content, QWidget *parent)
{
    auto *box = new QGroupBox(title, parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(6, 6, 6, 6);
    if (content)
        layout->addWidget(content);
    return box;
}

constexpr int kPresentationPointSize = 17; // the back of a classroom, on a 1080 px screen

QLabel *plainLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText); // token and error texts are untrusted
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

MainWindow::MainWindow(const Clock &clock, QWidget *parent)
    : MainWindow(clock, Options{}, parent)
{
}

MainWindow::~MainWindow() = default;

MainWindow::MainWindow(const Clock &clock, const Options &options, QWidget *parent)
    : QMainWindow(parent)
    , m_clock(clock)
    , m_network(new QNetworkAccessManager(this))
    , m_session(new BearerFlowSession(clock, m_network, this))
    , m_document(m_session->document())
    , m_settings(new QSettings(this))
    , m_deferredStart(options.deferUntilFirstPaint ? std::make_unique<Options>(options) : nullptr)
    , m_available(options.availableGeometry)
{
    setObjectName(QStringLiteral("MainWindow"));
    ReadablePalette::install(); // hints and links at WCAG AA contrast, on light and dark desktops
    setWindowTitle(tr("jwtflow — JWT bearer flow debugger"));
    resize(defaultSize(availableGeometry()));

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("mainTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(createFlowPage(), tr("&Bearer flow"));
    if (m_deferredStart) {
        // Not visible at start: its page is filled after the first paint (finishStartup).
        auto *inspectorPage = new QWidget(m_tabs);
        inspectorPage->setObjectName(QStringLiteral("inspectorPage"));
        (new QVBoxLayout(inspectorPage))->setContentsMargins(0, 0, 0, 0);
        m_tabs->addTab(inspectorPage, tr("&ID token inspector"));
    } else {
        createInspector();
    }
    setCentralWidget(m_tabs);

    m_status = plainLabel(QStringLiteral("decodeStatus"), this);
    // One line: a wrapped status bar took two lines of a 720 px screen. Long texts are cut, not
    // widening the window (the tooltip has them whole).
    m_status->setWordWrap(false);
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    statusBar()->addWidget(m_status, 1);
    // The status bar shows the current tab's last event only.
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        m_status->setText(m_tabStatus.value(m_tabs->currentWidget()));
        m_status->setToolTip(m_status->text());
    });
    SecretStore *secrets = options.secretStore;
    if (!secrets) {
        m_ownSecrets = std::make_unique<KeychainSecretStore>();
        secrets = m_ownSecrets.get();
    }
    m_profiles = new ProfileMenu(*m_settings, *secrets, m_connection, m_signature, this);
    m_recent = new RecentFilesMenu(*m_settings, this);
    createMenus();

    // The views bind to the session; the window only routes what none of them owns.
    connect(m_encoded, &TokenEditor::textEdited, m_session, &BearerFlowSession::pasteToken);
    connect(m_header, &JsonEditor::textEdited, m_document, &TokenDocument::setHeaderText);
    connect(m_payload, &JsonEditor::textEdited, m_document, &TokenDocument::setPayloadText);
    connect(m_encoded, &TokenEditor::loadFailed, this, &MainWindow::flowStatus);
    connect(m_document, &TokenDocument::tokenChanged, this, [this](TokenDocument::Origin origin) { showDocument(static_cast<int>(origin)); });
    connect(m_document, &TokenDocument::errorChanged, this, &MainWindow::showErrors);
    connect(m_session, &BearerFlowSession::lintsChanged, this, &MainWindow::showLints);
    connect(m_session, &BearerFlowSession::message, this, &MainWindow::flowStatus);
    connect(m_session, &BearerFlowSession::sendingChanged, m_sendBar, &SendBar::setRunning);
    connect(m_session, &BearerFlowSession::answerChanged, this, &MainWindow::showAnswer);
    connect(m_expiry, &ExpiryBadge::expiryRequested, this, [this](qint64 exp) { m_document->setClaim(QStringLiteral("exp"), exp); });
    connect(m_lints, &LintList::fieldActivated, this, &MainWindow::focusField);

    connect(m_sendBar, &SendBar::sendRequested, this, &MainWindow::send);
    connect(m_sendBar, &SendBar::cancelRequested, m_session, &BearerFlowSession::cancel);
    auto *sendShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    sendShortcut->setObjectName(QStringLiteral("sendShortcut"));
    connect(sendShortcut, &QShortcut::activated, this, &MainWindow::send);
    OrgClient *org = m_session->org();
    connect(m_response, &ResponsePane::identityRequested, this, [org] { (void)org->identity(); });
    connect(m_response, &ResponsePane::versionsRequested, this, [org] { (void)org->versions(); });
    connect(m_response, &ResponsePane::queryRequested, this, [this, org](const QString &soql) {
        if (auto r = org->query(soql); !r)
            flowStatus(r.error().text());
    });
    connect(m_response, &ResponsePane::openOrgRequested, this, [this] {
        if (const auto url = m_session->openOrg(); url)
            m_response->openUrl(url.value());
        else
            flowStatus(url.error().text());
    });
    connect(m_response, &ResponsePane::fieldActivated, this, &MainWindow::focusField);
    connect(m_response, &ResponsePane::inspectRequested, this, &MainWindow::inspectToken);
    connect(org, &OrgClient::finished, this, [this](int, const HttpExchangeRecord &record) { m_response->addCall(record); });

    showDocument(static_cast<int>(TokenDocument::Origin::Program));
    showLints();
    if (!m_deferredStart)
        createTrainer(); // before the practice org, which it is handed when it starts
    if (!m_deferredStart && options.practiceOrg)
        startPracticeOrg(options);
    // The settings file holds the window's shape, profiles and recent file PATHS: never keys,
    // passphrases or tokens (passphrases go to the system keychain, and only when asked).
    restoreGeometry(m_settings->value(QStringLiteral("window/geometry")).toByteArray());
    const QRect available = availableGeometry();
    if (!available.isEmpty() && (width() > available.width() || height() > available.height()))
        resize(defaultSize(available)); // saved on a larger screen
    // The window's shortcuts work from every field: a line edit would otherwise take Ctrl+E (end
    // of line in X11's key bindings) and others for itself.
    qApp->installEventFilter(this);
}

QSize MainWindow::defaultSize(const QRect &available)
{
    constexpr int kTitleBar = 40; // availableGeometry() includes the window's own frame
    if (available.isEmpty())
        return {1280, 860};
    return {std::min(1280, available.width()), std::min(860, available.height() - kTitleBar)};
}

QRect MainWindow::availableGeometry() const
{
    if (!m_available.isEmpty())
        return m_available;
    const QScreen *s = screen() ? screen() : QGuiApplication::primaryScreen();
    return s ? s->availableGeometry() : QRect();
}

bool MainWindow::isWindowShortcut(const QKeyEvent *event) const
{
    if (!(event->modifiers() & (Qt::ControlModifier | Qt::AltModifier)) && event->key() != Qt::Key_F11)
        return false;
    const QKeySequence pressed(event->keyCombination());
    for (const QAction *action : findChildren<QAction *>()) {
        if (action->isEnabled() && action->shortcuts().contains(pressed))
            return true;
    }
    for (const QShortcut *shortcut : findChildren<QShortcut *>()) {
        if (shortcut->isEnabled() && shortcut->keys().contains(pressed))
            return true;
    }
    return false;
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::ShortcutOverride) {
        // A text field accepts the override for keys it edits with; for the window's own
        // shortcuts it is left unaccepted, so the shortcut runs (the field never sees the key).
        auto *widget = qobject_cast<QWidget *>(watched);
        if (widget && widget->window() == this && isWindowShortcut(static_cast<QKeyEvent *>(event))) {
            event->ignore();
            return true;
        }
    } else if (watched == m_trainer && event->type() == QEvent::Close) {
        // The dock's own close button: trainer mode off, as the View menu does.
        QTimer::singleShot(0, this, [this] { setTrainerMode(false); });
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::resizeEvent(QResizeEvent *event)
{
    QMainWindow::resizeEvent(event);
    if (m_trainerOn)
        placeTrainer();
}

void MainWindow::inspectToken(const QString &token)
{
    if (!m_inspector)
        return;
    m_inspector->setInput(token);
    m_tabs->setCurrentIndex(m_tabs->indexOf(m_inspector) >= 0 ? m_tabs->indexOf(m_inspector) : 1);
}

bool MainWindow::event(QEvent *event)
{
    if (event->type() == QEvent::Paint && m_deferredStart)
        QTimer::singleShot(0, this, &MainWindow::finishStartup); // once this paint is on screen
    return QMainWindow::event(event);
}

void MainWindow::finishStartup()
{
    if (!m_deferredStart)
        return;
    const std::unique_ptr<Options> options = std::move(m_deferredStart);
    // What the first paint does not show: the inspector tab's content and the (hidden) trainer dock.
    createInspector();
    createTrainer();
    m_header->startHighlighting();
    m_payload->startHighlighting();
    if (options->practiceOrg)
        startPracticeOrg(*options);
    Q_EMIT startupFinished();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_settings->setValue(QStringLiteral("window/geometry"), saveGeometry());
    QMainWindow::closeEvent(event);
}

void MainWindow::startPracticeOrg(const Options &options)
{
    // The built-in org makes the first launch work offline: one click on Send succeeds.
    m_practice = new PracticeOrg(this);
    PracticeOrg::Options practiceOptions;
    practiceOptions.dataFolder = options.practiceDataFolder;
    practiceOptions.clock = &m_clock;
    const auto started = m_practice->start(practiceOptions);
    if (!started) {
        flowStatus(tr("The practice org could not start: %1").arg(started.error().text()));
        return;
    }
    m_session->setPracticeOrg(m_practice);
    m_session->setConnection({AssertionPreset::Environment::PracticeOrg, {}, m_practice->consumerKey(), m_practice->username(), {}});
    // The demo key is always there: it would crowd the user's own files out of Open Recent.
    m_recent->setIgnoredPaths({m_practice->demoKeyPath(), m_practice->demoCertificatePath()});
    m_signature->signingPicker()->loadFile(m_practice->demoKeyPath());
    m_signature->certificatePicker()->loadFile(m_practice->demoCertificatePath());
}

void MainWindow::send()
{
    if (m_session->isSending())
        return;
    if (auto sent = m_session->send(); !sent) {
        flowStatus(sent.error().text());
        if (sent.error().code == QStringLiteral("net.clear-text")) { // never silent: the user allows this host, or nothing goes
            auto *confirm = new ClearTextConfirmation(m_session->tokenHost(), this);
            confirm->setAttribute(Qt::WA_DeleteOnClose);
            connect(confirm, &ClearTextConfirmation::allowed, this, [this](const QString &host) {
                m_session->allowClearTextHost(host);
                send();
            });
            confirm->open();
            return;
        }
        if (sent.error().code.startsWith(QStringLiteral("preset.")))
            m_connection->focusField(QStringLiteral("host"));
    }
}

void MainWindow::showAnswer()
{
    const auto &result = m_session->lastResult();
    if (!result)
        return;
    m_response->setResult(*result, result->ok() ? Diagnosis() : m_session->lastDiagnosis());
    m_bottomTabs->setCurrentWidget(m_responseScroll);
    m_responseScroll->verticalScrollBar()->setValue(0); // the new answer from its headline
    // The answer is what the user waits for: give it room (AnswerSplit says how much); once the
    // user has set the split, leave it.
    const QList<int> sizes = m_vertical->sizes();
    const int total = sizes.size() == 2 ? sizes[0] + sizes[1] : 0;
    const int wanted = m_bottomTabs->tabBar()->sizeHint().height() + m_response->sizeHint().height() + 8;
    const int answer = AnswerSplit::answerHeight(total, m_vertical->widget(0)->minimumSizeHint().height(), wanted, result->ok());
    if (total > 0 && !m_userSizedAnswer && sizes[1] < answer) {
        m_vertical->setSizes({total - answer, answer});
        AnswerSplit::balanceDecoded(findChild<QSplitter *>(QStringLiteral("decodedSplitter")));
    }
}

void MainWindow::flowStatus(const QString &text)
{
    QWidget *flow = m_tabs->widget(0);
    m_tabStatus.insert(flow, text);
    if (m_tabs->currentWidget() == flow) {
        m_status->setText(text);
        m_status->setToolTip(text);
    }
}

QWidget *MainWindow::createFlowPage()
{
    auto *page = new QWidget(this);
    page->setObjectName(QStringLiteral("flowPage"));

    m_connection = new ConnectionForm(m_session, page);
    m_failureBanner = new FailureBanner(m_session, page);
    m_pastedBar = new PastedTokenBar(m_session, page);

    m_encoded = new TokenEditor(page);
    m_encoded->setObjectName(QStringLiteral("encodedEditor"));
    m_encoded->setAccessibleName(tr("Encoded token"));
    m_encoded->setPlaceholderText(tr("Paste a JWT here (header.payload.signature), or drop a file holding one.\n\n"
                                     "Or fill in the connection above and choose a private key: the assertion is composed and signed as you type."));
    m_encodedError = plainLabel(QStringLiteral("encodedError"), page);
    m_encodedError->setStyleSheet(ErrorColor::styleSheet(m_encodedError));
    m_encodedError->hide();
    m_expiry = new ExpiryBadge(m_clock, page);

    m_header = new JsonEditor(QStringLiteral("headerEditor"), page, !m_deferredStart);
    m_payload = new JsonEditor(QStringLiteral("payloadEditor"), page, !m_deferredStart);
    m_payload->setHoverText([this](const QString &line, int column) { return DateClaim::hoverTextAt(line, column, m_clock); });
    m_header->editor()->setPlaceholderText(tr("Header (JSON): alg, typ, kid …"));
    m_payload->editor()->setPlaceholderText(tr("Payload (JSON): the claims — iss, sub, aud, exp …"));
    m_signature = new SignaturePanel(m_session, page);
    m_lints = new LintList(page);

    QGroupBox *encodedBox = titled(tr("Encoded"), m_encoded, page);
    encodedBox->layout()->addWidget(m_encodedError);
    encodedBox->layout()->addWidget(m_pastedBar);
    // Copy, as on jwt.io: the encoded token whole. A signed assertion buys an access token until
    // its exp, so it goes through the secret clipboard (marked secret, cleared after 60 s).
    auto *copyEncoded = new QToolButton(page);
    copyEncoded->setObjectName(QStringLiteral("copyEncodedToken"));
    copyEncoded->setIcon(Icons::icon(Icons::Role::Copy));
    copyEncoded->setText(tr("Copy token"));
    copyEncoded->setToolButtonStyle(Qt::ToolButtonIconOnly); // the row is narrow beside the trainer
    copyEncoded->setAccessibleName(tr("Copy the encoded token"));
    copyEncoded->setToolTip(tr("Copy the encoded token; the clipboard is cleared after 60 s"));
    auto *encodedClipboard = new SecretClipboard(copyEncoded);
    connect(copyEncoded, &QToolButton::clicked, this, [this, encodedClipboard] {
        const QString token = m_document->encodedText().trimmed();
        if (token.isEmpty()) {
            flowStatus(tr("No token to copy yet: paste one, or fill in the connection and choose a signing key."));
            return;
        }
        encodedClipboard->copy(token);
        flowStatus(tr("The encoded token is on the clipboard; it will be cleared in %1 s.").arg((encodedClipboard->clearDelay() + 999) / 1000));
    });
    auto *expiryRow = new QHBoxLayout;
    expiryRow->setContentsMargins(0, 0, 0, 0);
    expiryRow->addWidget(m_expiry, 1);
    expiryRow->addWidget(copyEncoded, 0, Qt::AlignTop);
    static_cast<QVBoxLayout *>(encodedBox->layout())->addLayout(expiryRow);

    auto *decoded = new QSplitter(Qt::Vertical, page);
    decoded->setObjectName(QStringLiteral("decodedSplitter"));
    decoded->addWidget(titled(tr("Header"), m_header, decoded));
    decoded->addWidget(titled(tr("Payload"), m_payload, decoded));
    decoded->setStretchFactor(0, 1);
    decoded->setStretchFactor(1, 3);

    auto *editors = new QSplitter(Qt::Horizontal, page);
    editors->setObjectName(QStringLiteral("editorSplitter"));
    editors->addWidget(encodedBox);
    editors->addWidget(decoded);
    // Beside the trainer dock or in presentation mode the column can be shorter or narrower than the
    // signature block: it scrolls rather than clipping the key facts.
    auto *signatureScroll = new QScrollArea(editors);
    signatureScroll->setObjectName(QStringLiteral("signatureScroll"));
    signatureScroll->setFrameShape(QFrame::NoFrame);
    signatureScroll->setWidgetResizable(true);
    signatureScroll->setWidget(m_signature);
    // A scroll area's own minimum ignores its widget's: keep the panel's floor (file name, Choose…,
    // Paste… readable) plus room for the vertical scroll bar, so a narrow window scrolls, not clips.
    signatureScroll->setMinimumWidth(m_signature->minimumWidth() + signatureScroll->verticalScrollBar()->sizeHint().width());
    editors->addWidget(titled(tr("Signature"), signatureScroll, editors));
    editors->setSizes({420, 430, 430});
    // When the window narrows (the trainer dock opens), the JSON panes keep the larger share.
    editors->setStretchFactor(0, 2);
    editors->setStretchFactor(1, 3);
    editors->setStretchFactor(2, 2);

    m_bottomTabs = new QTabWidget(page);
    m_bottomTabs->setObjectName(QStringLiteral("bottomTabs"));
    m_bottomTabs->addTab(m_lints, tr("Problems"));
    m_response = new ResponsePane(page);
    // In presentation mode, with the trainer dock beside it, a screen can be shorter than the pane:
    // it scrolls rather than squeezing its rows into each other or making the window taller than the screen.
    m_responseScroll = new QScrollArea(m_bottomTabs);
    m_responseScroll->setObjectName(QStringLiteral("responseScroll"));
    m_responseScroll->setFrameShape(QFrame::NoFrame);
    m_responseScroll->setWidgetResizable(true);
    m_responseScroll->setWidget(m_response);
    m_bottomTabs->addTab(m_responseScroll, tr("Response"));

    auto *vertical = new QSplitter(Qt::Vertical, page);
    m_vertical = vertical;
    vertical->setObjectName(QStringLiteral("flowSplitter"));
    connect(vertical, &QSplitter::splitterMoved, this, [this] { m_userSizedAnswer = true; });
    vertical->addWidget(editors);
    vertical->addWidget(m_bottomTabs);
    vertical->setStretchFactor(0, 3);
    vertical->setStretchFactor(1, 1);

    m_sendBar = new SendBar(page);
    auto *connectionRow = new QHBoxLayout;
    connectionRow->addWidget(m_connection, 1);
    connectionRow->addWidget(m_sendBar, 0, Qt::AlignBottom);
    QGroupBox *connectionBox = titled(tr("Connection"), nullptr, page);
    static_cast<QVBoxLayout *>(connectionBox->layout())->addLayout(connectionRow);

    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_failureBanner);
    layout->addWidget(connectionBox);
    layout->addWidget(vertical, 1);

    // Two lines at least, not Qt's 70 px: on a 720 px screen the answer needs the height (the
    // splitter gives the editors back their room when dragged).
    for (QPlainTextEdit *edit : {static_cast<QPlainTextEdit *>(m_encoded), m_header->editor(), m_payload->editor()})
        edit->setMinimumHeight(2 * edit->fontMetrics().lineSpacing() + 2 * edit->frameWidth() + 8);
    m_header->editor()->setAccessibleName(tr("Header JSON"));
    m_payload->editor()->setAccessibleName(tr("Payload JSON (claims)"));
    // Tab follows the work: connection, Send, the token, its JSON, the keys, then the results
    // (creation order would put Send last, after the response pane).
    QWidget *previous = nullptr;
    for (const char *name : {"environment", "environmentUrl", "clientId", "username", "audience", "sendButton", "encodedEditor", "expiryRefresh",
                             "headerEditor", "payloadEditor", "signingKeyPath", "signingKeyBrowse", "certificatePath", "certificateBrowse",
                             "verificationKeyPath", "verificationKeyBrowse", "hmacSecret", "bottomTabs"}) {
        auto *next = page->findChild<QWidget *>(QString::fromLatin1(name));
        if (!next)
            continue;
        if (previous)
            QWidget::setTabOrder(previous, next);
        previous = next;
    }
    return page;
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open token…"), this, &MainWindow::chooseTokenFile);
    open->setShortcut(QKeySequence::Open);
    file->addMenu(m_recent);
    m_recent->track(m_signature->signingPicker(), RecentFilesMenu::Kind::SigningKey);
    m_recent->track(m_signature->certificatePicker(), RecentFilesMenu::Kind::Certificate);
    connect(m_recent, &RecentFilesMenu::message, this, &MainWindow::flowStatus);
    connect(m_recent, &RecentFilesMenu::openRequested, this, [this](RecentFilesMenu::Kind kind, const QString &path) {
        if (kind == RecentFilesMenu::Kind::SigningKey)
            m_signature->signingPicker()->loadFile(path);
        else if (kind == RecentFilesMenu::Kind::Certificate)
            m_signature->certificatePicker()->loadFile(path);
        else
            openTokenFile(path);
    });
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::quit);
    quit->setShortcut(QKeySequence::Quit);

    menuBar()->addMenu(m_profiles);
    connect(m_profiles, &ProfileMenu::message, this, &MainWindow::flowStatus);
    connect(m_profiles, &ProfileMenu::currentProfileChanged, this, &MainWindow::showProfileName);

    QMenu *token = menuBar()->addMenu(tr("&Token"));
    QAction *generate = token->addAction(tr("&Generate key and certificate…"), this, &MainWindow::showKeyGeneration);
    generate->setObjectName(QStringLiteral("generateKeyAction"));
    QAction *refresh = token->addAction(tr("Set &exp = now + 3 min"), this, [this] { m_document->setClaim(QStringLiteral("exp"), m_clock.nowSecs() + 180); });
    refresh->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    QAction *adopt = token->addAction(tr("&Use this token's iss/sub/aud"), m_session, &BearerFlowSession::adoptTokenConnection);
    adopt->setObjectName(QStringLiteral("adoptTokenConnectionAction"));
    QAction *undo = token->addAction(tr("&Undo using the token's iss/sub/aud"), m_session, &BearerFlowSession::undoConnection);
    QAction *compose = token->addAction(tr("&New assertion from the connection"), m_session, &BearerFlowSession::composeFromConnection);
    const auto enable = [this, adopt, undo] {
        adopt->setEnabled(!m_session->tokenDiffers().isEmpty());
        undo->setEnabled(m_session->canUndoConnection());
    };
    connect(m_session, &BearerFlowSession::tokenConnectionChanged, this, enable);
    enable();
    (void)compose;

    QMenu *view = menuBar()->addMenu(tr("&View"));
    m_viewMenu = view;
    m_presentation = view->addAction(tr("&Presentation mode"), this, &MainWindow::setPresentationMode);
    m_presentation->setObjectName(QStringLiteral("presentationModeAction"));
    m_presentation->setCheckable(true);
    m_presentation->setShortcut(QKeySequence(Qt::Key_F11));
    m_presentation->setToolTip(tr("Large fonts, full screen, every secret masked: for a screen shared with a class"));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About jwtflow"), this, &MainWindow::showAbout);
}

void MainWindow::createInspector()
{
    // The deferred start filled the tab with an empty page first; the inspector goes into it.
    QWidget *page = m_tabs->findChild<QWidget *>(QStringLiteral("inspectorPage"));
    m_inspector = new IdTokenInspector(m_clock, m_network, page ? page : m_tabs);
    if (page)
        page->layout()->addWidget(m_inspector);
    else
        m_tabs->addTab(m_inspector, tr("&ID token inspector"));
    connect(m_inspector, &IdTokenInspector::useInMainTab, this, [this](const BearerFlowHint &hint) {
        m_tabs->setCurrentIndex(0);
        m_session->useForBearerFlow(hint.iss, hint.sub, hint.audience, hint.notes);
    });
}

void MainWindow::createTrainer()
{
    // Trainer mode listens to the window's parts; the window keeps working the same without it.
    TrainerDock::Parts parts;
    parts.session = m_session;
    parts.focusTarget = [this](const QString &target) { return focusTarget(target); };
    m_trainer = new TrainerDock(parts, this);
    m_trainerPanel = m_trainer->widget();
    m_trainerPanel->setObjectName(QStringLiteral("trainerPanel"));
    addDockWidget(Qt::RightDockWidgetArea, m_trainer);
    m_trainer->hide();
    m_trainer->installEventFilter(this);
    // Not the dock's toggleViewAction(): trainer mode stays on while the trainer is a tab.
    QAction *trainer = new QAction(tr("&Trainer mode"), this);
    trainer->setCheckable(true);
    m_trainerAction = trainer;
    trainer->setObjectName(QStringLiteral("trainerModeAction"));
    trainer->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    trainer->setToolTip(tr("A guided walkthrough of the flow, failures on purpose and a live sequence diagram, for a class"));
    connect(trainer, &QAction::triggered, this, [this](bool on) { setTrainerMode(on); });
    m_viewMenu->addAction(trainer);
}

void MainWindow::setTrainerMode(bool on)
{
    if (!m_trainer) // the app builds it just after the first paint
        return;
    m_trainerOn = on;
    m_trainerAction->setChecked(on);
    placeTrainer();
    if (on && m_trainerTabbed)
        m_tabs->setCurrentWidget(m_trainerPanel);
    fitTrainer();
}

bool MainWindow::trainerFitsBeside() const
{
    // Beside the page the dock takes two fifths of the width (nine twentieths presenting). The
    // page keeps the rest only if its three columns stay readable there: about 110 characters
    // of the type in use (the 1280 px projector starved them to "key" and "Ch").
    QFont type = font();
    if (isPresentationMode())
        type.setPointSizeF(presentationPointSize());
    const int dock = std::max(420, isPresentationMode() ? width() * 9 / 20 : width() * 2 / 5);
    return width() - dock >= 110 * QFontMetrics(type).averageCharWidth();
}

void MainWindow::placeTrainer()
{
    if (!m_trainer)
        return;
    const bool tabbed = m_trainerOn && !m_trainer->isFloating() && !trainerFitsBeside();
    if (tabbed && !m_trainerTabbed) {
        m_trainer->hide();
        m_trainer->setWidget(nullptr); // the dock lets go of the panel; it stays the same widget
        m_tabs->addTab(m_trainerPanel, tr("&Trainer"));
        m_trainerTabbed = true;
    } else if (!tabbed && m_trainerTabbed) {
        m_tabs->removeTab(m_tabs->indexOf(m_trainerPanel));
        m_trainer->setWidget(m_trainerPanel);
        m_trainerPanel->show();
        m_trainerTabbed = false;
    }
    m_trainer->setVisible(m_trainerOn && !m_trainerTabbed);
}

void MainWindow::fitTrainer()
{
    // The class reads the diagram from afar: give the dock two fifths of the window (nine
    // twentieths with presentation mode's large type), once the window has its final size (full
    // screen arrives later than the call).
    QTimer::singleShot(0, this, [this] {
        const bool docked = m_trainer && m_trainer->isVisible() && !m_trainer->isFloating();
        if (docked)
            resizeDocks({m_trainer}, {std::max(420, isPresentationMode() ? width() * 9 / 20 : width() * 2 / 5)}, Qt::Horizontal);
        // The splitter keeps its old proportions when the page narrows, which left the JSON
        // panes a sliver: beside the dock they get the largest share (setSizes takes weights).
        // After the dock's resize has reached the page (a posted layout request).
        QTimer::singleShot(0, this, [this, docked] {
            auto *editors = findChild<QSplitter *>(QStringLiteral("editorSplitter"));
            if (!editors)
                return;
            const int total = editors->width();
            editors->setSizes(docked ? QList<int>{total * 27 / 100, total * 40 / 100, total * 33 / 100}
                                     : QList<int>{total / 3, total / 3, total / 3});
        });
    });
}

bool MainWindow::focusTarget(const QString &target)
{
    m_tabs->setCurrentIndex(0);
    QWidget *widget = nullptr;
    if (target == QStringLiteral("signing-key") || target == QStringLiteral("certificate")) {
        KeyPicker *picker = target == QStringLiteral("certificate") ? m_signature->certificatePicker() : m_signature->signingPicker();
        widget = picker->findChild<QLineEdit *>();
    } else if (target == QStringLiteral("consumer-key")) {
        return m_connection->focusField(QStringLiteral("iss"));
    } else if (target == QStringLiteral("username")) {
        return m_connection->focusField(QStringLiteral("sub"));
    } else if (target == QStringLiteral("payload")) {
        widget = m_payload->editor();
    } else if (target == QStringLiteral("encoded")) {
        widget = m_encoded;
    } else if (target == QStringLiteral("send")) {
        widget = m_sendBar->findChild<QWidget *>(QStringLiteral("sendButton"));
    } else if (target == QStringLiteral("identity") || target == QStringLiteral("open-org")) {
        m_bottomTabs->setCurrentWidget(m_responseScroll);
        QWidget *button = m_response->findChild<QWidget *>(target == QStringLiteral("identity") ? QStringLiteral("identityButton")
                                                                                                 : QStringLiteral("openOrgButton"));
        // Before a token the buttons are hidden: the pane itself is the place to look.
        widget = button && button->isVisibleTo(m_response) ? button : m_response;
    }
    if (!widget)
        return false;
    widget->setFocus(Qt::OtherFocusReason);
    return true;
}

void MainWindow::openToken(const QString &text)
{
    m_encoded->setPlainText(text); // as if typed: the document decodes it
}

void MainWindow::showDocument(int originValue)
{
    const auto origin = static_cast<TokenDocument::Origin>(originValue);
    // Each pane keeps what its user typed; only the others are refreshed.
    if (origin != TokenDocument::Origin::Encoded)
        m_encoded->setTextQuietly(m_document->encodedText());
    if (origin != TokenDocument::Origin::Header)
        m_header->setTextQuietly(m_document->headerText());
    if (origin != TokenDocument::Origin::Payload)
        m_payload->setTextQuietly(m_document->payloadText());
    const bool encrypted = m_document->hasToken() && m_document->jwt().kind() == Jwt::Kind::Encrypted;
    m_payload->setReadOnly(encrypted);
    if (encrypted)
        m_payload->setTextQuietly(tr("(encrypted: a JWE's payload cannot be read without the recipient's private key)"));
    m_expiry->setClaims(m_document->hasToken() ? m_document->jwt().claims() : QJsonObject());

    QString status;
    if (!m_document->hasToken())
        status = tr("Paste a token, or open one with File ▸ Open token.");
    else if (encrypted)
        status = tr("Encrypted token (JWE), alg %1, enc %2").arg(m_document->jwt().alg(), m_document->jwt().header().value(QStringLiteral("enc")).toString());
    else
        status = tr("alg %1 · %2 claims").arg(m_document->jwt().alg().isEmpty() ? tr("(none given)") : m_document->jwt().alg())
                     .arg(m_document->jwt().claims().size());
    if (m_document->hasToken() && !m_document->jwt().notes().isEmpty() && origin == TokenDocument::Origin::Encoded)
        status += QStringLiteral(" · ") + m_document->jwt().notes().join(QLatin1Char(' '));
    flowStatus(status);
    showErrors();
}

void MainWindow::showErrors()
{
    const auto encodedError = m_document->error(TokenDocument::Origin::Encoded);
    m_encodedError->setText(encodedError ? encodedError->text() + (m_document->hasToken() ? tr(" (showing the last token that decoded)") : QString())
                                         : QString());
    m_encodedError->setVisible(encodedError.has_value());
    const auto headerError = m_document->error(TokenDocument::Origin::Header);
    m_header->setError(headerError ? headerError->message : QString());
    const auto payloadError = m_document->error(TokenDocument::Origin::Payload);
    m_payload->setError(payloadError ? payloadError->message : QString());
}

void MainWindow::showLints()
{
    const QList<Lint> lints = m_session->lints();
    m_lints->setLints(lints);
    const int errors = m_lints->errorCount();
    setProblemsTabText(errors > 0 ? (errors == 1 ? tr("Problems (1 error)") : tr("Problems (%1 errors)").arg(errors))
                              : lints.isEmpty() ? tr("Problems") : tr("Problems (%1)").arg(lints.size()));
}

void MainWindow::setProblemsTabText(const QString &text)
{
    // Runs on every keystroke. Setting even the same tab text asks the layouts up to the main tab
    // widget to redo themselves, and that repaints the whole window: measured, most of a keystroke.
    if (m_bottomTabs->tabText(0) != text)
        m_bottomTabs->setTabText(0, text);
}

void MainWindow::focusField(const QString &field)
{
    if (m_connection->focusField(field))
        return;
    if (field == QStringLiteral("key")) {
        m_signature->signingPicker()->setFocus(Qt::OtherFocusReason);
        return;
    }
    // A claim or header member: put the cursor on it in the JSON pane.
    const bool header = field.startsWith(QStringLiteral("header."));
    JsonEditor *pane = header ? m_header : m_payload;
    const QString name = header ? field.mid(7) : field;
    QPlainTextEdit *edit = pane->editor();
    const QTextCursor found = edit->document()->find(QStringLiteral("\"%1\"").arg(name));
    if (!found.isNull())
        edit->setTextCursor(found);
    edit->setFocus(Qt::OtherFocusReason);
}

void MainWindow::setPresentationMode(bool on)
{
    m_presentation->setChecked(on);
    // Larger type for the back of the room; secrets stay masked whatever is clicked.
    setStyleSheet(on ? QStringLiteral("QWidget { font-size: %1pt; }").arg(presentationPointSize()) : QString());
    m_response->setSecretsRevealed(false);
    m_response->setRevealAllowed(!on);
    if (on)
        showFullScreen();
    else
        showNormal();
    placeTrainer();
    fitTrainer();
}

int MainWindow::presentationPointSize() const
{
    // Large type, scaled to the screen: 17 pt on 1080 lines, 12 pt on a 720 or 768 line
    // projector, where 17 pt left no room for the answer (a projector's pixels are large anyway).
    return std::clamp(availableGeometry().height() / 60, 12, kPresentationPointSize);
}

bool MainWindow::isPresentationMode() const
{
    return m_presentation->isChecked();
}

KeyGenerationDialog *MainWindow::keyGenerationDialog()
{
    if (!m_keyGeneration) {
        m_keyGeneration = new KeyGenerationDialog(this);
        connect(m_keyGeneration, &KeyGenerationDialog::generated, this, [this](const CredentialWriter::Files &files) {
            m_signature->signingPicker()->loadFile(files.privateKey);
            m_signature->certificatePicker()->loadFile(files.certificatePem);
        });
    }
    return m_keyGeneration;
}

void MainWindow::showKeyGeneration()
{
    keyGenerationDialog()->show();
    keyGenerationDialog()->raise();
}

void MainWindow::chooseTokenFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open a file holding a JWT"));
    if (!path.isEmpty())
        openTokenFile(path);
}

void MainWindow::showProfileName(const QString &name)
{
    setWindowTitle(name.isEmpty() ? tr("jwtflow — JWT bearer flow debugger") : tr("%1 — jwtflow").arg(name));
}

void MainWindow::openTokenFile(const QString &path)
{
    QFile file(path);
    if (QFileInfo(path).size() > 1024 * 1024) {
        flowStatus(tr("%1 is %2 bytes; a JWT is at most a few kilobytes. Choose the file that holds only the token.")
                       .arg(QFileInfo(path).fileName())
                       .arg(QFileInfo(path).size()));
        return;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        flowStatus(tr("Cannot open %1: %2").arg(path, file.errorString()));
        return;
    }
    openToken(QString::fromUtf8(file.readAll()).trimmed());
    m_recent->add(RecentFilesMenu::Kind::TokenFile, path); // the path only: the token stays in its file
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About jwtflow"),
                       tr("jwtflow %1\nA debugger for the OAuth 2.0 JWT bearer flow (RFC 7523).\n\nQt %2\n%3")
                           .arg(QApplication::applicationVersion(), QString::fromLatin1(qVersion()), CryptoProvider::description()));
}

} // namespace jwtflow
