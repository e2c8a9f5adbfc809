#include "token/StrictJson.h"

#include <QSet>

#include <algorithm>
#include <cctype>

namespace jwtflow {

namespace {

using Kind = StrictJson::Kind;

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

void appendUtf8(QByteArray &out, char32_t cp)
{
    if (cp < 0x80) {
        out.append(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.append(static_cast<char>(0xC0 | (cp >> 6)));
        out.append(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.append(static_cast<char>(0xE0 | (cp >> 12)));
        out.append(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.append(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.append(static_cast<char>(0xF0 | (cp >> 18)));
        out.append(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.append(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.append(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

// A shown form of bytes that may hold anything: printable ASCII as is, the rest as \xNN.
QString shown(const QByteArray &bytes)
{
    QString text;
    for (const char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x20 && u < 0x7F)
            text.append(QLatin1Char(c));
        else
            text.append(QStringLiteral("\\x%1").arg(u, 2, 16, QLatin1Char('0')));
    }
    return text;
}

class Scanner {
public:
    Scanner(const QByteArray &text, int maxProblems)
        : m_s(text)
        , m_n(text.size())
        , m_max(qMax(1, maxProblems))
    { }

    QList<StrictJson::Problem> run()
    {
        if (m_s.startsWith("\xEF\xBB\xBF")) {
            report(Kind::ByteOrderMark, 0, QStringLiteral("EF BB BF"));
            m_i = 3;
        }
        skipSpace();
        if (m_i >= m_n)
            fatal(Kind::Syntax, m_i, QStringLiteral("no JSON value"));
        else
            value(0);
        if (!m_stopped) {
            skipSpace();
            if (m_i < m_n)
                fatal(Kind::TrailingContent, m_i, shown(m_s.mid(m_i, 8)));
        }
        // An unterminated string is reported at its opening quote, before problems found inside it.
        std::stable_sort(m_problems.begin(), m_problems.end(),
            [](const StrictJson::Problem &a, const StrictJson::Problem &b) { return a.offset < b.offset; });
        locate();
        return m_problems;
    }

private:
    void report(Kind kind, qsizetype at, const QString &detail)
    {
        if (m_stopped)
            return;
        StrictJson::Problem p;
        p.kind = kind;
        p.offset = at;
        p.detail = detail;
        m_problems.append(p);
        if (m_problems.size() >= m_max)
            m_stopped = true;
    }
    void fatal(Kind kind, qsizetype at, const QString &detail)
    {
        report(kind, at, detail);
        m_stopped = true;
    }

    // Line and column of every problem, in one pass over the text.
    void locate()
    {
        int line = 1;
        qsizetype lineStart = 0, i = 0;
        for (StrictJson::Problem &p : m_problems) { // problems are in text order
            for (; i < p.offset && i < m_n; ++i) {
                if (m_s[i] == '\n') {
                    ++line;
                    lineStart = i + 1;
                }
            }
            p.line = line;
            p.column = static_cast<int>(p.offset - lineStart) + 1;
        }
    }

    void skipSpace()
    {
        while (m_i < m_n && isSpace(m_s[m_i]))
            ++m_i;
    }

    bool startsWith(const char *word) const
    {
        const qsizetype len = static_cast<qsizetype>(qstrlen(word));
        return m_i + len <= m_n && m_s.mid(m_i, len) == word;
    }

    void value(int depth)
    {
        if (m_stopped)
            return;
        if (m_i >= m_n)
            return fatal(Kind::Syntax, m_i, QStringLiteral("the text ends where a value should be"));
        const char c = m_s[m_i];
        switch (c) {
        case '{':
            return object(depth + 1);
        case '[':
            return array(depth + 1);
        case '"': {
            QByteArray sink;
            string(&sink);
            return;
        }
        case 't':
        case 'f':
        case 'n':
            for (const char *word : { "true", "false", "null" }) {
                if (startsWith(word)) {
                    m_i += static_cast<qsizetype>(qstrlen(word));
                    return;
                }
            }
            return fatal(Kind::Syntax, m_i, shown(m_s.mid(m_i, 8)));
        case 'N':
        case 'I':
            if (startsWith("NaN") || startsWith("Infinity"))
                return fatal(Kind::NonFiniteNumber, m_i, startsWith("NaN") ? QStringLiteral("NaN") : QStringLiteral("Infinity"));
            return fatal(Kind::Syntax, m_i, shown(m_s.mid(m_i, 8)));
        default:
            if (c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9'))
                return number();
            return fatal(Kind::Syntax, m_i, shown(m_s.mid(m_i, 1)));
        }
    }

    void number()
    {
        const qsizetype start = m_i;
        auto digits = [this] {
            const qsizetype from = m_i;
            while (m_i < m_n && m_s[m_i] >= '0' && m_s[m_i] <= '9')
                ++m_i;
            return m_i - from;
        };
        // The detail is the whole would-be number ("1.", ".5", "01"), not the character it failed at.
        auto bad = [this, start](Kind kind) {
            qsizetype end = start;
            while (end < m_n && end - start < 24
                && (std::isdigit(static_cast<unsigned char>(m_s[end])) || m_s[end] == '.' || m_s[end] == '+' || m_s[end] == '-'
                    || m_s[end] == 'e' || m_s[end] == 'E'))
                ++end;
            fatal(kind, start, shown(m_s.mid(start, qMax<qsizetype>(end - start, 1))));
        };
        if (m_s[m_i] == '+' || m_s[m_i] == '.')
            return bad(Kind::InvalidNumber);
        if (m_s[m_i] == '-') {
            ++m_i;
            if (startsWith("Infinity"))
                return fatal(Kind::NonFiniteNumber, start, QStringLiteral("-Infinity"));
        }
        if (m_i < m_n && m_s[m_i] == '0') {
            ++m_i;
            if (m_i < m_n && m_s[m_i] >= '0' && m_s[m_i] <= '9')
                return bad(Kind::LeadingZero);
        } else if (digits() == 0) {
            return bad(Kind::InvalidNumber);
        }
        if (m_i < m_n && m_s[m_i] == '.') {
            ++m_i;
            if (digits() == 0)
                return bad(Kind::InvalidNumber);
        }
        if (m_i < m_n && (m_s[m_i] == 'e' || m_s[m_i] == 'E')) {
            ++m_i;
            if (m_i < m_n && (m_s[m_i] == '+' || m_s[m_i] == '-'))
                ++m_i;
            if (digits() == 0)
                return bad(Kind::InvalidNumber);
        }
    }

    // Four hex digits at m_i; -1 (and nothing consumed) when they are not there.
    int hex4()
    {
        if (m_i + 4 > m_n)
            return -1;
        int value = 0;
        for (int k = 0; k < 4; ++k) {
            const int h = hexValue(m_s[m_i + k]);
            if (h < 0)
                return -1;
            value = value * 16 + h;
        }
        m_i += 4;
        return value;
    }

    // The length of a well-formed UTF-8 sequence at m_i (RFC 3629 §4), or 0.
    int utf8Length() const
    {
        const auto b = [this](qsizetype k) { return m_i + k < m_n ? static_cast<unsigned char>(m_s[m_i + k]) : 0u; };
        const unsigned b0 = b(0);
        auto cont = [&](qsizetype k) { return (b(k) & 0xC0) == 0x80; };
        if (b0 >= 0xC2 && b0 <= 0xDF)
            return cont(1) ? 2 : 0;
        if (b0 == 0xE0)
            return b(1) >= 0xA0 && b(1) <= 0xBF && cont(2) ? 3 : 0;
        if ((b0 >= 0xE1 && b0 <= 0xEC) || b0 == 0xEE || b0 == 0xEF)
            return cont(1) && cont(2) ? 3 : 0;
        if (b0 == 0xED) // no UTF-16 surrogates encoded as UTF-8
            return b(1) >= 0x80 && b(1) <= 0x9F && cont(2) ? 3 : 0;
        if (b0 == 0xF0)
            return b(1) >= 0x90 && b(1) <= 0xBF && cont(2) && cont(3) ? 4 : 0;
        if (b0 >= 0xF1 && b0 <= 0xF3)
            return cont(1) && cont(2) && cont(3) ? 4 : 0;
        if (b0 == 0xF4)
            return b(1) >= 0x80 && b(1) <= 0x8F && cont(2) && cont(3) ? 4 : 0;
        return 0;
    }

    // A string at m_i == '"'; its decoded bytes go to out (for member names).
    void string(QByteArray *out)
    {
        const qsizetype start = m_i++;
        while (!m_stopped) {
            if (m_i >= m_n)
                return fatal(Kind::Syntax, start, QStringLiteral("unterminated string"));
            const auto c = static_cast<unsigned char>(m_s[m_i]);
            if (c == '"') {
                ++m_i;
                return;
            }
            if (c == '\\') {
                const qsizetype at = m_i++;
                if (m_i >= m_n)
                    return fatal(Kind::Syntax, start, QStringLiteral("unterminated string"));
                const char e = m_s[m_i++];
                switch (e) {
                case '"':
                case '\\':
                case '/':
                    out->append(e);
                    break;
                case 'b':
                    out->append('\b');
                    break;
                case 'f':
                    out->append('\f');
                    break;
                case 'n':
                    out->append('\n');
                    break;
                case 'r':
                    out->append('\r');
                    break;
                case 't':
                    out->append('\t');
                    break;
                case 'u': {
                    const int cp = hex4();
                    if (cp < 0) {
                        report(Kind::InvalidEscape, at, shown(m_s.mid(at, 6)));
                        break;
                    }
                    if (cp >= 0xD800 && cp <= 0xDBFF) {
                        const qsizetype save = m_i;
                        int low = -1;
                        if (m_i + 1 < m_n && m_s[m_i] == '\\' && m_s[m_i + 1] == 'u') {
                            m_i += 2;
                            low = hex4();
                        }
                        if (low >= 0xDC00 && low <= 0xDFFF) {
                            appendUtf8(*out, 0x10000 + ((char32_t(cp) - 0xD800) << 10) + (char32_t(low) - 0xDC00));
                        } else {
                            m_i = save;
                            report(Kind::LoneSurrogate, at, shown(m_s.mid(at, 6)));
                            out->append(m_s.mid(at, 6));
                        }
                    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                        report(Kind::LoneSurrogate, at, shown(m_s.mid(at, 6)));
                        out->append(m_s.mid(at, 6));
                    } else {
                        appendUtf8(*out, char32_t(cp));
                    }
                    break;
                }
                default:
                    // Qt keeps the character and drops the backslash: "\a" reads as "a".
                    report(Kind::InvalidEscape, at, shown(m_s.mid(at, 2)));
                    out->append(m_s.mid(at, 2));
                }
                continue;
            }
            if (c < 0x20) {
                report(Kind::ControlCharacter, m_i, QStringLiteral("U+%1").arg(c, 4, 16, QLatin1Char('0')).toUpper());
                out->append(static_cast<char>(c));
                ++m_i;
                continue;
            }
            if (c >= 0x80) {
                const int len = utf8Length();
                if (len == 0) {
                    report(Kind::InvalidUtf8, m_i, shown(m_s.mid(m_i, 1)));
                    out->append(static_cast<char>(c));
                    ++m_i;
                } else {
                    out->append(m_s.mid(m_i, len));
                    m_i += len;
                }
                continue;
            }
            out->append(static_cast<char>(c));
            ++m_i;
        }
    }

    void object(int depth)
    {
        if (depth > StrictJson::kMaxDepth)
            return fatal(Kind::TooDeep, m_i, QString::number(StrictJson::kMaxDepth));
        ++m_i; // {
        QSet<QByteArray> names;
        skipSpace();
        if (m_i < m_n && m_s[m_i] == '}') {
            ++m_i;
            return;
        }
        qsizetype comma = -1;
        while (!m_stopped) {
            skipSpace();
            if (m_i >= m_n)
                return fatal(Kind::Syntax, m_i, QStringLiteral("the text ends inside an object"));
            if (m_s[m_i] != '"') {
                if (m_s[m_i] == '}' && comma >= 0)
                    return fatal(Kind::TrailingComma, comma, QStringLiteral(","));
                return fatal(Kind::Syntax, m_i,
                    QStringLiteral("expected a member name in double quotes, found %1").arg(shown(m_s.mid(m_i, 1))));
            }
            const qsizetype nameAt = m_i;
            QByteArray name;
            string(&name);
            if (m_stopped)
                return;
            if (names.contains(name))
                report(Kind::DuplicateMember, nameAt, QString::fromUtf8(name));
            else
                names.insert(name);
            skipSpace();
            if (m_i >= m_n || m_s[m_i] != ':')
                return fatal(Kind::Syntax, m_i, QStringLiteral("expected ':' after a member name"));
            ++m_i;
            skipSpace();
            value(depth);
            if (m_stopped)
                return;
            skipSpace();
            if (m_i < m_n && m_s[m_i] == ',') {
                comma = m_i++;
                continue;
            }
            if (m_i < m_n && m_s[m_i] == '}') {
                ++m_i;
                return;
            }
            return fatal(Kind::Syntax, m_i, QStringLiteral("expected ',' or '}'"));
        }
    }

    void array(int depth)
    {
        if (depth > StrictJson::kMaxDepth)
            return fatal(Kind::TooDeep, m_i, QString::number(StrictJson::kMaxDepth));
        ++m_i; // [
        skipSpace();
        if (m_i < m_n && m_s[m_i] == ']') {
            ++m_i;
            return;
        }
        qsizetype comma = -1;
        while (!m_stopped) {
            skipSpace();
            if (m_i < m_n && m_s[m_i] == ']' && comma >= 0)
                return fatal(Kind::TrailingComma, comma, QStringLiteral(","));
            value(depth);
            if (m_stopped)
                return;
            skipSpace();
            if (m_i < m_n && m_s[m_i] == ',') {
                comma = m_i++;
                continue;
            }
            if (m_i < m_n && m_s[m_i] == ']') {
                ++m_i;
                return;
            }
            return fatal(Kind::Syntax, m_i, QStringLiteral("expected ',' or ']'"));
        }
    }

    const QByteArray &m_s;
    const qsizetype m_n;
    const int m_max;
    qsizetype m_i = 0;
    bool m_stopped = false;
    QList<StrictJson::Problem> m_problems;
};

} // namespace

QString StrictJson::kindName(Kind kind)
{
    switch (kind) {
    case Kind::ByteOrderMark:
        return QStringLiteral("bom");
    case Kind::InvalidUtf8:
        return QStringLiteral("invalid-utf8");
    case Kind::ControlCharacter:
        return QStringLiteral("control-character");
    case Kind::InvalidEscape:
        return QStringLiteral("invalid-escape");
    case Kind::LoneSurrogate:
        return QStringLiteral("lone-surrogate");
    case Kind::TrailingComma:
        return QStringLiteral("trailing-comma");
    case Kind::NonFiniteNumber:
        return QStringLiteral("non-finite-number");
    case Kind::LeadingZero:
        return QStringLiteral("leading-zero");
    case Kind::InvalidNumber:
        return QStringLiteral("invalid-number");
    case Kind::DuplicateMember:
        return QStringLiteral("duplicate-member");
    case Kind::Syntax:
        return QStringLiteral("syntax");
    case Kind::TrailingContent:
        return QStringLiteral("trailing-content");
    case Kind::TooDeep:
        return QStringLiteral("too-deep");
    }
    return QStringLiteral("syntax");
}

QString StrictJson::Problem::code() const
{
    return QStringLiteral("json.") + kindName(kind);
}

bool StrictJson::Problem::qtAccepts() const
{
    switch (kind) {
    case Kind::ByteOrderMark:
    case Kind::ControlCharacter:
    case Kind::InvalidEscape:
    case Kind::LoneSurrogate:
    case Kind::DuplicateMember:
        return true;
    default:
        return false;
    }
}

QString StrictJson::Problem::message() const
{
    QString what;
    switch (kind) {
    case Kind::ByteOrderMark:
        what = QStringLiteral("a byte-order mark (EF BB BF) before the JSON");
        break;
    case Kind::InvalidUtf8:
        what = QStringLiteral("a byte that is not UTF-8 (%1)").arg(detail);
        break;
    case Kind::ControlCharacter:
        what = QStringLiteral("a raw control character %1 inside a string (it must be escaped, e.g. \\t or \\u0009)").arg(detail);
        break;
    case Kind::InvalidEscape:
        what = QStringLiteral("an invalid escape %1 (JSON knows \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX only)").arg(detail);
        break;
    case Kind::LoneSurrogate:
        what = QStringLiteral("a lone surrogate %1 (half of a UTF-16 pair, no character)").arg(detail);
        break;
    case Kind::TrailingComma:
        what = QStringLiteral("a trailing comma");
        break;
    case Kind::NonFiniteNumber:
        what = QStringLiteral("%1, which is not a JSON number").arg(detail);
        break;
    case Kind::LeadingZero:
        what = QStringLiteral("a number with a leading zero (%1)").arg(detail);
        break;
    case Kind::InvalidNumber:
        what = QStringLiteral("an invalid number (%1)").arg(detail);
        break;
    case Kind::DuplicateMember:
        what = QStringLiteral("the member name \"%1\" a second time in one object").arg(detail);
        break;
    case Kind::Syntax:
        what = detail;
        break;
    case Kind::TrailingContent:
        what = QStringLiteral("text after the JSON value (%1)").arg(detail);
        break;
    case Kind::TooDeep:
        what = QStringLiteral("nesting deeper than %1 levels").arg(detail);
        break;
    }
    // One pass: a detail holding "%2" must not be taken for a marker.
    return QStringLiteral("%1 at line %2, column %3 (byte %4)")
        .arg(what, QString::number(line), QString::number(column), QString::number(offset));
}

QList<StrictJson::Problem> StrictJson::check(const QByteArray &json, int maxProblems)
{
    return Scanner(json, maxProblems).run();
}

} // namespace jwtflow
