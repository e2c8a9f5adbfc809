#include "flow/DiagnosisContext.h"

#include "core/Clock.h"
#include "token/Jwt.h"

#include <QHostAddress>

namespace jwtflow {

DiagnosisContext DiagnosisContext::fromAssertion(const QUrl &tokenHost, const QString &assertion, const Clock &clock)
{
    DiagnosisContext context;
    context.tokenHost = tokenHost;
    context.nowSecs = clock.nowSecs();
    const auto jwt = Jwt::parse(assertion);
    if (!jwt || jwt->kind() == Jwt::Kind::Encrypted) {
        context.assertionReadable = false;
        return context;
    }
    context.header = jwt->header();
    context.claims = jwt->claims();
    context.signatureBytes = jwt->signature().size();
    return context;
}

DiagnosisContext::OrgKind DiagnosisContext::effectiveOrgKind() const
{
    if (orgKind != OrgKind::Unknown)
        return orgKind;
    switch (hostKind(tokenHost.host())) {
    case HostKind::LoginProduction:
    case HostKind::MyDomain: return OrgKind::Production;
    case HostKind::LoginSandbox:
    case HostKind::SandboxMyDomain: return OrgKind::Sandbox;
    default: return OrgKind::Unknown;
    }
}

DiagnosisContext::HostKind DiagnosisContext::hostKind(const QString &hostName)
{
    const QString host = hostName.trimmed().toLower();
    if (host.isEmpty())
        return HostKind::Unknown;
    const QHostAddress address(host);
    if (host == QLatin1String("localhost") || (!address.isNull() && address.isLoopback()))
        return HostKind::Loopback;
    if (host == QLatin1String("login.salesforce.com"))
        return HostKind::LoginProduction;
    if (host == QLatin1String("test.salesforce.com"))
        return HostKind::LoginSandbox;
    if (host.endsWith(QLatin1String(".lightning.force.com")))
        return HostKind::Lightning;
    // My Domain suffixes seen in sfdx-core (salesforce-wire.md §1.1); sandboxes are "<domain>--<sandbox>.sandbox.my...".
    for (const char *suffix : {".my.salesforce.com", ".my.salesforce.mil", ".my-salesforce.com", ".my.sfcrmproducts.cn"}) {
        if (host.endsWith(QLatin1String(suffix)))
            return host.contains(QLatin1String(".sandbox.")) || host.contains(QLatin1String("--")) ? HostKind::SandboxMyDomain
                                                                                                  : HostKind::MyDomain;
    }
    if (host.endsWith(QLatin1String(".my.site.com")) || host.endsWith(QLatin1String(".force.com")))
        return HostKind::Site;
    return HostKind::Other;
}

} // namespace jwtflow
