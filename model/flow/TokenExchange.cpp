#include "flow/TokenExchange.h"

#include "flow/FormBody.h"
#include "flow/HttpCall.h"
#include "flow/SystemProxyFactory.h"

#include <QNetworkAccessManager>

namespace jwtflow {

namespace {

const QString kTokenPath = QStringLiteral("/services/oauth2/token");

Result<QUrl> parseHttpUrl(const QString &text, const QString &what)
{
    QString input = text.trimmed();
    if (input.isEmpty())
        return makeError(QStringLiteral("exchange.host.empty"), QStringLiteral("No %1 was given.").arg(what),
            QStringLiteral("Use https://login.salesforce.com, https://test.salesforce.com or your My Domain URL."));
    if (!input.contains(QLatin1String("://")))
        input.prepend(QStringLiteral("https://"));
    const QUrl url(input, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return makeError(QStringLiteral("exchange.host.invalid"),
            QStringLiteral("\"%1\" is not a valid %2.").arg(text.trimmed(), what),
            QStringLiteral("Give a URL such as https://acme.my.salesforce.com."));
    if (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http"))
        return makeError(QStringLiteral("exchange.host.scheme"),
            QStringLiteral("The %1 must be an https URL, not %2.").arg(what, url.scheme()));
    if (!url.userInfo().isEmpty())
        return makeError(QStringLiteral("exchange.host.credentials"),
            QStringLiteral("The %1 contains a user name or password.").arg(what),
            QStringLiteral("Remove the \"user:password@\" part; the assertion is the only credential."));
    if (url.hasQuery() || url.hasFragment())
        return makeError(QStringLiteral("exchange.host.query"),
            QStringLiteral("The %1 has a query or fragment (%2).").arg(what, text.trimmed()),
            QStringLiteral("Give only the scheme, host and (for a site) its path."));
    return url;
}

Result<void> checkAssertion(const QString &assertion)
{
    if (assertion.trimmed().isEmpty())
        return makeError(QStringLiteral("exchange.assertion.empty"), QStringLiteral("The assertion is empty."),
            QStringLiteral("Compose and sign an assertion first, or pass one with --assertion."));
    return {};
}

HttpExchangeRecord::Headers formHeaders()
{
    return { { "Content-Type", "application/x-www-form-urlencoded" }, { "Accept", "application/json" },
        { "User-Agent", "jwtflow/" JWTFLOW_VERSION } };
}

} // namespace

TokenExchange::TokenExchange(QNetworkAccessManager *manager, QObject *parent)
    : QObject(parent)
    , m_manager(manager)
{
    SystemProxyFactory::installIfUnset(manager); // the system proxy, unless the caller chose one
}

TokenExchange::~TokenExchange()
{
    delete m_call.data(); // aborts a request in flight without a signal reaching a half-destroyed object
}

Result<QUrl> TokenExchange::tokenUrl(const QString &host)
{
    auto parsed = parseHttpUrl(host, QStringLiteral("token host"));
    if (!parsed)
        return parsed.error();
    QUrl url = parsed.value();
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    if (!path.endsWith(kTokenPath))
        path += kTokenPath; // a site URL keeps its path prefix: <site>/services/oauth2/token
    url.setPath(path);
    return url;
}

Result<QUrl> TokenExchange::entraTokenUrl(const QString &tenantOrUrl)
{
    const QString text = tenantOrUrl.trimmed();
    if (!text.isEmpty() && !text.contains(QLatin1Char('/')) && !text.contains(QLatin1String("://")))
        return QUrl(QStringLiteral("https://login.microsoftonline.com/%1/oauth2/v2.0/token").arg(text));
    return parseHttpUrl(text, QStringLiteral("token URL"));
}

Result<HttpExchangeRecord::Request> TokenExchange::salesforceRequest(const QString &host, const QString &assertion)
{
    const auto url = tokenUrl(host);
    if (!url)
        return url.error();
    if (auto check = checkAssertion(assertion); !check)
        return check.error();
    HttpExchangeRecord::Request request;
    request.method = "POST";
    request.url = url.value();
    request.headers = formHeaders();
    // Exactly the two fields sfdx-core and jsforce send (salesforce-wire.md §1.2).
    request.body
        = FormBody::encode({ { QStringLiteral("grant_type"), QStringLiteral("urn:ietf:params:oauth:grant-type:jwt-bearer") },
            { QStringLiteral("assertion"), assertion.trimmed() } });
    return request;
}

Result<HttpExchangeRecord::Request> TokenExchange::entraRequest(
    const QString &tenantOrUrl, const QString &clientId, const QString &assertion, const QString &scope)
{
    const auto url = entraTokenUrl(tenantOrUrl);
    if (!url)
        return url.error();
    if (auto check = checkAssertion(assertion); !check)
        return check.error();
    if (clientId.trimmed().isEmpty())
        return makeError(QStringLiteral("exchange.client-id.empty"), QStringLiteral("No client_id was given."),
            QStringLiteral("Use the application (client) ID of the app registration."));
    if (scope.trimmed().isEmpty())
        return makeError(QStringLiteral("exchange.scope.empty"), QStringLiteral("No scope was given."),
            QStringLiteral(
                "Entra's client_credentials grant needs one resource's /.default, e.g. https://graph.microsoft.com/.default."));
    HttpExchangeRecord::Request request;
    request.method = "POST";
    request.url = url.value();
    request.headers = formHeaders();
    request.body = FormBody::encode({ { QStringLiteral("grant_type"), QStringLiteral("client_credentials") },
        { QStringLiteral("client_id"), clientId.trimmed() },
        { QStringLiteral("client_assertion_type"), QStringLiteral("urn:ietf:params:oauth:client-assertion-type:jwt-bearer") },
        { QStringLiteral("client_assertion"), assertion.trimmed() }, { QStringLiteral("scope"), scope.trimmed() } });
    return request;
}

Result<void> TokenExchange::exchange(const QString &host, const QString &assertion)
{
    const auto request = salesforceRequest(host, assertion);
    if (!request)
        return request.error();
    return send(request.value(), ExchangeResult::Mode::SalesforceJwtBearer);
}

Result<void> TokenExchange::exchangeEntra(
    const QString &tenantOrUrl, const QString &clientId, const QString &assertion, const QString &scope)
{
    const auto request = entraRequest(tenantOrUrl, clientId, assertion, scope);
    if (!request)
        return request.error();
    return send(request.value(), ExchangeResult::Mode::EntraClientCredentials);
}

Result<void> TokenExchange::send(const HttpExchangeRecord::Request &request, ExchangeResult::Mode mode)
{
    if (m_call)
        return makeError(QStringLiteral("exchange.busy"), QStringLiteral("An exchange is already running."),
            QStringLiteral("Wait for it or cancel it first."));
    if (!m_manager)
        return makeError(QStringLiteral("exchange.no-network"), QStringLiteral("No network manager is available."));
    HttpCall::Options options;
    options.timeoutMs = m_timeoutMs;
    options.maxResponseBytes = kMaxResponseBytes;
    options.trust = m_trust;
    options.maxRedirects = 0; // reported, never followed: a 30x here means a wrong host
    auto *call = new HttpCall(m_manager, request, options, this);
    m_call = call;
    connect(call, &HttpCall::finished, this, [this, call, mode](const HttpExchangeRecord &record) {
        if (m_call == call)
            m_call = nullptr;
        call->deleteLater();
        Q_EMIT finished(ExchangeResult::fromRecord(record, mode));
    });
    call->start();
    return {};
}

void TokenExchange::cancel()
{
    if (m_call)
        m_call->cancel();
}

} // namespace jwtflow
