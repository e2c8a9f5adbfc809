#pragma once

#include "practice/OrgDirectory.h"

#include <QList>
#include <QString>
#include <optional>

namespace jwtflow {

// Settings of the practice app that change what a granted exchange answers, off by default as
// in Salesforce: the trainer's "App settings" tab and `jwtflow-cli practice-org` switch them on
// the first app; a config file sets them per app (OrgDirectory::App). Each says what it is, where
// Setup keeps it for a connected app and for an External Client App, and what changes.
class PracticeAppOption {
public:
    enum class Id {
        JwtAccessTokens, // the access token is a signed JWT (App::jwtAccessTokens)
        IdTokenInJwtGrant, // an id_token beside it when the app has openid (App::idTokenInJwtGrant)
    };

    static QList<Id> all();
    static QString name(Id id); // the config file's member: "jwtAccessTokens"
    static QString title(Id id); // one line, for a check box
    static QString explanation(Id id); // what it does and where Setup keeps it, for the trainer
    static std::optional<Id> fromName(const QString &name);

    static bool isOn(const OrgDirectory::App &app, Id id);
    static void set(OrgDirectory::App &app, Id id, bool on);
};

} // namespace jwtflow
