// Closing jwtflow while a key loads or a key pair is generated off the GUI thread. QCA shuts itself
// down in a QCoreApplication post routine, which Qt runs before it waits for the thread pool: a
// worker still inside QCA then crashed (seen in CI under ASan: "QMutex: destroying locked mutex",
// then SEGV in QCA::PKey::supportedIOTypes). Each run is its own process, started by
// jwtflow_crypto_shutdown_probe, because the crash is in the process's own exit.
#include "support/CliProcess.h"

#include <gtest/gtest.h>

namespace {

const QString kProbe = QStringLiteral(JWTFLOW_CRYPTO_SHUTDOWN_PROBE_PATH);
const QString kKey = QStringLiteral(JWTFLOW_TEST_DATA "/keys/other2048.pem");

// A race: several exits per case, so a missing wait shows up in one run of the suite.
constexpr int kRuns = 8;

void expectCleanExits(const QString &mode)
{
    for (int i = 0; i < kRuns; ++i) {
        const auto run = testsupport::runProcess(kProbe, { mode, kKey });
        ASSERT_EQ(run.exitCode, 0) << "run " << i << " of " << mode.toStdString() << ": " << run.err.toStdString();
        EXPECT_FALSE(run.err.contains(QStringLiteral("destroying locked mutex"))) << run.err.toStdString();
    }
}

} // namespace

TEST(CryptoShutdown, QuittingAsAWorkerMakesTheFirstCryptoCallEndsCleanly)
{
    expectCleanExits(QStringLiteral("first-use"));
}

TEST(CryptoShutdown, QuittingWhileAWorkerSignsEndsCleanly)
{
    expectCleanExits(QStringLiteral("busy"));
}
