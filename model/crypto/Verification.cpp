#include "crypto/Verification.h"

namespace jwtflow {

QString Verification::outcomeName() const
{
    switch (outcome) {
    case Outcome::Verified:
        return QStringLiteral("verified");
    case Outcome::Invalid:
        return QStringLiteral("invalid");
    case Outcome::Unsupported:
        return QStringLiteral("unsupported");
    case Outcome::Unsecured:
        return QStringLiteral("unsecured");
    case Outcome::KeyMismatch:
        return QStringLiteral("key-mismatch");
    case Outcome::JsonInvalid:
        return QStringLiteral("json-invalid");
    }
    return {};
}

} // namespace jwtflow
