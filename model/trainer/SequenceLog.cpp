#include "trainer/SequenceLog.h"

#include "flow/SecretMasker.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace jwtflow {

namespace {

constexpr int kMaxPath = 44;

QString elided(const QString &text, int max)
{
    return text.size() <= max ? text : text.left(max - 1) + QChar(0x2026);
}

// A path that names an org or user id is shortened for the label (the raw text keeps it all).
QString shortPath(const QUrl &url)
{
    QString path = url.path();
    if (path.isEmpty())
        path = QStringLiteral("/");
    if (path.startsWith(QLatin1String("/id/")))
        return QStringLiteral("/id/…");
    return elided(path, kMaxPath);
}

} // namespace

SequenceLog::SequenceLog(QObject *parent)
    : QObject(parent)
{ }

SequenceLog::Lifeline SequenceLog::lifelineFor(const QUrl &url)
{
    const QString path = url.path();
    if (path.startsWith(QLatin1String("/services/oauth2/token")) || path.contains(QLatin1String("/oauth2/v2.0/token")))
        return Lifeline::TokenEndpoint;
    return Lifeline::Api;
}

QString SequenceLog::lifelineTitle(Lifeline lifeline)
{
    switch (lifeline) {
    case Lifeline::Client:
        return tr("Client");
    case Lifeline::TokenEndpoint:
        return tr("Token endpoint");
    case Lifeline::Api:
        return tr("API");
    }
    return {};
}

QString SequenceLog::lifelineSubtitle(Lifeline lifeline)
{
    switch (lifeline) {
    case Lifeline::Client:
        return QStringLiteral("jwtflow");
    case Lifeline::TokenEndpoint:
        return QStringLiteral("/services/oauth2/token");
    case Lifeline::Api:
        return QStringLiteral("/services/data, identity, frontdoor");
    }
    return {};
}

QString SequenceLog::requestLabel(const HttpExchangeRecord &record)
{
    const QString method = QString::fromLatin1(record.request.method);
    if (lifelineFor(record.request.url) == Lifeline::TokenEndpoint) {
        const QUrlQuery form(QString::fromUtf8(record.request.body));
        const QString what = form.hasQueryItem(QStringLiteral("client_assertion")) ? QStringLiteral("client assertion")
                                                                                   : QStringLiteral("assertion");
        return QStringLiteral("%1 %2 (%3)").arg(method, shortPath(record.request.url), what);
    }
    return method + QLatin1Char(' ') + shortPath(record.request.url);
}

QString SequenceLog::replyLabel(const HttpExchangeRecord &record)
{
    if (record.transport != HttpExchangeRecord::Transport::None || record.response.status <= 0)
        return tr("no answer: %1").arg(HttpExchangeRecord::transportName(record.transport));
    const QString status = QString::number(record.response.status);
    const QJsonDocument json = QJsonDocument::fromJson(record.response.body);
    if (json.isObject()) {
        const QJsonObject object = json.object();
        if (object.contains(QStringLiteral("access_token")))
            return status + QStringLiteral(" access_token");
        if (object.contains(QStringLiteral("error")))
            return status + QLatin1Char(' ') + object.value(QStringLiteral("error")).toString();
        if (object.contains(QStringLiteral("totalSize")))
            return tr("%1 %2 records").arg(status).arg(object.value(QStringLiteral("totalSize")).toInteger());
        if (object.contains(QStringLiteral("user_id")))
            return status + QStringLiteral(" identity");
    }
    if (json.isArray()) {
        const QJsonArray array = json.array();
        if (!array.isEmpty() && array.first().toObject().contains(QStringLiteral("errorCode")))
            return status + QLatin1Char(' ') + array.first().toObject().value(QStringLiteral("errorCode")).toString();
        return tr("%1 %2 items").arg(status).arg(array.size());
    }
    const QString reason = QString::fromUtf8(record.response.reason);
    return reason.isEmpty() ? status : status + QLatin1Char(' ') + reason;
}

QString SequenceLog::maskedRequest(const HttpExchangeRecord &record)
{
    HttpExchangeRecord requestOnly;
    requestOnly.request = record.request;
    return requestOnly.render(HttpExchangeRecord::Style::Pretty, HttpExchangeRecord::Secrets::Mask).trimmed();
}

QString SequenceLog::maskedResponse(const HttpExchangeRecord &record)
{
    const QString whole = record.render(HttpExchangeRecord::Style::Pretty, HttpExchangeRecord::Secrets::Mask);
    // The response starts after the request's blank line; the request part is rendered the same
    // way with or without a response, so its length finds the split.
    HttpExchangeRecord requestOnly;
    requestOnly.request = record.request;
    const int requestLength
        = static_cast<int>(requestOnly.render(HttpExchangeRecord::Style::Pretty, HttpExchangeRecord::Secrets::Show).size());
    const QString statusLine
        = QString::fromLatin1(record.response.httpVersion) + QLatin1Char(' ') + QString::number(record.response.status);
    int start = record.answered() ? static_cast<int>(whole.lastIndexOf(statusLine)) : -1;
    if (start < 0) {
        // No status line (no answer): what follows the request, e.g. "(no complete HTTP answer: …)".
        const int blank = static_cast<int>(whole.indexOf(QStringLiteral("\n\n(")));
        start = blank >= 0 ? blank + 2 : std::min<int>(requestLength, static_cast<int>(whole.size()));
    }
    return whole.mid(start).trimmed();
}

void SequenceLog::addPair(const HttpExchangeRecord &record, Lifeline server, bool error, QString label, QString detail)
{
    Message request;
    request.from = Lifeline::Client;
    request.to = server;
    request.label = requestLabel(record);
    const QUrlQuery query(record.request.url);
    if (query.hasQueryItem(QStringLiteral("q")))
        request.detail = elided(query.queryItemValue(QStringLiteral("q"), QUrl::FullyDecoded), 60);
    request.text = maskedRequest(record);
    m_messages.append(request);

    Message reply;
    reply.from = server;
    reply.to = Lifeline::Client;
    reply.reply = true;
    reply.error = error;
    reply.label = std::move(label);
    reply.detail = std::move(detail);
    reply.text = maskedResponse(record);
    const QString path = record.request.url.path();
    for (int i = 0; i < m_notes.size(); ++i) {
        if (m_notes.at(i).path == path && m_notes.at(i).status == record.response.status) {
            reply.serverNote = record.secrets().apply(m_notes.takeAt(i).text);
            break;
        }
    }
    m_messages.append(reply);
    Q_EMIT changed();
}

void SequenceLog::addExchange(const ExchangeResult &result)
{
    QString detail;
    if (result.outcome == ExchangeResult::Outcome::OAuthError)
        detail = elided(result.errorDescription, 70);
    else if (result.isTransportError())
        detail = elided(result.record.transportMessage, 70);
    addPair(result.record, Lifeline::TokenEndpoint, !result.ok(), replyLabel(result.record), detail);
}

void SequenceLog::addCall(const HttpExchangeRecord &record)
{
    const bool error = !record.answered() || record.response.status >= 400;
    QString detail;
    if (error && record.answered()) {
        const QJsonDocument json = QJsonDocument::fromJson(record.response.body);
        if (json.isArray() && !json.array().isEmpty())
            detail = elided(json.array().first().toObject().value(QStringLiteral("message")).toString(), 70);
    }
    addPair(record, lifelineFor(record.request.url), error, replyLabel(record), detail);
}

void SequenceLog::addFrontdoor(const QUrl &url, const QString &accessToken)
{
    SecretMasker masker;
    if (!accessToken.isEmpty())
        masker.addToken(accessToken);
    Message open;
    open.from = Lifeline::Client;
    open.to = Lifeline::Api;
    open.label = QStringLiteral("GET ") + elided(url.path(), kMaxPath);
    open.detail = tr("sid=**** handed to the browser");
    open.text = tr("The browser opens:\n%1\n\nThe sid parameter is the access token: the org turns it into a browser session.")
                    .arg(masker.apply(QString::fromUtf8(url.toEncoded())));
    m_messages.append(open);
    Q_EMIT changed();
}

void SequenceLog::addServerNote(const QString &path, int status, const QString &note)
{
    if (note.isEmpty())
        return;
    m_notes.append(Note { path, status, note });
    while (m_notes.size() > 8)
        m_notes.removeFirst(); // notes for requests this window did not make (another client)
}

void SequenceLog::clear()
{
    m_messages.clear();
    m_notes.clear();
    Q_EMIT changed();
}

} // namespace jwtflow
