#include "flow/OrgClient.h"

#include "flow/HttpCall.h"
#include "flow/SalesforceHost.h"
#include "flow/SystemProxyFactory.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QUrlQuery>
#include <QVersionNumber>

namespace jwtflow {

namespace {

QString stripTrailingSlashes(QString text)
{
    while (text.endsWith(QLatin1Char('/')))
        text.chop(1);
    return text;
}

} // namespace

OrgClient::OrgClient(QNetworkAccessManager *manager, QObject *parent)
    : QObject(parent)
    , m_manager(manager)
{
    SystemProxyFactory::installIfUnset(manager); // the system proxy, unless the caller chose one
}

OrgClient::~OrgClient()
{
    for (const QPointer<HttpCall> &call : std::as_const(m_calls))
        delete call.data();
}

void OrgClient::setApiVersion(const QString &version)
{
    QString v = version.trimmed();
    if (v.startsWith(QLatin1Char('v'), Qt::CaseInsensitive))
        v.remove(0, 1);
    if (!v.isEmpty() && !v.contains(QLatin1Char('.')))
        v += QStringLiteral(".0");
    if (!v.isEmpty())
        m_apiVersion = v;
}

Result<QUrl> OrgClient::resolve(const QString &pathOrUrl) const
{
    const QString text = pathOrUrl.trimmed();
    if (text.startsWith(QLatin1String("https://"), Qt::CaseInsensitive)
        || text.startsWith(QLatin1String("http://"), Qt::CaseInsensitive)) {
        const QUrl url(text);
        if (!url.isValid() || url.host().isEmpty())
            return makeError(QStringLiteral("org.url.invalid"), QStringLiteral("\"%1\" is not a valid URL.").arg(text));
        return url;
    }
    if (m_token.instanceUrl.isEmpty())
        return makeError(QStringLiteral("org.no-instance"),
            QStringLiteral("There is no instance URL to send \"%1\" to.").arg(text),
            QStringLiteral("Give the token's instance_url (e.g. https://acme.my.salesforce.com)."));
    const QUrl instance(m_token.instanceUrl);
    if (!instance.isValid() || instance.host().isEmpty())
        return makeError(QStringLiteral("org.instance.invalid"),
            QStringLiteral("The instance URL \"%1\" is not valid.").arg(m_token.instanceUrl));
    const QString path = text.startsWith(QLatin1Char('/')) ? text : QLatin1Char('/') + text;
    const QUrl url(stripTrailingSlashes(m_token.instanceUrl) + path);
    if (!url.isValid())
        return makeError(QStringLiteral("org.path.invalid"), QStringLiteral("\"%1\" is not a valid path.").arg(text));
    return url;
}

Result<HttpExchangeRecord::Request> OrgClient::request(const QString &pathOrUrl) const
{
    const auto url = resolve(pathOrUrl);
    if (!url)
        return url.error();
    if (m_token.accessToken.isEmpty())
        return makeError(QStringLiteral("org.no-token"), QStringLiteral("There is no access token."),
            QStringLiteral("Run the exchange first, or pass --token."));
    if (auto clear = ClearTextRule::check(url.value(), m_clearText, QStringLiteral("the access token")); !clear)
        return clear.error();
    HttpExchangeRecord::Request request;
    request.method = "GET";
    request.url = url.value();
    request.headers = { { "Authorization", "Bearer " + m_token.accessToken.toUtf8() }, { "Accept", "application/json" },
        { "User-Agent", "jwtflow/" JWTFLOW_VERSION } };
    return request;
}

Result<QUrl> OrgClient::identityUrl() const
{
    if (m_token.id.isEmpty())
        return makeError(QStringLiteral("org.no-identity-url"),
            QStringLiteral("The token has no identity URL (its \"id\" field)."),
            QStringLiteral("Pass the id field of the token response."));
    QUrl url(m_token.id);
    if (!url.isValid() || url.host().isEmpty())
        return makeError(
            QStringLiteral("org.identity-url.invalid"), QStringLiteral("The identity URL \"%1\" is not valid.").arg(m_token.id));
    // Without version= the URLs in the answer keep a literal "{version}" (salesforce-wire.md §4.1).
    QUrlQuery query(url);
    if (!query.hasQueryItem(QStringLiteral("version"))) {
        query.addQueryItem(QStringLiteral("version"), m_apiVersion);
        url.setQuery(query);
    }
    return url;
}

Result<QUrl> OrgClient::queryUrl(const QString &soql) const
{
    if (soql.trimmed().isEmpty())
        return makeError(QStringLiteral("org.query.empty"), QStringLiteral("The SOQL query is empty."),
            QStringLiteral("For example: SELECT Id, Name FROM Organization"));
    const auto base = resolve(QStringLiteral("/services/data/v%1/query").arg(m_apiVersion));
    if (!base)
        return base.error();
    // Encoded by hand: '+' must travel as %2B, or the server reads it as a space.
    return QUrl::fromEncoded(base->toEncoded() + "?q=" + QUrl::toPercentEncoding(soql.trimmed()), QUrl::StrictMode);
}

Result<QUrl> OrgClient::frontdoorUrl(const QString &retUrl) const
{
    if (m_token.accessToken.isEmpty())
        return makeError(QStringLiteral("org.no-token"), QStringLiteral("There is no access token."));
    const auto instance = resolve(QStringLiteral("/"));
    if (!instance)
        return instance.error();
    return frontdoorUrl(QUrl(m_token.instanceUrl), m_token.accessToken, retUrl);
}

QUrl OrgClient::frontdoorUrl(const QUrl &instanceUrl, const QString &accessToken, const QString &retUrl)
{
    QByteArray encoded = stripTrailingSlashes(QString::fromUtf8(instanceUrl.toEncoded())).toUtf8()
        + "/secur/frontdoor.jsp?sid=" + QUrl::toPercentEncoding(accessToken, "!"); // "00D…!…" as sfdx-core sends it
    if (!retUrl.isEmpty())
        encoded += "&retURL=" + QUrl::toPercentEncoding(retUrl);
    return QUrl::fromEncoded(encoded, QUrl::StrictMode);
}

QString OrgClient::latestApiVersion(const QByteArray &versionsJson)
{
    QVersionNumber best;
    QString bestText;
    for (const QJsonValue &entry : QJsonDocument::fromJson(versionsJson).array()) {
        const QString text = entry.toObject().value(QStringLiteral("version")).toString();
        const QVersionNumber version = QVersionNumber::fromString(text);
        if (!version.isNull() && version > best) {
            best = version;
            bestText = text;
        }
    }
    return bestText;
}

bool OrgClient::mayFollowRedirect(const QUrl &from, const QUrl &to)
{
    if (!to.isValid() || to.host().isEmpty())
        return false;
    const bool toHttps = to.scheme() == QLatin1String("https");
    if (from.scheme() == QLatin1String("https") && !toHttps)
        return false; // never downgrade a request carrying a token
    if (to.host().compare(from.host(), Qt::CaseInsensitive) == 0 && to.port() == from.port())
        return true;
    if (SalesforceHost::isLoopbackHost(from.host()) && SalesforceHost::isLoopbackHost(to.host()))
        return true;
    return toHttps && SalesforceHost::isSalesforceDomain(to.host()) && SalesforceHost::isSalesforceDomain(from.host());
}

Result<int> OrgClient::send(const Result<QUrl> &url)
{
    if (!url)
        return url.error();
    auto request = this->request(QString::fromUtf8(url->toEncoded()));
    if (!request)
        return request.error();
    request->url = url.value(); // keep the exact encoding (a QString round trip could re-encode the query)
    if (!m_manager)
        return makeError(QStringLiteral("org.no-network"), QStringLiteral("No network manager is available."));

    HttpCall::Options options;
    options.timeoutMs = m_timeoutMs;
    options.trust = m_trust;
    options.maxRedirects = 5;
    options.mayFollow = &OrgClient::mayFollowRedirect;
    const int id = m_nextId++;
    auto *call = new HttpCall(m_manager, request.value(), options, this);
    m_calls.insert(id, call);
    connect(call, &HttpCall::finished, this, [this, id, call](const HttpExchangeRecord &record) {
        m_calls.remove(id);
        call->deleteLater();
        Q_EMIT finished(id, record);
    });
    call->start();
    return id;
}

Result<int> OrgClient::get(const QString &pathOrUrl)
{
    return send(resolve(pathOrUrl));
}

Result<int> OrgClient::identity()
{
    return send(identityUrl());
}

Result<int> OrgClient::userInfo()
{
    return send(resolve(QStringLiteral("/services/oauth2/userinfo")));
}

Result<int> OrgClient::versions()
{
    return send(resolve(QStringLiteral("/services/data")));
}

Result<int> OrgClient::resources()
{
    return send(resolve(QStringLiteral("/services/data/v%1").arg(m_apiVersion)));
}

Result<int> OrgClient::query(const QString &soql)
{
    return send(queryUrl(soql));
}

void OrgClient::cancel(int id)
{
    if (const QPointer<HttpCall> call = m_calls.value(id))
        call->cancel();
}

void OrgClient::cancelAll()
{
    const auto calls = m_calls.values();
    for (const QPointer<HttpCall> &call : calls) {
        if (call)
            call->cancel();
    }
}

} // namespace jwtflow
