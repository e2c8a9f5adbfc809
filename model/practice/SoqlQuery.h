#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace jwtflow {

// The SOQL the practice org understands: SELECT field, field FROM Object [WHERE Field = 'value']
// [LIMIT n], keywords in any case. Anything else is refused the way Salesforce words it: the
// query, a caret under the offending token, "ERROR at Row:1:Column:N" and "unexpected token: 'X'"
// (MALFORMED_QUERY). Which objects and fields exist is the caller's business (INVALID_TYPE,
// INVALID_FIELD use errorMessage() with their own text).
class SoqlQuery {
public:
    QStringList fields; // as written
    QString object;     // as written
    QString whereField; // empty: no WHERE
    QString whereValue;
    std::optional<int> limit;
    // 1-based columns of each field and of the object, for error messages that point at them.
    QList<int> fieldColumns;
    int objectColumn = 0;

    struct Failure {
        QString errorCode; // "MALFORMED_QUERY"
        QString message;   // Salesforce's multi-line text
    };

    static std::optional<SoqlQuery> parse(const QString &soql, Failure *failure);

    // "\n<query>\n<spaces>^\nERROR at Row:1:Column:<column>\n<text>", the shape of Salesforce's SOQL errors.
    static QString errorMessage(const QString &soql, int column, const QString &text);
};

} // namespace jwtflow
