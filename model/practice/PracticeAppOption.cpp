#include "practice/PracticeAppOption.h"

#include <QCoreApplication>

namespace jwtflow {

QList<PracticeAppOption::Id> PracticeAppOption::all()
{
    return { Id::JwtAccessTokens, Id::IdTokenInJwtGrant };
}

QString PracticeAppOption::name(Id id)
{
    switch (id) {
    case Id::JwtAccessTokens:
        return QStringLiteral("jwtAccessTokens");
    case Id::IdTokenInJwtGrant:
        break;
    }
    return QStringLiteral("idTokenInJwtGrant");
}

QString PracticeAppOption::title(Id id)
{
    switch (id) {
    case Id::JwtAccessTokens:
        return QCoreApplication::translate("PracticeAppOption", "Issue JWT-based access tokens");
    case Id::IdTokenInJwtGrant:
        break;
    }
    return QCoreApplication::translate("PracticeAppOption", "Add an id_token to the answer (openid scope)");
}

QString PracticeAppOption::explanation(Id id)
{
    switch (id) {
    case Id::JwtAccessTokens:
        // Setup paths: Salesforce Help, "Configure a Connected App to Issue JWT-Based Access
        // Tokens" and "Configure an External Client App to Issue JWT-Based Access Tokens".
        return QCoreApplication::translate("PracticeAppOption",
            "The access token becomes a JWT signed RS256 by the org (header tty \"sfdc-core-token\", tnk, ver; claims iss, aud, "
            "sub, scp, client_id, exp, jti) instead of an opaque session id. It still authorises API calls as a Bearer token; "
            "Salesforce accepts it for REST APIs only. A service can verify it with the org's published keys (/id/keys) "
            "without calling Salesforce, but a client should treat it as opaque: Inspect shows what is inside. In Setup: "
            "External Client App Manager ▸ the app ▸ Edit Settings ▸ OAuth Settings ▸ Security; for an existing connected app, "
            "App Manager ▸ the app ▸ Edit ▸ API (Enable OAuth Settings) ▸ \"Issue JSON Web Token (JWT)-based access tokens for "
            "named users\".");
    case Id::IdTokenInJwtGrant:
        break;
    }
    return QCoreApplication::translate("PracticeAppOption",
        "Salesforce's documented JWT bearer answer has five fields and no id_token, even with the openid scope. This adds "
        "one (signed by the org, aud = the consumer key) to practise ID tokens: Inspect it and verify it against the "
        "org's keys. An ID token says who signed in; it never authorises an API call.");
}

std::optional<PracticeAppOption::Id> PracticeAppOption::fromName(const QString &text)
{
    for (const Id id : all()) {
        if (name(id) == text)
            return id;
    }
    return std::nullopt;
}

bool PracticeAppOption::isOn(const OrgDirectory::App &app, Id id)
{
    switch (id) {
    case Id::JwtAccessTokens:
        return app.jwtAccessTokens;
    case Id::IdTokenInJwtGrant:
        break;
    }
    return app.idTokenInJwtGrant;
}

void PracticeAppOption::set(OrgDirectory::App &app, Id id, bool on)
{
    switch (id) {
    case Id::JwtAccessTokens:
        app.jwtAccessTokens = on;
        return;
    case Id::IdTokenInJwtGrant:
        break;
    }
    app.idTokenInJwtGrant = on;
}

} // namespace jwtflow
