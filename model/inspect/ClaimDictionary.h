#pragma once

#include "core/Clock.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace jwtflow {

// Plain-words meanings of the claims people meet in JWTs: registered JWT claims (RFC 7519),
// OpenID Connect, Salesforce identity claims and URLs, common Microsoft Entra claims.
class ClaimDictionary {
public:
    struct Entry {
        QString name;
        QString title; // "Expiration time"
        QString meaning; // one or two sentences
        QString source; // "RFC 7519", "OpenID Connect", "Salesforce", "Microsoft Entra"
    };

    struct Explained {
        QString name;
        QString value; // the value as text; times also in words
        QString title;
        QString meaning; // empty for unknown claims
        QString source;
        bool known = false;
        QStringList notes; // e.g. a float or milliseconds NumericDate
    };

    static const Entry *find(const QString &name);
    static QList<Explained> explain(const QJsonObject &claims, const Clock &clock);
    static QList<Explained> explainHeader(const QJsonObject &header);
};

} // namespace jwtflow
