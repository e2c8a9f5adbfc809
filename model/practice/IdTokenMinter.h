#pragma once

#include "core/Clock.h"
#include "core/Result.h"
#include "crypto/PrivateKey.h"
#include "practice/OrgDirectory.h"

#include <QJsonObject>
#include <QString>

namespace jwtflow {

// What to put in a minted ID token besides the user's claims (namespace scope: a nested struct
// with member initialisers cannot be a default argument of its own class's functions).
struct IdTokenOptions {
    QString audience; // empty: the app's consumer key (a wrong aud is a test case)
    QString kid; // empty: the signing key's (another kid is a test case)
    bool expired = false; // exp before now (iat moved back as well)
    QString accessToken; // for at_hash
    QString nonce;
};

// OpenID Connect ID tokens from the practice org, signed RS256 with the org's signing key and
// published with its kid at /id/keys. The claims follow Salesforce's ID tokens: iss = the org's
// URL, sub = the identity URL, aud = the consumer key, exp, iat, auth_time, at_hash with an
// access token, nonce when given, and the profile claims of the user.
class IdTokenMinter {
public:
    static constexpr qint64 kLifetimeSecs = 300; // Salesforce ID tokens live for minutes

    using Options = IdTokenOptions;

    IdTokenMinter() = default;
    IdTokenMinter(const PrivateKey &signingKey, const QString &kid)
        : m_key(signingKey)
        , m_kid(kid)
    { }

    bool isNull() const { return m_key.isNull(); }
    QString kid() const { return m_kid; }
    const PrivateKey &key() const { return m_key; }

    // `issuer` is the org's URL (no trailing slash). Error codes "practice.id-token.*" and Signer's.
    Result<QString> mint(const OrgDirectory &directory, const OrgDirectory::User &user, const QString &consumerKey,
        const QString &issuer, const Clock &clock, const Options &options = {}) const;

    // The public JWK Set with the signing key ({"keys":[{kty,n,e,alg,use,kid}]}).
    QJsonObject jwks() const;
    // A kid for a key in Salesforce's style (a short number), stable for the key.
    static QString kidFor(const PublicKey &key);
    // base64url of the left half of SHA-256 of the token (OIDC Core §3.1.3.6).
    static QString atHash(const QString &accessToken);

private:
    PrivateKey m_key;
    QString m_kid;
};

} // namespace jwtflow
