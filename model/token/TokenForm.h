#pragma once

#include "token/Jwt.h"

#include <QString>
#include <QStringList>
#include <memory>

namespace jwtflow {

// What kind of token a parsed Jwt is, in the words `decode`, `verify`, `inspect` and the window
// all use: a signed JWS, an unsecured token (alg "none", with or without a signature: never
// "signed"), an encrypted JWE (five parts and an "enc"; Jwt::parse refuses five parts without
// one as "jwt.malformed-five-part"), or a nested JWT (cty "JWT", RFC 7519 §5.2) whose inner
// token is read too.
class TokenForm {
public:
    enum class Kind { Jws, Unsecured, Jwe, Nested };

    Kind kind = Kind::Jws;
    QString code; // "jws", "unsecured", "jwe", "nested-jwt": stable, for --json and tests
    QString title; // "signed (JWS)", "unsecured (alg none: not signed)", ...
    QStringList notes; // what a reader must know: a signature under alg none, a stripped one, the inner layer
    std::shared_ptr<const Jwt> inner; // the nested token, when it could be read
    bool innerUnsigned = false; // the nested token is alg none / has no signature

    static TokenForm of(const Jwt &jwt);
};

} // namespace jwtflow
