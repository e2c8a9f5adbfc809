#include "MainWindow.h"

#include <QLabel>
#include <QMenuBar>
#include <QPlainTextEdit>

#include <gtest/gtest.h>

using jwtflow::MainWindow;

TEST(MainWindow, HasMenusAndEmptyPanes)
{
    MainWindow window;
    window.show();
    EXPECT_FALSE(window.menuBar()->actions().isEmpty());
    auto *encoded = window.findChild<QPlainTextEdit *>(QStringLiteral("encodedEditor"));
    ASSERT_NE(encoded, nullptr);
    EXPECT_TRUE(encoded->toPlainText().isEmpty());
    ASSERT_NE(window.findChild<QPlainTextEdit *>(QStringLiteral("headerEditor")), nullptr);
    ASSERT_NE(window.findChild<QPlainTextEdit *>(QStringLiteral("payloadEditor")), nullptr);
}

TEST(MainWindow, PastedTokenIsDecodedAndABadOneKeepsTheLastGoodDecode)
{
    MainWindow window;
    window.openToken(QStringLiteral("eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbm5AZXhhbXBsZS5jb20ifQ."));
    auto *payload = window.findChild<QPlainTextEdit *>(QStringLiteral("payloadEditor"));
    auto *status = window.findChild<QLabel *>(QStringLiteral("decodeStatus"));
    EXPECT_TRUE(payload->toPlainText().contains(QStringLiteral("ann@example.com")));
    window.openToken(QStringLiteral("eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbm5AZXhhbXBsZS5jb20"));
    EXPECT_TRUE(payload->toPlainText().contains(QStringLiteral("ann@example.com")));
    EXPECT_TRUE(status->text().contains(QStringLiteral("payload"), Qt::CaseInsensitive)) << status->text().toStdString();
}
