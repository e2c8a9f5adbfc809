// The views meet only where a window composes them: no file in ui/ includes another view's header
// except the window, the Bearer flow page it is made of, and a view including its own parts. The
// rest talk through the one BearerFlowSession (or a signal the window routes), never to a sibling.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <gtest/gtest.h>

namespace {

const QString kUi = QStringLiteral(JWTFLOW_TEST_DATA "/../../ui");

// Not views: helpers any widget may use.
const QSet<QString> kHelpers { QStringLiteral("AnswerSplit"), QStringLiteral("ErrorColor"), QStringLiteral("Icons"),
    QStringLiteral("ReadablePalette"), QStringLiteral("SecretClipboard"), QStringLiteral("SegmentHighlighter"),
    QStringLiteral("SelectableOnHover") };

// A composer and the views it is made of.
const QHash<QString, QSet<QString>> kParts {
    { QStringLiteral("FlowPage"),
        { QStringLiteral("ConnectionForm"), QStringLiteral("ExpiryBadge"), QStringLiteral("FailureBanner"),
            QStringLiteral("JsonEditor"), QStringLiteral("KeyPicker"), QStringLiteral("LintList"),
            QStringLiteral("PastedTokenBar"), QStringLiteral("ResponsePane"), QStringLiteral("SendBar"),
            QStringLiteral("SignaturePanel"), QStringLiteral("TokenEditor") } },
    { QStringLiteral("ResponsePane"), { QStringLiteral("DiagnosisCard") } },
    { QStringLiteral("SignaturePanel"), { QStringLiteral("KeyPicker") } },
    { QStringLiteral("KeyPicker"), { QStringLiteral("KeyPasteDialog"), QStringLiteral("PassphraseDialog") } },
    { QStringLiteral("TrainerDock"),
        { QStringLiteral("PracticeAppOptions"), QStringLiteral("ScenarioSwitches"), QStringLiteral("SequenceDiagram"),
            QStringLiteral("WalkthroughView") } },
};

} // namespace

TEST(ViewIncludes, OnlyTheWindowAndItsPagesComposeViews)
{
    const QDir ui(kUi);
    QSet<QString> headers;
    for (const QString &name : ui.entryList({ QStringLiteral("*.h") }, QDir::Files))
        headers.insert(QFileInfo(name).completeBaseName());
    ASSERT_TRUE(headers.contains(QStringLiteral("MainWindow"))) << kUi.toStdString();

    const QRegularExpression include(
        QStringLiteral(R"(^\s*#\s*include\s+"([A-Za-z]+)\.h")"), QRegularExpression::MultilineOption);
    QStringList offences;
    int checked = 0;
    for (const QString &name : ui.entryList({ QStringLiteral("*.h"), QStringLiteral("*.cpp") }, QDir::Files)) {
        const QString self = QFileInfo(name).completeBaseName();
        if (self == QStringLiteral("MainWindow"))
            continue; // the window composes every view
        QFile file(ui.filePath(name));
        ASSERT_TRUE(file.open(QIODevice::ReadOnly)) << name.toStdString();
        const QString text = QString::fromUtf8(file.readAll());
        ++checked;
        for (auto it = include.globalMatch(text); it.hasNext();) {
            const QString included = it.next().captured(1);
            if (included == self || !headers.contains(included) || kHelpers.contains(included)
                || kParts.value(self).contains(included))
                continue;
            offences << name + QStringLiteral(" includes ") + included + QStringLiteral(".h");
        }
    }
    EXPECT_GT(checked, 40);
    EXPECT_TRUE(offences.isEmpty()) << offences.join(QLatin1Char('\n')).toStdString();
}
