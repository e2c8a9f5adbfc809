// What a jwt.io user reaches for, in the window: Copy token, Inspect on a JWT of the answer, a
// link to copy when Open org finds no browser, and the window's shortcuts while typing in a field.
#include "IdTokenInspector.h"
#include "KeyPicker.h"
#include "MainWindow.h"
#include "ResponseFixtures.h"
#include "ResponsePane.h"
#include "SecretClipboard.h"
#include "flow/BearerFlowSession.h"
#include "flow/TokenDocument.h"
#include "support/WaitFor.h"

#include <QAbstractButton>
#include <QApplication>
#include <QClipboard>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QTabWidget>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using namespace jwtflow;
using test::waitFor;
namespace fx = jwtflow::fixtures;

namespace {

struct PracticeWindow {
    QTemporaryDir data;
    std::unique_ptr<MainWindow> window;
    PracticeWindow(bool browser = true)
    {
        KeyPicker::setSynchronousLoading(true);
        MainWindow::Options options;
        options.practiceOrg = true;
        options.practiceDataFolder = data.path();
        window = std::make_unique<MainWindow>(SystemClock::instance(), options);
        window->responsePane()->setUrlOpener([browser](const QUrl &) { return browser; });
        window->resize(1400, 900);
        window->show();
    }
    bool send()
    {
        window->responsePane()->clear();
        window->send();
        return waitFor([this] { return window->responsePane()->hasResult(); }) && window->responsePane()->result().ok();
    }
};

} // namespace

TEST(JwtReflexes, CopyTokenCopiesTheEncodedToken)
{
    PracticeWindow p;
    const QString token = p.window->document()->encodedText();
    ASSERT_FALSE(token.isEmpty());
    auto *copy = p.window->findChild<QAbstractButton *>(QStringLiteral("copyEncodedToken"));
    ASSERT_NE(copy, nullptr);
    EXPECT_TRUE(copy->isVisible());
    copy->click();
    EXPECT_EQ(QGuiApplication::clipboard()->text(), token);
    QGuiApplication::clipboard()->clear();
}

TEST(JwtReflexes, InspectOpensTheIdTokenOfTheAnswerInTheInspector)
{
    PracticeWindow p;
    const auto part = [](const char *json) {
        return QString::fromLatin1(QByteArray(json).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    };
    const QString idToken = part(R"({"alg":"RS256","kid":"236"})") + u'.'
        + part(R"({"iss":"https://login.salesforce.com","sub":"005","aud":"3MVG9","exp":4102444800})") + QStringLiteral(".c2ln");
    ExchangeResult answer = fx::success();
    answer.token.json.insert(QStringLiteral("id_token"), idToken);
    p.window->responsePane()->setResult(answer);
    auto *inspect = p.window->findChild<QAbstractButton *>(QStringLiteral("inspect_id_token"));
    ASSERT_NE(inspect, nullptr);
    EXPECT_TRUE(inspect->isVisibleTo(p.window->responsePane()));
    // This access token is not a JWT: no Inspect beside it.
    EXPECT_FALSE(
        p.window->findChild<QAbstractButton *>(QStringLiteral("inspectAccessToken"))->isVisibleTo(p.window->responsePane()));
    inspect->click();
    auto *tabs = p.window->findChild<QTabWidget *>(QStringLiteral("mainTabs"));
    EXPECT_TRUE(tabs->currentWidget() == p.window->inspector() || tabs->currentWidget()->isAncestorOf(p.window->inspector()));
    EXPECT_EQ(p.window->inspector()->input().trimmed(), idToken);

    // An access token that is a JWT (Entra, some gateways) gets Inspect too.
    answer.token.accessToken = idToken;
    p.window->responsePane()->setResult(answer);
    EXPECT_TRUE(
        p.window->findChild<QAbstractButton *>(QStringLiteral("inspectAccessToken"))->isVisibleTo(p.window->responsePane()));
}

TEST(JwtReflexes, WithoutABrowserOpenOrgOffersTheLinkToCopyAndSaysSo)
{
    PracticeWindow p(false);
    ASSERT_TRUE(p.send());
    auto *copy = p.window->findChild<QAbstractButton *>(QStringLiteral("copyUnopenedUrl"));
    ASSERT_NE(copy, nullptr);
    EXPECT_FALSE(copy->isVisible());
    Q_EMIT p.window->responsePane()->openOrgRequested();
    EXPECT_TRUE(copy->isVisible());
    const QString notice = p.window->findChild<QLabel *>(QStringLiteral("responseNotice"))->text();
    EXPECT_TRUE(notice.contains(QStringLiteral("No browser could be opened"))) << notice.toStdString();
    EXPECT_FALSE(notice.contains(QStringLiteral("sid="))) << "the link signs in: it is not shown";
    copy->click();
    const QString link = QGuiApplication::clipboard()->text();
    EXPECT_TRUE(link.contains(QStringLiteral("/secur/frontdoor.jsp?sid="))) << link.toStdString();
    EXPECT_TRUE(link.contains(p.window->responsePane()->result().token.accessToken));
    p.window->responsePane()->clipboard()->clearNow();
}

TEST(JwtReflexes, TheWindowsShortcutsWorkWhileTypingInAField)
{
    PracticeWindow p;
    for (const char *name : { "clientId", "username" }) {
        SCOPED_TRACE(name);
        auto *field = p.window->findChild<QLineEdit *>(QString::fromLatin1(name));
        ASSERT_NE(field, nullptr);
        field->setFocus();
        // The shortcut map asks the focused widget first; accepting the override keeps the key.
        QKeyEvent ctrlE(QEvent::ShortcutOverride, Qt::Key_E, Qt::ControlModifier);
        QApplication::sendEvent(field, &ctrlE);
        EXPECT_FALSE(ctrlE.isAccepted()) << "Ctrl+E (exp = now + 3 min) is the window's";
        QKeyEvent send(QEvent::ShortcutOverride, Qt::Key_Return, Qt::ControlModifier);
        QApplication::sendEvent(field, &send);
        EXPECT_FALSE(send.isAccepted()) << "Ctrl+Return (Send) is the window's";
        // Keys the window does not use stay the field's (select all, undo).
        QKeyEvent selectAll(QEvent::ShortcutOverride, Qt::Key_A, Qt::ControlModifier);
        QApplication::sendEvent(field, &selectAll);
        EXPECT_TRUE(selectAll.isAccepted()) << "Ctrl+A stays the line edit's";
    }
}
