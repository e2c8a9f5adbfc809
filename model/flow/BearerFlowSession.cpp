#include "flow/BearerFlowSession.h"

#include "crypto/JwsAlgorithm.h"
#include "crypto/KeyAlgorithmRule.h"
#include "crypto/Signer.h"
#include "crypto/Verifier.h"
#include "flow/DiagnosisContext.h"
#include "flow/OrgClient.h"
#include "flow/SalesforceHost.h"
#include "flow/TokenExchange.h"
#include "inspect/TokenVerdict.h"
#include "practice/PracticeOrg.h"
#include "token/JsonText.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace jwtflow {

namespace {

using Env = AssertionPreset::Environment;
using State = TokenDocument::SignatureState;

QString audText(const QJsonValue &aud)
{
    if (aud.isArray())
        return aud.toArray().isEmpty() ? QString() : aud.toArray().first().toString();
    return aud.toString();
}

} // namespace

BearerFlowSession::BearerFlowSession(const Clock &clock, QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_document(new TokenDocument(this))
    , m_exchange(new TokenExchange(network, this))
    , m_org(new OrgClient(network, this))
    , m_switchboard(new ScenarioSwitchboard(nullptr, m_document, clock, this))
{
    connect(m_document, &TokenDocument::tokenChanged, this, [this](TokenDocument::Origin origin) {
        followClaims(origin);
        refreshTokenConnection();
        refreshLints();
    });
    connect(m_exchange, &TokenExchange::finished, this, &BearerFlowSession::exchangeFinished);
    connect(m_switchboard, &ScenarioSwitchboard::changed, this, &BearerFlowSession::failureChanged);
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &BearerFlowSession::tick);
    m_tick.start();
}

BearerFlowSession::~BearerFlowSession() = default;

// ---- the connection

Result<AssertionPreset> BearerFlowSession::preset() const
{
    if (m_connection.environment == Env::PracticeOrg)
        return AssertionPreset::create(Env::PracticeOrg, m_practiceUrl.isEmpty() ? m_connection.input : m_practiceUrl);
    return AssertionPreset::create(
        m_connection.environment, m_connection.input, m_clearText.covers(QUrl::fromUserInput(m_connection.input.trimmed())));
}

QString BearerFlowSession::tokenHost() const
{
    const QString text = !m_tokenUrl.isEmpty()                                     ? m_tokenUrl
        : m_connection.environment == Env::PracticeOrg && !m_practiceUrl.isEmpty() ? m_practiceUrl
                                                                                   : m_connection.input;
    return QUrl::fromUserInput(text.trimmed()).host().toLower();
}

QString BearerFlowSession::audience() const
{
    if (!m_connection.audience.isEmpty())
        return m_connection.audience;
    const auto p = preset();
    return p ? p->audience() : QString();
}

void BearerFlowSession::setConnectionQuietly(const Connection &connection)
{
    Connection c = connection;
    c.clientId = c.clientId.trimmed();
    c.username = c.username.trimmed();
    c.audience = c.audience.trimmed();
    if (c == m_connection)
        return;
    m_connection = c;
    Q_EMIT connectionChanged();
}

void BearerFlowSession::setConnection(const Connection &connection)
{
    const Connection before = m_connection;
    setConnectionQuietly(connection);
    if (m_connection == before)
        return;
    if (m_connectionUndo) { // an edit of its own ends what Undo would bring back
        m_connectionUndo.reset();
        Q_EMIT tokenConnectionChanged();
    }
    applyConnectionToClaims();
    refreshVerifier(); // the consumer key decides which keys may verify a pasted token
    refreshTokenConnection();
    refreshLints();
}

void BearerFlowSession::setEnvironment(Env env, const QString &input)
{
    Connection c = m_connection;
    c.environment = env;
    // An environment that asks for a URL or tenant takes exactly what is given; the practice
    // org's URL is the one it listens on.
    if (!input.isEmpty() || (env != Env::PracticeOrg && !AssertionPreset::inputLabel(env).isEmpty()))
        c.input = input;
    setConnection(c);
}

void BearerFlowSession::setClientId(const QString &clientId)
{
    Connection c = m_connection;
    c.clientId = clientId;
    setConnection(c);
}

void BearerFlowSession::setUsername(const QString &username)
{
    Connection c = m_connection;
    c.username = username;
    setConnection(c);
}

void BearerFlowSession::setAudience(const QString &audience)
{
    Connection c = m_connection;
    c.audience = audience;
    setConnection(c);
}

void BearerFlowSession::setPracticeOrgUrl(const QString &url)
{
    if (url == m_practiceUrl)
        return;
    m_practiceUrl = url;
    if (m_connection.environment == Env::PracticeOrg) {
        Q_EMIT connectionChanged();
        applyConnectionToClaims();
        refreshLints();
    }
}

void BearerFlowSession::composeFromConnection()
{
    m_foreign = false;
    applyConnectionToClaims(true);
    refreshVerifier();
    refreshTokenConnection();
    refreshLints();
}

void BearerFlowSession::applyConnectionToClaims(bool fresh)
{
    const auto p = preset();
    if (!p)
        return;
    // A pasted token that is not this connection's assertion stays as pasted: the connection
    // names what the user composes, not what they are looking at.
    if (m_foreign)
        return;
    QJsonObject filled = p->claims(m_connection.clientId, m_connection.username, m_clock);
    if (!m_connection.audience.isEmpty() && p->isSalesforce())
        filled.insert(QStringLiteral("aud"), m_connection.audience);
    if (fresh || !m_document->hasToken()) {
        // A new assertion: claims in the order people read them, not QJsonObject's sorted order.
        QByteArray payload("{}");
        for (const QString &name : { QStringLiteral("iss"), QStringLiteral("sub"), QStringLiteral("aud"), QStringLiteral("exp") })
            payload = JsonText::setMember(payload, name, filled.value(name));
        for (auto it = filled.begin(); it != filled.end(); ++it)
            payload = JsonText::setMember(payload, it.key(), it.value());
        m_document->compose(QJsonDocument(p->header()).toJson(QJsonDocument::Compact), payload);
    }
    // The connection owns iss, sub and aud; exp is set only when missing, so typing does not keep
    // moving it (the countdown and its button are there for that).
    const QJsonObject current = m_document->jwt().claims();
    for (const QString &name : { QStringLiteral("iss"), QStringLiteral("sub"), QStringLiteral("aud") }) {
        const QJsonValue value = filled.value(name);
        if (value.isString() && value.toString().isEmpty())
            continue;
        if (!value.isUndefined() && current.value(name) != value)
            m_document->setClaim(name, value);
    }
    for (auto it = filled.begin(); it != filled.end(); ++it) {
        if (!m_document->jwt().claims().contains(it.key()))
            m_document->setClaim(it.key(), it.value());
    }
    applyCertificateHeader();
}

void BearerFlowSession::applyCertificateHeader()
{
    // Entra finds the uploaded certificate by its thumbprint in the header. Never touch a pasted token.
    const auto p = preset();
    if (!p || p->isSalesforce() || !m_document->hasToken() || m_document->isPasted())
        return;
    const QString x5t = certificateX5tS256();
    if (!x5t.isEmpty())
        m_document->setHeaderMember(QStringLiteral("x5t#S256"), x5t);
}

void BearerFlowSession::followClaims(TokenDocument::Origin origin)
{
    if (origin == TokenDocument::Origin::Encoded) {
        // A paste (or a typed token): this connection's assertion only if it names this
        // connection's iss, sub and aud; otherwise it is looked at, not adopted.
        const QJsonObject claims = m_document->jwt().claims();
        const bool mine = m_document->hasToken() && claims.value(QStringLiteral("iss")).toString() == m_connection.clientId
            && claims.value(QStringLiteral("sub")).toString() == m_connection.username
            && audText(claims.value(QStringLiteral("aud"))) == audience();
        const bool wasForeign = m_foreign;
        m_foreign = m_document->hasToken() && !mine;
        if (wasForeign != m_foreign)
            refreshVerifier();
        return;
    }
    // Only an edit in the JSON of this connection's own assertion fills the connection back.
    if (m_foreign || (origin != TokenDocument::Origin::Payload && origin != TokenDocument::Origin::Header))
        return;
    const QJsonObject claims = m_document->jwt().claims();
    Connection c = m_connection;
    const QString iss = claims.value(QStringLiteral("iss")).toString();
    const QString sub = claims.value(QStringLiteral("sub")).toString();
    if (!iss.isEmpty())
        c.clientId = iss;
    if (!sub.isEmpty() && m_connection.environment != Env::EntraTenant)
        c.username = sub;
    setConnectionQuietly(c);
}

void BearerFlowSession::pasteToken(const QString &text)
{
    m_document->setEncodedText(text);
}

BearerFlowSession::TokenConnection BearerFlowSession::tokenDiffers() const
{
    return m_differs;
}

void BearerFlowSession::refreshTokenConnection()
{
    TokenConnection differs;
    if (m_foreign && m_document->hasToken() && m_document->jwt().kind() != Jwt::Kind::Encrypted) {
        const QJsonObject claims = m_document->jwt().claims();
        differs.iss = claims.value(QStringLiteral("iss")).toString();
        differs.sub = claims.value(QStringLiteral("sub")).toString();
        differs.aud = audText(claims.value(QStringLiteral("aud")));
    }
    if (differs.iss == m_differs.iss && differs.sub == m_differs.sub && differs.aud == m_differs.aud)
        return;
    m_differs = differs;
    Q_EMIT tokenConnectionChanged();
}

bool BearerFlowSession::adoptTokenConnection()
{
    if (m_differs.isEmpty())
        return false;
    const Connection before = m_connection;
    Connection c = m_connection;
    if (!m_differs.iss.isEmpty())
        c.clientId = m_differs.iss;
    if (!m_differs.sub.isEmpty())
        c.username = m_differs.sub;
    // The aud goes into the connection only where the preset would not give it anyway.
    const auto p = preset();
    c.audience = p && p->audience() == m_differs.aud ? QString() : m_differs.aud;
    m_connectionUndo = before;
    m_foreign = false; // from now on the token is this connection's assertion
    setConnectionQuietly(c);
    refreshVerifier();
    m_differs = {};
    Q_EMIT tokenConnectionChanged();
    refreshLints();
    Q_EMIT message(tr("The connection now uses the token's iss, sub and aud (Undo brings the previous values back)."));
    return true;
}

void BearerFlowSession::undoConnection()
{
    if (!m_connectionUndo)
        return;
    const Connection before = *m_connectionUndo;
    m_connectionUndo.reset();
    setConnectionQuietly(before);
    // The token is as it was: compare it with the restored connection again.
    followClaims(TokenDocument::Origin::Encoded);
    refreshVerifier();
    refreshTokenConnection();
    Q_EMIT tokenConnectionChanged();
    refreshLints();
}

void BearerFlowSession::useForBearerFlow(const QString &iss, const QString &sub, const QString &aud, const QStringList &notes)
{
    Connection c = m_connection;
    if (!iss.isEmpty())
        c.clientId = iss;
    if (!sub.isEmpty())
        c.username = sub;
    if (!aud.isEmpty()) {
        // The environment the issuer's host belongs to; its preset then gives that aud.
        if (const auto p = AssertionPreset::forUrl(aud); p && p->isSalesforce()) {
            c.environment = p->environment();
            if (c.environment == Env::MyDomain || c.environment == Env::ExperienceCloudSite || c.environment == Env::PracticeOrg)
                c.input = aud;
            c.audience = p->audience() == aud ? QString() : aud;
        } else {
            c.audience = aud;
        }
    }
    m_connectionUndo = m_connection;
    setConnectionQuietly(c);
    if (c.environment == Env::PracticeOrg && m_practiceUrl.isEmpty())
        m_practiceUrl = c.input;
    composeFromConnection();
    Q_EMIT tokenConnectionChanged();
    Q_EMIT message(notes.isEmpty() ? tr("A new assertion from the inspected token.")
                                   : tr("A new RS256 assertion from the inspected token: %1").arg(notes.join(u' ')));
}

// ---- keys

void BearerFlowSession::setSigningKey(const std::optional<KeyMaterial> &material)
{
    m_signingKey = material;
    m_document->setSigner(signer());
    refreshVerifier();
    applyCertificateHeader();
    Q_EMIT keysChanged();
    refreshLints();
}

void BearerFlowSession::setCertificate(const std::optional<KeyMaterial> &material)
{
    m_certificate = material;
    refreshVerifier();
    applyCertificateHeader();
    Q_EMIT keysChanged();
    refreshLints();
}

void BearerFlowSession::setVerificationKey(const std::optional<KeyMaterial> &material)
{
    m_verificationKey = material;
    refreshVerifier();
    Q_EMIT keysChanged();
    refreshLints();
}

void BearerFlowSession::setHmacSecret(const std::optional<HmacSecret> &secret)
{
    m_hmac = secret;
    m_document->setSigner(signer());
    refreshVerifier();
    Q_EMIT keysChanged();
    refreshLints();
}

ClaimsLinter::KeyMatch BearerFlowSession::keyMatch() const
{
    if (!m_signingKey || m_signingKey->privateKey.isNull() || !m_certificate || m_certificate->certificate.isNull())
        return ClaimsLinter::KeyMatch::Unknown;
    return m_certificate->certificate.matches(m_signingKey->privateKey) ? ClaimsLinter::KeyMatch::Matches
                                                                        : ClaimsLinter::KeyMatch::DoesNotMatch;
}

std::optional<int> BearerFlowSession::keyBits() const
{
    if (!m_signingKey || m_signingKey->privateKey.isNull() || !m_signingKey->privateKey.isRsa())
        return std::nullopt; // an RSA modulus size; EC and Ed25519 keys have no such minimum
    return m_signingKey->privateKey.bits();
}

QString BearerFlowSession::certificateX5tS256() const
{
    return m_certificate && !m_certificate->certificate.isNull() ? m_certificate->certificate.x5tS256() : QString();
}

QStringList BearerFlowSession::algorithmChoices()
{
    return JwsAlgorithm::supportedNames();
}

QString BearerFlowSession::algorithm() const
{
    return m_document->hasToken() ? m_document->jwt().alg() : QString();
}

QString BearerFlowSession::algorithmNeed(const QString &name) const
{
    const JwsAlgorithm alg = JwsAlgorithm::fromName(name);
    if (!alg.isSupported())
        return tr("%1 is not an algorithm this build signs; pick one of %2.")
            .arg(name, algorithmChoices().join(QStringLiteral(", ")));
    const bool haveKey = m_signingKey && !m_signingKey->privateKey.isNull();
    const QStringList keyAlgorithms = haveKey
        ? KeyAlgorithmRule::algorithmsFor(m_signingKey->privateKey.keyType(), m_signingKey->privateKey.curve())
        : QStringList();
    if (alg.family() == JwsAlgorithm::Family::Hmac) {
        if (m_hmac)
            return {};
        return keyAlgorithms.isEmpty()
            ? tr("%1 needs a shared secret; type one under Secret.").arg(name)
            : tr("%1 needs a shared secret; type one under Secret or pick %2.").arg(name, keyAlgorithms.constFirst());
    }
    if (haveKey
        && KeyAlgorithmRule::check(
            alg, m_signingKey->privateKey.keyType(), m_signingKey->privateKey.curve(), m_signingKey->privateKey.bits()))
        return {};
    const QString need = KeyAlgorithmRule::needs(alg);
    if (!keyAlgorithms.isEmpty())
        return tr("%1 needs %2; load one or pick %3.").arg(name, need, keyAlgorithms.constFirst());
    if (m_hmac)
        return tr("%1 needs %2; load one or pick HS256.").arg(name, need);
    return tr("%1 needs %2; load one under Sign with.").arg(name, need);
}

void BearerFlowSession::setAlgorithm(const QString &alg)
{
    if (!m_document->hasToken() || algorithm() == alg)
        return;
    // A header edit like any other: the document re-signs with the signer, which refuses a key of
    // the wrong kind with KeyAlgorithmRule's message; what the user typed stays.
    m_document->setHeaderMember(QStringLiteral("alg"), alg);
}

TokenDocument::Signer BearerFlowSession::signer() const
{
    const std::optional<HmacSecret> hmac = m_hmac;
    if ((!m_signingKey || m_signingKey->privateKey.isNull()) && !hmac)
        return {};
    const PrivateKey key = m_signingKey ? m_signingKey->privateKey : PrivateKey();
    return [key, hmac](Jwt &jwt) -> Result<void> {
        const QString alg = jwt.alg();
        if (JwsAlgorithm::fromName(alg).family() == JwsAlgorithm::Family::Hmac) {
            if (!hmac)
                return makeError(QStringLiteral("sign.no-secret"), tr("alg %1 needs an HMAC secret.").arg(alg),
                    tr("Type the secret, or set alg to RS256 to sign with the private key."));
            return Signer::sign(jwt, *hmac, alg);
        }
        if (key.isNull())
            return makeError(QStringLiteral("sign.no-key"),
                tr("alg %1 needs a private key.").arg(alg.isEmpty() ? QStringLiteral("RS256") : alg),
                tr("Choose the private key whose certificate the connected app holds."));
        return Signer::sign(jwt, key, alg.isEmpty() || alg == QStringLiteral("none") ? QStringLiteral("RS256") : alg);
    };
}

TokenDocument::Verifier BearerFlowSession::verifier() const
{
    // The verification key the user chose verifies any token. The connected app's certificate
    // (else the signing key's public half) verifies only this app's own assertions: checking a
    // foreign token (an id_token, another app's assertion) against it can only say "invalid",
    // which would be a false alarm.
    const std::optional<KeyMaterial> chosen = m_verificationKey;
    std::optional<KeyMaterial> own = m_certificate;
    if (!own)
        own = m_signingKey;
    const std::optional<HmacSecret> hmac = m_hmac;
    const QString consumerKey = m_connection.clientId;
    if (!chosen && !own && !hmac)
        return {};
    return [chosen, own, hmac, consumerKey](const Jwt &jwt) -> TokenDocument::SignatureStatus {
        Verification verification;
        const QString iss = jwt.claims().value(QStringLiteral("iss")).toString();
        const bool ownAssertion = !consumerKey.isEmpty() && iss == consumerKey;
        const std::optional<KeyMaterial> material = chosen ? chosen : (ownAssertion ? own : std::nullopt);
        if (JwsAlgorithm::fromName(jwt.alg()).family() == JwsAlgorithm::Family::Hmac && hmac) {
            verification = Verifier::verify(jwt, *hmac);
        } else if (material) {
            const auto key = material->verificationKey(jwt.kid());
            if (!key)
                return { State::NotChecked, key.error().text() };
            verification = Verifier::verify(jwt, key.value());
        } else if (own) {
            return { State::NotChecked,
                tr("Its iss (%1) is not this connection's consumer key, so the connected app's certificate does "
                   "not apply. Choose the issuer's key under \"Verify with\".")
                    .arg(iss.isEmpty() ? tr("none") : iss) };
        } else {
            return { State::NotChecked,
                tr("alg %1 is not an HMAC algorithm; choose a certificate or public key.").arg(jwt.alg()) };
        }
        // A valid signature over JSON a strict server refuses is not "verified".
        verification = TokenVerdict::strict(jwt, verification);
        switch (verification.outcome) {
        case Verification::Outcome::Verified:
            return { State::Verified, tr("with %1").arg(verification.keyDescription) };
        case Verification::Outcome::Invalid:
        case Verification::Outcome::JsonInvalid:
            return { State::Invalid, verification.message };
        case Verification::Outcome::Unsupported:
            return { State::Unsupported, verification.message };
        case Verification::Outcome::Unsecured:
            return { State::Unsecured, verification.message };
        case Verification::Outcome::KeyMismatch:
            return { State::NotChecked, verification.message };
        }
        return { State::NotChecked, {} };
    };
}

void BearerFlowSession::refreshVerifier()
{
    m_document->setVerifier(verifier());
}

// ---- lints

void BearerFlowSession::tick()
{
    if (m_document->hasToken() && m_document->jwt().claims().contains(QStringLiteral("exp")))
        refreshLints();
}

void BearerFlowSession::refreshLints()
{
    QList<Lint> lints;
    if (m_document->hasToken() && m_document->jwt().kind() != Jwt::Kind::Encrypted) {
        ClaimsLinter::Context context;
        if (const auto p = preset(); p)
            context.preset = p.value();
        context.keyMatch = keyMatch();
        context.keyBits = keyBits();
        lints = ClaimsLinter(m_clock).lint(m_document->jwt(), context);
    }
    if (lints == m_lints)
        return;
    m_lints = lints;
    Q_EMIT lintsChanged();
}

// ---- the exchange

bool BearerFlowSession::isSending() const
{
    return m_exchange->isRunning();
}

Result<HttpExchangeRecord::Request> BearerFlowSession::request(const QString &assertion) const
{
    const auto p = preset();
    if (!p && m_tokenUrl.isEmpty())
        return p.error();
    auto built = m_connection.environment == Env::EntraTenant
        ? TokenExchange::entraRequest(m_tokenUrl.isEmpty() ? p->tenant() : m_tokenUrl, m_connection.clientId, assertion, m_scope)
        : TokenExchange::salesforceRequest(m_tokenUrl.isEmpty() ? AssertionPreset::urlText(p->baseUrl()) : m_tokenUrl, assertion);
    if (!built)
        return built;
    if (auto clear = ClearTextRule::check(built->url, m_clearText, tr("the assertion")); !clear)
        return clear.error();
    return built;
}

void BearerFlowSession::setClearTextConsent(const ClearTextRule::Consent &consent)
{
    m_clearText = consent;
    m_org->setClearTextConsent(consent);
}

void BearerFlowSession::allowClearTextHost(const QString &host)
{
    ClearTextRule::Consent consent = m_clearText;
    consent.hosts.insert(host.toLower());
    setClearTextConsent(consent);
}

Result<void> BearerFlowSession::send()
{
    if (const auto p = preset(); !p && m_tokenUrl.isEmpty())
        return p.error();
    if (!m_document->hasToken())
        return makeError(
            QStringLiteral("session.no-token"), tr("There is no assertion to send: fill in the connection or paste a token."));
    // Lints never block Send: the user may want to see what the server says.
    return sendAssertion(QString::fromLatin1(m_document->jwt().encoded()));
}

Result<void> BearerFlowSession::sendAssertion(const QString &assertion)
{
    if (m_exchange->isRunning())
        return makeError(
            QStringLiteral("session.busy"), tr("An exchange is already on its way."), tr("Wait for it, or Cancel it."));
    const auto built = request(assertion);
    if (!built)
        return built.error();
    const bool entra = m_connection.environment == Env::EntraTenant;
    if (auto started = m_exchange->send(
            built.value(), entra ? ExchangeResult::Mode::EntraClientCredentials : ExchangeResult::Mode::SalesforceJwtBearer);
        !started)
        return started;
    m_lastAssertion = assertion;
    m_lastHost = built->url;
    Q_EMIT sendingChanged(true);
    if (ClearTextRule::judge(m_lastHost, m_clearText) == ClearTextRule::Verdict::Warned)
        Q_EMIT message(ClearTextRule::warning(m_lastHost, tr("the assertion")));
    else
        Q_EMIT message(tr("Sending the assertion to %1 …").arg(m_lastHost.toString()));
    return {};
}

void BearerFlowSession::cancel()
{
    m_exchange->cancel();
}

void BearerFlowSession::exchangeFinished(const ExchangeResult &result)
{
    DiagnosisContext context = DiagnosisContext::fromAssertion(m_lastHost, m_lastAssertion, m_clock);
    switch (keyMatch()) {
    case ClaimsLinter::KeyMatch::Matches:
        context.keyMatch = DiagnosisContext::KeyMatch::Matches;
        break;
    case ClaimsLinter::KeyMatch::DoesNotMatch:
        context.keyMatch = DiagnosisContext::KeyMatch::DoesNotMatch;
        break;
    case ClaimsLinter::KeyMatch::Unknown:
        break;
    }
    // The org kind the user chose (Production or Sandbox) comes first: an assertion sent with
    // --host to another address still targets that org. Otherwise what the host says
    // (SalesforceHost; unknown for a practice org on this computer and for hosts it does not know).
    if (m_connection.environment == Env::Production) {
        context.orgKind = DiagnosisContext::OrgKind::Production;
    } else if (m_connection.environment == Env::Sandbox) {
        context.orgKind = DiagnosisContext::OrgKind::Sandbox;
    } else {
        switch (SalesforceHost::classify(m_lastHost).orgKind()) {
        case SalesforceHost::OrgKind::Production:
            context.orgKind = DiagnosisContext::OrgKind::Production;
            break;
        case SalesforceHost::OrgKind::Sandbox:
            context.orgKind = DiagnosisContext::OrgKind::Sandbox;
            break;
        case SalesforceHost::OrgKind::Unknown:
            break;
        }
    }
    // Even a token gets one: its notes warn about what worked only by luck (an exp in ms, …).
    m_lastDiagnosis = Diagnosis::diagnose(result, context);
    m_lastResult = result;
    ++m_answerSerial;
    if (result.ok())
        m_org->setToken(result.token);
    Q_EMIT sendingChanged(false);
    Q_EMIT answerChanged();
    Q_EMIT message(result.summary());
}

Result<QUrl> BearerFlowSession::openOrg()
{
    auto url = m_org->frontdoorUrl();
    if (url)
        Q_EMIT frontdoorOpened(url.value());
    return url;
}

// ---- the practice org

void BearerFlowSession::setPracticeOrg(PracticeOrg *org)
{
    m_practice = org;
    m_switchboard->setPracticeOrg(org);
    if (org && org->isRunning())
        setPracticeOrgUrl(org->url().toString());
    Q_EMIT practiceOrgChanged();
}

PracticeOrg *BearerFlowSession::practiceOrg() const
{
    return m_practice.data();
}

Result<QString> BearerFlowSession::applyFailure(ScenarioSwitchboard::Switch s)
{
    return m_switchboard->apply(s);
}

QString BearerFlowSession::resetFailure()
{
    return m_switchboard->reset();
}

QString BearerFlowSession::environmentInput() const
{
    const auto env = m_connection.environment;
    if (env == AssertionPreset::Environment::PracticeOrg || AssertionPreset::inputLabel(env).isEmpty())
        return {};
    return m_connection.input.trimmed();
}

} // namespace jwtflow
