#include "MainWindow.h"

#include "ClearTextConfirmation.h"
#include "FlowPage.h"
#include "IdTokenInspector.h"
#include "KeyGenerationDialog.h"
#include "ProfileMenu.h"
#include "ReadablePalette.h"
#include "RecentFilesMenu.h"
#include "SelectableOnHover.h"
#include "TokenMenu.h"
#include "TrainerDock.h"
#include "TrainerPlacement.h"
#include "WindowShortcuts.h"
#include "core/InputReader.h"
#include "crypto/CryptoProvider.h"
#include "flow/BearerFlowSession.h"
#include "practice/PracticeOrg.h"
#include "store/KeychainSecretStore.h"

#include <QApplication>
#include <QFileDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QScreen>
#include <QSettings>
#include <QShortcut>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace jwtflow {

namespace {

constexpr int kPresentationPointSize = 17; // the back of a classroom, on a 1080 px screen

} // namespace

MainWindow::MainWindow(const Clock &clock, QWidget *parent)
    : MainWindow(clock, Options {}, parent)
{ }

MainWindow::~MainWindow() = default;

MainWindow::MainWindow(const Clock &clock, const Options &options, QWidget *parent)
    : QMainWindow(parent)
    , m_clock(clock)
    , m_network(new QNetworkAccessManager(this))
    , m_session(new BearerFlowSession(clock, m_network, this))
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
    m_flow = new FlowPage(m_clock, m_session, !m_deferredStart, m_tabs);
    m_tabs->addTab(m_flow, tr("&Bearer flow"));
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

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("decodeStatus"));
    m_status->setTextFormat(Qt::PlainText); // token and error texts are untrusted
    SelectableOnHover::install(m_status);
    // One line: a wrapped status bar took two lines of a 720 px screen. Long texts are cut, not
    // widening the window (the tooltip has them whole).
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
    m_profiles = new ProfileMenu(*m_settings, *secrets, m_session, this);
    m_recent = new RecentFilesMenu(*m_settings, this);
    createMenus();

    // The page binds its views to the session; the window routes what leaves the page.
    connect(m_flow, &FlowPage::status, this, &MainWindow::flowStatus);
    connect(m_flow, &FlowPage::sendRequested, this, &MainWindow::send);
    connect(m_flow, &FlowPage::inspectRequested, this, &MainWindow::inspectToken);
    auto *sendShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    sendShortcut->setObjectName(QStringLiteral("sendShortcut"));
    connect(sendShortcut, &QShortcut::activated, this, &MainWindow::send);

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
    new WindowShortcuts(this); // the window's shortcuts work from every field
}

QSize MainWindow::defaultSize(const QRect &available)
{
    constexpr int kTitleBar = 40; // availableGeometry() includes the window's own frame
    if (available.isEmpty())
        return { 1280, 860 };
    return { std::min(1280, available.width()), std::min(860, available.height() - kTitleBar) };
}

QRect MainWindow::availableGeometry() const
{
    if (!m_available.isEmpty())
        return m_available;
    const QScreen *s = screen() ? screen() : QGuiApplication::primaryScreen();
    return s ? s->availableGeometry() : QRect();
}

void MainWindow::resizeEvent(QResizeEvent *event)
{
    QMainWindow::resizeEvent(event);
    if (m_trainer && m_trainer->isOn())
        m_trainer->place();
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
    m_flow->startHighlighting();
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
    m_session->setConnection(
        { AssertionPreset::Environment::PracticeOrg, {}, m_practice->consumerKey(), m_practice->username(), {} });
    // The demo key is always there: it would crowd the user's own files out of Open Recent.
    m_recent->setIgnoredPaths({ m_practice->demoKeyPath(), m_practice->demoCertificatePath() });
    m_flow->loadKeyFiles(m_practice->demoKeyPath(), m_practice->demoCertificatePath());
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
            m_flow->focusField(QStringLiteral("host"));
    }
}

void MainWindow::flowStatus(const QString &text)
{
    m_tabStatus.insert(m_flow, text);
    if (m_tabs->currentWidget() == m_flow) {
        m_status->setText(text);
        m_status->setToolTip(text);
    }
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open token…"), this, &MainWindow::chooseTokenFile);
    open->setShortcut(QKeySequence::Open);
    file->addMenu(m_recent);
    m_recent->track(m_session);
    connect(m_recent, &RecentFilesMenu::message, this, &MainWindow::flowStatus);
    connect(m_recent, &RecentFilesMenu::openRequested, this, [this](RecentFilesMenu::Kind kind, const QString &path) {
        if (kind == RecentFilesMenu::Kind::TokenFile)
            openTokenFile(path);
        else
            m_flow->loadKeyFiles(kind == RecentFilesMenu::Kind::SigningKey ? path : QString(),
                kind == RecentFilesMenu::Kind::Certificate ? path : QString());
    });
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::quit);
    quit->setShortcut(QKeySequence::Quit);

    menuBar()->addMenu(m_profiles);
    connect(m_profiles, &ProfileMenu::message, this, &MainWindow::flowStatus);
    connect(m_profiles, &ProfileMenu::currentProfileChanged, this, &MainWindow::showProfileName);
    m_profiles->setSigningPassphrase([this] { return m_flow->signingPassphrase(); });
    connect(m_profiles, &ProfileMenu::signingKeyRequested, m_flow, &FlowPage::setSigningKeyFile);
    connect(m_profiles, &ProfileMenu::certificateRequested, m_flow, &FlowPage::setCertificateFile);
    connect(m_profiles, &ProfileMenu::verificationKeyRequested, m_flow, &FlowPage::setVerificationKeyFile);

    auto *token = new TokenMenu(m_clock, m_session, this);
    menuBar()->addMenu(token);
    connect(token, &TokenMenu::keyGenerationRequested, this, &MainWindow::showKeyGeneration);

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
    m_trainerDock = new TrainerDock(parts, this);
    m_trainer = new TrainerPlacement(this, m_tabs, m_trainerDock);
    m_trainer->setPresentationType(isPresentationMode() ? presentationPointSize() : 0);
    connect(m_trainer, &TrainerPlacement::pageShared, m_flow, &FlowPage::shareColumns);
    m_viewMenu->addAction(m_trainer->action());
}

void MainWindow::setTrainerMode(bool on)
{
    if (m_trainer) // the app builds it just after the first paint
        m_trainer->setOn(on);
}

bool MainWindow::focusTarget(const QString &target)
{
    m_tabs->setCurrentWidget(m_flow);
    return m_flow->focusTarget(target);
}

void MainWindow::openToken(const QString &text)
{
    m_flow->openToken(text);
}

void MainWindow::setPresentationMode(bool on)
{
    m_presentation->setChecked(on);
    // Larger type for the back of the room; secrets stay masked whatever is clicked.
    setStyleSheet(on ? QStringLiteral("QWidget { font-size: %1pt; }").arg(presentationPointSize()) : QString());
    m_flow->setRevealAllowed(!on);
    if (on)
        showFullScreen();
    else
        showNormal();
    if (m_trainer) {
        m_trainer->setPresentationType(on ? presentationPointSize() : 0);
        m_trainer->place();
        m_trainer->fit();
    }
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
        connect(m_keyGeneration, &KeyGenerationDialog::generated, this,
            [this](const CredentialWriter::Files &files) { m_flow->loadKeyFiles(files.privateKey, files.certificatePem); });
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
    // The command line's rule for a token file: a regular file (not a FIFO), at most 1 MiB.
    const auto token = InputReader::readFile(path, InputReader::token());
    if (!token) {
        flowStatus(token.error().text());
        return;
    }
    openToken(QString::fromUtf8(token.value()).trimmed());
    m_recent->add(RecentFilesMenu::Kind::TokenFile, path); // the path only: the token stays in its file
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About jwtflow"),
        tr("jwtflow %1\nA debugger for the OAuth 2.0 JWT bearer flow (RFC 7523).\n\nQt %2\n%3")
            .arg(QApplication::applicationVersion(), QString::fromLatin1(qVersion()), CryptoProvider::description()));
}

} // namespace jwtflow
