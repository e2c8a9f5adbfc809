#include "practice/TokenEndpoint.h"

#include "practice/AssertionValidator.h"
#include "practice/OrderedJson.h"

#include <QDateTime>
#include <QMessageAuthenticationCode>

namespace jwtflow {

QString TokenEndpoint::signature(const QString &consumerSecret, const QString &id, const QString &issuedAt)
{
    const QByteArray mac
        = QMessageAuthenticationCode::hash((id + issuedAt).toUtf8(), consumerSecret.toUtf8(), QCryptographicHash::Sha256);
    return QString::fromLatin1(mac.toBase64());
}

QString TokenEndpoint::idToken(const OrgDirectory::User &user, const QString &consumerKey)
{
    // No at_hash: it would tie each ID token to one access token and defeat the reuse above; OIDC
    // makes it optional outside the implicit and hybrid flows. PracticeOrg::mintIdToken adds it.
    const QString key = user.id + QLatin1Char(' ') + consumerKey;
    const qint64 now = m_state.nowSecs();
    auto it = m_idTokens.find(key);
    if (it != m_idTokens.end() && it->iat == now)
        return it->token;
    const auto minted = m_state.minter.mint(m_state.directory, user, consumerKey, m_state.origin, *m_state.clock);
    if (!minted)
        return {};
    m_idTokens.insert(key, CachedIdToken { now, minted.value() });
    return minted.value();
}

PracticeReply TokenEndpoint::handle(const PracticeRequest &request)
{
    AssertionValidator::Request input;
    input.method = request.method;
    input.contentType = request.header("Content-Type");
    input.body = request.body;
    input.remoteAddress = request.remoteAddress;
    const AssertionValidator validator(m_state.directory, *m_state.clock, m_state.url);
    const AssertionValidator::Outcome outcome = validator.validate(input);
    if (!outcome.granted) {
        PracticeReply reply
            = PracticeReply::oauthError(outcome.refusal.status, outcome.refusal.error, outcome.refusal.description);
        reply.note = (outcome.refusal.code.isEmpty() ? QString() : outcome.refusal.code + QStringLiteral(" "))
            + outcome.refusal.error + QStringLiteral(": ") + outcome.refusal.description + QStringLiteral(" — ")
            + outcome.refusal.reason;
        return reply;
    }

    const AssertionValidator::Grant &grant = outcome.grant;
    const OrgDirectory::App *app = m_state.directory.appByConsumerKey(grant.consumerKey);
    const OrgDirectory::User *user = m_state.directory.userById(grant.userId);
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    SessionStore::Session session;
    session.userId = grant.userId;
    session.consumerKey = grant.consumerKey;
    session.scopes = grant.scopes;
    session.issuedAtMs = nowMs;
    session.expiresAt = m_state.nowSecs() + m_state.directory.org.sessionSeconds;
    QString accessToken;
    if (app->jwtAccessTokens) {
        JwtAccessTokenMinter::Grant jwtGrant;
        jwtGrant.issuer = m_state.origin;
        jwtGrant.userId = grant.userId;
        jwtGrant.consumerKey = grant.consumerKey;
        jwtGrant.scopes = grant.scopes;
        jwtGrant.issuedAt = m_state.nowSecs();
        jwtGrant.expiresAt = session.expiresAt;
        const auto minted = m_state.accessTokenMinter.mint(m_state.directory, jwtGrant);
        if (!minted)
            return PracticeReply::oauthError(500, QStringLiteral("server_error"), minted.error().message);
        accessToken = minted.value();
        m_state.sessions.issueAs(accessToken, session, m_state.nowSecs());
    } else {
        accessToken = m_state.sessions.issue(m_state.directory.orgId15(), session, m_state.nowSecs());
    }

    const QString id = m_state.identityUrl(grant.userId);
    const QString issuedAt = QString::number(nowMs);
    OrderedJson json;
    json.add(u"access_token", accessToken);
    if (app->issuedAtAndSignature)
        json.add(u"signature", signature(app->consumerSecret, id, issuedAt));
    json.add(u"scope", grant.scopes.join(QLatin1Char(' ')));
    if (app->idTokenInJwtGrant && app->hasScope(QStringLiteral("openid"))) {
        const QString token = idToken(*user, app->consumerKey);
        if (!token.isEmpty())
            json.add(u"id_token", token);
    }
    json.add(u"instance_url", m_state.origin).add(u"id", id).add(u"token_type", "Bearer");
    if (app->issuedAtAndSignature)
        json.add(u"issued_at", issuedAt);
    PracticeReply reply = PracticeReply::json(200, json.toJson());
    reply.note = QStringLiteral("token for %1 (%2)").arg(user->username, app->name);
    if (!grant.notes.isEmpty())
        reply.note += QStringLiteral("; ") + grant.notes.join(QStringLiteral("; "));
    return reply;
}

} // namespace jwtflow
