// Keyboard navigation and accessible names of the main window's inputs.
#include "MainWindow.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QLineEdit>
#include <QPlainTextEdit>

#include <gtest/gtest.h>

using jwtflow::MainWindow;

TEST(DesktopManners, TabFollowsTheWorkFromConnectionToSendToTokenToKeys)
{
    MainWindow window;
    window.show();
    const QStringList expected { QStringLiteral("environment"), QStringLiteral("clientId"), QStringLiteral("username"),
        QStringLiteral("sendButton"), QStringLiteral("encodedEditor"), QStringLiteral("headerEditor"),
        QStringLiteral("payloadEditor"), QStringLiteral("signingKeyPath"), QStringLiteral("certificatePath"),
        QStringLiteral("verificationKeyPath") };
    auto *start = window.findChild<QWidget *>(expected.constFirst());
    ASSERT_NE(start, nullptr);
    QStringList seen;
    QWidget *w = start;
    do {
        if (expected.contains(w->objectName()) && !seen.contains(w->objectName()))
            seen << w->objectName();
        w = w->nextInFocusChain();
    } while (w != start);
    EXPECT_EQ(seen, expected);

    // Tab leaves the editors instead of typing a tab into them.
    for (const char *name : { "encodedEditor", "headerEditor", "payloadEditor" })
        EXPECT_TRUE(window.findChild<QPlainTextEdit *>(QString::fromLatin1(name))->tabChangesFocus()) << name;
}

TEST(DesktopManners, MainInputsHaveAccessibleNamesAndButtonsTooltipsOrNames)
{
    MainWindow window;
    for (const char *name :
        { "environment", "clientId", "username", "encodedEditor", "headerEditor", "payloadEditor", "signingKeyPath",
            "certificatePath", "verificationKeyPath", "hmacSecret", "sendButton", "signingKeyBrowse", "lintList" }) {
        auto *w = window.findChild<QWidget *>(QString::fromLatin1(name));
        ASSERT_NE(w, nullptr) << name;
        EXPECT_FALSE(w->accessibleName().isEmpty()) << name;
    }
    for (const char *name : { "signingKeyBrowse", "certificateBrowse", "expiryRefresh", "cancelButton" }) {
        auto *w = window.findChild<QAbstractButton *>(QString::fromLatin1(name));
        ASSERT_NE(w, nullptr) << name;
        EXPECT_FALSE(w->toolTip().isEmpty()) << name;
    }
}
