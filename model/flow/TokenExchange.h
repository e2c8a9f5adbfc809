#pragma once

#include "core/Result.h"
#include "flow/ExchangeResult.h"
#include "flow/HttpCall.h"
#include "flow/HttpExchangeRecord.h"
#include "flow/TlsTrust.h"

#include <QObject>
#include <QPointer>

class QNetworkAccessManager;

namespace jwtflow {

// Sends one assertion to a token endpoint and reports what happened, as an ExchangeResult on
// finished() (never an exception, never silence: a timeout, a cancel and a TLS failure each end
// in finished()). The manager is the caller's: a proxy chosen for it or for the application
// applies, otherwise the system's (SystemProxyFactory). TLS is verified; failures are only
// overlooked for what setTlsTrust() names.
class TokenExchange : public QObject {
    Q_OBJECT
public:
    static constexpr int kDefaultTimeoutMs = 30000;
    static constexpr qint64 kMaxResponseBytes = 1024 * 1024; // a token answer is a few hundred bytes

    explicit TokenExchange(QNetworkAccessManager *manager, QObject *parent = nullptr);
    ~TokenExchange() override;

    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }
    int timeout() const { return m_timeoutMs; }
    void setTlsTrust(const TlsTrust &trust) { m_trust = trust; }

    // "login.salesforce.com", "https://acme.my.salesforce.com/", a site URL with its path
    // ("https://acme.my.site.com/customers") or the full token URL, to
    // https://<host>[/<site path>]/services/oauth2/token. Error codes start with "exchange.host.".
    static Result<QUrl> tokenUrl(const QString &host);
    // https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token for a bare tenant, else the URL itself.
    static Result<QUrl> entraTokenUrl(const QString &tenantOrUrl);

    // The requests, built without sending (for tests, previews and curl).
    static Result<HttpExchangeRecord::Request> salesforceRequest(const QString &host, const QString &assertion);
    static Result<HttpExchangeRecord::Request> entraRequest(
        const QString &tenantOrUrl, const QString &clientId, const QString &assertion, const QString &scope);

    // Start an exchange; an Error means nothing was sent (bad input, or one already running).
    Result<void> exchange(const QString &host, const QString &assertion);
    Result<void> exchangeEntra(
        const QString &tenantOrUrl, const QString &clientId, const QString &assertion, const QString &scope);
    Result<void> send(const HttpExchangeRecord::Request &request, ExchangeResult::Mode mode);

    void cancel();
    bool isRunning() const { return m_call != nullptr; }

Q_SIGNALS:
    void finished(const jwtflow::ExchangeResult &result);

private:
    QPointer<QNetworkAccessManager> m_manager;
    QPointer<HttpCall> m_call;
    int m_timeoutMs = kDefaultTimeoutMs;
    TlsTrust m_trust;
};

} // namespace jwtflow
