#pragma once

#include "flow/SalesforceHost.h"

#include <QJsonObject>
#include <QString>
#include <QUrl>

#include <optional>

namespace jwtflow {

class Clock;

// What Diagnosis knows about the request besides the answer: where it went, what the assertion
// claimed, what time it was here, and what the user told us about the key and the org. Every
// field is optional; each one that is set sharpens the ranking of causes.
struct DiagnosisContext {
    enum class KeyMatch { Unknown, Matches, DoesNotMatch }; // signing key vs the certificate uploaded to the app
    enum class OrgKind { Unknown, Production, Sandbox };
    // What a host name says about the org behind it (SalesforceHost decides).
    using HostKind = SalesforceHost::Kind;

    QUrl tokenHost; // where the assertion was sent (any URL on that host will do)
    QJsonObject header; // the assertion's JOSE header
    QJsonObject claims; // the assertion's claims
    bool assertionReadable = true; // false: the assertion did not parse as a JWT at all
    qsizetype signatureBytes = -1; // -1: unknown; 0: unsigned
    std::optional<qint64> nowSecs; // this computer's clock when it was sent
    KeyMatch keyMatch = KeyMatch::Unknown;
    OrgKind orgKind = OrgKind::Unknown; // what the user chose; Unknown: guessed from the host

    // Fills the assertion fields by parsing it (unparseable: assertionReadable = false).
    static DiagnosisContext fromAssertion(const QUrl &tokenHost, const QString &assertion, const Clock &clock);

    OrgKind effectiveOrgKind() const; // the chosen kind, else what the token host says
    static HostKind hostKind(const QString &host);
    static bool isSandboxHost(HostKind kind) { return SalesforceHost::isSandboxKind(kind); }
};

} // namespace jwtflow
