// Drives the main window into its main states and saves a PNG of each, so people can look at
// what they build (packaging/dev screenshots runs it under Xvfb). Not a test: it asserts nothing.
#include "ClearTextConfirmation.h"
#include "ConnectionForm.h"
#include "IdTokenInspector.h"
#include "KeyGenerationDialog.h"
#include "KeyPicker.h"
#include "MainWindow.h"
#include "ProfileMenu.h"
#include "RecentFilesMenu.h"
#include "ResponsePane.h"
#include "ScenarioSwitches.h"
#include "SequenceDiagram.h"
#include "SignaturePanel.h"
#include "TrainerDock.h"
#include "WalkthroughView.h"
#include "crypto/CredentialWriter.h"
#include "crypto/KeyGenerator.h"
#include "flow/AssertionPreset.h"
#include "flow/BearerFlowSession.h"
#include "flow/TokenDocument.h"
#include "inspect/KeyDiscovery.h"
#include "practice/PracticeOrg.h"
#include "trainer/ScenarioSwitchboard.h"
#include "trainer/SequenceLog.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDir>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>

using namespace jwtflow;

namespace {

void settle(int ms = 150)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

void save(QWidget &window, const QString &folder, const QString &name)
{
    settle();
    const QString path = QDir(folder).filePath(name + QStringLiteral(".png"));
    window.grab().save(path);
    std::printf("%s\n", qPrintable(path));
}

// The screen around `window` (menus are windows of their own, so window.grab() misses them).
void saveScreen(QWidget &window, const QString &folder, const QString &name)
{
    settle();
    const QRect area = window.frameGeometry();
    const QString path = QDir(folder).filePath(name + QStringLiteral(".png"));
    window.screen()->grabWindow(0, area.x(), area.y(), area.width(), area.height()).save(path);
    std::printf("%s\n", qPrintable(path));
}

// Profiles: the Save dialog with "remember the passphrase" on, the answer when this machine has no
// keychain (Xvfb in the build root has no Secret Service), the Profiles menu and Open Recent.
void shootProfiles(const Clock &clock, const QString &out)
{
    const QString keys = QStringLiteral(JWTFLOW_TEST_DATA "/keys/");
    KeyPicker::setPassphraseProvider([](const QString &) { return std::optional<QByteArray>("correct horse"); });
    MainWindow window(clock);
    window.resize(1400, 900);
    window.move(0, 0);
    window.show();
    window.connectionForm()->setEnvironment(
        AssertionPreset::Environment::MyDomain, QStringLiteral("https://acme.my.salesforce.com"));
    window.connectionForm()->setClientId(QStringLiteral("3MVG9acmeConsumerKeyForTheDemo"));
    window.connectionForm()->setUsername(QStringLiteral("integration@acme.example"));
    window.signaturePanel()->signingPicker()->loadFile(keys + QStringLiteral("rsa2048-encrypted.pem"));
    window.signaturePanel()->certificatePicker()->loadFile(keys + QStringLiteral("rsa2048.crt"));

    QTimer::singleShot(400, &window, [&window, out] {
        auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        dialog->findChild<QComboBox *>(QStringLiteral("profileName"))->setCurrentText(QStringLiteral("Acme production"));
        dialog->findChild<QCheckBox *>(QStringLiteral("rememberPassphrase"))->setChecked(true);
        save(*dialog, out, QStringLiteral("17-profile-save"));
        dialog->accept();
    });
    window.profileMenu()->saveAs();
    settle(2000); // the keychain answers asynchronously
    save(window, out, QStringLiteral("18-profile-saved"));

    QMenu *menu = window.profileMenu();
    menu->popup(window.mapToGlobal(QPoint(120, 30)));
    settle(300);
    auto *load = menu->findChild<QMenu *>(QStringLiteral("loadProfileMenu"));
    menu->setActiveAction(load->menuAction());
    settle(600);
    saveScreen(window, out, QStringLiteral("19-profiles-menu"));
    load->close();
    menu->close();

    window.recentFilesMenu()->popup(window.mapToGlobal(QPoint(20, 30)));
    settle(300);
    saveScreen(window, out, QStringLiteral("20-open-recent"));
    window.recentFilesMenu()->close();
}

// The window on classroom screens (1024×768, 1280×720, 1366×768, 1920×1080), with and without
// presentation mode and the trainer, after a SOQL query: what tests/ui/WindowFitTest asserts.
void shootScreens(const QString &out)
{
    KeyPicker::setSynchronousLoading(true);
    for (const QSize screen : { QSize(1024, 768), QSize(1280, 720), QSize(1366, 768), QSize(1920, 1080) }) {
        for (const bool presentation : { false, true }) {
            for (const bool trainerOn : { false, true }) {
                QTemporaryDir data;
                MainWindow::Options options;
                options.practiceOrg = true;
                options.practiceDataFolder = data.path();
                options.availableGeometry = QRect(0, 32, screen.width(), screen.height() - 32);
                MainWindow w(SystemClock::instance(), options);
                w.responsePane()->setUrlOpener([](const QUrl &) { return true; });
                w.show();
                if (presentation)
                    w.setPresentationMode(true);
                if (trainerOn)
                    w.setTrainerMode(true);
                w.setWindowState(w.windowState() & ~Qt::WindowFullScreen); // full screen of this size, not Xvfb's
                w.setGeometry(QRect(QPoint(0, 0), presentation ? screen : QSize(screen.width(), screen.height() - 32 - 40)));
                settle(100);
                if (w.minimumSizeHint().width() > screen.width() || w.minimumSizeHint().height() > screen.height())
                    std::printf("%dx%d%s%s: the window's minimum is %dx%d\n", screen.width(), screen.height(),
                        presentation ? " presentation" : "", trainerOn ? " trainer" : "", w.minimumSizeHint().width(),
                        w.minimumSizeHint().height());
                w.focusTarget(QStringLiteral("send"));
                w.send();
                for (int i = 0; i < 500 && !w.responsePane()->hasResult(); ++i)
                    settle(10);
                Q_EMIT w.responsePane()->queryRequested(QStringLiteral("SELECT Id, Name FROM Organization"));
                for (int i = 0; i < 500 && w.responsePane()->callCount() < 2; ++i)
                    settle(10);
                save(w, out,
                    QStringLiteral("30-fit-%1x%2%3%4")
                        .arg(screen.width())
                        .arg(screen.height())
                        .arg(presentation ? QStringLiteral("-presentation") : QString())
                        .arg(trainerOn ? QStringLiteral("-trainer") : QString()));
                // A refusal: the diagnosis with its first cause and its checklist (WindowFitTest
                // asserts them in view).
                (void)w.session()->applyFailure(ScenarioSwitchboard::Switch::UserNotApproved);
                w.responsePane()->clear();
                w.send();
                for (int i = 0; i < 500 && !w.responsePane()->hasResult(); ++i)
                    settle(10);
                settle(50);
                save(w, out,
                    QStringLiteral("31-fit-%1x%2%3%4-diagnosis")
                        .arg(screen.width())
                        .arg(screen.height())
                        .arg(presentation ? QStringLiteral("-presentation") : QString())
                        .arg(trainerOn ? QStringLiteral("-trainer") : QString()));
                w.session()->resetFailure();
                if (trainerOn && w.isTrainerTabbed()) {
                    w.trainerPanel()->findChild<QTabWidget *>(QStringLiteral("trainerTabs"))->setCurrentIndex(1);
                    w.findChild<QTabWidget *>(QStringLiteral("mainTabs"))->setCurrentWidget(w.trainerPanel());
                    save(w, out,
                        QStringLiteral("30-fit-%1x%2%3-trainer-tab")
                            .arg(screen.width())
                            .arg(screen.height())
                            .arg(presentation ? QStringLiteral("-presentation") : QString()));
                }
                if (presentation)
                    w.setPresentationMode(false);
            }
        }
    }
}

// The practice app's JWT-based access tokens on classroom screens (1024×768, 1280×720) with the
// trainer: the App settings tab with the setting on, the answer, and the inspector on the token
// after fetching the practice org's published keys.
void shootJwtAccessTokens(const QString &out)
{
    KeyPicker::setSynchronousLoading(true);
    for (const QSize screen : { QSize(1024, 768), QSize(1280, 720) }) {
        QTemporaryDir data;
        MainWindow::Options options;
        options.practiceOrg = true;
        options.practiceDataFolder = data.path();
        options.availableGeometry = QRect(0, 32, screen.width(), screen.height() - 32);
        MainWindow w(SystemClock::instance(), options);
        w.responsePane()->setUrlOpener([](const QUrl &) { return true; });
        w.show();
        w.setTrainerMode(true);
        w.setGeometry(QRect(QPoint(0, 0), QSize(screen.width(), screen.height() - 32 - 40)));
        settle(100);
        const QString size = QStringLiteral("%1x%2").arg(screen.width()).arg(screen.height());
        auto *mainTabs = w.findChild<QTabWidget *>(QStringLiteral("mainTabs"));
        w.trainerPanel()->findChild<QTabWidget *>(QStringLiteral("trainerTabs"))->setCurrentIndex(2);
        if (w.isTrainerTabbed())
            mainTabs->setCurrentWidget(w.trainerPanel());
        w.trainerPanel()->findChild<QCheckBox *>(QStringLiteral("appOption_jwtAccessTokens"))->click();
        save(w, out, QStringLiteral("40-jwt-access-token-%1-setting").arg(size));

        mainTabs->setCurrentIndex(0);
        w.send();
        for (int i = 0; i < 500 && !w.responsePane()->hasResult(); ++i)
            settle(10);
        save(w, out, QStringLiteral("41-jwt-access-token-%1-answer").arg(size));

        if (auto *inspect = w.findChild<QAbstractButton *>(QStringLiteral("inspectAccessToken")))
            inspect->click();
        settle(100);
        if (IdTokenInspector *inspector = w.inspector()) {
            QEventLoop loop;
            QObject::connect(inspector->discovery(), &KeyDiscovery::keysReady, &loop, &QEventLoop::quit);
            QObject::connect(inspector->discovery(), &KeyDiscovery::failed, &loop, &QEventLoop::quit);
            QTimer::singleShot(8000, &loop, &QEventLoop::quit);
            inspector->findChild<QPushButton *>(QStringLiteral("fetchKeysButton"))->click();
            loop.exec();
        }
        save(w, out, QStringLiteral("42-jwt-access-token-%1-inspector").arg(size));
    }
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // the tour's profiles and recent files stay out of the user's settings
    QSettings().clear();
    const QString out = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("screenshots");
    QDir().mkpath(out);
    // JWTFLOW_SHOTS=fit: only the classroom screens (a quicker look while working on layouts).
    if (qEnvironmentVariable("JWTFLOW_SHOTS") == QLatin1String("fit")) {
        shootScreens(out);
        return 0;
    }
    // JWTFLOW_SHOTS=jwt-access-token: only the practice app's JWT-based access tokens.
    if (qEnvironmentVariable("JWTFLOW_SHOTS") == QLatin1String("jwt-access-token")) {
        shootJwtAccessTokens(out);
        return 0;
    }
    KeyPicker::setSynchronousLoading(true);

    FixedClock clock(QDateTime::currentSecsSinceEpoch());
    MainWindow window(clock);
    window.resize(1400, 900);
    window.show();
    save(window, out, QStringLiteral("01-empty"));

    // A key pair as a connected app needs it.
    QTemporaryDir keys;
    const auto key = KeyGenerator::generateRsa(2048);
    const auto cert = KeyGenerator::selfSignedCertificate(key.value(), QStringLiteral("jwtflow demo"), 365, clock);
    const auto files = CredentialWriter::write(key.value(), cert.value(), keys.path(), QStringLiteral("demo"));
    if (!files) {
        std::fprintf(stderr, "%s\n", qPrintable(files.error().text()));
        return 1;
    }

    // Composing an assertion: connection form + signing key + uploaded certificate.
    window.connectionForm()->setEnvironment(AssertionPreset::Environment::Production);
    window.connectionForm()->setClientId(
        QStringLiteral("3MVG9rZjd7MXFdLhYg2sY6ZQcxMtWmZyGf5sBdVmFy1E5p3hJ0kPqNaT8uX.wR4vCeLbHo6DiIjAg"));
    window.connectionForm()->setUsername(QStringLiteral("integration@acme.example"));
    window.signaturePanel()->signingPicker()->loadFile(files->privateKey);
    window.signaturePanel()->certificatePicker()->loadFile(files->certificatePem);
    save(window, out, QStringLiteral("02-assertion-signed"));

    clock.advance(150); // 30 s left
    save(window, out, QStringLiteral("03-expiring"));
    clock.advance(60);
    save(window, out, QStringLiteral("04-expired"));

    // A pasted token verified against the certificate, then tampered.
    const QString signedToken = window.document()->encodedText();
    window.signaturePanel()->signingPicker()->clear();
    window.openToken(QString());
    window.openToken(signedToken);
    save(window, out, QStringLiteral("05-pasted-verified"));
    QString tampered = signedToken;
    tampered[tampered.indexOf(QLatin1Char('.')) + 5]
        = QLatin1Char(tampered[tampered.indexOf(QLatin1Char('.')) + 5] == u'A' ? 'B' : 'A');
    window.openToken(tampered);
    save(window, out, QStringLiteral("06-pasted-invalid"));
    // A token of another app (an id_token): the connection stays, a bar offers to use its claims.
    const auto part = [](const char *json) {
        return QString::fromLatin1(QByteArray(json).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    };
    window.openToken(part("{\"alg\":\"RS256\",\"kid\":\"236\"}") + u'.'
        + part("{\"iss\":\"https://acme.my.salesforce.com\",\"sub\":\"https://login.salesforce.com/id/00Dxx0000001gPLEAY/"
               "005xx000001SwiUAAS\",\"aud\":\"3MVG9OtherConnectedApp\",\"exp\":4102444800}")
        + QStringLiteral(".c2lnbmF0dXJl"));
    save(window, out, QStringLiteral("06c-pasted-foreign-token"));

    // The key generation dialog, after it wrote a set.
    QTemporaryDir generated;
    KeyGenerationDialog *dialog = window.keyGenerationDialog();
    dialog->setFolder(generated.path());
    dialog->show();
    dialog->generate();
    for (int i = 0; i < 1000 && dialog->isBusy(); ++i)
        settle(10);
    save(*dialog, out, QStringLiteral("06b-key-generation"));
    dialog->hide();

    // Plain http to another computer: the window asks, for that host, before anything is sent.
    window.move(0, 0);
    window.connectionForm()->setEnvironment(AssertionPreset::Environment::MyDomain, QStringLiteral("http://test.internal:8080"));
    window.send();
    settle();
    if (auto *confirm = window.findChild<ClearTextConfirmation *>(QStringLiteral("clearTextConfirmation"))) {
        saveScreen(window, out, QStringLiteral("06d-clear-text-confirmation"));
        confirm->reject();
    }
    window.connectionForm()->setEnvironment(AssertionPreset::Environment::Production);

    // First launch as the app does it: the practice org is ready, one Send succeeds.
    QTemporaryDir practiceData;
    MainWindow::Options options;
    options.practiceOrg = true;
    options.practiceDataFolder = practiceData.path();
    MainWindow practice(SystemClock::instance(), options);
    practice.resize(1400, 900);
    practice.show();
    save(practice, out, QStringLiteral("07-first-launch"));
    auto sendAndWait = [&practice] {
        practice.send();
        for (int i = 0; i < 500 && !practice.responsePane()->hasResult(); ++i)
            settle(10);
    };
    sendAndWait();
    Q_EMIT practice.responsePane()->identityRequested();
    settle(400);
    save(practice, out, QStringLiteral("08-exchange-success"));
    (void)practice.practiceOrg()->applyScenario(PracticeScenario::Id::CertificateMismatch);
    practice.responsePane()->clear();
    sendAndWait();
    save(practice, out, QStringLiteral("09-diagnosis-certificate"));
    practice.practiceOrg()->resetScenarios();
    (void)practice.practiceOrg()->applyScenario(PracticeScenario::Id::UserNotApproved);
    practice.responsePane()->clear();
    sendAndWait();
    save(practice, out, QStringLiteral("10-diagnosis-not-approved"));
    // Presentation mode on a success: every secret stays masked, even after asking to reveal.
    practice.practiceOrg()->resetScenarios();
    practice.responsePane()->clear();
    sendAndWait();
    practice.setPresentationMode(true);
    practice.responsePane()->setSecretsRevealed(true); // refused while presenting
    settle(300);
    save(practice, out, QStringLiteral("10b-presentation-mode"));
    practice.setPresentationMode(false);
    // A failure on purpose switched on with the trainer dock closed: the banner says so, with Reset.
    (void)practice.session()->applyFailure(ScenarioSwitchboard::Switch::UserNotApproved);
    practice.responsePane()->clear();
    sendAndWait();
    save(practice, out, QStringLiteral("10c-failure-banner"));
    practice.session()->resetFailure();

    // Trainer mode: a fresh window, so the diagram starts empty.
    QTemporaryDir trainerData;
    options.practiceDataFolder = trainerData.path();
    MainWindow trainer(SystemClock::instance(), options);
    trainer.responsePane()->setUrlOpener([](const QUrl &) { return true; });
    trainer.resize(1600, 960);
    trainer.show();
    trainer.setTrainerMode(true);
    save(trainer, out, QStringLiteral("11-trainer-start"));
    auto trainerSend = [&trainer] {
        trainer.responsePane()->clear();
        trainer.send();
        for (int i = 0; i < 500 && !trainer.responsePane()->hasResult(); ++i)
            settle(10);
    };
    // Mid-flow: the token came back and the identity call is under way in the diagram.
    trainer.trainer()->walkthroughView()->nextButton()->click();
    for (int i = 0; i < 4; ++i)
        trainer.trainer()->walkthroughView()->nextButton()->click();
    trainerSend();
    Q_EMIT trainer.responsePane()->identityRequested();
    settle(400);
    Q_EMIT trainer.trainer()->diagram()->messageActivated(1);
    trainer.trainer()->diagram()->setSelected(1);
    save(trainer, out, QStringLiteral("12-trainer-diagram-mid-flow"));

    // A failure on purpose with its diagnosis and red arrow.
    trainer.trainer()->findChild<QTabWidget *>(QStringLiteral("trainerTabs"))->setCurrentIndex(1);
    trainer.trainer()->switches()->trigger(ScenarioSwitchboard::Switch::SandboxAudience);
    trainerSend();
    const int last = trainer.trainer()->sequence()->count() - 1;
    trainer.trainer()->diagram()->setSelected(last);
    Q_EMIT trainer.trainer()->diagram()->messageActivated(last);
    save(trainer, out, QStringLiteral("13-trainer-scenario-sandbox-audience"));
    trainer.trainer()->switches()->resetButton()->click();
    trainer.trainer()->switches()->trigger(ScenarioSwitchboard::Switch::UserNotApproved);
    trainerSend();
    save(trainer, out, QStringLiteral("14-trainer-scenario-not-approved"));
    trainer.trainer()->switches()->resetButton()->click();
    trainerSend();
    Q_EMIT trainer.responsePane()->openOrgRequested();
    trainer.trainer()->findChild<QTabWidget *>(QStringLiteral("trainerTabs"))->setCurrentIndex(0);
    save(trainer, out, QStringLiteral("15-trainer-lesson-complete"));

    // Presentation mode: the same, large, for a projector.
    trainer.setPresentationMode(true);
    settle(300);
    save(trainer, out, QStringLiteral("16-trainer-presentation"));
    trainer.setTrainerMode(false);
    settle(300);
    save(trainer, out, QStringLiteral("16b-presentation-without-trainer"));
    trainer.setPresentationMode(false);
    // A larger screen, with the dock and without (the dock shares the width; closed, the page has it).
    trainer.resize(1920, 1080);
    trainer.setTrainerMode(true);
    settle(300);
    save(trainer, out, QStringLiteral("16c-trainer-1920x1080"));
    trainer.setTrainerMode(false);
    settle(300);
    save(trainer, out, QStringLiteral("16d-without-trainer-1920x1080"));
    practice.close();

    shootProfiles(clock, out);
    shootScreens(out);
    shootJwtAccessTokens(out);
    return 0;
}
