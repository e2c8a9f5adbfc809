// The one rule for untrusted text on a terminal (TerminalText), as a table.
#include "core/TerminalText.h"

#include <gtest/gtest.h>

using namespace jwtflow;

TEST(TerminalText, LineEscapesEveryControlAndReorderingCharacter)
{
    const struct {
        const char *name;
        QString in;
        QString line;
        QString block;
    } cases[] = {
        { "plain", QStringLiteral("user hasn't approved this consumer"), QStringLiteral("user hasn't approved this consumer"),
            QStringLiteral("user hasn't approved this consumer") },
        { "unicode kept", QStringLiteral("Jürgen → ok ✓"), QStringLiteral("Jürgen → ok ✓"), QStringLiteral("Jürgen → ok ✓") },
        { "clear screen", QStringLiteral("\x1b[2Jgone"), QStringLiteral("\\e[2Jgone"), QStringLiteral("\\e[2Jgone") },
        { "forged line", QStringLiteral("x\nAccess token issued."), QStringLiteral("x\\nAccess token issued."),
            QStringLiteral("x\nAccess token issued.") },
        { "carriage return", QStringLiteral("bad\rAccess token issued."), QStringLiteral("bad\\rAccess token issued."),
            QStringLiteral("bad\\rAccess token issued.") },
        { "CRLF", QStringLiteral("a\r\nb"), QStringLiteral("a\\r\\nb"), QStringLiteral("a\nb") },
        { "tab, bell, NUL, DEL", QStringLiteral("a\tb\ac") + QChar(0) + QStringLiteral("d\x7f"),
            QStringLiteral("a\\tb\\x07c\\x00d\\x7f"), QStringLiteral("a\\tb\\x07c\\x00d\\x7f") },
        { "C1 CSI", QStringLiteral("a") + QChar(0x9b) + QStringLiteral("31m"), QStringLiteral("a\\x9b31m"),
            QStringLiteral("a\\x9b31m") },
        { "OSC title", QStringLiteral("\x1b]0;owned\x07"), QStringLiteral("\\e]0;owned\\x07"),
            QStringLiteral("\\e]0;owned\\x07") },
        { "bidi override", QStringLiteral("abc") + QChar(0x202e) + QStringLiteral("fed"), QStringLiteral("abc\\u202efed"),
            QStringLiteral("abc\\u202efed") },
        { "line separator", QStringLiteral("a") + QChar(0x2028) + QStringLiteral("b"), QStringLiteral("a\\u2028b"),
            QStringLiteral("a\\u2028b") },
    };
    for (const auto &c : cases) {
        SCOPED_TRACE(c.name);
        EXPECT_EQ(TerminalText::line(c.in), c.line);
        EXPECT_EQ(TerminalText::block(c.in), c.block);
        EXPECT_FALSE(TerminalText::line(c.in).contains(QLatin1Char('\n')));
    }
}

TEST(TerminalText, OutputEscapesC0ButLeavesJsonAndUtf8Alone)
{
    const QByteArray json = "{\n\t\"error_description\": \"\\u001b[2J \\r\\n J\xc3\xbcrgen\"\n}\n";
    EXPECT_EQ(TerminalText::output(json), json);
    EXPECT_EQ(TerminalText::output("a\x1b[31mb\rc\n"), QByteArray("a\\e[31mb\\rc\n"));
}
