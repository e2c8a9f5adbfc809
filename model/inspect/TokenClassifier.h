#pragma once

#include <QString>

namespace jwtflow {

class Jwt;

// Says what a token is, in words, and what it is good for. The point for support engineers:
// an ID token authenticates a user to a client; it never authorises an API call.
class TokenClassifier {
public:
    enum class Kind {
        IdToken, // OpenID Connect ID token
        JwtAccessToken, // an access token that happens to be a JWT (Entra, at+jwt …)
        BearerAssertion, // an RFC 7523 assertion a client sends to get a token
        ClientAssertion, // a private_key_jwt client assertion (Entra certificate credentials)
        SalesforceAccessToken, // opaque 00D…!… session id
        EncryptedToken, // JWE
        OtherJwt, // a JWT of no recognised use
        NotAToken
    };

    struct Classification {
        Kind kind = Kind::NotAToken;
        QString title; // "OpenID Connect ID token"
        QString explanation; // what it is, two or three sentences
        QString canDo; // what it can and cannot be used for, and what to do instead
    };

    static Classification classify(const QString &token);
    static Classification classify(const Jwt &jwt);
    static QString kindName(Kind kind); // stable, for --json
};

} // namespace jwtflow
