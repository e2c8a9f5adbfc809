#pragma once

#include "practice/PracticeRecords.h"
#include "practice/PracticeReply.h"
#include "practice/SoqlQuery.h"

namespace jwtflow {

// Answers a parsed SOQL query over the practice org's records the way the REST query resource
// does (salesforce-wire.md §4.3): {"totalSize","done","records"} with each record's attributes
// first and relationship fields as nested records (null where the lookup is empty); COUNT()
// gives totalSize with no records; &columns=true gives sf data query's column metadata. Unknown
// objects are INVALID_TYPE, unknown fields and relationships INVALID_FIELD, a quoted value for a
// boolean field (or an unquoted one for a text field) INVALID_FIELD, all worded as Salesforce
// words them, with the caret under the culprit.
class SoqlRunner {
public:
    SoqlRunner(const PracticeRecords &records, const QString &version)
        : m_records(records)
        , m_version(version)
    { }

    // `text` is the query as sent, trimmed: the error messages quote it.
    PracticeReply run(const SoqlQuery &query, const QString &text, bool columnsOnly) const;

private:
    const PracticeRecords &m_records;
    QString m_version;
};

} // namespace jwtflow
