#pragma once

#include <QString>
#include <QStringView>

namespace jwtflow {

// Salesforce record ids: 15 case-sensitive characters, or 18 with a 3-character suffix that
// encodes the case of the first 15 (so case-insensitive tools can tell ids apart). Identity URLs
// carry 18-character ids and the urls map inside the identity answer the 15-character org id.
class SalesforceId {
public:
    static bool isValid(QStringView id); // 15 or 18 alphanumerics, and a matching suffix when 18
    static QString to18(QStringView id); // a 15-character id with its suffix; an 18 as it is
    static QString to15(QStringView id); // the first 15 characters
    static QString checksum(QStringView id15);
    // Whether two ids name the same record (15 vs 18 characters).
    static bool same(QStringView a, QStringView b);
};

} // namespace jwtflow
