#include "practice/PracticeOrg.h"

#include "practice/PracticeRouter.h"
#include "practice/PracticeState.h"
#include "practice/internal/PracticeListener.h"

#include <QMetaMethod>

#include <algorithm>

namespace jwtflow {

PracticeOrg::PracticeOrg(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<jwtflow::PracticeOrg::LogEntry>();
}

PracticeOrg::~PracticeOrg()
{
    stop();
}

Result<void> PracticeOrg::start(const Options &options)
{
    if (isRunning())
        return makeError(QStringLiteral("practice.running"),
            QStringLiteral("The practice org is already running at %1.").arg(url().toString()));
    auto credentials
        = DemoCredentials::loadOrCreate(options.dataFolder.isEmpty() ? DemoCredentials::defaultFolder() : options.dataFolder);
    if (!credentials)
        return credentials.error();
    auto directory = options.configFile.isEmpty() ? Result<OrgDirectory>(OrgDirectory::makeDefault(credentials->demoCertificate))
                                                  : OrgDirectory::loadFile(options.configFile, credentials->demoCertificate);
    if (!directory)
        return directory.error();
    if (directory->apps.isEmpty() || directory->users.isEmpty())
        return makeError(QStringLiteral("practice.config.empty"),
            QStringLiteral("The practice org needs at least one app and one user."),
            QStringLiteral("Add them to the config file, or leave \"apps\" and \"users\" out to keep the default ones."));

    auto state = std::make_unique<PracticeState>();
    state->clock = options.clock ? options.clock : &SystemClock::instance();
    state->sessions.setCapacity(options.maxSessions);
    state->minter = IdTokenMinter(credentials->signingKey, IdTokenMinter::kidFor(credentials->signingKey.publicKey()));
    state->accessTokenMinter = JwtAccessTokenMinter(credentials->signingKey, state->minter.kid());

    auto router = std::make_unique<PracticeRouter>(*state);
    // The server's own thread: the listener and every connection are created, used and deleted
    // there; the router runs there under m_mutex.
    auto *thread = new QThread(this);
    thread->setObjectName(QStringLiteral("practice-org"));
    thread->start();
    auto *listener = new PracticeListener(options.limits, [this](const PracticeRequest &request) { return handle(request); });
    listener->moveToThread(thread);
    QString listenError;
    quint16 port = 0;
    QMetaObject::invokeMethod(
        listener,
        [listener, &options, &listenError, &port] {
            // Loopback only: the practice org hands out tokens to anyone who can reach it.
            if (listener->listen(QHostAddress::LocalHost, options.port))
                port = listener->serverPort();
            else
                listenError = listener->errorString();
        },
        Qt::BlockingQueuedConnection);
    if (!port) {
        QMetaObject::invokeMethod(listener, [listener] { delete listener; }, Qt::BlockingQueuedConnection);
        thread->quit();
        thread->wait();
        delete thread;
        return makeError(QStringLiteral("practice.listen"),
            QStringLiteral("The practice org cannot listen on 127.0.0.1:%1: %2.").arg(options.port).arg(listenError),
            options.port ? QStringLiteral("Choose another port, or 0 for any free one.") : QString());
    }
    state->setUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));

    {
        const std::lock_guard lock(m_mutex);
        m_credentials = credentials.value();
        m_configured = directory.value();
        m_stats = {};
        m_state = std::move(state);
        m_router = std::move(router);
    }
    m_thread = thread;
    m_listener = listener;
    rebuild();
    return {};
}

PracticeReply PracticeOrg::handle(const PracticeRequest &request)
{
    PracticeReply reply;
    {
        const std::lock_guard lock(m_mutex);
        if (!m_router)
            return PracticeReply::restError(
                503, QStringLiteral("SERVER_UNAVAILABLE"), QStringLiteral("The practice org is stopping."));
        reply = m_router->handle(request);
        ++m_stats.requests;
        if (request.path == QLatin1String("/services/oauth2/token"))
            ++(reply.status == 200 ? m_stats.tokensIssued : m_stats.tokensRefused);
    }
    static const QMetaMethod signal = QMetaMethod::fromSignal(&PracticeOrg::requestHandled);
    if (isSignalConnected(signal))
        Q_EMIT requestHandled(LogEntry { request.method, request.path, reply.status, reply.note });
    return reply;
}

void PracticeOrg::stop()
{
    if (m_thread) {
        // The listener and its connections end on their own thread; then the thread.
        PracticeListener *listener = std::exchange(m_listener, nullptr);
        QMetaObject::invokeMethod(listener, [listener] { delete listener; }, Qt::BlockingQueuedConnection);
        m_thread->quit();
        m_thread->wait();
        delete std::exchange(m_thread, nullptr);
    }
    const std::lock_guard lock(m_mutex);
    m_router.reset();
    m_state.reset();
}

bool PracticeOrg::isRunning() const
{
    return m_thread != nullptr;
}

qsizetype PracticeOrg::connectionCount() const
{
    if (!m_listener)
        return 0;
    qsizetype count = 0;
    PracticeListener *listener = m_listener;
    QMetaObject::invokeMethod(
        listener, [listener, &count] { count = listener->connectionCount(); }, Qt::BlockingQueuedConnection);
    return count;
}

QUrl PracticeOrg::url() const
{
    return m_state ? m_state->url : QUrl();
}

quint16 PracticeOrg::port() const
{
    return m_state ? quint16(m_state->url.port()) : 0;
}

QString PracticeOrg::consumerKey() const
{
    return m_configured.apps.isEmpty() ? QString() : m_configured.apps.constFirst().consumerKey;
}

QString PracticeOrg::username() const
{
    return m_configured.users.isEmpty() ? QString() : m_configured.users.constFirst().username;
}

QString PracticeOrg::orgId() const
{
    return m_configured.org.id;
}

const DemoCredentials &PracticeOrg::credentials() const
{
    return m_credentials;
}

QString PracticeOrg::demoKeyPath() const
{
    return m_credentials.demoKeyPath;
}

QString PracticeOrg::demoCertificatePath() const
{
    return m_credentials.demoCertificatePath;
}

const OrgDirectory &PracticeOrg::directory() const
{
    return m_state ? m_state->directory : m_configured;
}

const OrgDirectory &PracticeOrg::configuredDirectory() const
{
    return m_configured;
}

void PracticeOrg::setDirectory(const OrgDirectory &directory)
{
    m_configured = directory;
    rebuild();
}

void PracticeOrg::setAppOption(PracticeAppOption::Id id, bool on)
{
    if (m_configured.apps.isEmpty() || PracticeAppOption::isOn(m_configured.apps.first(), id) == on)
        return;
    PracticeAppOption::set(m_configured.apps.first(), id, on);
    rebuild();
    Q_EMIT appOptionChanged(id, on);
}

bool PracticeOrg::appOption(PracticeAppOption::Id id) const
{
    return !m_configured.apps.isEmpty() && PracticeAppOption::isOn(m_configured.apps.first(), id);
}

void PracticeOrg::rebuild()
{
    const std::lock_guard lock(m_mutex);
    if (!m_state)
        return;
    OrgDirectory current = m_configured;
    // A changed consumer key would hide the app from the scenarios after it: rename last.
    QList<AppliedScenario> ordered = m_scenarios;
    std::stable_partition(ordered.begin(), ordered.end(),
        [](const AppliedScenario &s) { return s.id != PracticeScenario::Id::UnknownConsumerKey; });
    for (const AppliedScenario &scenario : std::as_const(ordered))
        (void)PracticeScenario::apply(scenario.id, current, scenario.target); // checked when applied
    m_state->directory = current;
}

Result<void> PracticeOrg::applyScenario(PracticeScenario::Id id)
{
    return applyScenario(id, consumerKey(), username());
}

Result<void> PracticeOrg::applyScenario(PracticeScenario::Id id, const QString &consumerKey, const QString &username)
{
    const PracticeScenario::Target target { consumerKey, username, m_credentials.signingCertificate };
    OrgDirectory trial = m_configured;
    if (auto applied = PracticeScenario::apply(id, trial, target); !applied)
        return applied;
    m_scenarios.append(AppliedScenario { id, target });
    rebuild();
    return {};
}

Result<void> PracticeOrg::applyScenario(const QString &name)
{
    const auto id = PracticeScenario::fromName(name);
    if (!id) {
        QStringList names;
        for (const PracticeScenario::Id each : PracticeScenario::all())
            names << PracticeScenario::name(each);
        return makeError(QStringLiteral("practice.scenario.unknown"), QStringLiteral("There is no scenario \"%1\".").arg(name),
            QStringLiteral("Scenarios: %1.").arg(names.join(QStringLiteral(", "))));
    }
    return applyScenario(*id);
}

void PracticeOrg::resetScenarios()
{
    m_scenarios.clear();
    rebuild();
}

QList<PracticeScenario::Id> PracticeOrg::activeScenarios() const
{
    QList<PracticeScenario::Id> ids;
    for (const AppliedScenario &scenario : m_scenarios)
        ids << scenario.id;
    return ids;
}

Result<QString> PracticeOrg::mintIdToken(
    const QString &username, const IdTokenMinter::Options &options, const QString &consumerKey) const
{
    const std::lock_guard lock(m_mutex);
    if (!m_state)
        return makeError(QStringLiteral("practice.not-running"), QStringLiteral("The practice org is not running."));
    const OrgDirectory::User *user = m_state->directory.userByUsername(username);
    if (!user)
        return makeError(
            QStringLiteral("practice.id-token.no-user"), QStringLiteral("The practice org has no user %1.").arg(username));
    return m_state->minter.mint(m_state->directory, *user, consumerKey.isEmpty() ? this->consumerKey() : consumerKey,
        m_state->origin, *m_state->clock, options);
}

QJsonObject PracticeOrg::jwks() const
{
    return m_state ? m_state->minter.jwks() : QJsonObject();
}

QString PracticeOrg::signingKid() const
{
    return m_state ? m_state->minter.kid() : QString();
}

PracticeOrg::Stats PracticeOrg::stats() const
{
    const std::lock_guard lock(m_mutex);
    Stats stats = m_stats;
    stats.activeSessions = m_state ? m_state->sessions.size() : 0;
    return stats;
}

void PracticeOrg::revokeAllSessions()
{
    const std::lock_guard lock(m_mutex);
    if (m_state)
        m_state->sessions.clear();
}

} // namespace jwtflow
