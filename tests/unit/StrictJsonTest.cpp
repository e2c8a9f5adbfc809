#include "token/StrictJson.h"

#include <QJsonDocument>
#include <gtest/gtest.h>

using jwtflow::StrictJson;
using Kind = StrictJson::Kind;

namespace {

struct Row {
    const char *name;
    QByteArray json;
    Kind kind;
    qsizetype offset;
};

} // namespace

// Every kind RFC 8259 forbids, with the byte it is reported at.
TEST(StrictJson, NamesEachDepartureAndWhereItIs)
{
    const Row rows[] = {
        { "bom", QByteArray("\xEF\xBB\xBF{}"), Kind::ByteOrderMark, 0 },
        { "bom is skipped by Qt", QByteArray("\xEF\xBB\xBF{\"a\":1}"), Kind::ByteOrderMark, 0 },
        { "unknown escape", R"({"alg":"HS\256"})", Kind::InvalidEscape, 10 },
        { "escape \\a", R"({"a":"x\ay"})", Kind::InvalidEscape, 7 },
        { "escape \\x41", R"({"a":"\x41"})", Kind::InvalidEscape, 6 },
        { "escape \\'", R"({"a":"\'"})", Kind::InvalidEscape, 6 },
        { "short \\u", R"({"a":"\u12"})", Kind::InvalidEscape, 6 },
        { "raw tab", QByteArray("{\"a\":\"x\ty\"}"), Kind::ControlCharacter, 7 },
        { "raw line feed", QByteArray("{\"a\":\"x\ny\"}"), Kind::ControlCharacter, 7 },
        { "raw NUL", QByteArray("{\"a\":\"x\0y\"}", 11), Kind::ControlCharacter, 7 },
        { "lone high surrogate", R"({"a":"\ud800"})", Kind::LoneSurrogate, 6 },
        { "lone low surrogate", R"({"a":"\udc00x"})", Kind::LoneSurrogate, 6 },
        { "high then non-low", R"({"a":"\ud800\u0041"})", Kind::LoneSurrogate, 6 },
        { "trailing comma object", R"({"a":1,})", Kind::TrailingComma, 6 },
        { "trailing comma array", R"({"a":[1,2,]})", Kind::TrailingComma, 9 },
        { "NaN", R"({"exp":NaN})", Kind::NonFiniteNumber, 7 },
        { "Infinity", R"({"exp":Infinity})", Kind::NonFiniteNumber, 7 },
        { "-Infinity", R"({"exp":-Infinity})", Kind::NonFiniteNumber, 7 },
        { "leading zero", R"({"exp":01})", Kind::LeadingZero, 7 },
        { "negative leading zero", R"({"exp":-01})", Kind::LeadingZero, 7 },
        { "plus sign", R"({"exp":+1})", Kind::InvalidNumber, 7 },
        { "bare fraction", R"({"exp":.5})", Kind::InvalidNumber, 7 },
        { "dangling point", R"({"exp":1.})", Kind::InvalidNumber, 7 },
        { "dangling exponent", R"({"exp":1e})", Kind::InvalidNumber, 7 },
        { "duplicate", R"({"alg":"none","alg":"HS256"})", Kind::DuplicateMember, 14 },
        { "duplicate by escape", R"({"alg":1,"\u0061lg":2})", Kind::DuplicateMember, 9 },
        { "nested duplicate", R"({"a":{"b":1,"b":2}})", Kind::DuplicateMember, 12 },
        { "overlong UTF-8", QByteArray("{\"a\":\"\xC0\xAF\"}"), Kind::InvalidUtf8, 6 },
        { "encoded surrogate", QByteArray("{\"a\":\"\xED\xA0\x80\"}"), Kind::InvalidUtf8, 6 },
        { "single quotes", "{'a':1}", Kind::Syntax, 1 },
        { "comment", "{/*x*/}", Kind::Syntax, 1 },
        { "unterminated", R"({"a":"x)", Kind::Syntax, 5 },
        { "trailing garbage", R"({"a":1} x)", Kind::TrailingContent, 8 },
        { "empty", "", Kind::Syntax, 0 },
        { "missing colon", R"({"a" 1})", Kind::Syntax, 5 },
    };
    for (const Row &row : rows) {
        const auto problems = StrictJson::check(row.json);
        ASSERT_FALSE(problems.isEmpty()) << row.name;
        EXPECT_EQ(StrictJson::kindName(problems.first().kind), StrictJson::kindName(row.kind)) << row.name;
        EXPECT_EQ(problems.first().offset, row.offset) << row.name << ": " << problems.first().message().toStdString();
        // What qtAccepts() says Qt refuses, Qt refuses: Jwt::decodeObject relies on it to name a
        // syntax error by the strict reader's words.
        if (!problems.first().qtAccepts() && row.kind != Kind::InvalidNumber) { // Qt reads .5 and 1.
            EXPECT_TRUE(QJsonDocument::fromJson(row.json).isNull()) << row.name;
        }
    }
}

TEST(StrictJson, AcceptsWhatRfc8259Allows)
{
    const QByteArray good[] = {
        R"({})",
        R"({"a":[],"b":{},"c":"","d":0,"e":-0,"f":-0.5e-10,"g":1E+2,"h":true,"i":false,"j":null})",
        "{\r\n \"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}",
        R"({"s":"\" \\ \/ \b \f \n \r \t \u00e9 \ud83d\ude00"})",
        QByteArray("{\"s\":\"\xC3\xA9 \xF0\x9F\x98\x80\"}"),
        R"({"a":{"b":1},"c":{"b":2}})", // the same name in two objects is no duplicate
        R"([1,[2,[3]]])",
    };
    for (const QByteArray &json : good)
        EXPECT_TRUE(StrictJson::check(json).isEmpty())
            << json.toStdString() << ": " << StrictJson::check(json).value(0).message().toStdString();
}

TEST(StrictJson, ReportsLineAndColumnAndKeepsGoingAfterSoftProblems)
{
    const QByteArray json = "{\n  \"a\": \"\\q\",\n  \"a\": \"x\ty\"\n}";
    const auto problems = StrictJson::check(json);
    ASSERT_EQ(problems.size(), 3);
    EXPECT_EQ(problems[0].kind, Kind::InvalidEscape);
    EXPECT_EQ(problems[0].line, 2);
    EXPECT_EQ(problems[0].column, 9);
    EXPECT_EQ(problems[1].kind, Kind::DuplicateMember);
    EXPECT_EQ(problems[1].line, 3);
    EXPECT_EQ(problems[1].column, 3);
    EXPECT_EQ(problems[2].kind, Kind::ControlCharacter);
    EXPECT_EQ(problems[2].detail, QStringLiteral("U+0009"));
    EXPECT_EQ(problems[0].code(), QStringLiteral("json.invalid-escape"));
    EXPECT_TRUE(problems[0].message().contains(QStringLiteral("line 2, column 9"))) << problems[0].message().toStdString();
}

TEST(StrictJson, DepthIsBounded)
{
    const QByteArray deep = QByteArray(StrictJson::kMaxDepth + 1, '[') + QByteArray(StrictJson::kMaxDepth + 1, ']');
    const auto problems = StrictJson::check(deep);
    ASSERT_EQ(problems.size(), 1);
    EXPECT_EQ(problems[0].kind, Kind::TooDeep);
    const QByteArray ok = QByteArray(StrictJson::kMaxDepth, '[') + QByteArray(StrictJson::kMaxDepth, ']');
    EXPECT_TRUE(StrictJson::check(ok).isEmpty());
}

// Found by fuzz_jsontext: a problem inside an unterminated string came before the string's own
// "unterminated" problem, which is reported at its opening quote; problems are listed in text order.
TEST(StrictJson, ProblemsAreInTextOrderWhenAStringNeverEnds)
{
    const QByteArray json = QByteArray::fromBase64("eyJhIjoiXHUwMDQxXIV7IiwiYRc6Mn0="); // {"a":"\u0041\<85>{","a<17>:2}
    const auto problems = StrictJson::check(json);
    ASSERT_GE(problems.size(), 3);
    for (qsizetype i = 1; i < problems.size(); ++i)
        EXPECT_LE(problems[i - 1].offset, problems[i].offset) << i;
    EXPECT_EQ(problems[0].kind, Kind::InvalidEscape);
    EXPECT_EQ(problems[1].kind, Kind::Syntax);
    EXPECT_EQ(problems[1].offset, 17);
    EXPECT_EQ(problems[2].kind, Kind::ControlCharacter);
    EXPECT_EQ(problems[2].offset, 19);
}
