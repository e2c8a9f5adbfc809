#pragma once

#include "core/Result.h"
#include "flow/ClearTextRule.h"
#include "flow/HttpCall.h"
#include "flow/HttpExchangeRecord.h"
#include "flow/TlsTrust.h"
#include "flow/TokenResponse.h"

#include <QHash>
#include <QObject>
#include <QPointer>

class QNetworkAccessManager;

namespace jwtflow {

// What a user does with a fresh token: the identity URL, userinfo, the REST version list and
// resources, a SOQL query, a frontdoor link. Each call ends in finished(id, record) with the raw
// exchange (pretty() and CurlCommand render it). Redirects are followed only within Salesforce's
// own domains over https (the identity URL may answer 302), so the token never leaks elsewhere.
class OrgClient : public QObject {
    Q_OBJECT
public:
    static constexpr int kDefaultTimeoutMs = 30000;

    explicit OrgClient(QNetworkAccessManager *manager, QObject *parent = nullptr);
    ~OrgClient() override;

    void setToken(const TokenResponse &token) { m_token = token; }
    const TokenResponse &token() const { return m_token; }
    void setApiVersion(const QString &version); // "62.0"; a leading "v" is dropped
    QString apiVersion() const { return m_apiVersion; }
    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }
    void setTlsTrust(const TlsTrust &trust) { m_trust = trust; }
    // Plain http to a host other than this computer carries the token only with this consent
    // (ClearTextRule); without it request() is "net.clear-text".
    void setClearTextConsent(const ClearTextRule::Consent &consent) { m_clearText = consent; }

    // Requests and URLs, built without sending. Error codes start with "org.".
    Result<HttpExchangeRecord::Request> request(const QString &pathOrUrl) const;
    Result<QUrl> identityUrl() const;
    Result<QUrl> queryUrl(const QString &soql) const;
    Result<QUrl> frontdoorUrl(const QString &retUrl = {}) const;
    // <instance>/secur/frontdoor.jsp?sid=<token>&retURL=<encoded path>
    static QUrl frontdoorUrl(const QUrl &instanceUrl, const QString &accessToken, const QString &retUrl);
    // The highest "version" in a /services/data answer, or empty.
    static QString latestApiVersion(const QByteArray &versionsJson);
    // May a GET carrying the token follow a redirect from one URL to the other?
    static bool mayFollowRedirect(const QUrl &from, const QUrl &to);

    // Each returns the call's id (echoed by finished()), or an Error when nothing was sent.
    Result<int> get(const QString &pathOrUrl);
    Result<int> identity();
    Result<int> userInfo();
    Result<int> versions(); // /services/data
    Result<int> resources(); // /services/data/vNN.0
    Result<int> query(const QString &soql);

    void cancel(int id);
    void cancelAll();
    bool isRunning() const { return !m_calls.isEmpty(); }

Q_SIGNALS:
    void finished(int id, const jwtflow::HttpExchangeRecord &record);

private:
    Result<QUrl> resolve(const QString &pathOrUrl) const;
    Result<int> send(const Result<QUrl> &url);

    QPointer<QNetworkAccessManager> m_manager;
    TokenResponse m_token;
    ClearTextRule::Consent m_clearText;
    QString m_apiVersion = QStringLiteral("62.0");
    int m_timeoutMs = kDefaultTimeoutMs;
    TlsTrust m_trust;
    int m_nextId = 1;
    QHash<int, QPointer<HttpCall>> m_calls;
};

} // namespace jwtflow
