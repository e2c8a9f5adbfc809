#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace jwtflow {

// The SOQL the practice org understands, keywords in any case:
//   SELECT field, Relation.field, ... | SELECT COUNT()
//   FROM Object
//   [WHERE condition]            =, !=, <>, <, <=, >, >=, LIKE, IN (...), NOT IN (...), AND, OR,
//                                NOT, parentheses; 'text', numbers, true, false, null
//   [ORDER BY field [ASC|DESC] [NULLS FIRST|LAST], ...]
//   [LIMIT n] [OFFSET n]
// Anything else is refused the way Salesforce words it: the query, a caret under the offending
// token, "ERROR at Row:1:Column:N" and "unexpected token: 'X'" (MALFORMED_QUERY). As in SOQL,
// AND and OR at the same level need parentheses ("A AND B OR C" is refused at the OR). Which
// objects and fields exist is the caller's business (INVALID_TYPE, INVALID_FIELD use
// errorMessage() with their own text).
class SoqlQuery {
public:
    struct Field {
        QString path; // as written: "Name", "Owner.Name"
        int column = 0; // 1-based, in the trimmed query
    };

    struct Literal {
        enum Kind { String, Number, Boolean, Null } kind = Null;
        QString text; // the string's value, the number's digits, "true"/"false"
        int column = 0;
    };

    struct Condition {
        enum Kind { Compare, And, Or, Not } kind = Compare;
        enum Op { Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual, Like, In, NotIn } op = Equal;
        Field field; // Compare
        QList<Literal> values; // Compare: one, or the IN list
        QList<Condition> children; // And, Or: two or more; Not: one
    };

    struct Ordering {
        Field field;
        bool descending = false;
        bool nullsFirst = true; // SOQL's default, whatever the direction
    };

    QStringList fields; // as written; empty for COUNT()
    QList<int> fieldColumns;
    bool count = false; // SELECT COUNT(): totalSize only, no records
    QString object; // as written
    int objectColumn = 0;
    std::optional<Condition> where;
    QList<Ordering> orderBy;
    std::optional<int> limit;
    std::optional<int> offset;

    struct Failure {
        QString errorCode; // "MALFORMED_QUERY"
        QString message; // Salesforce's multi-line text
    };

    static std::optional<SoqlQuery> parse(const QString &soql, Failure *failure);

    // "\n<query>\n<spaces>^\nERROR at Row:1:Column:<column>\n<text>", the shape of Salesforce's SOQL errors.
    static QString errorMessage(const QString &soql, int column, const QString &text);
};

} // namespace jwtflow
