#pragma once

#include "core/Clock.h"
#include "inspect/IdTokenVerifier.h"
#include "inspect/TokenInspection.h"

#include <QString>
#include <optional>

namespace jwtflow {

// The one line the inspector opens with, in words a support engineer can paste into a ticket:
// kind · valid or expired, and when · signature verified with what, or not checked and why ·
// audience. Made from the inspection and its verification report, so the inspector tab and
// `jwtflow-cli inspect` say the same sentence.
class InspectionVerdict {
public:
    QString kind; // "OpenID Connect ID token"
    QString validity; // "expired 3 hours ago (2026-12-02 12:58:05 UTC)"; empty when there are no claims to read
    QString signature; // "signature verified with certificate …", "signature not checked (no key given)"
    QString audience; // "audience 3MVG9… (your client id)"; empty when there are no claims to read
    bool problem = false; // a check failed: expired, not yet valid, a bad signature, another audience …

    static InspectionVerdict of(
        const TokenInspection::Item &item, const std::optional<IdTokenVerifier::Report> &report, const Clock &clock);

    // The parts that apply, joined with " · ".
    QString line() const;
};

} // namespace jwtflow
