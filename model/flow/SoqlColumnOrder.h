#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace jwtflow {

// The order of a SOQL answer's columns: the order of the query's SELECT list, as Salesforce sends
// the fields of each record (QJsonObject forgets it and keeps members by name). The SELECT list
// gives the names (relationship fields as "Owner.Name", a child subquery as its relationship
// name, an aggregate as its alias or "expr0", "expr1", … as the SOQL reference names them);
// what it cannot name (FIELDS(ALL), TYPEOF branches, a query that cannot be read) takes the
// order in which the answer's bytes list the record's members. Salesforce's "attributes" is not
// a column. SOQL SELECT syntax:
// https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select.htm
class SoqlColumnOrder {
public:
    // The column names of the query's SELECT list, in order; empty for COUNT() (no records come
    // back) and for text that is not a SELECT. A TYPEOF gives its relationship ("What"), whose
    // dotted columns follow it; FIELDS(…) gives nothing (its columns take the answer's order).
    static QStringList selectList(const QString &query);

    // The dotted names of the members of the records of a SOQL answer ({"records": [...]}), in
    // the order the bytes list them, first appearance first; "attributes" left out. Empty for
    // bytes that are not such an answer.
    static QStringList memberOrder(const QByteArray &answer);

    // `columns` in SELECT order (names compared without case, as SOQL does; a column under a
    // selected relationship follows it), then in the answer's member order, then as given.
    static QStringList arrange(const QStringList &columns, const QStringList &selectList, const QStringList &memberOrder);
};

} // namespace jwtflow
