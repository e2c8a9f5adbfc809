// One keystroke in the payload editor, end to end: the text change, JSON parse, re-encode,
// RS256 re-sign with a 2048-bit key, the encoded pane's update, lints and a repaint of the window.
// Target: under 16 ms (one frame). Run with packaging/dev bench (offscreen platform).
#include "KeyPicker.h"
#include "MainWindow.h"
#include "SignaturePanel.h"
#include "crypto/CredentialWriter.h"
#include "crypto/KeyGenerator.h"
#include "flow/TokenDocument.h"

#include <QApplication>
#include <QPlainTextEdit>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>

using namespace jwtflow;

static void BM_PayloadKeystroke(benchmark::State &state)
{
    QTemporaryDir dir;
    const auto key = KeyGenerator::generateRsa(2048);
    const auto cert = KeyGenerator::selfSignedCertificate(key.value(), QStringLiteral("bench"), 30);
    const auto files = CredentialWriter::write(key.value(), cert.value(), dir.path(), QStringLiteral("bench"));
    KeyPicker::setSynchronousLoading(true);
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    window.signaturePanel()->signingPicker()->loadFile(files->privateKey);
    QString claims = QStringLiteral("{\n  \"iss\": \"3MVG9benchmarkConsumerKey0123456789\",\n  \"sub\": \"ann@acme.example\",\n"
                                    "  \"aud\": \"https://login.salesforce.com\",\n  \"exp\": 1767225780,\n  \"jti\": \"x\",\n"
                                    "  \"a\": 1, \"b\": 2, \"c\": 3, \"d\": 4, \"e\": \"");
    auto *payload = window.findChild<QPlainTextEdit *>(QStringLiteral("payloadEditor"));
    int i = 0;
    for (auto _ : state) {
        payload->setPlainText(claims + QString::number(i++) + QStringLiteral("\"\n}"));
        window.repaint();
        QCoreApplication::processEvents();
    }
    if (window.document()->signature().state != TokenDocument::SignatureState::ReSigned)
        state.SkipWithError("the token was not re-signed");
}
BENCHMARK(BM_PayloadKeystroke)->Unit(benchmark::kMillisecond)->Repetitions(5)->ReportAggregatesOnly(true);

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
