#include "flow/SalesforceHost.h"

#include <QHostAddress>
#include <QRegularExpression>

namespace jwtflow {

namespace {

const QString kLogin = QStringLiteral("https://login.salesforce.com");
const QString kTest = QStringLiteral("https://test.salesforce.com");

struct Suffix {
    const char *text;
    SalesforceHost::Cloud cloud;
};

// My Domain login hosts (Salesforce Help "My Domain URL Formats"; the last three are the forms the
// Salesforce CLI knows besides the commercial one).
constexpr Suffix kMyDomainSuffixes[] = {
    { ".my.salesforce.com", SalesforceHost::Cloud::Commercial },
    { ".my-salesforce.com", SalesforceHost::Cloud::Commercial },
    { ".my.salesforce.mil", SalesforceHost::Cloud::Government },
    { ".my.sfcrmproducts.cn", SalesforceHost::Cloud::China },
};

// Experience Cloud sites, Salesforce Sites (enhanced domains) and legacy force.com sites.
constexpr Suffix kSiteSuffixes[] = {
    { ".my.site.com", SalesforceHost::Cloud::Commercial },
    { ".my.salesforce-sites.com", SalesforceHost::Cloud::Commercial },
    { ".force.com", SalesforceHost::Cloud::Commercial },
};

// force.com hosts that serve Visualforce pages or files, never OAuth: not sites.
constexpr const char *kForceComContent[] = { ".vf.force.com", ".content.force.com", ".file.force.com", ".visual.force.com" };

// Salesforce-owned domains (a redirect between two of them stays with Salesforce).
constexpr const char *kSalesforceDomains[] = { "salesforce.com", "force.com", "site.com", "salesforce.mil", "my-salesforce.com",
    "sfcrmproducts.cn", "cloudforce.com", "visualforce.com", "salesforce-sites.com" };

bool endsWith(const QString &host, const char *suffix)
{
    return host.endsWith(QLatin1StringView(suffix));
}

// The labels before a suffix: "acme--uat.sandbox" for acme--uat.sandbox.my.salesforce.com.
QString prefixOf(const QString &host, const char *suffix)
{
    return host.left(host.size() - qsizetype(qstrlen(suffix)));
}

// What the labels before a My Domain or site suffix say about the org: the enhanced-domain
// partition (".sandbox", ".scratch"), a legacy sandbox instance (".cs42"), or the legacy
// "<domain>--<sandbox>" name that sandboxes had before enhanced domains.
enum class Partition { Production, Sandbox, Scratch };
Partition partitionOf(const QString &prefix)
{
    const QString first = prefix.section(u'.', 0, 0);
    const QString last = prefix.contains(u'.') ? prefix.section(u'.', -1) : QString();
    static const QRegularExpression csInstance(QStringLiteral("^cs\\d+$"));
    if (last == QLatin1StringView("scratch"))
        return Partition::Scratch;
    if (last == QLatin1StringView("sandbox") || csInstance.match(last).hasMatch() || first.contains(QLatin1StringView("--")))
        return Partition::Sandbox;
    return Partition::Production;
}

// "<host>" out of a bare host, host:port, host/path or a URL; lower case, no trailing dot.
QUrl urlFrom(const QString &hostOrUrl)
{
    QString text = hostOrUrl.trimmed();
    if (text.isEmpty())
        return {};
    if (const QHostAddress address(text); !address.isNull()) // a bare IPv6 literal such as ::1
        text = address.protocol() == QAbstractSocket::IPv6Protocol ? u'[' + text + u']' : text;
    if (!text.contains(QLatin1StringView("://")))
        text.prepend(QStringLiteral("https://"));
    return QUrl(text);
}

} // namespace

QString SalesforceHost::siteBasePath(QString path)
{
    static const QRegularExpression tail(QStringLiteral("(/services(/.*)?|/s(/.*)?)$"));
    path.remove(tail);
    while (path.endsWith(u'/'))
        path.chop(1);
    return path;
}

bool SalesforceHost::isLoopbackHost(const QString &hostName)
{
    QString host = hostName.trimmed().toLower();
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    if (host.endsWith(u'.'))
        host.chop(1);
    if (host.isEmpty())
        return false;
    if (host == QLatin1StringView("localhost") || host.endsWith(QLatin1StringView(".localhost")))
        return true;
    QHostAddress address(host);
    if (address.isNull())
        return false;
    bool mapped = false;
    if (const quint32 v4 = address.toIPv4Address(&mapped); mapped) // ::ffff:127.0.0.1
        address = QHostAddress(v4);
    return address.isLoopback();
}

bool SalesforceHost::isSalesforceDomain(const QString &hostName)
{
    QString host = hostName.trimmed().toLower();
    if (host.endsWith(u'.'))
        host.chop(1);
    for (const char *domain : kSalesforceDomains) {
        if (host == QLatin1StringView(domain)
            || (host.endsWith(QLatin1StringView(domain)) && host.at(host.size() - qsizetype(qstrlen(domain)) - 1) == u'.'))
            return true;
    }
    return false;
}

SalesforceHost SalesforceHost::classify(const QString &hostOrUrl)
{
    return classify(urlFrom(hostOrUrl));
}

SalesforceHost SalesforceHost::classify(const QUrl &url)
{
    SalesforceHost h;
    QString host = url.host().toLower();
    if (host.endsWith(u'.'))
        host.chop(1);
    h.m_host = host;
    h.m_scheme = url.scheme().toLower();
    h.m_port = url.port();
    if (host.isEmpty())
        return h;
    const auto set = [&h](Kind kind, Cloud cloud, OrgKind org) {
        h.m_kind = kind;
        h.m_cloud = cloud;
        h.m_org = org;
        return h;
    };
    if (isLoopbackHost(host)) {
        h.m_path = siteBasePath(url.path()); // a practice org may serve a site under a path
        return set(Kind::Loopback, Cloud::Unknown, OrgKind::Unknown);
    }
    if (host == QLatin1StringView("login.salesforce.com"))
        return set(Kind::LoginProduction, Cloud::Commercial, OrgKind::Production);
    if (host == QLatin1StringView("test.salesforce.com"))
        return set(Kind::LoginSandbox, Cloud::Commercial, OrgKind::Sandbox);
    if (endsWith(host, ".lightning.force.com")) {
        const Partition p = partitionOf(prefixOf(host, ".lightning.force.com"));
        return set(Kind::Lightning, Cloud::Commercial, p == Partition::Production ? OrgKind::Production : OrgKind::Sandbox);
    }
    for (const Suffix &s : kMyDomainSuffixes) {
        if (!endsWith(host, s.text))
            continue;
        switch (partitionOf(prefixOf(host, s.text))) {
        case Partition::Scratch:
            return set(Kind::ScratchOrg, s.cloud, OrgKind::Sandbox);
        case Partition::Sandbox:
            return set(Kind::SandboxMyDomain, s.cloud, OrgKind::Sandbox);
        case Partition::Production:
            return set(Kind::MyDomain, s.cloud, OrgKind::Production);
        }
    }
    // Pod hosts: naNN / euNN / apNN (production), csNN (sandbox), and Hyperforce "usa2s.sfdc-…" sandboxes.
    static const QRegularExpression instance(QStringLiteral("^([a-z]{2,3})(\\d+)\\.salesforce\\.com$"));
    static const QRegularExpression falconSandbox(QStringLiteral("^[a-z]{3}\\d+s\\.sfdc-[a-z0-9-]+\\.(salesforce|force)\\.com$"));
    if (const auto m = instance.match(host); m.hasMatch())
        return set(
            Kind::Instance, Cloud::Commercial, m.captured(1) == QLatin1StringView("cs") ? OrgKind::Sandbox : OrgKind::Production);
    if (falconSandbox.match(host).hasMatch())
        return set(Kind::Instance, Cloud::Commercial, OrgKind::Sandbox);
    for (const char *content : kForceComContent) {
        if (endsWith(host, content))
            return set(Kind::Other, Cloud::Commercial, OrgKind::Unknown);
    }
    for (const Suffix &s : kSiteSuffixes) {
        if (!endsWith(host, s.text))
            continue;
        h.m_path = siteBasePath(url.path());
        return set(Kind::Site, s.cloud,
            partitionOf(prefixOf(host, s.text)) == Partition::Production ? OrgKind::Production : OrgKind::Sandbox);
    }
    return set(Kind::Other, isSalesforceDomain(host) ? Cloud::Commercial : Cloud::Unknown, OrgKind::Unknown);
}

bool SalesforceHost::isLoginHost() const
{
    switch (m_kind) {
    case Kind::LoginProduction:
    case Kind::LoginSandbox:
    case Kind::MyDomain:
    case Kind::SandboxMyDomain:
    case Kind::ScratchOrg:
    case Kind::Site:
    case Kind::Loopback:
        return true;
    case Kind::Unknown:
    case Kind::Lightning:
    case Kind::Instance:
    case Kind::Other:
        break;
    }
    return false;
}

QString SalesforceHost::genericAudience() const
{
    if (m_cloud != Cloud::Commercial || m_kind == Kind::Site || m_kind == Kind::Lightning || m_kind == Kind::Other)
        return {};
    switch (m_org) {
    case OrgKind::Production:
        return kLogin;
    case OrgKind::Sandbox:
        return kTest;
    case OrgKind::Unknown:
        break;
    }
    return {};
}

QString SalesforceHost::loginUrl() const
{
    switch (m_kind) {
    case Kind::Unknown:
    case Kind::Lightning:
    case Kind::Other:
        return {};
    case Kind::Instance:
        return genericAudience();
    default:
        break;
    }
    // Plain http only for this computer: everything else takes the token over https.
    const QString scheme = m_kind == Kind::Loopback && m_scheme == QLatin1StringView("http") ? m_scheme : QStringLiteral("https");
    const bool defaultPort = m_port < 0 || (scheme == QLatin1StringView("https") && m_port == 443)
        || (scheme == QLatin1StringView("http") && m_port == 80);
    const QString hostText = m_host.contains(u':') ? u'[' + m_host + u']' : m_host;
    return scheme + QStringLiteral("://") + hostText + (defaultPort ? QString() : u':' + QString::number(m_port)) + m_path;
}

QString SalesforceHost::audience() const
{
    switch (m_kind) {
    case Kind::LoginProduction:
    case Kind::LoginSandbox:
    case Kind::Instance:
        return genericAudience();
    case Kind::MyDomain:
    case Kind::SandboxMyDomain:
    case Kind::ScratchOrg:
    case Kind::Site:
    case Kind::Loopback:
        return loginUrl();
    case Kind::Unknown:
    case Kind::Lightning:
    case Kind::Other:
        break;
    }
    return {};
}

QString SalesforceHost::myDomainForLightning() const
{
    if (m_kind != Kind::Lightning)
        return {};
    return prefixOf(m_host, ".lightning.force.com") + QStringLiteral(".my.salesforce.com");
}

QString SalesforceHost::describe() const
{
    switch (m_kind) {
    case Kind::LoginProduction:
        return QStringLiteral("production login host");
    case Kind::LoginSandbox:
        return QStringLiteral("sandbox login host");
    case Kind::MyDomain:
        return QStringLiteral("a production My Domain");
    case Kind::SandboxMyDomain:
        return QStringLiteral("a sandbox My Domain");
    case Kind::ScratchOrg:
        return QStringLiteral("a scratch org's My Domain");
    case Kind::Site:
        return isSandbox() ? QStringLiteral("a sandbox's Experience Cloud site") : QStringLiteral("an Experience Cloud site");
    case Kind::Lightning:
        return QStringLiteral("a Lightning domain");
    case Kind::Instance:
        return QStringLiteral("an instance host");
    case Kind::Loopback:
        return QStringLiteral("this computer");
    case Kind::Unknown:
    case Kind::Other:
        break;
    }
    return {};
}

} // namespace jwtflow
