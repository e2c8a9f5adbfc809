#pragma once

#include "core/Clock.h"
#include "flow/AssertionPreset.h"
#include "flow/Lint.h"

#include <QJsonObject>
#include <QList>

#include <optional>

namespace jwtflow {

class Jwt;

// What the token host will reject, found before anything is sent: the Salesforce assertion rules
// (salesforce-wire.md §1.3, §1.4) and, for the Entra preset, Microsoft's client-assertion rules.
// Pure and fast: it runs on every edit. Key facts come from the caller, so no crypto is needed here.
class ClaimsLinter {
public:
    enum class KeyMatch { Unknown, Matches, DoesNotMatch }; // signing key vs the uploaded certificate

    struct Context {
        AssertionPreset preset = AssertionPreset::production();
        KeyMatch keyMatch = KeyMatch::Unknown;
        std::optional<int> keyBits; // RSA modulus size of the signing key, when known
    };

    // Salesforce's doc says exp must lie "within 3 minutes"; beyond that the linter warns.
    static constexpr qint64 kMaxLifetimeSecs = 180;
    // Below this many seconds left, an Info lint suggests refreshing exp.
    static constexpr qint64 kSoonSecs = 60;
    static constexpr int kMinRsaBits = 2048; // RFC 7518 §3.3

    // The clock must outlive the linter.
    explicit ClaimsLinter(const Clock &clock)
        : m_clock(clock)
    { }

    // Lints ordered by severity (errors first), then in the order they were found.
    QList<Lint> lint(const Jwt &jwt, const Context &context) const;
    QList<Lint> lint(const QJsonObject &header, const QJsonObject &claims, const Context &context) const;

    static bool hasErrors(const QList<Lint> &lints);
    // For a token on its own (decode, verify): the environment its aud names — login, test, a My
    // Domain, a site or a loopback practice org — so the lints are the window's for that host.
    static Context contextForClaims(const QJsonObject &claims);
    // Whether a token reads as a bearer assertion (iss a client id, not an issuer URL as in ID
    // tokens and IdP access tokens): only those get the assertion lints.
    static bool looksLikeAssertion(const QJsonObject &claims);
    static bool looksLikeConsumerKey(const QString &text); // 3MVG…, long, [A-Za-z0-9._]
    static bool looksLikeUsername(const QString &text); // email-shaped

private:
    const Clock &m_clock;
};

} // namespace jwtflow
