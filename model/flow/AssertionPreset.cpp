#include "flow/AssertionPreset.h"

#include "flow/ClearTextRule.h"
#include "flow/SalesforceHost.h"

#include <QJsonValue>
#include <QRegularExpression>
#include <QUuid>

namespace jwtflow {

namespace {

const QString kLogin = QStringLiteral("https://login.salesforce.com");
const QString kTest = QStringLiteral("https://test.salesforce.com");
const QString kEntraHost = QStringLiteral("login.microsoftonline.com");
const QString kTokenPath = QStringLiteral("/services/oauth2/token");

Result<QString> tenantFrom(const QString &input)
{
    QString tenant = input.trimmed();
    // A pasted token URL or authority: take the segment after the host.
    if (const auto at = tenant.indexOf(kEntraHost, 0, Qt::CaseInsensitive); at >= 0)
        tenant = tenant.mid(at + kEntraHost.size()).section(u'/', 1, 1);
    if (tenant.isEmpty())
        return makeError(QStringLiteral("preset.tenant-empty"), QStringLiteral("No Microsoft Entra tenant was given."),
            QStringLiteral("Enter the directory (tenant) ID, a GUID, or a verified domain such as contoso.onmicrosoft.com."));
    static const QStringList shared { QStringLiteral("common"), QStringLiteral("organizations"), QStringLiteral("consumers") };
    if (shared.contains(tenant.toLower()))
        return makeError(QStringLiteral("preset.tenant-shared"),
            QStringLiteral("\"%1\" is not a tenant: client assertions need a specific tenant (AADSTS9001023).").arg(tenant),
            QStringLiteral("Use the directory (tenant) ID from the app registration's Overview page."));
    static const QRegularExpression domain(QStringLiteral("^[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+$"));
    if (QUuid::fromString(tenant).isNull() && !domain.match(tenant).hasMatch())
        return makeError(QStringLiteral("preset.tenant-invalid"),
            QStringLiteral("\"%1\" is neither a tenant ID (GUID) nor a domain name.").arg(tenant.left(60)),
            QStringLiteral("Enter the directory (tenant) ID, e.g. 72f988bf-86f1-41af-91ab-2d7cd011db47."));
    return tenant;
}

} // namespace

AssertionPreset::AssertionPreset(Environment env, QUrl base, bool sandbox, QString tenant)
    : m_env(env)
    , m_base(std::move(base))
    , m_sandbox(sandbox)
    , m_tenant(std::move(tenant))
{ }

QList<AssertionPreset::Environment> AssertionPreset::environments()
{
    return { Environment::Production, Environment::Sandbox, Environment::MyDomain, Environment::ExperienceCloudSite,
        Environment::PracticeOrg, Environment::EntraTenant };
}

QString AssertionPreset::environmentName(Environment env)
{
    switch (env) {
    case Environment::Production:
        return QStringLiteral("Production");
    case Environment::Sandbox:
        return QStringLiteral("Sandbox");
    case Environment::MyDomain:
        return QStringLiteral("My Domain");
    case Environment::ExperienceCloudSite:
        return QStringLiteral("Experience Cloud site");
    case Environment::PracticeOrg:
        return QStringLiteral("Practice org");
    case Environment::EntraTenant:
        return QStringLiteral("Microsoft Entra tenant");
    }
    return {};
}

QString AssertionPreset::inputLabel(Environment env)
{
    switch (env) {
    case Environment::MyDomain:
        return QStringLiteral("My Domain URL");
    case Environment::ExperienceCloudSite:
        return QStringLiteral("Site URL");
    case Environment::PracticeOrg:
        return QStringLiteral("Practice org URL");
    case Environment::EntraTenant:
        return QStringLiteral("Tenant ID or domain");
    case Environment::Production:
    case Environment::Sandbox:
        break;
    }
    return {};
}

AssertionPreset AssertionPreset::production()
{
    return AssertionPreset(Environment::Production, QUrl(kLogin), false);
}

AssertionPreset AssertionPreset::sandbox()
{
    return AssertionPreset(Environment::Sandbox, QUrl(kTest), true);
}

Result<AssertionPreset> AssertionPreset::create(Environment env, const QString &input, bool allowHttp)
{
    switch (env) {
    case Environment::Production:
        return production();
    case Environment::Sandbox:
        return sandbox();
    case Environment::EntraTenant: {
        auto tenant = tenantFrom(input);
        if (!tenant)
            return tenant.error();
        return AssertionPreset(env, QUrl(QStringLiteral("https://%1/%2").arg(kEntraHost, *tenant)), false, *tenant);
    }
    case Environment::PracticeOrg: {
        auto url = normaliseUrl(input, true);
        if (!url)
            return url.error();
        return AssertionPreset(env, *url, false);
    }
    case Environment::ExperienceCloudSite: {
        auto url = normaliseUrl(input, allowHttp, true);
        if (!url)
            return url.error();
        return AssertionPreset(env, *url, false);
    }
    case Environment::MyDomain: {
        auto url = normaliseUrl(input, allowHttp);
        if (!url)
            return url.error();
        const QString host = url->host();
        const SalesforceHost kind = SalesforceHost::classify(*url);
        using Kind = SalesforceHost::Kind;
        if (kind.kind() == Kind::LoginProduction || kind.kind() == Kind::LoginSandbox)
            return makeError(QStringLiteral("preset.not-my-domain"),
                QStringLiteral("%1 is the generic login host, not a My Domain.").arg(host),
                QStringLiteral("Choose the %1 environment, or enter https://yourdomain.my.salesforce.com.")
                    .arg(kind.isSandbox() ? QStringLiteral("Sandbox") : QStringLiteral("Production")));
        // The Lightning UI's host is not a login host (the Salesforce CLI refuses it as well).
        if (kind.kind() == Kind::Lightning)
            return makeError(QStringLiteral("preset.lightning-domain"),
                QStringLiteral("%1 is the Lightning Experience domain, not the My Domain login URL.").arg(host),
                QStringLiteral("Use https://%1 (Setup > My Domain shows it).").arg(kind.myDomainForLightning()));
        if (kind.kind() == Kind::Site)
            return makeError(QStringLiteral("preset.site-domain"),
                QStringLiteral("%1 is an Experience Cloud site, not a My Domain.").arg(host),
                QStringLiteral("Choose the Experience Cloud site environment for it."));
        return AssertionPreset(env, *url, kind.isSandbox());
    }
    }
    return production();
}

Result<AssertionPreset> AssertionPreset::forUrl(const QString &text, bool allowHttp)
{
    const QString lower = text.trimmed().toLower();
    if (lower == QLatin1StringView("production") || lower == QLatin1StringView("prod"))
        return production();
    if (lower == QLatin1StringView("sandbox") || lower == QLatin1StringView("test"))
        return sandbox();
    using Kind = SalesforceHost::Kind;
    switch (SalesforceHost::classify(text).kind()) {
    case Kind::LoginProduction:
        return production();
    case Kind::LoginSandbox:
        return sandbox();
    case Kind::Loopback:
        return create(Environment::PracticeOrg, text);
    case Kind::Site:
        return create(Environment::ExperienceCloudSite, text, allowHttp);
    default:
        return create(Environment::MyDomain, text, allowHttp);
    }
}

QUrl AssertionPreset::tokenEndpoint() const
{
    QUrl url = m_base;
    url.setPath(m_base.path() + (m_env == Environment::EntraTenant ? QStringLiteral("/oauth2/v2.0/token") : kTokenPath));
    return url;
}

QStringList AssertionPreset::acceptedAudiences() const
{
    switch (m_env) {
    case Environment::Production:
        return { kLogin };
    case Environment::Sandbox:
        return { kTest };
    // A My Domain host takes its own URL (what the CLI tries first) and the generic host of its kind.
    case Environment::MyDomain:
        return { urlText(m_base), m_sandbox ? kTest : kLogin };
    case Environment::ExperienceCloudSite:
        return { urlText(m_base) };
    // Clients expect a Salesforce look-alike to take its own origin and login.salesforce.com.
    case Environment::PracticeOrg:
        return { urlText(m_base), kLogin };
    case Environment::EntraTenant:
        return { tokenEndpoint().toString() };
    }
    return { kLogin };
}

QJsonObject AssertionPreset::header() const
{
    return QJsonObject { { QStringLiteral("alg"), QStringLiteral("RS256") }, { QStringLiteral("typ"), QStringLiteral("JWT") } };
}

QJsonObject AssertionPreset::claims(const QString &clientId, const QString &username, const Clock &clock) const
{
    const qint64 now = clock.nowSecs();
    QJsonObject claims {
        { QStringLiteral("iss"), clientId },
        { QStringLiteral("aud"), audience() },
        { QStringLiteral("exp"), now + kLifetimeSecs },
    };
    if (m_env == Environment::EntraTenant) {
        claims.insert(QStringLiteral("sub"), clientId);
        claims.insert(QStringLiteral("jti"), QUuid::createUuid().toString(QUuid::WithoutBraces));
        claims.insert(QStringLiteral("nbf"), now);
    } else {
        claims.insert(QStringLiteral("sub"), username);
    }
    return claims;
}

QString AssertionPreset::urlText(const QUrl &url)
{
    QString text = url.toString(QUrl::FullyEncoded);
    while (text.endsWith(u'/'))
        text.chop(1);
    return text;
}

Result<QUrl> AssertionPreset::normaliseUrl(const QString &input, bool allowHttp, bool keepPath)
{
    QString text = input.trimmed();
    if (text.isEmpty())
        return makeError(QStringLiteral("preset.url-empty"), QStringLiteral("No URL was given."),
            QStringLiteral("Enter the URL, e.g. https://yourdomain.my.salesforce.com."));
    if (!text.contains(QLatin1StringView("://")))
        text.prepend(QStringLiteral("https://"));
    QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() || !url.userInfo().isEmpty())
        return makeError(QStringLiteral("preset.url-invalid"),
            QStringLiteral("\"%1\" is not a valid URL.").arg(input.trimmed().left(80)),
            QStringLiteral("Enter it as https://host or https://host/path."));
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1StringView("https") && scheme != QLatin1StringView("http"))
        return makeError(QStringLiteral("preset.url-scheme"), QStringLiteral("\"%1\" is not a web URL.").arg(url.scheme()),
            QStringLiteral("Enter an https:// URL."));
    if (auto clear = ClearTextRule::check(url, allowHttp, QStringLiteral("the assertion")); !clear)
        return clear.error();
    url.setScheme(scheme);
    url.setHost(url.host().toLower());
    if ((scheme == QLatin1StringView("https") && url.port() == 443) || (scheme == QLatin1StringView("http") && url.port() == 80))
        url.setPort(-1);
    url.setQuery(QString()); // a null string removes the query, "?" included
    url.setFragment(QString());
    url.setPath(keepPath ? SalesforceHost::siteBasePath(url.path()) : QString());
    return url;
}

} // namespace jwtflow
