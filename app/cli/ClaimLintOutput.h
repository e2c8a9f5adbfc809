#pragma once

#include "flow/Lint.h"

#include <QJsonArray>
#include <QList>

namespace jwtflow {
class Jwt;
}

namespace jwtflow::cli {

// The window's claim checks (ClaimsLinter) for a token given to decode or verify: missing exp,
// exp in milliseconds, aud forms, iss and sub shapes — for the host its aud names. Only for
// tokens that read as bearer assertions (ClaimsLinter::looksLikeAssertion); none for JWE.
QList<Lint> assertionLints(const Jwt &jwt);
QJsonArray lintsToJson(const QList<Lint> &lints);
// "Checks:" then one line per lint and its fix; nothing when there are none.
void printLints(const QList<Lint> &lints);

} // namespace jwtflow::cli
