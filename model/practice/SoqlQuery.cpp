#include "practice/SoqlQuery.h"

namespace jwtflow {

namespace {

struct Token {
    enum Kind { Word, String, Number, Comma, Operator, Open, Close, Other, End } kind = End;
    QString text;
    int column = 0; // 1-based
};

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c == u'.';
}

// Splits on whitespace, commas, parentheses and comparison operators; strings in single quotes
// with backslash escapes.
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
        if (c == u',' || c == u'(' || c == u')') {
            t.kind = c == u',' ? Token::Comma : c == u'(' ? Token::Open : Token::Close;
            t.text = c;
            ++i;
        } else if (c == u'=' || c == u'<' || c == u'>' || (c == u'!' && i + 1 < n && soql.at(i + 1) == u'=')) {
            t.kind = Token::Operator;
            t.text = c;
            ++i;
            if (i < n && (soql.at(i) == u'=' || (c == u'<' && soql.at(i) == u'>')) && c != u'=')
                t.text += soql.at(i++);
        } else if (c == u'\'') {
            t.kind = Token::String;
            ++i;
            bool closed = false;
            while (i < n) {
                const QChar d = soql.at(i++);
                if (d == u'\\' && i < n) {
                    const QChar e = soql.at(i++);
                    t.text += e == u'n' ? QChar(u'\n') : e == u't' ? QChar(u'\t') : e;
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
        } else if (isWordChar(c) || (c == u'-' && i + 1 < n && soql.at(i + 1).isDigit())) {
            t.text += soql.at(i++);
            while (i < n && isWordChar(soql.at(i)))
                t.text += soql.at(i++);
            bool isNumber = false;
            t.text.toDouble(&isNumber);
            t.kind = isNumber && (t.text.at(0).isDigit() || t.text.at(0) == u'-') ? Token::Number : Token::Word;
        } else {
            t.kind = Token::Other;
            while (i < n && !soql.at(i).isSpace() && soql.at(i) != u',' && soql.at(i) != u'(' && soql.at(i) != u')')
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
    for (const char *k : { "SELECT", "FROM", "WHERE", "LIMIT", "ORDER", "GROUP", "BY", "AND", "OR", "NOT", "OFFSET", "IN", "LIKE",
             "ASC", "DESC", "NULLS", "HAVING", "WITH", "FOR", "TYPEOF" }) {
        if (isKeyword(t, k))
            return true;
    }
    return false;
}

bool isFieldToken(const Token &t)
{
    return t.kind == Token::Word && !isReserved(t) && !t.text.startsWith(u'.') && !t.text.endsWith(u'.')
        && !t.text.contains(QLatin1String(".."));
}

// Recursive descent over the token list; the first token it cannot take is the failure.
class Parser {
public:
    explicit Parser(const QList<Token> &tokens)
        : m_tokens(tokens)
    { }

    const Token &peek(qsizetype ahead = 0) const { return m_tokens.at(qMin(m_pos + ahead, m_tokens.size() - 1)); }
    const Token &take() { return m_tokens.at(qMin(m_pos++, m_tokens.size() - 1)); }
    const Token *failedAt() const { return m_failed; }

    bool fail(const Token &t)
    {
        if (!m_failed)
            m_failed = &t;
        return false;
    }

    bool field(SoqlQuery::Field *out)
    {
        const Token &t = take();
        if (!isFieldToken(t))
            return fail(t);
        out->path = t.text;
        out->column = t.column;
        return true;
    }

    bool literal(SoqlQuery::Literal *out)
    {
        const Token &t = take();
        out->column = t.column;
        out->text = t.text;
        if (t.kind == Token::String)
            out->kind = SoqlQuery::Literal::String;
        else if (t.kind == Token::Number)
            out->kind = SoqlQuery::Literal::Number;
        else if (isKeyword(t, "true") || isKeyword(t, "false")) {
            out->kind = SoqlQuery::Literal::Boolean;
            out->text = t.text.toLower();
        } else if (isKeyword(t, "null"))
            out->kind = SoqlQuery::Literal::Null;
        else
            return fail(t);
        return true;
    }

    bool comparison(SoqlQuery::Condition *out)
    {
        out->kind = SoqlQuery::Condition::Compare;
        if (!field(&out->field))
            return false;
        const Token &op = take();
        bool list = false;
        if (op.kind == Token::Operator) {
            static const QList<QPair<QString, SoqlQuery::Condition::Op>> ops = {
                { QStringLiteral("="), SoqlQuery::Condition::Equal }, { QStringLiteral("!="), SoqlQuery::Condition::NotEqual },
                { QStringLiteral("<>"), SoqlQuery::Condition::NotEqual }, { QStringLiteral("<"), SoqlQuery::Condition::Less },
                { QStringLiteral("<="), SoqlQuery::Condition::LessOrEqual },
                { QStringLiteral(">"), SoqlQuery::Condition::Greater },
                { QStringLiteral(">="), SoqlQuery::Condition::GreaterOrEqual }
            };
            bool known = false;
            for (const auto &[text, value] : ops) {
                if (op.text == text) {
                    out->op = value;
                    known = true;
                }
            }
            if (!known)
                return fail(op);
        } else if (isKeyword(op, "LIKE")) {
            out->op = SoqlQuery::Condition::Like;
        } else if (isKeyword(op, "IN")) {
            out->op = SoqlQuery::Condition::In;
            list = true;
        } else if (isKeyword(op, "NOT") && isKeyword(peek(), "IN")) {
            take();
            out->op = SoqlQuery::Condition::NotIn;
            list = true;
        } else {
            return fail(op);
        }
        if (!list) {
            SoqlQuery::Literal value;
            if (!literal(&value))
                return false;
            if (out->op == SoqlQuery::Condition::Like && value.kind != SoqlQuery::Literal::String)
                return fail(m_tokens.at(m_pos - 1));
            out->values << value;
            return true;
        }
        if (peek().kind != Token::Open)
            return fail(peek());
        take();
        for (;;) {
            SoqlQuery::Literal value;
            if (!literal(&value))
                return false;
            out->values << value;
            const Token &next = take();
            if (next.kind == Token::Close)
                return true;
            if (next.kind != Token::Comma)
                return fail(next);
        }
    }

    bool term(SoqlQuery::Condition *out)
    {
        if (isKeyword(peek(), "NOT")) {
            take();
            out->kind = SoqlQuery::Condition::Not;
            out->children.resize(1);
            return term(&out->children[0]);
        }
        if (peek().kind == Token::Open) {
            take();
            if (!expression(out))
                return false;
            const Token &close = take();
            return close.kind == Token::Close || fail(close);
        }
        return comparison(out);
    }

    bool expression(SoqlQuery::Condition *out)
    {
        SoqlQuery::Condition first;
        if (!term(&first))
            return false;
        std::optional<SoqlQuery::Condition::Kind> joiner;
        QList<SoqlQuery::Condition> terms { first };
        for (;;) {
            const Token &t = peek();
            SoqlQuery::Condition::Kind kind;
            if (isKeyword(t, "AND"))
                kind = SoqlQuery::Condition::And;
            else if (isKeyword(t, "OR"))
                kind = SoqlQuery::Condition::Or;
            else
                break;
            if (joiner && *joiner != kind)
                return fail(t); // SOQL wants parentheses where AND and OR meet
            joiner = kind;
            take();
            SoqlQuery::Condition next;
            if (!term(&next))
                return false;
            terms << next;
        }
        if (!joiner) {
            *out = first;
        } else {
            out->kind = *joiner;
            out->children = terms;
        }
        return true;
    }

    bool count(int *out)
    {
        const Token &t = take();
        if (t.kind != Token::Number || t.text.contains(u'.') || t.text.startsWith(u'-'))
            return fail(t);
        bool ok = false;
        *out = t.text.toInt(&ok);
        return ok || fail(t);
    }

private:
    const QList<Token> &m_tokens;
    qsizetype m_pos = 0;
    const Token *m_failed = nullptr;
};

} // namespace

QString SoqlQuery::errorMessage(const QString &soql, int column, const QString &text)
{
    return QStringLiteral("\n%1\n%2^\nERROR at Row:1:Column:%3\n%4")
        .arg(soql, QString(qMax(0, column - 1), QLatin1Char(' ')))
        .arg(column)
        .arg(text);
}

std::optional<SoqlQuery> SoqlQuery::parse(const QString &soql, Failure *failure)
{
    const QString text = soql.trimmed();
    bool ok = true;
    const QList<Token> tokens = tokenize(text, &ok);
    Parser p(tokens);
    const auto failed = [&]() -> std::optional<SoqlQuery> {
        const Token &t = p.failedAt() ? *p.failedAt() : p.peek();
        if (failure) {
            failure->errorCode = QStringLiteral("MALFORMED_QUERY");
            const QString shown = t.kind == Token::String ? QLatin1Char('\'') + t.text + QLatin1Char('\'') : t.text;
            failure->message = errorMessage(text, t.column, QStringLiteral("unexpected token: '%1'").arg(shown));
        }
        return std::nullopt;
    };

    SoqlQuery q;
    if (!isKeyword(p.peek(), "SELECT"))
        return p.fail(p.peek()), failed();
    p.take();
    if (isKeyword(p.peek(), "COUNT") && p.peek(1).kind == Token::Open && p.peek(2).kind == Token::Close) {
        q.count = true;
        p.take();
        p.take();
        p.take();
    } else {
        for (;;) {
            Field f;
            if (!p.field(&f))
                return failed();
            q.fields << f.path;
            q.fieldColumns << f.column;
            if (p.peek().kind != Token::Comma)
                break;
            p.take();
        }
    }
    if (!isKeyword(p.peek(), "FROM"))
        return p.fail(p.peek()), failed();
    p.take();
    const Token &object = p.take();
    if (!isFieldToken(object) || object.text.contains(u'.'))
        return p.fail(object), failed();
    q.object = object.text;
    q.objectColumn = object.column;
    if (isKeyword(p.peek(), "WHERE")) {
        p.take();
        Condition c;
        if (!p.expression(&c))
            return failed();
        q.where = c;
    }
    if (isKeyword(p.peek(), "ORDER")) {
        p.take();
        if (!isKeyword(p.peek(), "BY"))
            return p.fail(p.peek()), failed();
        p.take();
        for (;;) {
            Ordering o;
            if (!p.field(&o.field))
                return failed();
            if (isKeyword(p.peek(), "ASC")) {
                p.take();
            } else if (isKeyword(p.peek(), "DESC")) {
                p.take();
                o.descending = true;
            }
            if (isKeyword(p.peek(), "NULLS")) {
                p.take();
                if (isKeyword(p.peek(), "FIRST"))
                    o.nullsFirst = true;
                else if (isKeyword(p.peek(), "LAST"))
                    o.nullsFirst = false;
                else
                    return p.fail(p.peek()), failed();
                p.take();
            }
            q.orderBy << o;
            if (p.peek().kind != Token::Comma)
                break;
            p.take();
        }
    }
    if (isKeyword(p.peek(), "LIMIT")) {
        p.take();
        int n = 0;
        if (!p.count(&n))
            return failed();
        q.limit = n;
    }
    if (isKeyword(p.peek(), "OFFSET")) {
        p.take();
        int n = 0;
        if (!p.count(&n))
            return failed();
        q.offset = n;
    }
    if (p.peek().kind != Token::End || !ok)
        return p.fail(p.peek()), failed();
    return q;
}

} // namespace jwtflow
