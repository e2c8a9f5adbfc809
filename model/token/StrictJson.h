#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace jwtflow {

// RFC 8259 read to the letter, for the JSON inside a token. QJsonDocument is lenient where a
// strict server is not (it drops the backslash of "\a", takes raw control characters and lone
// surrogates, skips a BOM, keeps the last of duplicate members), so a token it reads can be one a
// server refuses, or reads differently ({"alg":"HS\256"} is "HS256" to Qt). This reader only
// judges: it finds every place the text departs from RFC 8259 (and from RFC 7515 §4 / 7519 §4
// on duplicate member names) and says where and what; the token keeps its bytes as they are.
//
// No Debian library fits: nlohmann-json skips a BOM and reports no offsets for member names,
// simdjson's DOM does not see duplicate members; both stop at the first problem.
class StrictJson {
public:
    enum class Kind {
        ByteOrderMark, // EF BB BF before the JSON (RFC 8259 §8.1: MUST NOT be added)
        InvalidUtf8, // bytes that are not UTF-8 (RFC 8259 §8.1)
        ControlCharacter, // U+0000..U+001F raw inside a string (RFC 8259 §7: must be escaped)
        InvalidEscape, // a backslash not followed by one of " \ / b f n r t uXXXX
        LoneSurrogate, // \uD800..\uDFFF not in a high+low pair
        TrailingComma, // , before } or ]
        NonFiniteNumber, // NaN, Infinity, -Infinity
        LeadingZero, // 01, -01
        InvalidNumber, // 1., .5, 1e, +1, -
        DuplicateMember, // a member name twice in one object (RFC 7515 §4, RFC 7519 §4)
        Syntax, // anything else that is not JSON (unterminated string, missing colon ...)
        TrailingContent, // text after the value
        TooDeep, // nesting deeper than kMaxDepth
    };

    struct Problem {
        Kind kind = Kind::Syntax;
        qsizetype offset = 0; // byte offset in the text
        int line = 1; // 1-based, counted in '\n'
        int column = 1; // 1-based, in bytes from the line's start
        QString detail; // what exactly: "\\a", "alg", "U+0009"

        // Stable code for tests and --json: "json.invalid-escape", "json.duplicate-member", ...
        QString code() const;
        // One sentence for people, with the position: "invalid escape \a at line 1, column 12 (byte 11)".
        QString message() const;
        // True for the kinds QJsonDocument always lets through (escapes, control characters,
        // surrogates, duplicates, a BOM); false ones Qt refuses, except some InvalidNumber forms
        // (Qt reads .5 and 1.), so a token is judged by check() itself, never by this.
        bool qtAccepts() const;
    };

    static constexpr int kMaxDepth = 1024; // as QJsonDocument: deeper is an error there too

    // Every problem, in text order, at most maxProblems. A problem after which the structure
    // cannot be followed (Syntax, TrailingComma, a bad number ...) ends the scan.
    static QList<Problem> check(const QByteArray &json, int maxProblems = 16);
    static bool isValid(const QByteArray &json) { return check(json, 1).isEmpty(); }

    static QString kindName(Kind kind); // "invalid-escape"
};

} // namespace jwtflow
