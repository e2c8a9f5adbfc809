#pragma once

#include "core/Result.h"
#include "crypto/PrivateKey.h"
#include "practice/OrgDirectory.h"

#include <QString>
#include <QStringList>

namespace jwtflow {

// The practice org's JWT-based access tokens, for an app with "Issue JSON Web Token (JWT)-based
// access tokens for named users" on. Signed RS256 with the org's signing key, under the kid
// published at /id/keys, so a client can verify one through discovery like an ID token.
//
// Header, as Salesforce Help "JWT-Based Access Tokens" documents it: alg RS256 (the only one
// Salesforce uses), typ JWT, kid, tty "sfdc-core-token", tnk (the tenant key naming the org) and
// ver (the version of Salesforce's JWT library).
// Payload: the page's claim table could not be read here, so the claims are RFC 9068's (JWT
// Profile for OAuth 2.0 Access Tokens §2.2: iss, exp, aud, sub, client_id, iat, jti) plus nbf and
// Salesforce's scp (the granted scopes, space-separated), the names the tokens Salesforce's own
// Mobile SDKs decode carry (forcedotcom/SalesforceMobileSDK-Android, JwtAccessTokenTest). No
// other Salesforce claim is made up.
class JwtAccessTokenMinter {
public:
    JwtAccessTokenMinter() = default;
    JwtAccessTokenMinter(const PrivateKey &signingKey, const QString &kid)
        : m_key(signingKey)
        , m_kid(kid)
    { }

    struct Grant {
        QString issuer; // the org's URL, no trailing slash: iss, and the one audience
        QString userId; // 18 characters
        QString consumerKey;
        QStringList scopes;
        qint64 issuedAt = 0; // seconds since the epoch
        qint64 expiresAt = 0;
    };

    bool isNull() const { return m_key.isNull(); }

    // Error codes "practice.access-token.*" and Signer's.
    Result<QString> mint(const OrgDirectory &directory, const Grant &grant) const;

    // "core/<instance>/<org id>": the shape of tnk in tokens Salesforce issues.
    static QString tenantKey(const OrgDirectory &directory);

private:
    PrivateKey m_key;
    QString m_kid;
};

} // namespace jwtflow
