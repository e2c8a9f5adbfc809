#pragma once

#include "core/Clock.h"
#include "core/Result.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace jwtflow {

// Where an assertion goes and what it must say to be accepted there: the token endpoint, the
// aud values that host takes (salesforce-wire.md §1.4), and the claims a fresh assertion starts with.
class AssertionPreset {
public:
    enum class Environment { Production, Sandbox, MyDomain, ExperienceCloudSite, PracticeOrg, EntraTenant };

    // Salesforce's help says exp must lie "within 3 minutes"; Entra wants it short too.
    static constexpr qint64 kLifetimeSecs = 180;

    static QList<Environment> environments();
    static QString environmentName(Environment env); // "Production", "My Domain", ...
    // What the user must type for env ("My Domain URL", "Tenant ID or domain"), empty if nothing.
    static QString inputLabel(Environment env);

    // `input` is the URL (My Domain, Experience Cloud site, practice org) or the Entra tenant;
    // Production and Sandbox ignore it. Error codes start with "preset."; "net.clear-text" for an
    // http URL of another computer unless allowHttp (ClearTextRule).
    static Result<AssertionPreset> create(Environment env, const QString &input = {}, bool allowHttp = false);
    // The preset for a login URL or host, the environment read from the host (SalesforceHost):
    // login.salesforce.com -> Production, test.salesforce.com -> Sandbox, this computer -> Practice
    // org, a site -> Experience Cloud site, any other host -> My Domain (which refuses Lightning
    // and site hosts with a hint). "production"/"prod" and "sandbox"/"test" name the generic hosts.
    static Result<AssertionPreset> forUrl(const QString &url, bool allowHttp = false);
    static AssertionPreset production();
    static AssertionPreset sandbox();

    Environment environment() const { return m_env; }
    QString name() const { return environmentName(m_env); }
    bool isSalesforce() const { return m_env != Environment::EntraTenant; }
    bool isSandbox() const { return m_sandbox; } // test.salesforce.com or a sandbox My Domain / scratch org (SalesforceHost)
    QUrl baseUrl() const { return m_base; } // a site keeps its path, e.g. https://acme.my.site.com/customers
    QString tenant() const { return m_tenant; } // Entra only
    QUrl tokenEndpoint() const;

    // The aud values this token host accepts; the first is what claims() fills in.
    QStringList acceptedAudiences() const;
    QString audience() const { return acceptedAudiences().constFirst(); }
    bool acceptsAudience(const QString &aud) const { return acceptedAudiences().contains(aud); }

    QJsonObject header() const; // {"alg":"RS256","typ":"JWT"}; Entra also needs x5t, which takes the certificate
    // iss, sub, aud, exp = now + kLifetimeSecs; for Entra iss = sub = clientId, aud = the token
    // URL, a random jti and nbf = now (username is ignored there).
    QJsonObject claims(const QString &clientId, const QString &username, const Clock &clock) const;

    // A user-typed URL made canonical: https:// added when no scheme is given; query, fragment,
    // a default port and trailing slashes dropped; the path dropped unless keepPath, and even then
    // from /services/ (the token path pasted along) or /s/ (a site page) on. Only https, except
    // for loopback hosts or when allowHttp (ClearTextRule). Error codes "preset.url-*", "net.clear-text".
    static Result<QUrl> normaliseUrl(const QString &input, bool allowHttp = false, bool keepPath = false);
    // An origin or site URL as aud text: no trailing slash.
    static QString urlText(const QUrl &url);

private:
    AssertionPreset(Environment env, QUrl base, bool sandbox, QString tenant = {});

    Environment m_env = Environment::Production;
    QUrl m_base;
    bool m_sandbox = false;
    QString m_tenant;
};

} // namespace jwtflow
