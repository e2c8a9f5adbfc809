#include "practice/internal/PracticeHttpServer.h"

#include <QHttpHeaders>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QLoggingCategory>
#include <QRegularExpression>

#include <mutex>

namespace jwtflow {

namespace {

QLoggingCategory::CategoryFilter g_previousFilter = nullptr;

// Qt HttpServer's debug categories print every request with its headers, Authorization: Bearer
// included, so QT_LOGGING_RULES="*.debug=true" would put the practice org's access tokens (and
// the assertions) in the log. Secrets never reach logs (SECURITY.md): these stay off whatever the
// rules say; the other categories keep the rules' verdict.
void keepHttpServerQuiet(QLoggingCategory *category)
{
    if (g_previousFilter)
        g_previousFilter(category);
    if (qstrncmp(category->categoryName(), "qt.httpserver", 13) == 0) {
        category->setEnabled(QtDebugMsg, false);
        category->setEnabled(QtInfoMsg, false);
    }
}

} // namespace

PracticeHttpServer::PracticeHttpServer(Handler handler, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_handler(std::move(handler))
{
    static std::once_flag once;
    std::call_once(once, [] { g_previousFilter = QLoggingCategory::installFilter(keepHttpServerQuiet); });
}

PracticeRequest PracticeHttpServer::convert(const QHttpServerRequest &request)
{
    PracticeRequest out;
    switch (request.method()) {
    case QHttpServerRequest::Method::Get: out.method = "GET"; break;
    case QHttpServerRequest::Method::Post: out.method = "POST"; break;
    case QHttpServerRequest::Method::Head: out.method = "HEAD"; break;
    case QHttpServerRequest::Method::Put: out.method = "PUT"; break;
    case QHttpServerRequest::Method::Delete: out.method = "DELETE"; break;
    case QHttpServerRequest::Method::Patch: out.method = "PATCH"; break;
    case QHttpServerRequest::Method::Options: out.method = "OPTIONS"; break;
    default: out.method = "OTHER"; break;
    }
    const QUrl url = request.url();
    out.path = restoreSwallowedSegment(PracticeRequest::normalisePath(url.path(QUrl::FullyDecoded)));
    out.query = request.query();
    const QHttpHeaders &headers = request.headers();
    out.headers.reserve(headers.size());
    for (qsizetype i = 0; i < headers.size(); ++i)
        out.headers.emplaceBack(QByteArray(headers.nameAt(i).data(), headers.nameAt(i).size()), headers.valueAt(i).toByteArray());
    out.body = request.body();
    out.remoteAddress = request.remoteAddress();
    return out;
}

QString PracticeHttpServer::restoreSwallowedSegment(const QString &path)
{
    static const QRegularExpression identity(QStringLiteral("^/00D\\w{12,15}/005\\w{12,15}/?$"));
    const auto startsWithSegment = [&path](QLatin1StringView segment) {
        return path.startsWith(segment) && (path.size() == segment.size() || path.at(segment.size()) == u'/');
    };
    if (startsWithSegment(QLatin1StringView("/oauth2")) || startsWithSegment(QLatin1StringView("/data")) ||
        startsWithSegment(QLatin1StringView("/apexrest")) || startsWithSegment(QLatin1StringView("/Soap")))
        return QStringLiteral("/services") + path;
    if (path == QLatin1String("/frontdoor.jsp"))
        return QStringLiteral("/secur") + path;
    if (path == QLatin1String("/openid-configuration"))
        return QStringLiteral("/.well-known") + path;
    if (path == QLatin1String("/keys") || identity.match(path).hasMatch())
        return QStringLiteral("/id") + path;
    return path;
}

bool PracticeHttpServer::handleRequest(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    const PracticeRequest converted = convert(request);
    const PracticeReply reply = m_handler(converted);
    QHttpHeaders headers;
    for (const auto &[name, value] : reply.headers)
        headers.append(name, value);
    responder.write(converted.method == "HEAD" ? QByteArray() : reply.body, headers, QHttpServerResponder::StatusCode(reply.status));
    return true;
}

void PracticeHttpServer::missingHandler(const QHttpServerRequest &, QHttpServerResponder &responder)
{
    responder.write(QHttpServerResponder::StatusCode::NotFound); // unreachable: handleRequest takes everything
}

} // namespace jwtflow
