// The window stays usable while an exchange is in flight (issue 7, "the GUI stays responsive"):
// Send against a server that accepts the connection and never answers; meanwhile timers fire,
// typing edits the token, and Cancel ends the exchange as "cancelled". How fast the UI thread is
// is measured in benchmarks, not here; this checks that nothing blocks it while waiting.
#include "ConnectionForm.h"
#include "KeyPicker.h"
#include "MainWindow.h"
#include "ResponsePane.h"
#include "flow/ExchangeResult.h"
#include "flow/TokenDocument.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QKeyEvent>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTimer>

#include <gtest/gtest.h>

#include "support/WaitFor.h"

using namespace jwtflow;

namespace {

using test::waitFor;

} // namespace

TEST(InFlight, WindowKeepsWorkingWhileTheServerSaysNothingAndCancelEndsIt)
{
    // A server that accepts and stays silent: the exchange can only end by timeout or Cancel.
    QTcpServer silent;
    ASSERT_TRUE(silent.listen(QHostAddress::LocalHost, 0));
    QList<QTcpSocket *> held;
    QObject::connect(&silent, &QTcpServer::pendingConnectionAvailable, &silent, [&] {
        while (QTcpSocket *s = silent.nextPendingConnection())
            held << s;
    });

    QTemporaryDir data;
    KeyPicker::setSynchronousLoading(true);
    MainWindow::Options options;
    options.practiceOrg = true;
    options.practiceDataFolder = data.path();
    MainWindow w(SystemClock::instance(), options);
    w.show();
    w.connectionForm()->setPracticeOrgUrl(QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort()));
    ASSERT_TRUE(w.document()->hasToken());

    auto *cancel = w.findChild<QPushButton *>(QStringLiteral("cancelButton"));
    ASSERT_NE(cancel, nullptr);
    w.send();
    ASSERT_TRUE(waitFor([&] { return !held.isEmpty(); }, 5000)) << "the request never reached the silent server";
    EXPECT_TRUE(cancel->isVisible());
    EXPECT_FALSE(w.responsePane()->hasResult());

    // While it waits: a 10 ms timer keeps firing, and keys typed into the encoded pane land.
    int ticks = 0;
    QTimer ticker;
    QObject::connect(&ticker, &QTimer::timeout, &ticker, [&] { ++ticks; });
    ticker.start(10);
    auto *encoded = w.findChild<QPlainTextEdit *>(QStringLiteral("encodedEditor"));
    ASSERT_NE(encoded, nullptr);
    const QString before = w.document()->encodedText();
    encoded->setFocus();
    encoded->moveCursor(QTextCursor::End);
    for (const QChar c : QStringLiteral("xyz")) {
        QKeyEvent press(QEvent::KeyPress, 0, Qt::NoModifier, QString(c));
        QApplication::sendEvent(encoded, &press);
    }
    waitFor([] { return false; }, 500);
    EXPECT_GE(ticks, 10) << "the event loop stalled while the exchange was in flight";
    EXPECT_NE(w.document()->encodedText(), before) << "typing did not reach the document";
    EXPECT_FALSE(w.responsePane()->hasResult()) << "the silent server cannot have answered";

    cancel->click();
    ASSERT_TRUE(waitFor([&] { return w.responsePane()->hasResult(); }, 3000));
    EXPECT_EQ(w.responsePane()->result().transport(), HttpExchangeRecord::Transport::Cancelled)
        << w.responsePane()->result().summary().toStdString();
    EXPECT_FALSE(cancel->isVisible());
    qDeleteAll(held);
}
