#include "flow/HttpExchangeRecord.h"

#include "flow/FormBody.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

namespace jwtflow {

namespace {

QByteArray headerValue(const HttpExchangeRecord::Headers &headers, const QByteArray &name)
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

bool isForm(const QByteArray &contentType)
{
    return contentType.trimmed().toLower().startsWith("application/x-www-form-urlencoded");
}

const QStringList &tokenFieldNames()
{
    static const QStringList names { QStringLiteral("assertion"), QStringLiteral("client_assertion"),
        QStringLiteral("access_token"), QStringLiteral("refresh_token"), QStringLiteral("id_token"), QStringLiteral("token"),
        QStringLiteral("sid"), QStringLiteral("oauth_token") };
    return names;
}

const QStringList &wholeSecretFieldNames()
{
    static const QStringList names { QStringLiteral("client_secret"), QStringLiteral("password"), QStringLiteral("code") };
    return names;
}

void addField(SecretMasker &masker, const QString &name, const QString &value)
{
    if (tokenFieldNames().contains(name))
        masker.addToken(value);
    else if (wholeSecretFieldNames().contains(name))
        masker.addWhole(value);
}

QString renderHeaders(const HttpExchangeRecord::Headers &headers)
{
    QString text;
    for (const auto &[name, value] : headers)
        text += QString::fromLatin1(name) + QStringLiteral(": ") + QString::fromUtf8(value) + QLatin1Char('\n');
    return text;
}

QString renderBody(const QByteArray &body, const QByteArray &contentType, HttpExchangeRecord::Style style)
{
    if (style == HttpExchangeRecord::Style::Pretty)
        return HttpExchangeRecord::prettyBody(body, contentType);
    return QString::fromUtf8(body);
}

QJsonArray headersToJson(const HttpExchangeRecord::Headers &headers, const SecretMasker *masker)
{
    QJsonArray array;
    for (const auto &[name, value] : headers) {
        const QString text = QString::fromUtf8(value);
        array.append(QJsonObject { { QStringLiteral("name"), QString::fromLatin1(name) },
            { QStringLiteral("value"), masker ? masker->apply(text) : text } });
    }
    return array;
}

} // namespace

QByteArray HttpExchangeRecord::requestHeader(const QByteArray &name) const
{
    return headerValue(request.headers, name);
}

QByteArray HttpExchangeRecord::responseHeader(const QByteArray &name) const
{
    return headerValue(response.headers, name);
}

SecretMasker HttpExchangeRecord::secrets() const
{
    SecretMasker masker;
    for (const auto &[name, value] : request.headers) {
        const QByteArray lower = name.toLower();
        if (lower == "authorization" || lower == "proxy-authorization") {
            // Keep the scheme ("Bearer"), hide the credential.
            const QString text = QString::fromUtf8(value).trimmed();
            const qsizetype space = text.indexOf(QLatin1Char(' '));
            masker.addToken(space > 0 ? text.mid(space + 1).trimmed() : text);
        } else if (lower == "cookie") {
            masker.addWhole(QString::fromUtf8(value));
        }
    }
    const QUrlQuery query(request.url);
    for (const auto &[name, value] : query.queryItems(QUrl::FullyDecoded))
        addField(masker, name, value);
    if (isForm(requestHeader("Content-Type"))) {
        for (const auto &[name, value] : FormBody::decode(request.body))
            addField(masker, name, value);
    }
    const QJsonDocument json = QJsonDocument::fromJson(response.body);
    if (json.isObject()) {
        const QJsonObject object = json.object();
        for (const QString &name :
            { QStringLiteral("access_token"), QStringLiteral("refresh_token"), QStringLiteral("id_token") }) {
            if (object.value(name).isString())
                masker.addToken(object.value(name).toString());
        }
    }
    for (const auto &[name, value] : response.headers) {
        if (name.compare("Set-Cookie", Qt::CaseInsensitive) == 0 && value.startsWith("sid=")) {
            const QByteArray cookie = value.mid(4, value.indexOf(';') < 0 ? -1 : value.indexOf(';') - 4);
            masker.addWhole(QString::fromUtf8(cookie));
        }
    }
    return masker;
}

QString HttpExchangeRecord::render(Style style, Secrets secrets) const
{
    QString text;
    QByteArray target = request.url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::RemoveFragment);
    if (target.isEmpty())
        target = "/";
    text += QString::fromLatin1(request.method) + QLatin1Char(' ') + QString::fromLatin1(target) + QStringLiteral(" HTTP/1.1\n");
    QString host = request.url.host(QUrl::EncodeUnicode);
    if (request.url.port() > 0)
        host += QLatin1Char(':') + QString::number(request.url.port());
    text += QStringLiteral("Host: ") + host + QLatin1Char('\n');
    text += renderHeaders(request.headers);
    if (!request.body.isEmpty())
        text += QLatin1Char('\n') + renderBody(request.body, requestHeader("Content-Type"), style) + QLatin1Char('\n');
    text += QLatin1Char('\n');

    for (const QUrl &earlier : redirectsFollowed)
        text += QStringLiteral("(followed a redirect from %1)\n").arg(earlier.toDisplayString());
    if (transport != Transport::None) {
        text += QStringLiteral("(no complete HTTP answer: %1)\n").arg(transportMessage);
        for (const QString &tls : tlsErrors)
            text += QStringLiteral("(TLS: %1)\n").arg(tls);
    } else if (response.status > 0) {
        if (tlsErrorsIgnored) {
            for (const QString &tls : tlsErrors)
                text += QStringLiteral("(TLS error ignored because you trust this host: %1)\n").arg(tls);
        }
        text += QString::fromLatin1(response.httpVersion) + QLatin1Char(' ') + QString::number(response.status);
        if (!response.reason.isEmpty())
            text += QLatin1Char(' ') + QString::fromUtf8(response.reason);
        text += QLatin1Char('\n') + renderHeaders(response.headers);
        if (!response.body.isEmpty())
            text += QLatin1Char('\n') + renderBody(response.body, responseHeader("Content-Type"), style) + QLatin1Char('\n');
    }
    if (secrets == Secrets::Mask)
        return this->secrets().apply(text);
    return text;
}

QJsonObject HttpExchangeRecord::toJson(Secrets secrets) const
{
    const SecretMasker masker = this->secrets();
    const SecretMasker *mask = secrets == Secrets::Mask ? &masker : nullptr;
    const auto maybeMask = [mask](const QString &text) { return mask ? mask->apply(text) : text; };

    QJsonObject object {
        { QStringLiteral("request"),
            QJsonObject { { QStringLiteral("method"), QString::fromLatin1(request.method) },
                { QStringLiteral("url"), maybeMask(QString::fromUtf8(request.url.toEncoded())) },
                { QStringLiteral("headers"), headersToJson(request.headers, mask) },
                { QStringLiteral("body"), maybeMask(QString::fromUtf8(request.body)) } } },
        { QStringLiteral("elapsedMs"), elapsedMs },
    };
    if (response.status > 0 && transport == Transport::None) {
        object.insert(QStringLiteral("response"),
            QJsonObject { { QStringLiteral("status"), response.status },
                { QStringLiteral("reason"), QString::fromUtf8(response.reason) },
                { QStringLiteral("headers"), headersToJson(response.headers, mask) },
                { QStringLiteral("body"), maybeMask(QString::fromUtf8(response.body)) } });
    }
    if (transport != Transport::None) {
        object.insert(QStringLiteral("transport"),
            QJsonObject { { QStringLiteral("kind"), transportName(transport) }, { QStringLiteral("message"), transportMessage },
                { QStringLiteral("requestSent"), requestSent }, { QStringLiteral("bytesReceived"), bytesReceived } });
    }
    if (!tlsErrors.isEmpty()) {
        object.insert(QStringLiteral("tlsErrors"), QJsonArray::fromStringList(tlsErrors));
        object.insert(QStringLiteral("tlsErrorsIgnored"), tlsErrorsIgnored);
    }
    if (!redirectsFollowed.isEmpty()) {
        QJsonArray urls;
        for (const QUrl &url : redirectsFollowed)
            urls.append(maybeMask(QString::fromUtf8(url.toEncoded())));
        object.insert(QStringLiteral("redirectsFollowed"), urls);
    }
    return object;
}

QString HttpExchangeRecord::transportName(Transport transport)
{
    switch (transport) {
    case Transport::None:
        return QStringLiteral("none");
    case Transport::HostNotFound:
        return QStringLiteral("host-not-found");
    case Transport::ConnectionRefused:
        return QStringLiteral("connection-refused");
    case Transport::Timeout:
        return QStringLiteral("timeout");
    case Transport::Tls:
        return QStringLiteral("tls");
    case Transport::Proxy:
        return QStringLiteral("proxy");
    case Transport::Cancelled:
        return QStringLiteral("cancelled");
    case Transport::ConnectionClosed:
        return QStringLiteral("connection-closed");
    case Transport::ResponseTooLarge:
        return QStringLiteral("response-too-large");
    case Transport::Other:
        return QStringLiteral("other");
    }
    return QStringLiteral("other");
}

QString HttpExchangeRecord::prettyBody(const QByteArray &body, const QByteArray &contentType)
{
    QJsonParseError error {};
    const QJsonDocument json = QJsonDocument::fromJson(body, &error);
    if (error.error == QJsonParseError::NoError && !json.isNull())
        return QString::fromUtf8(json.toJson(QJsonDocument::Indented)).trimmed();
    if (isForm(contentType)) {
        QStringList lines;
        for (const auto &[name, value] : FormBody::decode(body))
            lines << name + QLatin1Char('=') + value;
        return lines.join(QLatin1Char('\n'));
    }
    return QString::fromUtf8(body);
}

} // namespace jwtflow
