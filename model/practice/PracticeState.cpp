#include "practice/PracticeState.h"

namespace jwtflow {

void PracticeState::setUrl(const QUrl &serverUrl)
{
    url = serverUrl;
    origin = QString::fromUtf8(serverUrl.toEncoded());
    while (origin.endsWith(QLatin1Char('/')))
        origin.chop(1);
}

QString PracticeState::accessToken(const PracticeRequest &request)
{
    const QByteArray authorization = request.header("Authorization").trimmed();
    const qsizetype space = authorization.indexOf(' ');
    if (space > 0) {
        const QByteArray scheme = authorization.left(space).toLower();
        if (scheme == "bearer" || scheme == "oauth")
            return QString::fromLatin1(authorization.mid(space + 1).trimmed());
    }
    return request.queryValue(QStringLiteral("oauth_token"));
}

const SessionStore::Session *PracticeState::session(const QString &token)
{
    if (token.isEmpty())
        return nullptr;
    const SessionStore::Session *found = sessions.find(token, nowSecs());
    if (!found)
        return nullptr;
    const OrgDirectory::User *user = directory.userById(found->userId);
    if (!user || !user->active)
        return nullptr;
    return found;
}

const SessionStore::Session *PracticeState::session(const PracticeRequest &request)
{
    return session(accessToken(request));
}

const SessionStore::Session *PracticeState::cookieSession(const PracticeRequest &request)
{
    const QByteArray cookies = request.header("Cookie");
    for (const QByteArray &part : cookies.split(';')) {
        const QByteArray cookie = part.trimmed();
        if (cookie.startsWith("sid="))
            return session(QString::fromLatin1(cookie.mid(4)));
    }
    return nullptr;
}

QString PracticeState::identityUrl(const QString &userId) const
{
    return origin + QStringLiteral("/id/") + directory.org.id + QLatin1Char('/') + userId;
}

} // namespace jwtflow
