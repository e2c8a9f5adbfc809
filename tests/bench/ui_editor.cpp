// The payload editor, end to end, at RS256 with a 2048-bit key. Target: under 16 ms (one frame).
// Run with packaging/dev bench (offscreen platform).
//
// BM_PayloadKeystroke: one key typed into the payload editor (a digit, then Backspace, in turn),
//   as the user does it: the key event, the text change, JSON parse, re-encode, re-sign, the
//   encoded pane's update, lints, and the repaint Qt then does of what changed.
// BM_PayloadReplaceAndRepaintAll: the worst case — the whole payload replaced (a paste) and the
//   whole window repainted synchronously.
#include "KeyPicker.h"
#include "MainWindow.h"
#include "SignaturePanel.h"
#include "crypto/CredentialWriter.h"
#include "crypto/KeyGenerator.h"
#include "flow/TokenDocument.h"

#include <QApplication>
#include <QKeyEvent>
#include <QPlainTextEdit>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>

#include <memory>

using namespace jwtflow;

namespace {

const QString kClaims
    = QStringLiteral("{\n  \"iss\": \"3MVG9benchmarkConsumerKey0123456789\",\n  \"sub\": \"ann@acme.example\",\n"
                     "  \"aud\": \"https://login.salesforce.com\",\n  \"exp\": 1767225780,\n  \"jti\": \"x\",\n"
                     "  \"a\": 1, \"b\": 2, \"c\": 3, \"d\": 4, \"e\": \"");

// A shown window signing with a fresh 2048-bit key, its payload editor holding kClaims.
struct SigningWindow {
    QTemporaryDir dir;
    std::unique_ptr<MainWindow> window;
    QPlainTextEdit *payload = nullptr;

    SigningWindow()
    {
        const auto key = KeyGenerator::generateRsa(2048);
        const auto cert = KeyGenerator::selfSignedCertificate(key.value(), QStringLiteral("bench"), 30);
        const auto files = CredentialWriter::write(key.value(), cert.value(), dir.path(), QStringLiteral("bench"));
        KeyPicker::setSynchronousLoading(true);
        window = std::make_unique<MainWindow>();
        window->resize(1400, 900);
        window->show();
        window->signaturePanel()->signingPicker()->loadFile(files->privateKey);
        payload = window->findChild<QPlainTextEdit *>(QStringLiteral("payloadEditor"));
        payload->setPlainText(kClaims + QStringLiteral("0\"\n}"));
        QCoreApplication::processEvents();
    }
    bool reSigned() const { return window->document()->signature().state == TokenDocument::SignatureState::ReSigned; }
};

void typeKey(QWidget *target, int key, const QString &text)
{
    QKeyEvent press(QEvent::KeyPress, key, Qt::NoModifier, text);
    QCoreApplication::sendEvent(target, &press);
    QKeyEvent release(QEvent::KeyRelease, key, Qt::NoModifier, text);
    QCoreApplication::sendEvent(target, &release);
}

} // namespace

static void BM_PayloadKeystroke(benchmark::State &state)
{
    SigningWindow w;
    // The cursor in the value of "e", where the keys go.
    QTextCursor cursor = w.payload->textCursor();
    cursor.setPosition(w.payload->toPlainText().lastIndexOf(QLatin1Char('"')));
    w.payload->setTextCursor(cursor);
    w.payload->setFocus();
    QCoreApplication::processEvents();
    bool digit = true;
    for (auto _ : state) {
        if (digit)
            typeKey(w.payload, Qt::Key_7, QStringLiteral("7"));
        else
            typeKey(w.payload, Qt::Key_Backspace, QString());
        digit = !digit;
        QCoreApplication::processEvents(); // the repaint of what changed
    }
    if (!w.reSigned())
        state.SkipWithError("the token was not re-signed");
}
BENCHMARK(BM_PayloadKeystroke)->Unit(benchmark::kMillisecond)->Repetitions(5)->ReportAggregatesOnly(true);

static void BM_PayloadReplaceAndRepaintAll(benchmark::State &state)
{
    SigningWindow w;
    int i = 0;
    for (auto _ : state) {
        w.payload->setPlainText(kClaims + QString::number(i++) + QStringLiteral("\"\n}"));
        w.window->repaint();
        QCoreApplication::processEvents();
    }
    if (!w.reSigned())
        state.SkipWithError("the token was not re-signed");
}
BENCHMARK(BM_PayloadReplaceAndRepaintAll)->Unit(benchmark::kMillisecond)->Repetitions(5)->ReportAggregatesOnly(true);

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
