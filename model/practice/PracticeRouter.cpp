#include "practice/PracticeRouter.h"

namespace jwtflow {

PracticeRouter::PracticeRouter(PracticeState &state)
    : m_token(state)
    , m_identity(state)
    , m_rest(state)
    , m_frontDoor(state)
{ }

PracticeReply PracticeRouter::handle(const PracticeRequest &request)
{
    QString path = request.path;
    if (path.size() > 1 && path.endsWith(QLatin1Char('/')))
        path.chop(1);
    const bool read = request.method == "GET" || request.method == "HEAD";
    const bool readOrPost = read || request.method == "POST";

    if (path == QLatin1String("/services/oauth2/token"))
        return m_token.handle(request);
    if (path == QLatin1String("/services/data") || path.startsWith(QLatin1String("/services/data/"))) {
        if (!read)
            return PracticeReply::restError(405, QStringLiteral("METHOD_NOT_ALLOWED"),
                QStringLiteral("HTTP Method '%1' not allowed. Allowed are GET,HEAD").arg(QString::fromLatin1(request.method)));
        return m_rest.handle(request, path.mid(int(qstrlen("/services/data"))));
    }
    if (path == QLatin1String("/services/oauth2/userinfo") && readOrPost)
        return m_identity.userInfo(request);
    if (path == QLatin1String("/services/oauth2/singleaccess") && readOrPost)
        return m_frontDoor.singleAccess(request);
    if (path == QLatin1String("/.well-known/openid-configuration") && read)
        return m_identity.openIdConfiguration();
    if (path == QLatin1String("/id/keys") && read)
        return m_identity.keys();
    if (path.startsWith(QLatin1String("/id/")) && readOrPost) {
        const QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
        if (parts.size() == 3)
            return m_identity.identity(request, parts.at(1), parts.at(2));
        return PracticeReply::text(404, "Bad_Id");
    }
    if (path == QLatin1String("/secur/frontdoor.jsp") && read)
        return m_frontDoor.frontdoor(request);
    if (path.startsWith(QLatin1String("/services/")))
        return PracticeReply::restError(
            404, QStringLiteral("NOT_FOUND"), QStringLiteral("The requested resource does not exist"));
    if (read)
        return m_frontDoor.page(request);
    return PracticeReply::text(405, "Method Not Allowed");
}

} // namespace jwtflow
