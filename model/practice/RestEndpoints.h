#pragma once

#include "practice/PracticeReply.h"
#include "practice/PracticeRequest.h"
#include "practice/PracticeState.h"
#include "practice/SoqlQuery.h"

#include <QList>
#include <QPair>
#include <QString>

namespace jwtflow {

// The REST API the flow's users and `sf org login jwt` touch (salesforce-wire.md §4.3, §5.4,
// §8.5–8.7): GET /services/data (no token needed), /services/data/vNN.0 (the resource map),
// .../query?q=SOQL over the seeded records (SoqlRunner; &columns=true for sf data query), .../tooling/query (always empty),
// .../sobjects/<Type>/<Id>. Errors in Salesforce's array form; a bad token gets 401 INVALID_SESSION_ID, after which sf re-runs
// the JWT grant.
class RestEndpoints {
public:
    explicit RestEndpoints(PracticeState &state)
        : m_state(state)
    { }

    // `rest` is the path after /services/data ("", "/v62.0", "/v62.0/query", ...).
    PracticeReply handle(const PracticeRequest &request, const QString &rest);

    // Every version served, oldest first ("31.0" ... the org's newest).
    QStringList versions() const;
    // "Summer '14" for 31.0: three releases a year, Winter, Spring, Summer.
    static QString releaseLabel(int major);

private:
    PracticeReply versionList() const;
    PracticeReply resources(const QString &version, const QString &userId) const;
    PracticeReply query(const PracticeRequest &request, const QString &version, bool tooling);
    PracticeReply record(const QString &version, const QString &type, const QString &id);

    PracticeState &m_state;
};

} // namespace jwtflow
