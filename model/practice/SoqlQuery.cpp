#include "practice/SoqlQuery.h"

namespace jwtflow {

namespace {

struct Token {
    enum Kind { Word, String, Number, Comma, Equals, Other, End } kind = End;
    QString text;
    int column = 0; // 1-based
};

// Splits on whitespace, commas and '='; strings in single quotes with backslash escapes.
QList<Token> tokenize(const QString &soql, bool *ok)
{
    QList<Token> tokens;
    *ok = true;
    qsizetype i = 0;
    const qsizetype n = soql.size();
    while (i < n) {
        const QChar c = soql.at(i);
        if (c.isSpace()) {
            ++i;
            continue;
        }
        Token t;
        t.column = int(i + 1);
        if (c == u',') {
            t.kind = Token::Comma;
            t.text = QStringLiteral(",");
            ++i;
        } else if (c == u'=') {
            t.kind = Token::Equals;
            t.text = QStringLiteral("=");
            ++i;
        } else if (c == u'\'') {
            t.kind = Token::String;
            ++i;
            bool closed = false;
            while (i < n) {
                const QChar d = soql.at(i++);
                if (d == u'\\' && i < n) {
                    t.text += soql.at(i++);
                } else if (d == u'\'') {
                    closed = true;
                    break;
                } else {
                    t.text += d;
                }
            }
            if (!closed) {
                *ok = false;
                t.kind = Token::Other;
                t.text = soql.mid(t.column - 1);
            }
        } else if (c.isLetterOrNumber() || c == u'_' || c == u'.') {
            while (i < n && (soql.at(i).isLetterOrNumber() || soql.at(i) == u'_' || soql.at(i) == u'.'))
                t.text += soql.at(i++);
            bool isNumber = false;
            t.text.toInt(&isNumber);
            t.kind = isNumber ? Token::Number : Token::Word;
        } else {
            t.kind = Token::Other;
            while (i < n && !soql.at(i).isSpace() && soql.at(i) != u',')
                t.text += soql.at(i++);
        }
        tokens << t;
    }
    Token end;
    end.kind = Token::End;
    end.text = QStringLiteral("<EOF>");
    end.column = int(n + 1);
    tokens << end;
    return tokens;
}

bool isKeyword(const Token &t, const char *keyword)
{
    return t.kind == Token::Word && t.text.compare(QLatin1String(keyword), Qt::CaseInsensitive) == 0;
}

bool isReserved(const Token &t)
{
    for (const char *k : {"SELECT", "FROM", "WHERE", "LIMIT", "ORDER", "GROUP", "BY", "AND", "OR", "OFFSET"}) {
        if (isKeyword(t, k))
            return true;
    }
    return false;
}

} // namespace

QString SoqlQuery::errorMessage(const QString &soql, int column, const QString &text)
{
    return QStringLiteral("\n%1\n%2^\nERROR at Row:1:Column:%3\n%4").arg(soql, QString(qMax(0, column - 1), QLatin1Char(' '))).arg(column).arg(text);
}

std::optional<SoqlQuery> SoqlQuery::parse(const QString &soql, Failure *failure)
{
    const QString text = soql.trimmed();
    bool ok = true;
    const QList<Token> tokens = tokenize(text, &ok);
    qsizetype pos = 0;
    const auto fail = [&](const Token &t) -> std::optional<SoqlQuery> {
        if (failure) {
            failure->errorCode = QStringLiteral("MALFORMED_QUERY");
            failure->message = errorMessage(text, t.column, QStringLiteral("unexpected token: '%1'").arg(t.text));
        }
        return std::nullopt;
    };

    SoqlQuery q;
    if (!isKeyword(tokens.at(pos), "SELECT"))
        return fail(tokens.at(pos));
    ++pos;
    for (;;) {
        const Token &field = tokens.at(pos);
        if (field.kind != Token::Word || isReserved(field))
            return fail(field);
        q.fields << field.text;
        q.fieldColumns << field.column;
        ++pos;
        if (tokens.at(pos).kind == Token::Comma) {
            ++pos;
            continue;
        }
        break;
    }
    if (!isKeyword(tokens.at(pos), "FROM"))
        return fail(tokens.at(pos));
    ++pos;
    const Token &object = tokens.at(pos);
    if (object.kind != Token::Word || isReserved(object) || object.text.contains(u'.'))
        return fail(object);
    q.object = object.text;
    q.objectColumn = object.column;
    ++pos;
    if (isKeyword(tokens.at(pos), "WHERE")) {
        ++pos;
        const Token &field = tokens.at(pos);
        if (field.kind != Token::Word || isReserved(field))
            return fail(field);
        ++pos;
        if (tokens.at(pos).kind != Token::Equals)
            return fail(tokens.at(pos));
        ++pos;
        const Token &value = tokens.at(pos);
        if (value.kind != Token::String)
            return fail(value);
        q.whereField = field.text;
        q.whereValue = value.text;
        ++pos;
    }
    if (isKeyword(tokens.at(pos), "LIMIT")) {
        ++pos;
        const Token &value = tokens.at(pos);
        if (value.kind != Token::Number || value.text.toInt() < 0)
            return fail(value);
        q.limit = value.text.toInt();
        ++pos;
    }
    if (tokens.at(pos).kind != Token::End || !ok)
        return fail(tokens.at(pos));
    return q;
}

} // namespace jwtflow
