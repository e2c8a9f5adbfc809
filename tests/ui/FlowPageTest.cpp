// The bearer-flow tab: connection form ↔ claims, keys, signature states, lints, countdown.
#include "ConnectionForm.h"
#include "ExpiryBadge.h"
#include "IdTokenInspector.h"
#include "JsonEditor.h"
#include "KeyGenerationDialog.h"
#include "KeyPasteDialog.h"
#include "KeyPicker.h"
#include "LintList.h"
#include "MainWindow.h"
#include "SignaturePanel.h"
#include "crypto/CredentialWriter.h"
#include "crypto/KeyGenerator.h"
#include "flow/BearerFlowSession.h"
#include "flow/TokenDocument.h"

#include <QApplication>
#include <QComboBox>
#include <QEventLoop>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTimer>

#include <gtest/gtest.h>

using namespace jwtflow;
using Env = AssertionPreset::Environment;

namespace {

struct Keys {
    QTemporaryDir dir;
    CredentialWriter::Files files;
    CredentialWriter::Files other; // a second pair: its key does not match the first certificate
};

// One key pair for the whole suite: RSA generation is the slow part.
const Keys &keys()
{
    static Keys *k = [] {
        auto *k = new Keys;
        KeyPicker::setSynchronousLoading(true);
        FixedClock clock(1767225600);
        for (const QString &base : { QStringLiteral("demo"), QStringLiteral("other") }) {
            const auto key = KeyGenerator::generateRsa(2048);
            const auto cert = KeyGenerator::selfSignedCertificate(key.value(), base, 365, clock);
            auto files = CredentialWriter::write(key.value(), cert.value(), k->dir.path(), base);
            (base == QStringLiteral("demo") ? k->files : k->other) = files.value();
        }
        return k;
    }();
    return *k;
}

QString payload(MainWindow &w)
{
    return w.findChild<QPlainTextEdit *>(QStringLiteral("payloadEditor"))->toPlainText();
}

} // namespace

TEST(FlowPage, ConnectionFormFillsTheClaimsInReadingOrder)
{
    FixedClock clock(1767225600);
    MainWindow w(clock);
    w.connectionForm()->setEnvironment(Env::Sandbox);
    w.connectionForm()->setClientId(QStringLiteral("3MVG9consumerKeyForTestsOnly0123456789abcdefghijklmnopqrstuvwxyz"));
    w.connectionForm()->setUsername(QStringLiteral("ann@acme.example"));
    const QJsonObject claims = w.document()->jwt().claims();
    EXPECT_EQ(claims.value(QStringLiteral("aud")).toString(), QStringLiteral("https://test.salesforce.com"));
    EXPECT_EQ(claims.value(QStringLiteral("sub")).toString(), QStringLiteral("ann@acme.example"));
    EXPECT_EQ(claims.value(QStringLiteral("exp")).toInteger(), 1767225600 + 180);
    EXPECT_LT(payload(w).indexOf(QStringLiteral("\"iss\"")), payload(w).indexOf(QStringLiteral("\"aud\"")));
}

// The audience's clear button is made only once the field has text: an empty field does not show
// it, and making it reads the icon theme before the first paint.
TEST(FlowPage, AudienceClearButtonComesWithTheFirstText)
{
    FixedClock clock(1767225600);
    MainWindow w(clock);
    auto *audience = w.findChild<QLineEdit *>(QStringLiteral("audience"));
    ASSERT_NE(audience, nullptr);
    ASSERT_TRUE(audience->text().isEmpty());
    EXPECT_FALSE(audience->isClearButtonEnabled());
    audience->setText(QStringLiteral("https://test.salesforce.com"));
    EXPECT_TRUE(audience->isClearButtonEnabled());
    audience->clear();
    EXPECT_TRUE(audience->isClearButtonEnabled()) << "it stays, as any clear button does once made";
}

// A pasted token never rewrites the connection; "Use this token's iss/sub/aud" does, as one
// step that Undo reverts. Editing the claims of the connection's own assertion fills it back.
TEST(FlowPage, APasteLeavesTheFormAndTheActionAdoptsItsClaims)
{
    MainWindow w;
    w.connectionForm()->setClientId(QStringLiteral("3MVG9mine"));
    w.connectionForm()->setUsername(QStringLiteral("me@example.com"));
    w.openToken(QStringLiteral("eyJhbGciOiJub25lIn0.eyJpc3MiOiIzTVZHOWFiYyIsInN1YiI6ImJvYkBleGFtcGxlLmNvbSJ9."));
    EXPECT_EQ(w.connectionForm()->clientId(), QStringLiteral("3MVG9mine"));
    EXPECT_EQ(w.connectionForm()->username(), QStringLiteral("me@example.com"));
    auto *bar = w.findChild<QWidget *>(QStringLiteral("pastedTokenBar"));
    ASSERT_NE(bar, nullptr);
    EXPECT_FALSE(bar->isHidden());
    auto *adopt = w.findChild<QPushButton *>(QStringLiteral("adoptTokenConnection"));
    ASSERT_NE(adopt, nullptr);
    adopt->click();
    EXPECT_EQ(w.connectionForm()->clientId(), QStringLiteral("3MVG9abc"));
    EXPECT_EQ(w.connectionForm()->username(), QStringLiteral("bob@example.com"));
    EXPECT_EQ(w.findChild<QLineEdit *>(QStringLiteral("clientId"))->text(), QStringLiteral("3MVG9abc"));
    w.findChild<QPushButton *>(QStringLiteral("undoTokenConnection"))->click();
    EXPECT_EQ(w.connectionForm()->clientId(), QStringLiteral("3MVG9mine"));
    EXPECT_EQ(w.findChild<QLineEdit *>(QStringLiteral("username"))->text(), QStringLiteral("me@example.com"));
}

TEST(FlowPage, EditingTheOwnAssertionsClaimsUpdatesTheForm)
{
    FixedClock clock(1767225600);
    MainWindow w(clock);
    w.connectionForm()->setClientId(QStringLiteral("3MVG9abc"));
    w.connectionForm()->setUsername(QStringLiteral("ann@example.com"));
    QString payload = w.document()->payloadText();
    payload.replace(QStringLiteral("ann@example.com"), QStringLiteral("bob@example.com"));
    w.document()->setPayloadText(payload);
    EXPECT_EQ(w.connectionForm()->username(), QStringLiteral("bob@example.com"));
    EXPECT_EQ(w.findChild<QLineEdit *>(QStringLiteral("username"))->text(), QStringLiteral("bob@example.com"));
}

TEST(FlowPage, SigningKeyReSignsAndMatchingCertificateIsShown)
{
    FixedClock clock(1767225600);
    MainWindow w(clock);
    w.connectionForm()->setClientId(QStringLiteral("3MVG9consumerKeyForTestsOnly0123456789abcdefghijklmnopqrstuvwxyz"));
    w.connectionForm()->setUsername(QStringLiteral("ann@acme.example"));
    w.signaturePanel()->signingPicker()->loadFile(keys().files.privateKey);
    EXPECT_EQ(w.document()->signature().state, TokenDocument::SignatureState::ReSigned);
    EXPECT_EQ(w.document()->jwt().signature().size(), 256);
    w.signaturePanel()->certificatePicker()->loadFile(keys().files.certificatePem);
    auto *badge = w.findChild<QLabel *>(QStringLiteral("keyMatchBadge"));
    EXPECT_TRUE(badge->text().contains(QStringLiteral("matches"))) << badge->text().toStdString();
    EXPECT_TRUE(w.signaturePanel()->certificatePicker()->factsText().contains(QStringLiteral("x5t")));

    w.signaturePanel()->certificatePicker()->loadFile(keys().other.certificatePem);
    EXPECT_TRUE(badge->text().contains(QStringLiteral("NOT match")));
    auto *lints = w.findChild<LintList *>(QStringLiteral("lintList"));
    EXPECT_GE(lints->errorCount(), 1);
}

TEST(FlowPage, PastedTokenIsVerifiedNotReSigned)
{
    FixedClock clock(1767225600);
    MainWindow w(clock);
    w.connectionForm()->setClientId(QStringLiteral("3MVG9consumerKeyForTestsOnly0123456789abcdefghijklmnopqrstuvwxyz"));
    w.connectionForm()->setUsername(QStringLiteral("ann@acme.example"));
    w.signaturePanel()->signingPicker()->loadFile(keys().files.privateKey);
    const QString token = w.document()->encodedText();

    MainWindow reader(clock);
    reader.openToken(token);
    EXPECT_EQ(reader.document()->signature().state, TokenDocument::SignatureState::NotChecked);
    reader.signaturePanel()->verificationPicker()->loadFile(keys().files.certificatePem);
    EXPECT_EQ(reader.document()->signature().state, TokenDocument::SignatureState::Verified);
    EXPECT_EQ(reader.document()->encodedText(), token); // untouched
    reader.signaturePanel()->verificationPicker()->loadFile(keys().other.certificatePem);
    EXPECT_EQ(reader.document()->signature().state, TokenDocument::SignatureState::Invalid);
    EXPECT_TRUE(reader.signaturePanel()->signatureText().contains(QStringLiteral("INVALID")));
}

TEST(FlowPage, ExpiryBadgeCountsDownAndOneClickRefreshes)
{
    FixedClock clock(1767225600);
    MainWindow w(clock);
    w.connectionForm()->setClientId(QStringLiteral("3MVG9consumerKeyForTestsOnly0123456789abcdefghijklmnopqrstuvwxyz"));
    auto *badge = w.findChild<ExpiryBadge *>(QStringLiteral("expiryBadge"));
    EXPECT_EQ(badge->text(), QStringLiteral("valid · 03:00"));
    clock.advance(200);
    w.document()->setClaim(QStringLiteral("jti"), QStringLiteral("x")); // any change re-reads the time
    EXPECT_EQ(badge->state(), ExpiryClock::State::Expired);
    EXPECT_TRUE(badge->text().startsWith(QStringLiteral("expired")));
    w.findChild<QPushButton *>(QStringLiteral("expiryRefresh"))->click();
    EXPECT_EQ(w.document()->jwt().claims().value(QStringLiteral("exp")).toInteger(), 1767225600 + 200 + 180);
    EXPECT_EQ(badge->state(), ExpiryClock::State::Valid);
}

TEST(FlowPage, MillisecondsExpIsShownAsAMistake)
{
    FixedClock clock(1767225600);
    MainWindow w(clock);
    w.document()->setClaim(QStringLiteral("exp"), static_cast<qint64>(1767225780000));
    auto *badge = w.findChild<ExpiryBadge *>(QStringLiteral("expiryBadge"));
    EXPECT_TRUE(badge->text().contains(QStringLiteral("milliseconds"))) << badge->text().toStdString();
}

TEST(FlowPage, ClickingALintFocusesItsField)
{
    FixedClock clock(1767225600);
    MainWindow w(clock);
    w.show();
    w.document()->setClaim(QStringLiteral("sub"), QStringLiteral("ann@acme.example"));
    auto *lints = w.findChild<LintList *>(QStringLiteral("lintList"));
    ASSERT_GT(lints->count(), 0);
    QListWidgetItem *issItem = nullptr;
    for (int i = 0; i < lints->count(); ++i)
        if (lints->item(i)->data(Qt::UserRole).toString() == QStringLiteral("iss"))
            issItem = lints->item(i);
    ASSERT_NE(issItem, nullptr);
    Q_EMIT lints->itemActivated(issItem);
    EXPECT_EQ(w.focusWidget(), w.findChild<QLineEdit *>(QStringLiteral("clientId")));
}

TEST(FlowPage, WrongPassphraseAndGarbageKeyGiveMessagesNamingTheFile)
{
    MainWindow w;
    QTemporaryDir dir;
    QFile garbage(dir.filePath(QStringLiteral("garbage.pem")));
    ASSERT_TRUE(garbage.open(QIODevice::WriteOnly));
    garbage.write("\x01\x02 not a key at all \xff", 20);
    garbage.close();
    w.signaturePanel()->signingPicker()->loadFile(garbage.fileName());
    EXPECT_TRUE(w.signaturePanel()->signingPicker()->factsText().contains(QStringLiteral("garbage.pem")))
        << w.signaturePanel()->signingPicker()->factsText().toStdString();
    EXPECT_FALSE(w.signaturePanel()->signingPicker()->material().has_value());
    EXPECT_EQ(w.signaturePanel()->signingPicker()->path(), garbage.fileName()); // what the user chose stays on screen
}

TEST(FlowPage, InspectorHandsIssAndSubToTheBearerFlowTab)
{
    MainWindow w;
    auto *tabs = w.findChild<QTabWidget *>(QStringLiteral("mainTabs"));
    ASSERT_EQ(tabs->count(), 2);
    tabs->setCurrentIndex(1);
    jwtflow::BearerFlowHint hint;
    hint.iss = QStringLiteral("3MVG9fromIdToken");
    hint.sub = QStringLiteral("ann@acme.example");
    hint.audience = QStringLiteral("https://acme--uat.sandbox.my.salesforce.com");
    hint.notes << QStringLiteral("sub ← preferred_username (the Salesforce username).");
    // Whatever the tab held before (here an HS256 token), the result is a fresh RS256 assertion.
    w.openToken(QStringLiteral("eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJ4In0.c2ln"));
    Q_EMIT w.inspector()->useInMainTab(hint);
    EXPECT_EQ(tabs->currentIndex(), 0);
    EXPECT_EQ(w.connectionForm()->clientId(), QStringLiteral("3MVG9fromIdToken"));
    EXPECT_EQ(w.connectionForm()->environment(), Env::MyDomain);
    const QJsonObject claims = w.document()->jwt().claims();
    EXPECT_EQ(claims.value(QStringLiteral("sub")).toString(), QStringLiteral("ann@acme.example"));
    EXPECT_EQ(claims.value(QStringLiteral("iss")).toString(), QStringLiteral("3MVG9fromIdToken"));
    EXPECT_EQ(claims.value(QStringLiteral("aud")).toString(), QStringLiteral("https://acme--uat.sandbox.my.salesforce.com"));
    EXPECT_EQ(w.document()->jwt().alg(), QStringLiteral("RS256"));
    EXPECT_TRUE(w.findChild<QLabel *>(QStringLiteral("decodeStatus"))->text().contains(QStringLiteral("preferred_username")));
}

TEST(FlowPage, KeyGenerationWritesTheSetAndLoadsIt)
{
    KeyPicker::setSynchronousLoading(true);
    MainWindow w;
    QTemporaryDir dir;
    KeyGenerationDialog *dialog = w.keyGenerationDialog();
    dialog->setFolder(dir.path());
    dialog->generate();
    for (int i = 0; i < 1000 && dialog->isBusy(); ++i) {
        QEventLoop loop;
        QTimer::singleShot(10, &loop, &QEventLoop::quit);
        loop.exec();
    }
    ASSERT_FALSE(dialog->isBusy());
    EXPECT_TRUE(dialog->message().contains(QStringLiteral("Upload"))) << dialog->message().toStdString();
    EXPECT_TRUE(QFile::exists(dir.filePath(QStringLiteral("jwtflow.key"))));
    EXPECT_TRUE(QFile::exists(dir.filePath(QStringLiteral("jwtflow.cer"))));
    EXPECT_EQ(w.signaturePanel()->keyMatch(), ClaimsLinter::KeyMatch::Matches);
    dialog->generate(); // the same names again: refused, nothing overwritten
    for (int i = 0; i < 1000 && dialog->isBusy(); ++i) {
        QEventLoop loop;
        QTimer::singleShot(10, &loop, &QEventLoop::quit);
        loop.exec();
    }
    EXPECT_TRUE(dialog->message().contains(QStringLiteral("jwtflow.key"))) << dialog->message().toStdString();
}

TEST(FlowPage, ClosingSavesTheGeometryAndNothingSecret)
{
    // (The offscreen screen is 800×600, so restoring is clamped there: only saving is checked.)
    QSettings().clear();
    {
        KeyPicker::setSynchronousLoading(true);
        MainWindow w;
        w.signaturePanel()->signingPicker()->loadFile(keys().files.privateKey);
        w.show();
        w.close();
    }
    EXPECT_FALSE(QSettings().value(QStringLiteral("window/geometry")).toByteArray().isEmpty());
    // The key's PATH is in the recent files; nothing else but the window's shape, and no key bytes.
    EXPECT_EQ(QSettings().allKeys(), (QStringList { QStringLiteral("recent/signingKeys"), QStringLiteral("window/geometry") }));
    QFile file(QSettings().fileName());
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_FALSE(file.readAll().contains("PRIVATE KEY"));
}

// jwt.io reflexes: the algorithm picker lists what the model signs; a choice the loaded key cannot
// sign says which key is needed and keeps what was typed; RS256 again re-signs.
TEST(FlowPage, TheAlgorithmPickerReSignsOrSaysWhichKeyIsNeeded)
{
    FixedClock clock(1767225600);
    MainWindow w(clock);
    w.connectionForm()->setClientId(QStringLiteral("3MVG9consumerKey"));
    w.connectionForm()->setUsername(QStringLiteral("ann@acme.example"));
    w.signaturePanel()->signingPicker()->loadFile(keys().files.privateKey);
    QComboBox *picker = w.signaturePanel()->algorithmPicker();
    ASSERT_NE(picker, nullptr);
    QStringList items;
    for (int i = 0; i < picker->count(); ++i)
        items << picker->itemText(i);
    EXPECT_EQ(items, BearerFlowSession::algorithmChoices());
    EXPECT_EQ(picker->currentText(), QStringLiteral("RS256"));
    w.document()->setClaim(QStringLiteral("jti"), QStringLiteral("typed"));

    picker->setCurrentIndex(picker->findText(QStringLiteral("ES384")));
    Q_EMIT picker->activated(picker->currentIndex());
    EXPECT_EQ(w.document()->jwt().alg(), QStringLiteral("ES384"));
    EXPECT_EQ(w.signaturePanel()->algorithmNeedText(), QStringLiteral("ES384 needs an EC key on P-384; load one or pick RS256."));
    EXPECT_TRUE(payload(w).contains(QStringLiteral("\"jti\": \"typed\""))) << payload(w).toStdString();

    picker->setCurrentIndex(picker->findText(QStringLiteral("PS256")));
    Q_EMIT picker->activated(picker->currentIndex());
    EXPECT_TRUE(w.signaturePanel()->algorithmNeedText().isEmpty());
    EXPECT_EQ(w.document()->signature().state, TokenDocument::SignatureState::ReSigned);
}

// A key pasted as text loads like a file, is never given a path (so no profile keeps it), and
// the dialog's text is gone once it is loaded; a bad paste says why and keeps the text.
TEST(FlowPage, AKeyPastedAsTextSignsAndLeavesNothingBehind)
{
    FixedClock clock(1767225600);
    MainWindow w(clock);
    w.connectionForm()->setClientId(QStringLiteral("3MVG9consumerKey"));
    w.connectionForm()->setUsername(QStringLiteral("ann@acme.example"));
    KeyPicker *signing = w.signaturePanel()->signingPicker();
    KeyPasteDialog dialog(
        QStringLiteral("Paste"), QString(), [signing](const KeyMaterial &m) { return signing->setPastedMaterial(m); });
    dialog.editor()->setPlainText(QStringLiteral("-----BEGIN PRIVATE KEY-----\nnot base64\n-----END PRIVATE KEY-----\n"));
    EXPECT_FALSE(dialog.load());
    EXPECT_FALSE(dialog.errorText().isEmpty());
    EXPECT_TRUE(dialog.editor()->toPlainText().contains(QStringLiteral("not base64"))) << "nothing typed is lost";

    QFile certificate(keys().files.certificatePem);
    ASSERT_TRUE(certificate.open(QIODevice::ReadOnly));
    dialog.editor()->setPlainText(QString::fromLatin1(certificate.readAll()));
    EXPECT_FALSE(dialog.load()) << "a certificate is no signing key";
    EXPECT_TRUE(dialog.errorText().contains(QStringLiteral("holds no private key"))) << dialog.errorText().toStdString();

    QFile key(keys().files.privateKey);
    ASSERT_TRUE(key.open(QIODevice::ReadOnly));
    dialog.editor()->setPlainText(QString::fromLatin1(key.readAll()));
    ASSERT_TRUE(dialog.load()) << dialog.errorText().toStdString();
    EXPECT_TRUE(dialog.editor()->toPlainText().isEmpty());
    EXPECT_TRUE(signing->isPasted());
    EXPECT_TRUE(signing->path().isEmpty());
    EXPECT_TRUE(signing->summaryText().startsWith(QStringLiteral("pasted · RSA 2048-bit")))
        << signing->summaryText().toStdString();
    EXPECT_EQ(w.document()->signature().state, TokenDocument::SignatureState::ReSigned);
    signing->clear();
    EXPECT_FALSE(signing->material().has_value());
}

// Hover over exp in the payload: the date in UTC and local time, and how long ago or ahead.
TEST(FlowPage, HoverOnExpShowsItsDate)
{
    FixedClock clock(1767225600);
    MainWindow w(clock);
    w.resize(1280, 720);
    w.show();
    w.connectionForm()->setClientId(QStringLiteral("3MVG9consumerKey"));
    JsonEditor *editor = nullptr;
    for (JsonEditor *candidate : w.findChildren<JsonEditor *>()) {
        if (candidate->editor()->objectName() == QStringLiteral("payloadEditor"))
            editor = candidate;
    }
    ASSERT_NE(editor, nullptr);
    const QTextCursor found = editor->editor()->document()->find(QStringLiteral("\"exp\""));
    ASSERT_FALSE(found.isNull());
    const QPoint at = editor->editor()->cursorRect(found).center();
    const QString text = editor->hoverTextAt(at);
    EXPECT_TRUE(text.startsWith(QStringLiteral("exp: expires in 3 min\nUTC: 2026-01-01T00:03:00Z\nLocal: ")))
        << text.toStdString();
}

// Beside the trainer dock the signature column is narrow: it has a floor that keeps a file name and
// its buttons readable, and the signature state stays in view when the Secret field has the focus.
TEST(FlowPage, TheSignatureColumnHasAFloorAndKeepsItsVerdictInView)
{
    FixedClock clock(1767225600);
    MainWindow w(clock);
    w.resize(1024, 600);
    w.show();
    w.signaturePanel()->signingPicker()->loadFile(keys().files.privateKey);
    w.signaturePanel()->certificatePicker()->loadFile(keys().files.certificatePem);
    const int floor = qMax(w.signaturePanel()->minimumWidth(), w.signaturePanel()->minimumSizeHint().width());
    EXPECT_GE(floor, 240);
    EXPECT_LE(floor, 340);
    auto *path = w.findChild<QLineEdit *>(QStringLiteral("signingKeyPath"));
    ASSERT_NE(path, nullptr);
    EXPECT_GE(path->minimumWidth(), path->fontMetrics().averageCharWidth() * 10);
    EXPECT_GE(path->width(), path->minimumWidth());
    EXPECT_FALSE(w.signaturePanel()->signingPicker()->summaryText().isEmpty());

    auto *secret = w.findChild<QLineEdit *>(QStringLiteral("hmacSecret"));
    ASSERT_NE(secret, nullptr);
    secret->setFocus();
    QApplication::processEvents();
    auto *state = w.findChild<QLabel *>(QStringLiteral("signatureState"));
    ASSERT_NE(state, nullptr);
    EXPECT_FALSE(state->visibleRegion().isEmpty()) << "the verdict scrolled out of view";
}
