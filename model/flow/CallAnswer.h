#pragma once

#include "flow/HttpExchangeRecord.h"

#include <QJsonArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace jwtflow {

// What an API call answered, read for showing as data rather than as HTTP text: a JSON object
// (the identity URL, a resource) as fields with dotted names for nested members, a SOQL answer
// as its records, the /services/data answer as the list of API versions, a Salesforce error list
// as its messages. The raw exchange stays in the record.
class CallAnswer {
public:
    enum class Kind {
        None, // no answer (network failure), or an empty body
        Fields, // a JSON object
        Records, // a SOQL answer: {"totalSize", "done", "records": [...]}
        Versions, // [{"label", "url", "version"}, ...]
        Message, // a Salesforce error list, non-JSON text, or JSON of another shape
    };

    struct Version {
        QString version; // "62.0"
        QString label; // "Winter '25"
        QString url; // "/services/data/v62.0"
    };

    static CallAnswer read(const HttpExchangeRecord &record);

    Kind kind = Kind::None;
    QList<QPair<QString, QString>> fields; // Fields: "urls.rest" → value, by name
    QJsonArray records; // Records
    QStringList columnOrder; // Records: the columns the query's SELECT list names, in its order
    QStringList memberOrder; // Records: the records' members in the order the answer's bytes list them
    qint64 totalSize = 0; // Records: how many the query matched
    bool done = true; // Records: false when more pages wait (nextRecordsUrl)
    QList<Version> versions; // Versions, newest first
    QString message; // Message: the text to show

    // "3 records", "2 of 2,500 records (more pages)": for a table's caption.
    QString recordsCaption() const;
};

} // namespace jwtflow
