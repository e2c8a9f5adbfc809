#include "flow/DiagnosisContext.h"

#include "core/Clock.h"
#include "token/Jwt.h"

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
    case HostKind::MyDomain:
        return OrgKind::Production;
    case HostKind::LoginSandbox:
    case HostKind::SandboxMyDomain:
    case HostKind::ScratchOrg:
        return OrgKind::Sandbox;
    default:
        return OrgKind::Unknown;
    }
}

DiagnosisContext::HostKind DiagnosisContext::hostKind(const QString &hostName)
{
    return SalesforceHost::classify(hostName).kind();
}

} // namespace jwtflow
