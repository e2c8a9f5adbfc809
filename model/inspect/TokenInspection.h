#pragma once

#include "core/Clock.h"
#include "inspect/ClaimDictionary.h"
#include "inspect/IdTokenVerifier.h"
#include "inspect/TokenClassifier.h"
#include "inspect/TokenFinder.h"
#include "token/Jwt.h"

#include <QList>
#include <QString>

#include <optional>

namespace jwtflow {

// Everything recognisable in what a support engineer was handed: each token found (TokenFinder),
// what it is (TokenClassifier), its header and claims in plain words (ClaimDictionary). Shared by
// the inspector tab and `jwtflow-cli inspect`, so both say the same things.
class TokenInspection {
public:
    struct Item {
        TokenFinder::Found found;
        TokenClassifier::Classification classification;
        std::optional<Jwt> jwt; // when it decodes as a JWT (signed, unsecured or encrypted)
        bool opaqueRefreshToken = false; // a refresh_token field that is not a JWT, as is normal
        QList<ClaimDictionary::Explained> header;
        QList<ClaimDictionary::Explained> claims;

        bool isToken() const { return classification.kind != TokenClassifier::Kind::NotAToken || opaqueRefreshToken; }
        // A JWT whose signature and claims can be checked (not a JWE, not opaque).
        bool isVerifiable() const { return jwt && jwt->kind() != Jwt::Kind::Encrypted; }
        QString issuer() const; // the iss claim, or empty
        // Stable, for --json: TokenClassifier::kindName, or "refresh_token".
        QString kindName() const;
        // ID tokens must carry exp, iat, iss; other JWTs are checked with what they have.
        IdTokenVerifier::Profile profile() const;
    };

    static QList<Item> inspect(const QString &input, const Clock &clock = SystemClock::instance());

    // The access token found next to an ID token (same response, URL or form), for at_hash; empty if none.
    static QString companionAccessToken(const QList<Item> &items);
};

} // namespace jwtflow
