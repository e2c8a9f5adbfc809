#include "flow/ClearTextRule.h"

#include "flow/SalesforceHost.h"

namespace jwtflow {

ClearTextRule::Verdict ClearTextRule::judge(const QUrl &url, bool allowInsecureHttp)
{
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1StringView("https"))
        return Verdict::Encrypted;
    if (scheme != QLatin1StringView("http"))
        return Verdict::NotWeb;
    if (SalesforceHost::isLoopbackUrl(url))
        return Verdict::Loopback;
    return allowInsecureHttp ? Verdict::Warned : Verdict::Refused;
}

QString ClearTextRule::warning(const QUrl &url, const QString &what)
{
    return QStringLiteral(
        "Warning: %1 goes to %2 over plain http: anyone on the network path can read it and use it until it expires.")
        .arg(what, url.host());
}

Result<QString> ClearTextRule::check(const QUrl &url, bool allowInsecureHttp, const QString &what)
{
    switch (judge(url, allowInsecureHttp)) {
    case Verdict::Refused:
        return makeError(QStringLiteral("net.clear-text"),
            QStringLiteral("%1 would go to %2 over plain http, in clear text; only this computer (localhost, 127.0.0.1, ::1) is "
                           "reached over http.")
                .arg(what.left(1).toUpper() + what.mid(1), url.host()),
            QStringLiteral("Use https://%1. Only for a test server you trust: jwtflow-cli takes %2; the window asks on Send.")
                .arg(url.host(), QLatin1StringView(kFlag)));
    case Verdict::Warned:
        return warning(url, what);
    case Verdict::Encrypted:
    case Verdict::Loopback:
    case Verdict::NotWeb:
        break;
    }
    return QString();
}

} // namespace jwtflow
