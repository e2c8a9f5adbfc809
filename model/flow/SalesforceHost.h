#pragma once

#include <QString>
#include <QUrl>

namespace jwtflow {

// The one home of what a host name says about a Salesforce org, and of what counts as this
// computer (loopback). The assertion preset, the claims linter, the diagnosis, the org client,
// the CLI and the inspector all ask here; nothing else in the code decides these things.
//
// Host forms (Salesforce Help "My Domain URL Formats", "OAuth Endpoints"):
//   login.salesforce.com                              production login host
//   test.salesforce.com                               sandbox login host
//   acme.my.salesforce.com                            My Domain (also -dev-ed.develop., .trailblaze., .demo., .free.)
//   acme--uat.sandbox.my.salesforce.com               sandbox My Domain (enhanced domains)
//   acme--uat.my.salesforce.com, acme.cs42.my…        sandbox My Domain (legacy, before enhanced domains)
//   acme.scratch.my.salesforce.com                    scratch org (logs in like a sandbox)
//   acme.my.site.com, acme.force.com/customers        Experience Cloud / Salesforce site (sandbox: --uat.sandbox.my.site.com)
//   acme.lightning.force.com                          Lightning UI domain: serves pages, not the OAuth API
//   na123.salesforce.com, cs42.salesforce.com         instance (pod) host: no longer a login host
//   *.my.salesforce.mil                               US government (defense) cloud My Domain
//   *.my.sfcrmproducts.cn                             Salesforce on Alibaba Cloud (China) My Domain
//   *.my-salesforce.com                               My Domain form the Salesforce CLI also knows
//   localhost, 127.0.0.0/8, ::1                       this computer: the practice org or another local server
class SalesforceHost {
public:
    enum class Kind {
        Unknown, // empty or not a host name
        LoginProduction, // login.salesforce.com
        LoginSandbox, // test.salesforce.com
        MyDomain, // a production My Domain
        SandboxMyDomain, // a sandbox My Domain, enhanced or legacy form
        ScratchOrg, // a scratch org's My Domain
        Site, // an Experience Cloud or Salesforce site (sandbox() says which org kind)
        Lightning, // *.lightning.force.com: not a login host
        Instance, // naNN / csNN.salesforce.com: a pod host, not a login host any more
        Loopback, // this computer (see isLoopbackHost)
        Other // any other host, Salesforce's (Visualforce, content) or not
    };
    enum class OrgKind { Unknown, Production, Sandbox };
    // Which Salesforce cloud the host belongs to; Unknown for loopback and foreign hosts.
    enum class Cloud { Unknown, Commercial, Government, China };

    // Takes a bare host ("acme.my.salesforce.com") or a URL ("https://acme.my.site.com/customers/s/");
    // case, a trailing dot and a port do not matter. A site keeps its path for audience().
    static SalesforceHost classify(const QString &hostOrUrl);
    static SalesforceHost classify(const QUrl &url);

    // THE loopback rule: "localhost", any name under ".localhost" (RFC 6761 §6.3 reserves it for
    // this computer), any 127.0.0.0/8 address, ::1 and IPv4-mapped ::ffff:127.x. Case and a
    // trailing dot do not matter; brackets around an IPv6 literal are accepted.
    static bool isLoopbackHost(const QString &host);
    static bool isLoopbackUrl(const QUrl &url) { return isLoopbackHost(url.host()); }
    // A site's base path out of what people paste after it (the OAuth endpoints, a /s/ page):
    // "/partners/services/oauth2/token" → "/partners".
    static QString siteBasePath(QString path);
    // A host in one of Salesforce's own domains (salesforce.com, force.com, site.com, …), i.e. one
    // that may redirect to another of them without leaving Salesforce.
    static bool isSalesforceDomain(const QString &host);
    // The kinds whose org is always a sandbox: test.salesforce.com, sandbox My Domains, scratch orgs.
    static bool isSandboxKind(Kind kind)
    {
        return kind == Kind::LoginSandbox || kind == Kind::SandboxMyDomain || kind == Kind::ScratchOrg;
    }

    Kind kind() const { return m_kind; }
    Cloud cloud() const { return m_cloud; }
    QString host() const { return m_host; } // lower case, no trailing dot
    OrgKind orgKind() const { return m_org; }
    bool isSandbox() const
    {
        return m_org == OrgKind::Sandbox;
    } // test.salesforce.com, sandbox My Domain, scratch org, sandbox site
    bool isProduction() const { return m_org == OrgKind::Production; }
    bool isLoopback() const { return m_kind == Kind::Loopback; }
    // A host an assertion may be POSTed to (login hosts, My Domains, sites, loopback practice orgs).
    bool isLoginHost() const;
    // The generic login URL for this org kind on this cloud: https://login.salesforce.com or
    // https://test.salesforce.com (commercial cloud only); empty when there is none to name.
    QString genericAudience() const;
    // The aud an assertion for this host should carry: the generic login URL for the generic
    // login and instance hosts; the host's own origin for a My Domain (what the Salesforce CLI
    // tries first, accepted by connected apps and External Client Apps) and a loopback server;
    // the site URL with its path for a site. Empty for Lightning, Unknown and Other.
    QString audience() const;
    // https://<host>[:port][/site path]: the URL this host answers OAuth on. Empty for
    // Lightning, Unknown and Other.
    QString loginUrl() const;
    // For a Lightning domain, the My Domain host that serves its OAuth endpoints
    // (acme--uat.sandbox.lightning.force.com -> acme--uat.sandbox.my.salesforce.com); else empty.
    QString myDomainForLightning() const;
    // "production login host", "sandbox My Domain", "this computer", …; empty for Unknown/Other.
    QString describe() const;

private:
    Kind m_kind = Kind::Unknown;
    Cloud m_cloud = Cloud::Unknown;
    OrgKind m_org = OrgKind::Unknown;
    QString m_host;
    QString m_scheme;
    int m_port = -1;
    QString m_path; // sites only
};

} // namespace jwtflow
