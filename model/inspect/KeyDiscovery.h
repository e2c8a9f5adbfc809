#pragma once

#include "core/Clock.h"
#include "core/Result.h"
#include "crypto/Jwks.h"
#include "crypto/KeyMaterial.h"
#include "flow/HttpExchangeRecord.h"
#include "flow/TlsTrust.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <optional>

class QNetworkAccessManager;

namespace jwtflow {

class HttpCall;

// Fetches an issuer's published signing keys the OpenID way (OpenID Connect Discovery 1.0):
// iss + "/.well-known/openid-configuration" → its jwks_uri → the JWK Set, e.g. Salesforce's
// https://login.salesforce.com/id/keys. The discovery document's issuer must equal iss exactly
// (Discovery §4.3), or the keys would vouch for another issuer. Issuers must be https, except a
// loopback host (the practice org at http://127.0.0.1:PORT). Keys are cached in memory per
// issuer with their fetch time; refetch() goes to the network again (after a key rotation).
//
// Error codes: "discovery.bad-issuer", "discovery.insecure-issuer", "discovery.unreachable"
// (no answer: offline, DNS, refused, timeout, TLS), "discovery.http-status",
// "discovery.bad-document", "discovery.issuer-mismatch", "discovery.insecure-jwks-uri",
// "discovery.bad-jwks", "discovery.cancelled".
class KeyDiscovery : public QObject {
    Q_OBJECT
public:
    static constexpr int kDefaultTimeoutMs = 15000;
    static constexpr qint64 kMaxDocumentBytes = 1024 * 1024;

    struct IssuerKeys {
        QString issuer;
        QUrl configurationUrl;
        QUrl jwksUri;
        Jwks jwks;
        QDateTime fetchedAt; // UTC, from the injected clock
        QStringList signingAlgorithms; // id_token_signing_alg_values_supported, when published

        // The keys as IdTokenVerifier takes them; source is the jwks_uri.
        KeyMaterial material() const;
    };

    explicit KeyDiscovery(QNetworkAccessManager *manager, QObject *parent = nullptr);
    ~KeyDiscovery() override;

    void setClock(const Clock *clock) { m_clock = clock ? clock : &SystemClock::instance(); }
    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }
    void setTlsTrust(const TlsTrust &trust) { m_trust = trust; }

    // <issuer>/.well-known/openid-configuration (a trailing '/' of the issuer dropped first,
    // Discovery §4), or why the issuer cannot be used.
    static Result<QUrl> configurationUrl(const QString &issuer);
    // Whether an error means "no answer from the network" (offline, DNS, refused, timeout, TLS).
    static bool isUnreachable(const Error &error) { return error.code == QStringLiteral("discovery.unreachable"); }

    // Ends in keysReady() or failed(), never both, always later (not inside this call). fetch()
    // answers from the cache when it holds the issuer; refetch() always asks the network. A new
    // fetch supersedes a running one, which then reports nothing. Returns an Error, and sends
    // nothing, when the issuer is unusable.
    Result<void> fetch(const QString &issuer);
    Result<void> refetch(const QString &issuer);
    void cancel();
    bool isRunning() const;

    std::optional<IssuerKeys> cached(const QString &issuer) const;
    void clearCache() { m_cache.clear(); }

    // The requests and answers of the last fetch, in order (discovery document, then JWKS).
    QList<HttpExchangeRecord> exchanges() const { return m_exchanges; }

Q_SIGNALS:
    void keysReady(const jwtflow::KeyDiscovery::IssuerKeys &keys, bool fromCache);
    void failed(const QString &issuer, const jwtflow::Error &error);

private:
    Result<void> start(const QString &issuer, bool useCache);
    void get(const QUrl &url, void (KeyDiscovery::*next)(const HttpExchangeRecord &));
    void onConfiguration(const HttpExchangeRecord &record);
    void onJwks(const HttpExchangeRecord &record);
    std::optional<Error> answerProblem(const HttpExchangeRecord &record, const QString &what) const;
    void fail(const Error &error);

    QPointer<QNetworkAccessManager> m_manager;
    const Clock *m_clock = &SystemClock::instance();
    int m_timeoutMs = kDefaultTimeoutMs;
    TlsTrust m_trust;
    QHash<QString, IssuerKeys> m_cache;
    QList<HttpExchangeRecord> m_exchanges;
    QPointer<HttpCall> m_call;
    IssuerKeys m_pending; // what is known so far of the running fetch
    int m_generation = 0; // bumps on each fetch, so an answer for a superseded one is dropped
};

} // namespace jwtflow
