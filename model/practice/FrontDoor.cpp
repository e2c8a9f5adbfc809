#include "practice/FrontDoor.h"

#include "practice/OrderedJson.h"

#include <QUrl>

namespace jwtflow {

namespace {

const QString kHome = QStringLiteral("/home/home.jsp");

// Only a path on this org: an absolute or protocol-relative retURL would make frontdoor an open
// redirect.
QString safeReturnPath(const QString &retUrl)
{
    if (retUrl.startsWith(QLatin1Char('/')) && !retUrl.startsWith(QLatin1String("//")) && !retUrl.contains(QLatin1Char('\\')))
        return retUrl;
    return kHome;
}

} // namespace

PracticeReply FrontDoor::loginPage(const QString &message) const
{
    PracticeReply reply = PracticeReply::html(200, QStringLiteral("%1 — login").arg(m_state.directory.org.name),
        QStringLiteral(
            "<p>%1</p>\n<p>This practice org signs users in through the OAuth 2.0 JWT bearer flow only: POST an assertion to "
            "<code>%2/services/oauth2/token</code>, then open <code>%2/secur/frontdoor.jsp?sid=ACCESS_TOKEN</code>.</p>")
            .arg(PracticeReply::escapeHtml(message), PracticeReply::escapeHtml(m_state.origin)));
    reply.note = message;
    return reply;
}

PracticeReply FrontDoor::startSession(const QString &accessToken, const QString &retUrl)
{
    PracticeReply reply = PracticeReply::redirect(QUrl::toPercentEncoding(safeReturnPath(retUrl), "/?&=:;,+%"));
    reply.headers.emplaceBack("Set-Cookie", "sid=" + accessToken.toLatin1() + "; Path=/; HttpOnly; SameSite=Lax");
    return reply;
}

PracticeReply FrontDoor::frontdoor(const PracticeRequest &request)
{
    const QString retUrl = request.queryValue(QStringLiteral("retURL"));
    const QString otp = request.queryValue(QStringLiteral("otp"));
    if (!otp.isEmpty()) {
        // A single-use link: consumed whatever happens next.
        const PracticeState::OneTimeLink link = m_state.oneTimeLinks.take(otp);
        if (link.expiresAt > m_state.nowSecs() && m_state.session(link.accessToken)) {
            const QString start = request.queryValue(QStringLiteral("startURL"));
            return startSession(link.accessToken, start.isEmpty() ? retUrl : start);
        }
        return PracticeReply::redirect("/?ec=302&startURL=" + QUrl::toPercentEncoding(safeReturnPath(retUrl)));
    }
    const QString sid = request.queryValue(QStringLiteral("sid"));
    if (sid.isEmpty() || !m_state.session(sid))
        return PracticeReply::redirect("/?ec=302&startURL=" + QUrl::toPercentEncoding(safeReturnPath(retUrl)));
    return startSession(sid, retUrl);
}

PracticeReply FrontDoor::singleAccess(const PracticeRequest &request)
{
    const QString token = PracticeState::accessToken(request);
    if (!m_state.session(token))
        return PracticeReply::restError(403, QStringLiteral("INVALID_SESSION_ID"), QStringLiteral("Session expired or invalid"));
    const qint64 now = m_state.nowSecs();
    m_state.oneTimeLinks.removeIf(
        [now](const QHash<QString, PracticeState::OneTimeLink>::iterator &it) { return it->expiresAt <= now; });
    if (m_state.oneTimeLinks.size() >= PracticeState::kMaxOneTimeLinks)
        m_state.oneTimeLinks.erase(m_state.oneTimeLinks.begin());
    const QString otp = QString::fromLatin1(SessionStore::randomToken(48));
    m_state.oneTimeLinks.insert(otp, PracticeState::OneTimeLink { token, now + kOneTimeLinkSecs });
    QString uri
        = m_state.origin + QStringLiteral("/secur/frontdoor.jsp?otp=") + QString::fromLatin1(QUrl::toPercentEncoding(otp));
    const QString redirect = request.queryValue(QStringLiteral("redirect_uri"));
    if (!redirect.isEmpty())
        uri += QStringLiteral("&startURL=") + QString::fromLatin1(QUrl::toPercentEncoding(redirect));
    return PracticeReply::json(200, OrderedJson().add(u"frontdoor_uri", uri).toJson());
}

PracticeReply FrontDoor::page(const PracticeRequest &request)
{
    const SessionStore::Session *session = m_state.cookieSession(request);
    if (!session) {
        if (request.path == QLatin1String("/"))
            return loginPage(QStringLiteral("You are not signed in."));
        return PracticeReply::redirect("/?ec=302&startURL=" + QUrl::toPercentEncoding(request.path));
    }
    const OrgDirectory::User *user = m_state.directory.userById(session->userId);
    const OrgDirectory::App *app = m_state.directory.appByConsumerKey(session->consumerKey);
    PracticeReply reply = PracticeReply::html(200, m_state.directory.org.name,
        QStringLiteral(
            "<p>Signed in as <b>%1</b> (%2) through <b>%3</b>.</p>\n<p>You reached <code>%4</code>. This practice org has no "
            "Lightning UI; its REST API lives under <code>/services/data</code>.</p>")
            .arg(PracticeReply::escapeHtml(user ? user->username : session->userId),
                PracticeReply::escapeHtml(user ? user->name() : QString()),
                PracticeReply::escapeHtml(app ? app->name : session->consumerKey), PracticeReply::escapeHtml(request.path)));
    reply.note = user ? user->username : QString();
    return reply;
}

} // namespace jwtflow
