#include "MainWindow.h"
#include "IdTokenInspector.h"
#include "JsonEditor.h"
#include "TokenEditor.h"
#include "TrainerDock.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QLabel>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QTimer>

#include <gtest/gtest.h>

using jwtflow::MainWindow;

namespace {

QPlainTextEdit *edit(MainWindow &window, const char *name)
{
    return window.findChild<QPlainTextEdit *>(QString::fromLatin1(name));
}

const QString kToken = QStringLiteral("eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbm5AZXhhbXBsZS5jb20ifQ.");

} // namespace

TEST(MainWindow, HasMenusAndEmptyPanes)
{
    MainWindow window;
    window.show();
    EXPECT_FALSE(window.menuBar()->actions().isEmpty());
    ASSERT_NE(edit(window, "encodedEditor"), nullptr);
    EXPECT_TRUE(edit(window, "encodedEditor")->toPlainText().isEmpty());
    ASSERT_NE(edit(window, "headerEditor"), nullptr);
    ASSERT_NE(edit(window, "payloadEditor"), nullptr);
}

TEST(MainWindow, DeferredStartBuildsTheInspectorAndTrainerAfterTheFirstPaint)
{
    MainWindow::Options options;
    options.deferUntilFirstPaint = true;
    MainWindow window(jwtflow::SystemClock::instance(), options);
    EXPECT_EQ(window.inspector(), nullptr); // not on the first paint's path
    EXPECT_EQ(window.trainer(), nullptr);
    window.show();
    for (QDeadlineTimer deadline(5000); !(window.inspector() && window.trainer()) && !deadline.hasExpired();)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    ASSERT_NE(window.inspector(), nullptr);
    ASSERT_NE(window.trainer(), nullptr);
    auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("mainTabs"));
    ASSERT_NE(tabs, nullptr);
    ASSERT_EQ(tabs->count(), 2);
    EXPECT_TRUE(tabs->widget(1)->isAncestorOf(window.inspector()));
    tabs->setCurrentIndex(1);
    EXPECT_TRUE(window.inspector()->isVisible());
    EXPECT_NE(window.findChild<QAction *>(QStringLiteral("trainerModeAction")), nullptr);
    window.setTrainerMode(true);
    EXPECT_TRUE(window.isTrainerMode());
    EXPECT_TRUE(window.trainerPanel()->isVisible()) << "docked or, on a small screen, the current tab";
}

TEST(MainWindow, PastedTokenIsDecodedAndABadOneKeepsTheLastGoodDecode)
{
    MainWindow window;
    window.openToken(kToken);
    EXPECT_TRUE(edit(window, "payloadEditor")->toPlainText().contains(QStringLiteral("ann@example.com")));
    window.openToken(kToken.left(40));
    EXPECT_TRUE(edit(window, "payloadEditor")->toPlainText().contains(QStringLiteral("ann@example.com")));
    auto *error = window.findChild<QLabel *>(QStringLiteral("encodedError"));
    EXPECT_FALSE(error->isHidden());
    EXPECT_TRUE(error->text().contains(QStringLiteral("payload"), Qt::CaseInsensitive)) << error->text().toStdString();
}

TEST(MainWindow, EditingThePayloadUpdatesTheEncodedPane)
{
    MainWindow window;
    window.openToken(kToken);
    edit(window, "payloadEditor")->setPlainText(QStringLiteral("{\n  \"sub\": \"bob@example.com\"\n}"));
    EXPECT_TRUE(edit(window, "encodedEditor")->toPlainText().contains(QStringLiteral("eyJzdWIiOiJib2JAZXhhbXBsZS5jb20ifQ")));
    EXPECT_TRUE(window.findChild<QLabel *>(QStringLiteral("signatureState"))->text().contains(QStringLiteral("Not signed")));
}

TEST(MainWindow, InvalidJsonShowsInlineErrorAndKeepsTheToken)
{
    MainWindow window;
    window.openToken(kToken);
    const QString encoded = edit(window, "encodedEditor")->toPlainText();
    edit(window, "payloadEditor")->setPlainText(QStringLiteral("{\n  \"sub\": \n}"));
    auto *error = window.findChild<QLabel *>(QStringLiteral("payloadEditorError"));
    ASSERT_NE(error, nullptr);
    EXPECT_FALSE(error->isHidden());
    EXPECT_TRUE(error->text().contains(QStringLiteral("line 3"))) << error->text().toStdString();
    EXPECT_EQ(edit(window, "encodedEditor")->toPlainText(), encoded);
    EXPECT_EQ(edit(window, "payloadEditor")->toPlainText(), QStringLiteral("{\n  \"sub\": \n}")); // nothing typed is lost
}

TEST(MainWindow, APastedSignedTokenKeepsItsSignatureAfterHighlighting)
{
    // The highlighters re-apply formats from a timer, which emits textChanged: that must not
    // count as an edit, or a pasted token would lose its signature.
    MainWindow window;
    window.show();
    const QString signedToken = QStringLiteral("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbm4ifQ.c2lnbmF0dXJl");
    window.openToken(signedToken);
    QEventLoop loop;
    QTimer::singleShot(200, &loop, &QEventLoop::quit);
    loop.exec();
    EXPECT_EQ(edit(window, "encodedEditor")->toPlainText(), signedToken);
    EXPECT_TRUE(window.findChild<QLabel *>(QStringLiteral("signatureState"))->text().contains(QStringLiteral("not checked")));
}
