#pragma once

#include "core/Clock.h"
#include "core/Result.h"
#include "practice/DemoCredentials.h"
#include "practice/IdTokenMinter.h"
#include "practice/OrgDirectory.h"
#include "practice/PracticeAppOption.h"
#include "practice/PracticeReply.h"
#include "practice/PracticeRequest.h"
#include "practice/PracticeScenario.h"
#include "practice/PracticeServerLimits.h"

#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QThread>
#include <QUrl>

#include <memory>
#include <mutex>

namespace jwtflow {

class PracticeListener;
class PracticeRouter;
class PracticeState;

// How to start a PracticeOrg (namespace scope so that `= {}` works as a default argument).
struct PracticeOrgOptions {
    quint16 port = 0; // 0: any free port
    QString dataFolder; // the demo keys; empty: DemoCredentials::defaultFolder()
    QString configFile; // empty: the default org (OrgDirectory::makeDefault)
    const Clock *clock = nullptr; // empty: the system clock
    qsizetype maxSessions = 20000;
    PracticeServerLimits limits; // request size, connections, idle timeout
};

// A local org that answers like Salesforce, for the GUI, trainers and tests: the JWT bearer
// token endpoint with Salesforce's validation and exact errors, the identity URL, userinfo, the
// REST API with SOQL over seeded records, OpenID discovery with its keys, and frontdoor. It
// listens on 127.0.0.1 only (a random port by default) and serves from a thread of its own, so a
// flood of clients never blocks the window; requestHandled() arrives queued on the receiver's
// thread. The methods below are for the thread that owns the object; what they share with the
// server thread is guarded. Everything it knows lives in memory; only its keys are kept on disk
// (DemoCredentials).
class PracticeOrg : public QObject {
    Q_OBJECT
public:
    using Options = PracticeOrgOptions;

    // One answered request, for a log pane.
    struct LogEntry {
        QByteArray method;
        QString path;
        int status = 0;
        QString note; // the error_description and what the org saw, or who got a token
    };

    struct Stats {
        quint64 requests = 0;
        quint64 tokensIssued = 0;
        quint64 tokensRefused = 0;
        qsizetype activeSessions = 0;
    };

    explicit PracticeOrg(QObject *parent = nullptr);
    ~PracticeOrg() override;

    // Loads (or creates) the keys, reads the config, and listens. Error codes "practice.*" and
    // those of DemoCredentials and OrgDirectory.
    Result<void> start(const Options &options = {});
    void stop();
    bool isRunning() const;

    QUrl url() const; // http://127.0.0.1:PORT
    quint16 port() const;

    // The first app and user of the configured org: what a first run puts in the form.
    QString consumerKey() const;
    QString username() const;
    QString orgId() const;
    const DemoCredentials &credentials() const;
    QString demoKeyPath() const;
    QString demoCertificatePath() const;

    // The org as it answers now (scenarios applied) and as configured.
    const OrgDirectory &directory() const;
    const OrgDirectory &configuredDirectory() const;
    // Replaces the configuration (active scenarios are re-applied on top of it).
    void setDirectory(const OrgDirectory &directory);

    // A setting of the first app (the one a first run puts in the form), kept under scenarios.
    void setAppOption(PracticeAppOption::Id id, bool on);
    bool appOption(PracticeAppOption::Id id) const;

    // Scenarios act on the first app and user unless a target is given.
    Result<void> applyScenario(PracticeScenario::Id id);
    Result<void> applyScenario(PracticeScenario::Id id, const QString &consumerKey, const QString &username);
    Result<void> applyScenario(const QString &name);
    void resetScenarios();
    QList<PracticeScenario::Id> activeScenarios() const;

    // Test hook for the ID-token inspector: an ID token for a user of this org, signed with the
    // key published at /id/keys, optionally with a wrong aud, already expired or another kid.
    Result<QString> mintIdToken(
        const QString &username, const IdTokenMinter::Options &options = {}, const QString &consumerKey = {}) const;
    QJsonObject jwks() const;
    QString signingKid() const;

    Stats stats() const;
    void revokeAllSessions();
    // Clients connected now (the server thread's count, read through it).
    qsizetype connectionCount() const;

Q_SIGNALS:
    void requestHandled(const jwtflow::PracticeOrg::LogEntry &entry);
    void appOptionChanged(jwtflow::PracticeAppOption::Id id, bool on);

private:
    void rebuild();
    PracticeReply handle(const PracticeRequest &request);

    std::unique_ptr<PracticeState> m_state;
    std::unique_ptr<PracticeRouter> m_router;
    QThread *m_thread = nullptr;
    PracticeListener *m_listener = nullptr; // lives on m_thread
    mutable std::mutex m_mutex; // m_state, m_router and m_stats, shared with m_thread
    DemoCredentials m_credentials;
    OrgDirectory m_configured;
    struct AppliedScenario {
        PracticeScenario::Id id;
        PracticeScenario::Target target;
    };
    QList<AppliedScenario> m_scenarios;
    Stats m_stats;
};

} // namespace jwtflow

Q_DECLARE_METATYPE(jwtflow::PracticeOrg::LogEntry)
