#pragma once

#include "practice/PracticeReply.h"
#include "practice/PracticeRequest.h"
#include "practice/PracticeState.h"

#include <QHash>
#include <QString>

namespace jwtflow {

// POST /services/oauth2/token: the JWT bearer grant. A refusal is Salesforce's 400 with its exact
// body (AssertionValidator); a grant is a new access token (opaque, or a JWT when the app issues
// JWT-based access tokens) and Salesforce's five fields (access_token, scope, instance_url, id,
// token_type, §2), plus an id_token when the app has the
// openid scope, plus issued_at and signature only when the app is configured to send them.
class TokenEndpoint {
public:
    explicit TokenEndpoint(PracticeState &state)
        : m_state(state)
    { }

    PracticeReply handle(const PracticeRequest &request);

    // base64(HMAC-SHA256(consumer secret, id + issued_at)): how Salesforce signs its web-server
    // and refresh answers, so a client can check the id URL was not swapped.
    static QString signature(const QString &consumerSecret, const QString &id, const QString &issuedAt);

private:
    QString idToken(const OrgDirectory::User &user, const QString &consumerKey);

    PracticeState &m_state;
    struct CachedIdToken {
        qint64 iat = 0;
        QString token;
    };
    // Minting signs with RSA (~0.3 ms, the dearest step of an exchange): an ID token for the same
    // user and app within the same second would be byte-identical, so it is reused.
    QHash<QString, CachedIdToken> m_idTokens;
};

} // namespace jwtflow
