#include "inspect/KeyDiscovery.h"

#include "flow/ClearTextRule.h"
#include "flow/HttpCall.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTimer>

namespace jwtflow {

namespace {

// https, or http to a loopback host (the practice org): keys fetched over plain http from
// anywhere else could be swapped by anyone on the way, so no opt-in applies here.
bool isAcceptableScheme(const QUrl &url)
{
    const ClearTextRule::Verdict verdict = ClearTextRule::judge(url, false);
    return verdict == ClearTextRule::Verdict::Encrypted || verdict == ClearTextRule::Verdict::Loopback;
}

QString pasteHint(const QString &issuer)
{
    return QStringLiteral(
        "Paste the issuer's keys instead: the JWK Set from its jwks_uri (for Salesforce %1/id/keys), downloaded "
        "where the issuer can be reached, or its certificate.")
        .arg(issuer.endsWith(QLatin1Char('/')) ? issuer.chopped(1) : issuer);
}

} // namespace

KeyMaterial KeyDiscovery::IssuerKeys::material() const
{
    KeyMaterial material;
    material.source = jwksUri.toString();
    material.format = QStringLiteral("JWKS (%1 keys), found through %2").arg(jwks.size()).arg(configurationUrl.toString());
    material.jwks = jwks;
    return material;
}

KeyDiscovery::KeyDiscovery(QNetworkAccessManager *manager, QObject *parent)
    : QObject(parent)
    , m_manager(manager)
{ }

KeyDiscovery::~KeyDiscovery()
{
    delete m_call; // its reply is silenced and aborted
}

Result<QUrl> KeyDiscovery::configurationUrl(const QString &issuer)
{
    const QUrl url(issuer, QUrl::StrictMode);
    if (issuer.trimmed().isEmpty() || !url.isValid() || url.host().isEmpty() || url.scheme().isEmpty())
        return makeError(QStringLiteral("discovery.bad-issuer"),
            QStringLiteral("The issuer %1 is not a URL, so its discovery document cannot be found.")
                .arg(issuer.isEmpty() ? QStringLiteral("(empty)") : QLatin1Char('"') + issuer + QLatin1Char('"')),
            QStringLiteral("OpenID issuers are https URLs such as https://login.salesforce.com."));
    if (!isAcceptableScheme(url))
        return makeError(QStringLiteral("discovery.insecure-issuer"),
            QStringLiteral("The issuer %1 is not an https URL; keys fetched over plain http could be swapped on the way.")
                .arg(issuer),
            QStringLiteral(
                "Only https issuers (and http on this machine, 127.0.0.1 or localhost) are fetched. Paste the keys instead."));
    if (url.hasQuery() || url.hasFragment())
        return makeError(QStringLiteral("discovery.bad-issuer"),
            QStringLiteral("The issuer %1 has a query or fragment, which OpenID issuers never have.").arg(issuer));
    QString path = url.path();
    if (path.endsWith(QLatin1Char('/')))
        path.chop(1); // Discovery §4: a terminating '/' is removed before appending
    QUrl result = url;
    result.setPath(path + QStringLiteral("/.well-known/openid-configuration"));
    return result;
}

Result<void> KeyDiscovery::fetch(const QString &issuer)
{
    return start(issuer, true);
}

Result<void> KeyDiscovery::refetch(const QString &issuer)
{
    return start(issuer, false);
}

Result<void> KeyDiscovery::start(const QString &issuer, bool useCache)
{
    const auto url = configurationUrl(issuer);
    if (!url)
        return url.error();
    cancel();
    const int generation = ++m_generation;
    if (useCache) {
        if (const auto hit = cached(issuer)) {
            const IssuerKeys keys = *hit;
            QTimer::singleShot(0, this, [this, keys, generation] {
                if (generation == m_generation)
                    Q_EMIT keysReady(keys, true);
            });
            return {};
        }
    }
    m_exchanges.clear();
    m_pending = IssuerKeys {};
    m_pending.issuer = issuer;
    m_pending.configurationUrl = url.value();
    get(url.value(), &KeyDiscovery::onConfiguration);
    return {};
}

void KeyDiscovery::cancel()
{
    ++m_generation;
    if (m_call) {
        HttpCall *call = m_call;
        m_call = nullptr;
        call->disconnect(this);
        call->deleteLater();
        call->cancel();
    }
}

bool KeyDiscovery::isRunning() const
{
    return m_call != nullptr;
}

std::optional<KeyDiscovery::IssuerKeys> KeyDiscovery::cached(const QString &issuer) const
{
    const auto it = m_cache.constFind(issuer);
    if (it == m_cache.constEnd())
        return std::nullopt;
    return it.value();
}

void KeyDiscovery::get(const QUrl &url, void (KeyDiscovery::*next)(const HttpExchangeRecord &))
{
    HttpExchangeRecord::Request request;
    request.method = "GET";
    request.url = url;
    request.headers = { { "Accept", "application/json" } };
    HttpCall::Options options;
    options.timeoutMs = m_timeoutMs;
    options.maxResponseBytes = kMaxDocumentBytes;
    options.trust = m_trust;
    // GETs without credentials may follow a redirect, but never down to plain http elsewhere.
    options.maxRedirects = 3;
    options.mayFollow = [](const QUrl &from, const QUrl &to) {
        return isAcceptableScheme(to) && (to.scheme() == from.scheme() || to.scheme() == QStringLiteral("https"));
    };
    auto *call = new HttpCall(m_manager, request, options, this);
    m_call = call;
    connect(call, &HttpCall::finished, this, [this, call, next](const HttpExchangeRecord &record) {
        if (m_call != call)
            return;
        m_call = nullptr;
        call->deleteLater();
        m_exchanges.append(record);
        (this->*next)(record);
    });
    call->start();
}

std::optional<Error> KeyDiscovery::answerProblem(const HttpExchangeRecord &record, const QString &what) const
{
    const QString url = record.request.url.toString();
    if (record.transport == HttpExchangeRecord::Transport::Cancelled)
        return makeError(QStringLiteral("discovery.cancelled"), QStringLiteral("Fetching %1 was cancelled.").arg(what));
    if (record.transport != HttpExchangeRecord::Transport::None || record.response.status == 0) {
        QString detail = record.transportMessage;
        if (!record.tlsErrors.isEmpty())
            detail = record.tlsErrors.join(QStringLiteral("; "));
        return makeError(QStringLiteral("discovery.unreachable"),
            QStringLiteral("Could not reach %1 for %2 (%3: %4). This machine may be offline, or the issuer is not reachable "
                           "from here.")
                .arg(url, what, HttpExchangeRecord::transportName(record.transport), detail),
            pasteHint(m_pending.issuer));
    }
    if (record.response.status != 200)
        return makeError(QStringLiteral("discovery.http-status"),
            QStringLiteral("%1 answered HTTP %2 %3 instead of %4.")
                .arg(url)
                .arg(record.response.status)
                .arg(QString::fromLatin1(record.response.reason), what),
            record.response.status == 404
                ? QStringLiteral("Check that iss is the issuer's URL exactly (an OpenID provider publishes "
                                 "/.well-known/openid-configuration under it). ")
                    + pasteHint(m_pending.issuer)
                : pasteHint(m_pending.issuer));
    return std::nullopt;
}

void KeyDiscovery::onConfiguration(const HttpExchangeRecord &record)
{
    if (auto problem = answerProblem(record, QStringLiteral("the discovery document"))) {
        fail(*problem);
        return;
    }
    const QString url = record.request.url.toString();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(record.response.body, &parseError);
    if (!document.isObject()) {
        fail(makeError(QStringLiteral("discovery.bad-document"),
            QStringLiteral("%1 is not a JSON object (%2), so it is no OpenID discovery document.")
                .arg(url,
                    parseError.error == QJsonParseError::NoError ? QStringLiteral("not an object") : parseError.errorString()),
            pasteHint(m_pending.issuer)));
        return;
    }
    const QJsonObject configuration = document.object();
    const QJsonValue issuerValue = configuration.value(QStringLiteral("issuer"));
    if (!issuerValue.isString()) {
        fail(makeError(QStringLiteral("discovery.bad-document"),
            QStringLiteral("The discovery document at %1 has no \"issuer\".").arg(url), pasteHint(m_pending.issuer)));
        return;
    }
    if (issuerValue.toString() != m_pending.issuer) {
        // Discovery §4.3: otherwise the keys fetched would vouch for an issuer other than iss.
        fail(makeError(QStringLiteral("discovery.issuer-mismatch"),
            QStringLiteral("The discovery document at %1 says its issuer is \"%2\", not \"%3\" as the token's iss: its keys "
                           "belong to another issuer and cannot vouch for this token (issuers are compared exactly).")
                .arg(url, issuerValue.toString(), m_pending.issuer),
            QStringLiteral("A token whose iss differs from its provider's issuer is not that provider's token, or iss was "
                           "copied wrongly (a trailing slash, http for https, another My Domain host).")));
        return;
    }
    const QJsonValue jwksValue = configuration.value(QStringLiteral("jwks_uri"));
    const QUrl jwksUri = record.request.url.resolved(QUrl(jwksValue.toString(), QUrl::StrictMode));
    if (!jwksValue.isString() || jwksValue.toString().isEmpty() || !jwksUri.isValid()) {
        fail(makeError(QStringLiteral("discovery.bad-document"),
            QStringLiteral("The discovery document at %1 has no usable \"jwks_uri\".").arg(url), pasteHint(m_pending.issuer)));
        return;
    }
    if (!isAcceptableScheme(jwksUri)) {
        fail(makeError(QStringLiteral("discovery.insecure-jwks-uri"),
            QStringLiteral("The discovery document names jwks_uri %1, which is not https; keys fetched over plain http could be "
                           "swapped on the way.")
                .arg(jwksUri.toString()),
            pasteHint(m_pending.issuer)));
        return;
    }
    for (const QJsonValue &alg : configuration.value(QStringLiteral("id_token_signing_alg_values_supported")).toArray())
        m_pending.signingAlgorithms << alg.toString();
    m_pending.jwksUri = jwksUri;
    get(jwksUri, &KeyDiscovery::onJwks);
}

void KeyDiscovery::onJwks(const HttpExchangeRecord &record)
{
    if (auto problem = answerProblem(record, QStringLiteral("the issuer's keys (jwks_uri)"))) {
        fail(*problem);
        return;
    }
    const QString url = record.request.url.toString();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(record.response.body, &parseError);
    if (!document.isObject()) {
        fail(makeError(QStringLiteral("discovery.bad-jwks"),
            QStringLiteral("%1 is not a JSON object (%2), so it is no JWK Set.")
                .arg(url,
                    parseError.error == QJsonParseError::NoError ? QStringLiteral("not an object") : parseError.errorString()),
            pasteHint(m_pending.issuer)));
        return;
    }
    const auto jwks = Jwks::fromJson(document.object(), m_pending.jwksUri.toString());
    if (!jwks) {
        fail(makeError(QStringLiteral("discovery.bad-jwks"), jwks.error().message, pasteHint(m_pending.issuer)));
        return;
    }
    m_pending.jwks = jwks.value();
    m_pending.fetchedAt = m_clock->now();
    const IssuerKeys keys = m_pending;
    m_cache.insert(keys.issuer, keys);
    Q_EMIT keysReady(keys, false);
}

void KeyDiscovery::fail(const Error &error)
{
    Q_EMIT failed(m_pending.issuer, error);
}

} // namespace jwtflow
