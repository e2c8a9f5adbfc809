#include "SoqlColumnOrder.h"

#include <QRegularExpression>
#include <algorithm>
#include <limits>

namespace jwtflow {

namespace {

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c == u'.';
}

// The position of `keyword` as a whole word at parenthesis depth 0 from `from`, outside quotes; -1 if none.
qsizetype findTopLevelWord(const QString &text, const QString &keyword, qsizetype from)
{
    int depth = 0;
    bool quoted = false;
    for (qsizetype i = from; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'\\')
                ++i;
            else if (c == u'\'')
                quoted = false;
            continue;
        }
        if (c == u'\'')
            quoted = true;
        else if (c == u'(')
            ++depth;
        else if (c == u')')
            --depth;
        else if (depth == 0 && (i == 0 || !isWordChar(text.at(i - 1)))
            && text.mid(i, keyword.size()).compare(keyword, Qt::CaseInsensitive) == 0
            && (i + keyword.size() >= text.size() || !isWordChar(text.at(i + keyword.size()))))
            return i;
    }
    return -1;
}

QStringList splitTopLevel(const QString &list)
{
    QStringList items;
    int depth = 0;
    qsizetype start = 0;
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QChar c = list.at(i);
        if (c == u'(')
            ++depth;
        else if (c == u')')
            --depth;
        else if (c == u',' && depth == 0) {
            items.append(list.mid(start, i - start).simplified());
            start = i + 1;
        }
    }
    items.append(list.mid(start).simplified());
    return items;
}

// Functions whose column is named exprN unless aliased: aggregates and the date functions of a
// GROUP BY query. Others (toLabel, convertCurrency, FORMAT) keep the field's name.
bool isExpressionFunction(const QString &name)
{
    static const QStringList names { QStringLiteral("AVG"), QStringLiteral("COUNT"), QStringLiteral("COUNT_DISTINCT"),
        QStringLiteral("MIN"), QStringLiteral("MAX"), QStringLiteral("SUM"), QStringLiteral("GROUPING"),
        QStringLiteral("CALENDAR_MONTH"), QStringLiteral("CALENDAR_QUARTER"), QStringLiteral("CALENDAR_YEAR"),
        QStringLiteral("DAY_IN_MONTH"), QStringLiteral("DAY_IN_WEEK"), QStringLiteral("DAY_IN_YEAR"), QStringLiteral("DAY_ONLY"),
        QStringLiteral("FISCAL_MONTH"), QStringLiteral("FISCAL_QUARTER"), QStringLiteral("FISCAL_YEAR"),
        QStringLiteral("HOUR_IN_DAY"), QStringLiteral("WEEK_IN_MONTH"), QStringLiteral("WEEK_IN_YEAR"),
        QStringLiteral("DISTANCE") };
    return names.contains(name, Qt::CaseInsensitive);
}

// Reads the JSON bytes of a SOQL answer only as far as member names go (the bytes were already
// parsed whole by QJsonDocument; on anything unexpected the scan stops with what it has).
class MemberScanner {
public:
    explicit MemberScanner(const QByteArray &bytes)
        : m_bytes(bytes)
    { }

    QStringList scan()
    {
        value(Mode::Root, {}, 0);
        return m_names;
    }

private:
    enum class Mode { Root, RecordsArray, Record, Skip };
    static constexpr int kMaxDepth = 128;

    void spaces()
    {
        while (m_at < m_bytes.size()
            && (m_bytes.at(m_at) == ' ' || m_bytes.at(m_at) == '\n' || m_bytes.at(m_at) == '\r' || m_bytes.at(m_at) == '\t'))
            ++m_at;
    }

    bool peek(char c)
    {
        spaces();
        return m_at < m_bytes.size() && m_bytes.at(m_at) == c;
    }

    bool string(QString *out)
    {
        if (!peek('"'))
            return false;
        ++m_at;
        QByteArray raw;
        while (m_at < m_bytes.size()) {
            const char c = m_bytes.at(m_at++);
            if (c == '"') {
                out->append(QString::fromUtf8(raw));
                return true;
            }
            if (c != '\\') {
                raw.append(c);
                continue;
            }
            if (m_at >= m_bytes.size())
                return false;
            const char e = m_bytes.at(m_at++);
            if (e == 'u') {
                bool ok = false;
                const ushort unit = m_bytes.mid(m_at, 4).toUShort(&ok, 16);
                if (!ok)
                    return false;
                m_at += 4;
                out->append(QString::fromUtf8(raw));
                raw.clear();
                out->append(QChar(unit));
            } else {
                static const QByteArray from = "\"\\/bfnrt";
                static const QByteArray to = "\"\\/\b\f\n\r\t";
                const auto index = from.indexOf(e);
                if (index < 0)
                    return false;
                raw.append(to.at(index));
            }
        }
        return false;
    }

    bool value(Mode mode, const QString &prefix, int depth)
    {
        if (depth > kMaxDepth)
            return false;
        spaces();
        if (m_at >= m_bytes.size())
            return false;
        const char c = m_bytes.at(m_at);
        if (c == '{') {
            ++m_at;
            if (peek('}')) {
                ++m_at;
                return true;
            }
            while (true) {
                QString key;
                if (!string(&key) || !peek(':'))
                    return false;
                ++m_at;
                Mode child = Mode::Skip;
                QString name;
                if (mode == Mode::Root && key == QLatin1String("records"))
                    child = Mode::RecordsArray;
                if (mode == Mode::Record && key != QLatin1String("attributes")) {
                    name = prefix.isEmpty() ? key : prefix + QLatin1Char('.') + key;
                    if (!m_names.contains(name))
                        m_names.append(name);
                    child = Mode::Record;
                }
                if (!value(child, name, depth + 1))
                    return false;
                if (peek(',')) {
                    ++m_at;
                    continue;
                }
                if (peek('}')) {
                    ++m_at;
                    return true;
                }
                return false;
            }
        }
        if (c == '[') {
            ++m_at;
            if (peek(']')) {
                ++m_at;
                return true;
            }
            while (true) {
                if (!value(mode == Mode::RecordsArray ? Mode::Record : Mode::Skip, {}, depth + 1))
                    return false;
                if (peek(',')) {
                    ++m_at;
                    continue;
                }
                if (peek(']')) {
                    ++m_at;
                    return true;
                }
                return false;
            }
        }
        if (c == '"') {
            QString ignored;
            return string(&ignored);
        }
        // A number, true, false or null: up to the next delimiter.
        const qsizetype start = m_at;
        while (m_at < m_bytes.size() && !QByteArrayView(",}] \t\r\n").contains(m_bytes.at(m_at)))
            ++m_at;
        return m_at > start;
    }

    const QByteArray &m_bytes;
    qsizetype m_at = 0;
    QStringList m_names;
};

} // namespace

QStringList SoqlColumnOrder::selectList(const QString &query)
{
    const QString text = query.trimmed();
    const qsizetype select = findTopLevelWord(text, QStringLiteral("SELECT"), 0);
    if (select != 0)
        return {};
    const qsizetype from = findTopLevelWord(text, QStringLiteral("FROM"), 6);
    if (from < 0)
        return {};
    static const QRegularExpression function(
        QStringLiteral(R"(^([A-Za-z_][A-Za-z0-9_]*)\s*\((.*)\)\s*([A-Za-z_][A-Za-z0-9_]*)?$)"));
    static const QRegularExpression field(QStringLiteral(R"(^([A-Za-z_][A-Za-z0-9_.]*)(\s+[A-Za-z_][A-Za-z0-9_]*)?$)"));
    QStringList names;
    int expressions = 0;
    const QStringList items = splitTopLevel(text.mid(6, from - 6));
    for (const QString &item : items) {
        if (item.startsWith(u'(')) { // a child subquery: its column is the relationship it reads
            const QString inner = item.mid(1, item.lastIndexOf(u')') - 1);
            const qsizetype innerFrom = findTopLevelWord(inner, QStringLiteral("FROM"), 0);
            if (innerFrom >= 0) {
                const QString rest = inner.mid(innerFrom + 4).simplified();
                names.append(rest.section(u' ', 0, 0));
            }
            continue;
        }
        if (item.startsWith(QLatin1String("TYPEOF "), Qt::CaseInsensitive)) {
            names.append(item.section(u' ', 1, 1));
            continue;
        }
        if (const auto m = function.match(item); m.hasMatch()) {
            const QString name = m.captured(1);
            const QString arguments = m.captured(2).trimmed();
            const QString alias = m.captured(3);
            if (name.compare(QLatin1String("COUNT"), Qt::CaseInsensitive) == 0 && arguments.isEmpty() && items.size() == 1)
                return {}; // SELECT COUNT() answers totalSize and no records
            if (name.compare(QLatin1String("FIELDS"), Qt::CaseInsensitive) == 0)
                continue; // the answer's own order names them
            if (isExpressionFunction(name)) {
                names.append(alias.isEmpty() ? QStringLiteral("expr%1").arg(expressions) : alias);
                if (alias.isEmpty())
                    ++expressions;
            } else {
                names.append(alias.isEmpty() ? arguments.section(u',', 0, 0).trimmed() : alias);
            }
            continue;
        }
        if (const auto m = field.match(item); m.hasMatch())
            names.append(m.captured(1));
    }
    return names;
}

QStringList SoqlColumnOrder::memberOrder(const QByteArray &answer)
{
    return MemberScanner(answer).scan();
}

QStringList SoqlColumnOrder::arrange(const QStringList &columns, const QStringList &selectList, const QStringList &memberOrder)
{
    constexpr auto kNone = std::numeric_limits<qsizetype>::max();
    const auto selectRank = [&selectList, kNone](const QString &column) {
        for (qsizetype i = 0; i < selectList.size(); ++i) {
            const QString &selected = selectList.at(i);
            if (column.compare(selected, Qt::CaseInsensitive) == 0
                || column.startsWith(selected + QLatin1Char('.'), Qt::CaseInsensitive) // under a TYPEOF or a whole relationship
                || selected.startsWith(column + QLatin1Char('.'), Qt::CaseInsensitive)) // a relationship that came back null
                return i;
        }
        return kNone;
    };
    const auto memberRank = [&memberOrder, kNone](const QString &column) {
        const qsizetype i = memberOrder.indexOf(column);
        return i < 0 ? kNone : i;
    };
    struct Ranked {
        qsizetype select;
        qsizetype member;
        qsizetype given;
        QString name;
    };
    QList<Ranked> ranked;
    for (qsizetype i = 0; i < columns.size(); ++i)
        ranked.append({ selectRank(columns.at(i)), memberRank(columns.at(i)), i, columns.at(i) });
    std::stable_sort(ranked.begin(), ranked.end(), [](const Ranked &a, const Ranked &b) {
        if (a.select != b.select)
            return a.select < b.select;
        if (a.member != b.member)
            return a.member < b.member;
        return a.given < b.given;
    });
    QStringList arranged;
    for (const Ranked &r : ranked)
        arranged.append(r.name);
    return arranged;
}

} // namespace jwtflow
