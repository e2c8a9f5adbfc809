// The window's side of the clear-text rule: http to another computer is asked for, per host and
// for this session, never sent silently.
#include "ClearTextConfirmation.h"

#include "MainWindow.h"
#include "flow/AssertionPreset.h"
#include "flow/BearerFlowSession.h"

#include <QCoreApplication>
#include <QPushButton>
#include <gtest/gtest.h>

using namespace jwtflow;

namespace {

ClearTextConfirmation *openConfirmation(MainWindow &window)
{
    QCoreApplication::processEvents();
    return window.findChild<ClearTextConfirmation *>(QStringLiteral("clearTextConfirmation"));
}

} // namespace

TEST(ClearTextConfirmation, SendToAnHttpHostAsksFirstAndCancelSendsNothing)
{
    MainWindow window;
    window.show();
    window.session()->setConnection({ AssertionPreset::Environment::MyDomain, QStringLiteral("http://Test.Internal:8080"),
        QStringLiteral("key"), QStringLiteral("ann@acme.com"), {} });
    window.send();
    ClearTextConfirmation *confirm = openConfirmation(window);
    ASSERT_NE(confirm, nullptr);
    EXPECT_TRUE(confirm->isVisible());
    EXPECT_EQ(confirm->host(), QStringLiteral("test.internal"));
    EXPECT_EQ(confirm->icon(), QMessageBox::Warning);
    EXPECT_TRUE(confirm->text().contains(QStringLiteral("plain http")));
    EXPECT_TRUE(confirm->allowButton()->text().contains(QStringLiteral("test.internal")));
    EXPECT_NE(confirm->defaultButton(), confirm->allowButton()); // Return does not send in clear text
    confirm->reject();
    QCoreApplication::processEvents();
    EXPECT_TRUE(window.session()->clearTextConsent().hosts.isEmpty());
    EXPECT_FALSE(window.session()->isSending());
}

TEST(ClearTextConfirmation, AllowingRemembersThatHostForTheSessionOnly)
{
    MainWindow window;
    window.show();
    window.session()->setConnection({ AssertionPreset::Environment::MyDomain, QStringLiteral("http://test.internal:8080"),
        QStringLiteral("key"), QStringLiteral("ann@acme.com"), {} });
    window.send();
    ClearTextConfirmation *confirm = openConfirmation(window);
    ASSERT_NE(confirm, nullptr);
    confirm->allowButton()->click();
    QCoreApplication::processEvents();
    EXPECT_TRUE(window.session()->clearTextConsent().hosts.contains(QStringLiteral("test.internal")));
    EXPECT_FALSE(window.session()->clearTextConsent().anyHost);
    // The same host again: no question (the document has no assertion, so that is what stops it now).
    window.send();
    QCoreApplication::processEvents();
    const auto children = window.findChildren<ClearTextConfirmation *>();
    for (ClearTextConfirmation *open : children)
        EXPECT_FALSE(open->isVisible());
    EXPECT_TRUE(window.session()->request(QStringLiteral("a.b.c")).ok());

    // Another http host is asked for again.
    window.session()->setConnection({ AssertionPreset::Environment::MyDomain, QStringLiteral("http://other.internal"),
        QStringLiteral("key"), QStringLiteral("ann@acme.com"), {} });
    const auto refused = window.session()->request(QStringLiteral("a.b.c"));
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, QStringLiteral("net.clear-text"));
    window.send();
    ClearTextConfirmation *again = nullptr;
    QCoreApplication::processEvents();
    for (ClearTextConfirmation *open : window.findChildren<ClearTextConfirmation *>())
        if (open->isVisible())
            again = open;
    ASSERT_NE(again, nullptr);
    EXPECT_EQ(again->host(), QStringLiteral("other.internal"));
    again->reject();
}
