// The share of the page the answer takes after Send (AnswerSplit): its share at least, what it
// asks for while the editors keep two fifths, and on a short screen down to the editors' minimum.
#include "AnswerSplit.h"

#include <QSplitter>
#include <QWidget>
#include <gtest/gtest.h>

using namespace jwtflow;

TEST(AnswerSplit, TheAnswerGetsAShareNotEverything)
{
    struct Case {
        int total, editorsMinimum, wanted;
        bool ok;
        int answer;
        const char *why;
    };
    const Case cases[] = {
        { 800, 160, 200, true, 440, "a short answer still gets its share (11/20)" },
        { 800, 160, 200, false, 520, "a diagnosis gets 13/20" },
        { 800, 160, 430, true, 440, "what it asks for, within the editors' 9/20: its share" },
        { 1000, 160, 900, true, 550, "1080 lines, presentation: the editors keep 9/20 (450)" },
        { 800, 160, 900, false, 520, "a diagnosis's share is above the cap: the share" },
        { 393, 160, 430, false, 255, "720 lines: the share, 13/20" },
        { 393, 160, 430, true, 233, "720 lines: down to the editors' minimum" },
        { 300, 200, 400, true, 165, "editors' minimum above 9/20: the share is kept" },
        { 500, 160, 900, false, 325, "a diagnosis on a page just tall enough: its share" },
        { 470, 160, 900, true, 310, "a page under three editors' minimums: down to the editors' minimum" },
        { 0, 160, 400, true, 0, "no split yet" },
    };
    for (const Case &c : cases)
        EXPECT_EQ(AnswerSplit::answerHeight(c.total, c.editorsMinimum, c.wanted, c.ok), c.answer) << c.why;
}

TEST(AnswerSplit, TheHeaderEditorGetsUpToHalfOfItsColumnBack)
{
    QSplitter decoded(Qt::Vertical);
    decoded.addWidget(new QWidget);
    decoded.addWidget(new QWidget);
    decoded.resize(100, 300);
    decoded.setSizes({ 60, 240 });
    AnswerSplit::balanceDecoded(&decoded);
    EXPECT_EQ(decoded.sizes().at(0), decoded.sizes().at(1));
    decoded.setSizes({ 200, 100 });
    const QList<int> before = decoded.sizes();
    AnswerSplit::balanceDecoded(&decoded);
    EXPECT_EQ(decoded.sizes(), before) << "a header already taller stays";
    AnswerSplit::balanceDecoded(nullptr);
}
