// Drives the main window into its main states and saves a PNG of each, so people can look at
// what they build (packaging/dev screenshots runs it under Xvfb). Not a test: it asserts nothing.
#include "ConnectionForm.h"
#include "KeyGenerationDialog.h"
#include "KeyPicker.h"
#include "MainWindow.h"
#include "SignaturePanel.h"
#include "crypto/CredentialWriter.h"
#include "crypto/KeyGenerator.h"
#include "flow/AssertionPreset.h"
#include "flow/TokenDocument.h"
#include "ResponsePane.h"
#include "practice/PracticeOrg.h"

#include <QApplication>
#include <QDir>
#include <QLineEdit>
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

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const QString out = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("screenshots");
    QDir().mkpath(out);
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
    window.connectionForm()->setClientId(QStringLiteral("3MVG9rZjd7MXFdLhYg2sY6ZQcxMtWmZyGf5sBdVmFy1E5p3hJ0kPqNaT8uX.wR4vCeLbHo6DiIjAg"));
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
    tampered[tampered.indexOf(QLatin1Char('.')) + 5] = QLatin1Char(tampered[tampered.indexOf(QLatin1Char('.')) + 5] == u'A' ? 'B' : 'A');
    window.openToken(tampered);
    save(window, out, QStringLiteral("06-pasted-invalid"));

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
    save(practice, out, QStringLiteral("11-presentation-mode"));
    practice.setPresentationMode(false);
    return 0;
}
