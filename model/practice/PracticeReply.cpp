#include "practice/PracticeReply.h"

#include "practice/OrderedJson.h"

namespace jwtflow {

namespace {

const QByteArray kJsonType = "application/json;charset=UTF-8";

void addNoCache(QList<QPair<QByteArray, QByteArray>> &headers)
{
    // What Salesforce's token endpoint sends (salesforce-wire.md §2).
    headers.emplaceBack("Cache-Control", "no-cache,must-revalidate,max-age=0,no-store,private");
    headers.emplaceBack("Expires", "Thu, 01 Jan 1970 00:00:00 GMT");
    headers.emplaceBack("X-Content-Type-Options", "nosniff");
}

} // namespace

QByteArray PracticeReply::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (name.compare(key, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

PracticeReply PracticeReply::json(int status, const QByteArray &body)
{
    PracticeReply reply;
    reply.status = status;
    reply.headers.emplaceBack("Content-Type", kJsonType);
    addNoCache(reply.headers);
    reply.body = body;
    return reply;
}

PracticeReply PracticeReply::oauthError(int status, const QString &error, const QString &description)
{
    PracticeReply reply = json(status, OrderedJson().add(u"error", error).add(u"error_description", description).toJson());
    reply.note = error + QStringLiteral(": ") + description;
    return reply;
}

PracticeReply PracticeReply::restError(int status, const QString &errorCode, const QString &message)
{
    PracticeReply reply = json(status, '[' + OrderedJson().add(u"message", message).add(u"errorCode", errorCode).toJson() + ']');
    reply.note = errorCode + QStringLiteral(": ") + message.trimmed().section(QLatin1Char('\n'), -1);
    return reply;
}

PracticeReply PracticeReply::html(int status, const QString &title, const QString &bodyHtml)
{
    PracticeReply reply;
    reply.status = status;
    reply.headers.emplaceBack("Content-Type", "text/html;charset=UTF-8");
    addNoCache(reply.headers);
    reply.body = QStringLiteral("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%1</title>"
                                "<style>body{font-family:sans-serif;max-width:40em;margin:3em auto;line-height:1.5}"
                                "code{background:#eee;padding:0 .3em}</style></head>\n<body>\n<h1>%1</h1>\n%2\n</body></html>\n")
                     .arg(escapeHtml(title), bodyHtml)
                     .toUtf8();
    return reply;
}

PracticeReply PracticeReply::text(int status, const QByteArray &body)
{
    PracticeReply reply;
    reply.status = status;
    reply.headers.emplaceBack("Content-Type", "text/plain;charset=UTF-8");
    reply.body = body;
    reply.note = QString::fromUtf8(body);
    return reply;
}

PracticeReply PracticeReply::redirect(const QByteArray &location)
{
    PracticeReply reply;
    reply.status = 302;
    reply.headers.emplaceBack("Location", location);
    reply.headers.emplaceBack("Cache-Control", "no-cache,must-revalidate,max-age=0,no-store,private");
    reply.note = QStringLiteral("→ ") + QString::fromUtf8(location);
    return reply;
}

QString PracticeReply::escapeHtml(const QString &text)
{
    return text.toHtmlEscaped();
}

} // namespace jwtflow
