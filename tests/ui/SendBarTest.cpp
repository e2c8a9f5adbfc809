#include "SendBar.h"

#include "Icons.h"
#include "ResponseFixtures.h"

#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <gtest/gtest.h>

using namespace jwtflow;

namespace {

template<typename T> T *child(const SendBar &bar, const char *name)
{
    T *found = bar.findChild<T *>(QString::fromLatin1(name));
    EXPECT_NE(found, nullptr) << name;
    return found;
}

} // namespace

TEST(SendBar, IdleShowsSendWithItsShortcutInTheTooltip)
{
    SendBar bar;
    bar.show();
    auto *send = child<QPushButton>(bar, "sendButton");
    EXPECT_TRUE(send->isVisible());
    EXPECT_TRUE(send->isEnabled());
    EXPECT_TRUE(send->toolTip().contains(QStringLiteral("Ctrl+Return")));
    EXPECT_FALSE(send->accessibleName().isEmpty());
    EXPECT_FALSE(child<QPushButton>(bar, "cancelButton")->isVisible());
    EXPECT_FALSE(child<QProgressBar>(bar, "sendBusy")->isVisible());
    EXPECT_FALSE(bar.isRunning());

    bar.setTarget(QStringLiteral("https://login.salesforce.com/services/oauth2/token?<b>"));
    EXPECT_TRUE(send->toolTip().contains(QStringLiteral("login.salesforce.com")));
    EXPECT_TRUE(send->toolTip().contains(QStringLiteral("&lt;b&gt;"))); // escaped, not markup
    EXPECT_TRUE(send->toolTip().contains(QStringLiteral("Ctrl+Return")));
}

TEST(SendBar, SendAndCancelCarryTheBundledIcons)
{
    SendBar bar;
    EXPECT_EQ(child<QPushButton>(bar, "sendButton")->icon().cacheKey(), Icons::icon(Icons::Role::Send).cacheKey());
    EXPECT_EQ(child<QPushButton>(bar, "cancelButton")->icon().cacheKey(), Icons::icon(Icons::Role::Cancel).cacheKey());
    EXPECT_FALSE(child<QPushButton>(bar, "sendButton")->icon().pixmap(16, 16).isNull());
}

TEST(SendBar, RunningShowsProgressElapsedSecondsAndCancel)
{
    SendBar bar;
    bar.show();
    bar.setRunning(true);
    EXPECT_TRUE(bar.isRunning());
    EXPECT_FALSE(child<QPushButton>(bar, "sendButton")->isEnabled());
    EXPECT_TRUE(child<QPushButton>(bar, "cancelButton")->isVisible());
    EXPECT_TRUE(child<QPushButton>(bar, "cancelButton")->isEnabled());
    EXPECT_TRUE(child<QProgressBar>(bar, "sendBusy")->isVisible());
    auto *elapsed = child<QLabel>(bar, "sendElapsed");
    EXPECT_EQ(elapsed->text(), QStringLiteral("Waiting… 0 s"));
    // The count goes up while it runs (polled: timers on a busy machine fire a little early or late).
    const auto seconds = [](QString text) {
        text.remove(QStringLiteral("Waiting… "));
        return text.remove(QStringLiteral(" s")).toInt();
    };
    for (int waited = 0; waited < 3000 && seconds(elapsed->text()) < 1; waited += 50)
        jwtflow::fixtures::wait(50);
    EXPECT_GE(seconds(elapsed->text()), 1) << elapsed->text().toStdString();
    EXPECT_GE(seconds(bar.elapsedText()), 1);

    bar.setRunning(false);
    EXPECT_TRUE(child<QPushButton>(bar, "sendButton")->isEnabled());
    EXPECT_FALSE(child<QPushButton>(bar, "cancelButton")->isVisible());
    EXPECT_FALSE(elapsed->isVisible());
    EXPECT_TRUE(bar.elapsedText().isEmpty());
}

TEST(SendBar, ClicksAreForwardedAsSignals)
{
    SendBar bar;
    bar.show();
    int sends = 0, cancels = 0;
    QObject::connect(&bar, &SendBar::sendRequested, &bar, [&] { ++sends; });
    QObject::connect(&bar, &SendBar::cancelRequested, &bar, [&] { ++cancels; });
    child<QPushButton>(bar, "sendButton")->click();
    EXPECT_EQ(sends, 1);
    bar.setRunning(true);
    child<QPushButton>(bar, "sendButton")->click(); // disabled while running
    child<QPushButton>(bar, "cancelButton")->click();
    EXPECT_EQ(sends, 1);
    EXPECT_EQ(cancels, 1);
}

TEST(SendBar, SendStaysDisabledWhenTheWindowSaysSo)
{
    SendBar bar;
    bar.setSendEnabled(false);
    EXPECT_FALSE(child<QPushButton>(bar, "sendButton")->isEnabled());
    bar.setRunning(true);
    bar.setRunning(false);
    EXPECT_FALSE(child<QPushButton>(bar, "sendButton")->isEnabled());
    bar.setSendEnabled(true);
    EXPECT_TRUE(child<QPushButton>(bar, "sendButton")->isEnabled());
}
