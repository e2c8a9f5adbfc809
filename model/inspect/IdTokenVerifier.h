#pragma once

#include "core/Clock.h"
#include "crypto/KeyMaterial.h"
#include "crypto/Verification.h"
#include "inspect/HeaderKeys.h"
#include "inspect/TokenCheck.h"

#include <QString>

#include <optional>

namespace jwtflow {

class Jwt;

// Checks an OpenID Connect ID token the way a client must (OpenID Connect Core §3.1.3.7):
// signature with a key the user chose (a certificate, public key, JWK, or a JWKS entry picked by
// the token's kid), then iss, aud/azp, exp/nbf/iat with a stated clock skew, nonce and at_hash.
// Every check is reported, passed, failed or skipped, with a message saying why; nothing stops at
// the first failure, because a support engineer wants the whole picture. Keys in the token's own
// header are never used (HeaderKeys says what they would and would not prove).
class IdTokenVerifier {
public:
    static constexpr qint64 kDefaultSkewSecs = 60;

    // IdToken: exp, iat and iss are required (OIDC Core §2). AnyJwt: missing ones are skipped,
    // for access tokens and assertions looked at with the same checks.
    enum class Profile { IdToken, AnyJwt };

    struct Options {
        std::optional<KeyMaterial> keys; // what verifies the signature; none: the signature is skipped
        // Why the keys could not be had when they were to be fetched (KeyDiscovery's error): the
        // signature check fails with it when the issuer is the problem (a discovery document for
        // another issuer, an issuer that is no https URL), and is skipped when the network is.
        std::optional<Error> keysError;
        QString expectedIssuer; // compared exactly; empty: not compared
        QString clientId; // expected in aud (and equal to azp when present)
        QString nonce; // the nonce the client sent; empty: not compared
        QString accessToken; // for at_hash; empty: not checked
        QString accessTokenOrigin; // how messages name it: "the given access token", "the access_token of the same response"
        qint64 skewSecs = kDefaultSkewSecs;
        Profile profile = Profile::IdToken;
    };

    struct Report {
        TokenChecks checks;
        std::optional<Verification> signature; // when a key was tried
        QString keyUsed; // which key verified (or was tried), in words
        QString kid; // the JWKS entry chosen, when one was
        QList<HeaderKeys::Statement> headerKeys;
        // The algorithm or key type is one this build cannot check (PS*, ES*, EdDSA, an EC JWK, JWE).
        bool signatureUnsupported = false;

        bool anyFailed() const;
        bool signatureVerified() const { return signature && signature->isVerified(); }
        const TokenCheck *check(const QString &name) const; // nullptr when absent
    };

    static Report verify(const Jwt &jwt, const Options &options, const Clock &clock = SystemClock::instance());

    // Whether a keysError makes the signature check fail (the issuer is the problem) rather than
    // be skipped (the network is).
    static bool keysErrorFails(const Error &keysError);

    // What aud is expected to name, in words: an ID token's is its client ("client id", OIDC Core
    // §2); any other JWT's is the recipient that is to accept it ("audience": an access token's
    // API, RFC 9068 §3), which is not the client.
    static QString audienceRole(Profile profile);

    // base64url of the left half of the hash the alg names (SHA-256 for RS256/HS256/ES256/PS256,
    // and so on), as at_hash and c_hash are made (OIDC Core §3.1.3.6). Empty when the alg names no hash.
    static QString leftHalfHash(const QString &alg, const QString &value);
    static int hashBitsFor(const QString &alg); // 256, 384, 512, or 0
};

} // namespace jwtflow
