#include "practice/internal/PracticeHttpServer.h"

#include <QHttpHeaders>
#include <QHttpServerRequest>
#include <QHttpServerResponder>

namespace jwtflow {

PracticeHttpServer::PracticeHttpServer(Handler handler, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_handler(std::move(handler))
{
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
    out.path = PracticeRequest::normalisePath(url.path(QUrl::FullyDecoded));
    out.query = request.query();
    const QHttpHeaders &headers = request.headers();
    out.headers.reserve(headers.size());
    for (qsizetype i = 0; i < headers.size(); ++i)
        out.headers.emplaceBack(QByteArray(headers.nameAt(i).data(), headers.nameAt(i).size()), headers.valueAt(i).toByteArray());
    out.body = request.body();
    out.remoteAddress = request.remoteAddress();
    return out;
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
