#include "inspect/TokenVerdict.h"

#include "crypto/PublicKey.h"
#include "crypto/Verifier.h"
#include "token/Jwt.h"

namespace jwtflow {

Verification TokenVerdict::strict(const Jwt &jwt, Verification verification)
{
    if (verification.outcome != Verification::Outcome::Verified || !jwt.hasStrictJsonProblems())
        return verification;
    verification.outcome = Verification::Outcome::JsonInvalid;
    verification.message
        = QStringLiteral("Signature valid, but the JSON is not valid; servers will reject it: %1.").arg(jwt.strictJsonSummary());
    return verification;
}

std::optional<Verification> TokenVerdict::refusalWithoutKey(const Jwt &jwt)
{
    const Verification early = Verifier::verify(jwt, PublicKey {}); // a null key: only what needs no key is decided
    if (early.outcome == Verification::Outcome::Invalid || early.outcome == Verification::Outcome::Unsecured)
        return early;
    if (early.outcome == Verification::Outcome::Unsupported)
        return std::nullopt;
    const QJsonValue kid = jwt.header().value(QStringLiteral("kid"));
    if (!kid.isUndefined() && !kid.isString()) {
        Verification v;
        v.outcome = Verification::Outcome::Invalid;
        v.alg = jwt.alg();
        v.message = QStringLiteral(
            "The header's kid is not a string (RFC 7515 §4.1.4: kid is a string), so no key can be chosen by it; "
            "servers reject the token.");
        return v;
    }
    if (jwt.hasStrictJsonProblems()) {
        Verification v;
        v.outcome = Verification::Outcome::JsonInvalid;
        v.alg = jwt.alg();
        v.message = QStringLiteral("The JSON is not valid; servers will reject the token whatever its signature: %1.")
                        .arg(jwt.strictJsonSummary());
        return v;
    }
    return std::nullopt;
}

std::optional<Verification> TokenVerdict::beforeKey(const Jwt &jwt)
{
    if (const Verification pre = Verifier::verify(jwt, PublicKey {}); pre.outcome == Verification::Outcome::Unsupported)
        return pre;
    if (auto refusal = refusalWithoutKey(jwt); refusal && refusal->outcome != Verification::Outcome::JsonInvalid)
        return refusal;
    return std::nullopt;
}

} // namespace jwtflow
