#pragma once

#include <QString>
#include <QStringList>

namespace jwtflow {

class Jwt;

// What an inspected token can pre-fill in the JWT bearer flow (main tab), where it maps at all.
// An ID token's aud (or azp) is the client id, which is the connected app's consumer key: the
// assertion's iss. Its preferred_username is the Salesforce username: the assertion's sub (an ID
// token's own sub is an identity URL or opaque id, which Salesforce would not accept as sub).
// Its iss is the login host the assertion's aud names. A bearer assertion maps one to one.
struct BearerFlowHint {
    QString iss; // consumer key; empty when nothing maps
    QString sub; // username; empty when nothing maps
    QString audience; // login host, e.g. https://login.salesforce.com; empty when nothing maps
    QStringList notes; // how each value was mapped, or why it was not

    bool isEmpty() const { return iss.isEmpty() && sub.isEmpty(); }

    static BearerFlowHint fromToken(const Jwt &jwt);
};

} // namespace jwtflow
