#pragma once

#include "core/Result.h"

#include <QSet>
#include <QString>
#include <QUrl>

namespace jwtflow {

// THE clear-text rule: whether a secret (the assertion, an access token) may be sent to a URL.
// Over https always. Over plain http only to this computer (SalesforceHost::isLoopbackHost: the
// practice org or another local server), or to another host when the user opted in for it
// (`--allow-insecure-http` in jwtflow-cli, a per-host confirmation in the window), and then with a
// warning: anyone on the path can read the assertion or token and replay it until it expires
// (RFC 7523 §7 and RFC 6749 §10.3 require TLS for the token endpoint and tokens). The token
// request, API calls and key discovery all ask here.
class ClearTextRule {
public:
    enum class Verdict {
        Encrypted, // https
        Loopback, // http to this computer
        Warned, // http to another host, allowed by the user: send with a warning
        Refused, // http to another host without the user's opt-in
        NotWeb // neither http nor https (the caller says what it takes)
    };

    // What the user allowed: every host (the CLI flag) or the hosts confirmed in the window for
    // this session (lower case). Never stored in settings.
    struct Consent {
        bool anyHost = false;
        QSet<QString> hosts;
        bool covers(const QUrl &url) const { return anyHost || hosts.contains(url.host().toLower()); }
    };

    static Verdict judge(const QUrl &url, bool allowInsecureHttp);
    static Verdict judge(const QUrl &url, const Consent &consent) { return judge(url, consent.covers(url)); }

    // Ok with the warning to show (empty: none), or the error "net.clear-text" naming
    // --allow-insecure-http. `what` names the secret: "the assertion", "the access token".
    static Result<QString> check(const QUrl &url, bool allowInsecureHttp, const QString &what);
    static Result<QString> check(const QUrl &url, const Consent &consent, const QString &what)
    {
        return check(url, consent.covers(url), what);
    }
    static QString warning(const QUrl &url, const QString &what);

    static constexpr const char *kFlag = "--allow-insecure-http";
};

} // namespace jwtflow
