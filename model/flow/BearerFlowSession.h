#pragma once

#include "core/Clock.h"
#include "core/Result.h"
#include "crypto/HmacSecret.h"
#include "crypto/KeyMaterial.h"
#include "flow/AssertionPreset.h"
#include "flow/ClaimsLinter.h"
#include "flow/ClearTextRule.h"
#include "flow/Diagnosis.h"
#include "flow/ExchangeResult.h"
#include "flow/HttpExchangeRecord.h"
#include "flow/Lint.h"
#include "flow/TokenDocument.h"
#include "trainer/ScenarioSwitchboard.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>
#include <optional>

class QNetworkAccessManager;

namespace jwtflow {

class OrgClient;
class PracticeOrg;
class TokenExchange;

// One bearer-flow debugging session: the single truth that every view of the Bearer flow tab and
// the CLI's `exchange` bind to. It holds the connection (environment, host, consumer key,
// username, audience), the keys and the rules for signing and verifying with them, the token
// document, the exchange in flight, the last assertion sent with its answer and diagnosis, the
// practice org's active failure and the clock. Each fact has its own change signal; a view shows
// facts and forwards what the user does, and never reads another view.
//
// Rules that live here (and nowhere in ui/):
// - A connection edit writes iss, sub and aud into the assertion (exp only when missing).
// - A claims edit in the JSON of this connection's own assertion fills the connection back; a
//   pasted token never does. When a pasted token names another iss/sub/aud, tokenDiffers() says
//   so and adoptTokenConnection() takes them over as one step that undoConnection() reverts.
// - A pasted token is verified with the verification key the user chose; the connected app's
//   certificate (or the signing key's public half) is used only when the token's iss is this
//   connection's consumer key, i.e. when it is this app's own assertion.
// - Lints are recomputed whenever one of their inputs changes, the clock included (tick()).
class BearerFlowSession : public QObject {
    Q_OBJECT
public:
    struct Connection {
        AssertionPreset::Environment environment = AssertionPreset::Environment::Production;
        QString input; // the URL or tenant the environment asks for (practiceOrgUrl() for the practice org)
        QString clientId; // consumer key / client id: iss
        QString username; // sub
        QString audience; // aud; empty: the preset's first accepted audience
        bool operator==(const Connection &) const = default;
    };

    // What a pasted token would put into the connection ("Use this token's iss/sub/aud").
    struct TokenConnection {
        QString iss, sub, aud;
        bool isEmpty() const { return iss.isEmpty() && sub.isEmpty() && aud.isEmpty(); }
    };

    // `network` may be null (model tests without a network): send() then fails with a message.
    explicit BearerFlowSession(const Clock &clock, QNetworkAccessManager *network = nullptr, QObject *parent = nullptr);
    ~BearerFlowSession() override;

    const Clock &clock() const { return m_clock; }
    TokenDocument *document() const { return m_document; }
    TokenExchange *exchange() const { return m_exchange; }
    OrgClient *org() const { return m_org; }
    ScenarioSwitchboard *switchboard() const { return m_switchboard; }

    // ---- the connection
    Connection connection() const { return m_connection; }
    // The URL or tenant the environment asks for, as a profile keeps it: empty for the practice
    // org (its URL changes every start) and for environments that ask for none.
    QString environmentInput() const;
    // The user edited the connection: stored, and iss/sub/aud in the assertion follow.
    void setConnection(const Connection &connection);
    void setEnvironment(AssertionPreset::Environment env, const QString &input = {});
    void setClientId(const QString &clientId);
    void setUsername(const QString &username);
    void setAudience(const QString &audience);
    // Where the built-in practice org listens: the practice-org environment's URL.
    void setPracticeOrgUrl(const QString &url);
    QString practiceOrgUrl() const { return m_practiceUrl; }
    // The preset of the current connection, or why it cannot be built (a bad URL, …).
    Result<AssertionPreset> preset() const;
    // The aud the assertion carries: the connection's audience, else the preset's.
    QString audience() const;

    // ---- pasting
    // Decodes text as if typed into the encoded pane; the connection is left as it is.
    void pasteToken(const QString &text);
    // The pasted token's iss/sub/aud where they differ from the connection; empty when they
    // match or the token is the connection's own assertion.
    TokenConnection tokenDiffers() const;
    // "Use this token's iss/sub/aud": one step, undone by undoConnection().
    bool adoptTokenConnection();
    bool canUndoConnection() const { return m_connectionUndo.has_value(); }
    void undoConnection();
    // True while the document holds a pasted token that is not this connection's assertion (the
    // connection then leaves it as pasted).
    bool isForeignToken() const { return m_foreign; }
    // "New assertion from the connection": replaces whatever is in the document by a fresh
    // assertion composed from the connection (and signed, with a signing key).
    void composeFromConnection();

    // "Use in the JWT bearer flow" (inspector): a fresh RS256 assertion signed with the signing key,
    // iss and sub as mapped from the inspected token, aud the login host that matches its issuer
    // (the environment follows that host). One step, undone by undoConnection(); `notes` (which
    // claim became what) go out as the message.
    void useForBearerFlow(const QString &iss, const QString &sub, const QString &audience, const QStringList &notes);

    // ---- keys and the rules for signing and verifying
    void setSigningKey(const std::optional<KeyMaterial> &material);
    void setCertificate(const std::optional<KeyMaterial> &material); // uploaded to the connected app
    void setVerificationKey(const std::optional<KeyMaterial> &material);
    void setHmacSecret(const std::optional<HmacSecret> &secret);
    const std::optional<KeyMaterial> &signingKey() const { return m_signingKey; }
    const std::optional<KeyMaterial> &certificate() const { return m_certificate; }
    const std::optional<KeyMaterial> &verificationKey() const { return m_verificationKey; }
    ClaimsLinter::KeyMatch keyMatch() const;
    std::optional<int> keyBits() const;
    QString certificateX5tS256() const;
    TokenDocument::Signer signer() const;
    TokenDocument::Verifier verifier() const;

    // ---- the algorithm picker: the header's alg, as jwt.io users expect to pick it
    static QStringList algorithmChoices(); // what this build signs (JwsAlgorithm::supportedNames())
    QString algorithm() const; // the token's alg; empty without a token
    // Empty when the loaded signing key (or the HMAC secret) signs `alg`; else what is needed,
    // in words: "ES384 needs an EC key on P-384; load one or pick RS256."
    QString algorithmNeed(const QString &alg) const;
    // Sets the header's alg: the token is re-signed when a loaded key fits, and otherwise the
    // signature state says which key is needed; the claims stay as typed either way.
    void setAlgorithm(const QString &alg);

    // ---- lints, kept current
    QList<Lint> lints() const { return m_lints; }
    // The one-second tick (the session's own timer calls it; tests call it after moving a
    // FixedClock): re-lints, so "expires in 36 s" never outlives the countdown.
    void tick();

    // ---- the exchange
    bool isSending() const;
    // Where to send instead of the preset's token endpoint (the CLI's --host); empty: the preset's.
    void setTokenUrl(const QString &url) { m_tokenUrl = url; }
    // Plain http to another computer than this one (ClearTextRule): allowed for every host (the
    // CLI's --allow-insecure-http) or for the hosts the user confirmed in the window, for this
    // session only. Applies to the token request and to the API calls (org()).
    void setClearTextConsent(const ClearTextRule::Consent &consent);
    void allowClearTextHost(const QString &host);
    const ClearTextRule::Consent &clearTextConsent() const { return m_clearText; }
    // The host the token request goes to (lower case), for the window's clear-text confirmation.
    QString tokenHost() const;
    // Entra's scope (default https://graph.microsoft.com/.default).
    void setEntraScope(const QString &scope) { m_scope = scope; }
    // The request that sending `assertion` makes (also for curl and previews), nothing sent.
    Result<HttpExchangeRecord::Request> request(const QString &assertion) const;
    // Sends the assertion in the document. Error codes: "session.no-token", the preset's,
    // TokenExchange's, "net.clear-text" (http to another computer without consent).
    Result<void> send();
    // Sends `assertion` exactly as given (the CLI's --assertion: it may not even parse).
    Result<void> sendAssertion(const QString &assertion);
    void cancel();
    QString lastAssertion() const { return m_lastAssertion; }
    QUrl lastTokenHost() const { return m_lastHost; }
    const std::optional<ExchangeResult> &lastResult() const { return m_lastResult; }
    const Diagnosis &lastDiagnosis() const { return m_lastDiagnosis; }
    // Each answer gets a new number: a view shows a new diagnosis from its headline.
    int answerSerial() const { return m_answerSerial; }

    // frontdoor.jsp for the token received (OrgClient::frontdoorUrl); announced by frontdoorOpened().
    Result<QUrl> openOrg();

    // ---- the practice org and its failure on purpose
    void setPracticeOrg(PracticeOrg *org);
    PracticeOrg *practiceOrg() const;
    std::optional<ScenarioSwitchboard::Switch> activeFailure() const { return m_switchboard->active(); }
    QString activeFailureChange() const { return m_switchboard->activeChange(); }
    Result<QString> applyFailure(ScenarioSwitchboard::Switch s);
    QString resetFailure();

Q_SIGNALS:
    void connectionChanged();
    void tokenConnectionChanged(); // tokenDiffers() or canUndoConnection() changed
    void keysChanged();
    void lintsChanged();
    void sendingChanged(bool sending);
    void answerChanged(); // lastResult / lastDiagnosis / lastAssertion
    void failureChanged();
    void practiceOrgChanged();
    void frontdoorOpened(const QUrl &url);
    // A line for the status bar of the Bearer flow tab (what just happened).
    void message(const QString &text);

private:
    void applyConnectionToClaims(bool fresh = false);
    void applyCertificateHeader();
    void followClaims(TokenDocument::Origin origin);
    void refreshVerifier();
    void refreshLints();
    void refreshTokenConnection();
    void exchangeFinished(const ExchangeResult &result);
    void setConnectionQuietly(const Connection &connection);

    const Clock &m_clock;
    TokenDocument *m_document = nullptr;
    TokenExchange *m_exchange = nullptr;
    OrgClient *m_org = nullptr;
    ScenarioSwitchboard *m_switchboard = nullptr;
    QPointer<PracticeOrg> m_practice;
    QTimer m_tick;

    Connection m_connection;
    QString m_practiceUrl;
    std::optional<Connection> m_connectionUndo;
    bool m_foreign = false; // the document holds a pasted token that is not this connection's assertion
    TokenConnection m_differs;

    std::optional<KeyMaterial> m_signingKey, m_certificate, m_verificationKey;
    std::optional<HmacSecret> m_hmac;

    QList<Lint> m_lints;
    QString m_tokenUrl;
    ClearTextRule::Consent m_clearText;
    QString m_scope = QStringLiteral("https://graph.microsoft.com/.default");
    QString m_lastAssertion;
    QUrl m_lastHost;
    std::optional<ExchangeResult> m_lastResult;
    Diagnosis m_lastDiagnosis;
    int m_answerSerial = 0;
};

} // namespace jwtflow
