#include "flow/ExchangeResult.h"

#include "flow/SecretMasker.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace jwtflow {

namespace {

constexpr qsizetype kExcerptBytes = 2048;

QString excerpt(const QByteArray &body)
{
    QString text = QString::fromUtf8(body.left(kExcerptBytes));
    if (body.size() > kExcerptBytes)
        text += QStringLiteral("… (%1 bytes in all)").arg(body.size());
    return text;
}

QString decodeEntities(QString text)
{
    text.replace(QLatin1String("&lt;"), QLatin1String("<"));
    text.replace(QLatin1String("&gt;"), QLatin1String(">"));
    text.replace(QLatin1String("&quot;"), QLatin1String("\""));
    text.replace(QLatin1String("&#39;"), QLatin1String("'"));
    text.replace(QLatin1String("&nbsp;"), QLatin1String(" "));
    text.replace(QLatin1String("&amp;"), QLatin1String("&"));
    return text;
}

QString transportWords(HttpExchangeRecord::Transport transport)
{
    using Transport = HttpExchangeRecord::Transport;
    switch (transport) {
    case Transport::HostNotFound:
        return QStringLiteral("Host not found");
    case Transport::ConnectionRefused:
        return QStringLiteral("Connection refused");
    case Transport::Timeout:
        return QStringLiteral("Timed out");
    case Transport::Tls:
        return QStringLiteral("TLS failed");
    case Transport::Proxy:
        return QStringLiteral("Proxy failed");
    case Transport::Cancelled:
        return QStringLiteral("Cancelled");
    case Transport::ConnectionClosed:
        return QStringLiteral("Connection closed early");
    case Transport::ResponseTooLarge:
        return QStringLiteral("Response too large");
    case Transport::None:
    case Transport::Other:
        break;
    }
    return QStringLiteral("Network error");
}

} // namespace

bool ExchangeResult::looksLikeHtml(const QByteArray &body, const QByteArray &contentType)
{
    const QByteArray type = contentType.toLower();
    if (type.contains("text/html") || type.contains("application/xhtml"))
        return true;
    const QByteArray start = body.trimmed().left(512).toLower();
    return start.startsWith("<!doctype html") || start.startsWith("<html") || (start.startsWith('<') && start.contains("<html"));
}

QString ExchangeResult::htmlTitleOf(const QByteArray &html)
{
    static const QRegularExpression title(QStringLiteral("<title[^>]*>(.*?)</title>"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::DotMatchesEverythingOption);
    const auto match = title.match(QString::fromUtf8(html.left(64 * 1024)));
    if (!match.hasMatch())
        return {};
    return decodeEntities(match.captured(1).simplified()).left(200);
}

ExchangeResult ExchangeResult::fromRecord(HttpExchangeRecord record, Mode mode)
{
    ExchangeResult result = classify(std::move(record), mode);
    // A server may echo the request (the assertion, its signature) or a token in its words: what it
    // said is shown masked everywhere (summary, diagnosis, text, JSON, the window). The raw body
    // and the token's own fields follow the caller's choice of showing secrets.
    const SecretMasker masker = result.record.secrets();
    for (QString *said :
        { &result.error, &result.errorDescription, &result.errorUri, &result.bodyExcerpt, &result.htmlTitle, &result.location })
        *said = masker.apply(*said);
    return result;
}

ExchangeResult ExchangeResult::classify(HttpExchangeRecord record, Mode mode)
{
    ExchangeResult result;
    result.record = std::move(record);
    result.mode = mode;
    const HttpExchangeRecord &r = result.record;
    if (r.transport != HttpExchangeRecord::Transport::None || r.response.status <= 0) {
        result.outcome = Outcome::TransportError;
        return result;
    }
    const int status = r.response.status;
    const QByteArray &body = r.response.body;
    if (status >= 300 && status < 400) {
        result.outcome = Outcome::Redirect;
        result.location = QString::fromUtf8(r.responseHeader("Location"));
        return result;
    }
    if (body.trimmed().isEmpty()) {
        result.outcome = Outcome::EmptyBody;
        return result;
    }

    QJsonParseError parseError {};
    const QJsonDocument json = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || json.isNull()) {
        result.bodyExcerpt = excerpt(body);
        if (looksLikeHtml(body, r.responseHeader("Content-Type"))) {
            result.outcome = Outcome::HtmlBody;
            result.htmlTitle = htmlTitleOf(body);
        } else {
            result.outcome = Outcome::TextBody;
        }
        return result;
    }

    if (json.isArray()) {
        // The REST API's error shape, [{"message","errorCode"}]: this URL is not a token endpoint.
        result.outcome = Outcome::UnexpectedJson;
        const QJsonObject first = json.array().first().toObject();
        result.error = first.value(QStringLiteral("errorCode")).toString();
        result.errorDescription = first.value(QStringLiteral("message")).toString();
        return result;
    }
    const QJsonObject object = json.object();
    if (object.contains(QStringLiteral("error"))) {
        result.outcome = Outcome::OAuthError;
        result.error = object.value(QStringLiteral("error")).toVariant().toString();
        result.errorDescription = object.value(QStringLiteral("error_description")).toVariant().toString();
        result.errorUri = object.value(QStringLiteral("error_uri")).toString();
        for (const QJsonValue &code : object.value(QStringLiteral("error_codes")).toArray())
            result.errorCodes.append(code.toInteger());
        return result;
    }
    if (status >= 200 && status < 300 && object.value(QStringLiteral("access_token")).isString()) {
        result.outcome = Outcome::Token;
        result.token = TokenResponse::fromJson(object);
        return result;
    }
    result.outcome = Outcome::UnexpectedJson;
    return result;
}

QString ExchangeResult::summary() const
{
    const QString http = QStringLiteral("HTTP %1").arg(status());
    switch (outcome) {
    case Outcome::Token:
        return http + QStringLiteral(": access token issued")
            + (token.scope.isEmpty() ? QString() : QStringLiteral(" (scope: %1)").arg(token.scope));
    case Outcome::OAuthError:
        return http + QStringLiteral(": ") + error
            + (errorDescription.isEmpty() ? QString() : QStringLiteral(" — ") + errorDescription);
    case Outcome::HtmlBody:
        return http + QStringLiteral(": an HTML page, not JSON")
            + (htmlTitle.isEmpty() ? QStringLiteral(" (no title)") : QStringLiteral(" (title: \"%1\")").arg(htmlTitle));
    case Outcome::TextBody: {
        const QString type = QString::fromUtf8(record.responseHeader("Content-Type"));
        return http
            + QStringLiteral(": not JSON (%1): %2")
                  .arg(type.isEmpty() ? QStringLiteral("no Content-Type") : type, bodyExcerpt.left(200).simplified());
    }
    case Outcome::EmptyBody:
        return http + QStringLiteral(" with an empty body");
    case Outcome::Redirect:
        return http
            + QStringLiteral(": a redirect to %1 (not followed: a token endpoint does not redirect)")
                  .arg(location.isEmpty() ? QStringLiteral("(no Location)") : location);
    case Outcome::UnexpectedJson:
        if (!error.isEmpty())
            return http + QStringLiteral(": ") + error + QStringLiteral(" — ") + errorDescription;
        return http + QStringLiteral(": JSON without an access_token");
    case Outcome::TransportError: {
        const QString words = transportWords(record.transport);
        if (record.transportMessage.startsWith(words, Qt::CaseInsensitive))
            return record.transportMessage; // Qt's text already says it ("Connection refused")
        return words + QStringLiteral(": ") + record.transportMessage;
    }
    }
    return http;
}

QJsonObject ExchangeResult::toJson(HttpExchangeRecord::Secrets secrets) const
{
    QJsonObject object { { QStringLiteral("ok"), ok() }, { QStringLiteral("outcome"), outcomeName(outcome) },
        { QStringLiteral("summary"),
            secrets == HttpExchangeRecord::Secrets::Mask ? record.secrets().apply(summary()) : summary() },
        { QStringLiteral("status"), status() }, { QStringLiteral("elapsedMs"), elapsedMs() },
        { QStringLiteral("exchange"), record.toJson(secrets) } };
    if (ok()) {
        QJsonObject fields = token.json;
        if (secrets == HttpExchangeRecord::Secrets::Mask) {
            const SecretMasker masker = record.secrets();
            for (auto it = fields.begin(); it != fields.end(); ++it) {
                if (it.value().isString())
                    it.value() = masker.apply(it.value().toString());
            }
        }
        object.insert(QStringLiteral("token"), fields);
    }
    if (!error.isEmpty() || !errorDescription.isEmpty()) {
        QJsonArray codes;
        for (const qint64 code : errorCodes)
            codes.append(code);
        object.insert(QStringLiteral("error"),
            QJsonObject { { QStringLiteral("error"), error }, { QStringLiteral("error_description"), errorDescription },
                { QStringLiteral("error_codes"), codes } });
    }
    if (outcome == Outcome::HtmlBody)
        object.insert(QStringLiteral("htmlTitle"), htmlTitle);
    if (outcome == Outcome::Redirect)
        object.insert(QStringLiteral("location"), location);
    if (isTransportError())
        object.insert(QStringLiteral("transport"), HttpExchangeRecord::transportName(record.transport));
    return object;
}

QString ExchangeResult::outcomeName(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Token:
        return QStringLiteral("token");
    case Outcome::OAuthError:
        return QStringLiteral("oauth-error");
    case Outcome::HtmlBody:
        return QStringLiteral("html-body");
    case Outcome::TextBody:
        return QStringLiteral("text-body");
    case Outcome::EmptyBody:
        return QStringLiteral("empty-body");
    case Outcome::Redirect:
        return QStringLiteral("redirect");
    case Outcome::UnexpectedJson:
        return QStringLiteral("unexpected-json");
    case Outcome::TransportError:
        return QStringLiteral("transport-error");
    }
    return QStringLiteral("unknown");
}

} // namespace jwtflow
