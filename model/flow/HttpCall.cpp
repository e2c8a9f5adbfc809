#include "flow/HttpCall.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>

#include <algorithm>

namespace jwtflow {

namespace {

// Errors Qt raises for an HTTP status it received: the answer itself is what the user needs.
bool isHttpLevel(QNetworkReply::NetworkError error)
{
    const int code = static_cast<int>(error);
    return error == QNetworkReply::NoError || (code >= 201 && code <= 299)
        || error == QNetworkReply::ProtocolInvalidOperationError || (code >= 401 && code <= 499);
}

bool isRedirect(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

QString certificateName(const QStringList &commonNames, const QStringList &organizations)
{
    QStringList parts;
    if (!commonNames.isEmpty())
        parts << QStringLiteral("CN=") + commonNames.join(QLatin1Char('/'));
    if (!organizations.isEmpty())
        parts << QStringLiteral("O=") + organizations.join(QLatin1Char('/'));
    return parts.isEmpty() ? QStringLiteral("(no name)") : parts.join(QStringLiteral(", "));
}

} // namespace

HttpCall::HttpCall(QNetworkAccessManager *manager, HttpExchangeRecord::Request request, Options options, QObject *parent)
    : QObject(parent)
    , m_manager(manager)
    , m_options(std::move(options))
{
    m_record.request = std::move(request);
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] { abortWith(Abort::Timeout); });
}

HttpCall::~HttpCall()
{
    if (m_reply) {
        // Silence it first: a reply must not call back into a destroyed call.
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
        m_reply = nullptr;
    }
}

void HttpCall::start()
{
    if (m_reply || m_done)
        return;
    m_elapsed.start();
    if (m_options.timeoutMs > 0)
        m_deadline.start(m_options.timeoutMs);
    send();
}

void HttpCall::cancel()
{
    abortWith(Abort::Cancel);
}

void HttpCall::abortWith(Abort reason)
{
    if (!m_reply || m_abort != Abort::None)
        return;
    m_abort = reason; // tagged before abort(): Qt reports a timeout and a cancel with the same error
    m_reply->abort();
}

void HttpCall::send()
{
    if (!m_manager) {
        m_record.transport = HttpExchangeRecord::Transport::Other;
        m_record.transportMessage = QStringLiteral("The network manager no longer exists.");
        QMetaObject::invokeMethod(this, &HttpCall::finish, Qt::QueuedConnection);
        return;
    }
    m_record.requestSent = false;
    m_record.bytesReceived = 0;
    const HttpExchangeRecord::Request &request = m_record.request;
    QNetworkRequest networkRequest(request.url);
    for (const auto &[name, value] : request.headers)
        networkRequest.setRawHeader(name, value);
    // Redirects are decided here, not by Qt: never re-POST an assertion to wherever a 30x points.
    networkRequest.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    networkRequest.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    networkRequest.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    // What is sent is exactly what the record shows (and what the curl command repeats): no cookies.
    networkRequest.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    networkRequest.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);

    if (request.method == "GET")
        m_reply = m_manager->get(networkRequest);
    else if (request.method == "POST")
        m_reply = m_manager->post(networkRequest, request.body);
    else
        m_reply = m_manager->sendCustomRequest(networkRequest, request.method, request.body);

    connect(m_reply, &QNetworkReply::finished, this, &HttpCall::onReplyFinished);
#if QT_CONFIG(ssl)
    connect(m_reply, &QNetworkReply::sslErrors, this, &HttpCall::onSslErrors);
#endif
    connect(m_reply, &QNetworkReply::requestSent, this, [this] { m_record.requestSent = true; });
    // The cap holds where the bytes arrive: Qt buffers at most kReadChunk unread bytes (it stops
    // reading the socket until they are taken), each chunk is moved into m_body as it comes, and
    // the call ends at the first byte over the cap. A Content-Length over the cap ends it at once.
    // Qt decompresses a gzip/deflate body before readyRead, so a decompression bomb is counted
    // at its decompressed size. (downloadProgress alone is not emitted while data keeps coming.)
    m_body.clear();
    m_reply->setReadBufferSize(kReadChunk);
    // Again once Qt has started the request: a request with a body (POST) starts one event later,
    // and a read buffer size set before that start never reaches the HTTP thread, which then reads
    // the socket as fast as the server writes. Measured with Qt 6.8, a server streaming a 1 GiB
    // body and nobody reading it for 1.5 s: a GET buffers 64 KiB; a POST 468 MB, still 212 MB with
    // the size set again on requestSent and 430 MB on metaDataChanged, and 64 KiB with this queued
    // call. Queued calls run in the order they were posted, so this one runs right after Qt's start.
    QMetaObject::invokeMethod(m_reply, [reply = m_reply] { reply->setReadBufferSize(kReadChunk); }, Qt::QueuedConnection);
    connect(m_reply, &QNetworkReply::metaDataChanged, this, [this] {
        if (m_reply && m_reply->header(QNetworkRequest::ContentLengthHeader).toLongLong() > m_options.maxResponseBytes)
            abortWith(Abort::TooLarge);
    });
    connect(m_reply, &QNetworkReply::readyRead, this, &HttpCall::takeBytes);
}

void HttpCall::takeBytes()
{
    if (!m_reply || m_abort != Abort::None)
        return;
    while (m_reply->bytesAvailable() > 0) {
        const qint64 room = m_options.maxResponseBytes - m_body.size();
        if (m_reply->bytesAvailable() > room) {
            abortWith(Abort::TooLarge);
            return;
        }
        const QByteArray chunk = m_reply->read(std::min<qint64>(m_reply->bytesAvailable(), kReadChunk));
        if (chunk.isEmpty())
            return;
        m_body += chunk;
        m_record.bytesReceived = m_body.size(); // the diagnosis tells a cut answer from none
    }
}

void HttpCall::onSslErrors(const QList<QSslError> &errors)
{
#if QT_CONFIG(ssl)
    const QString host = m_reply->url().host();
    const QSslCertificate peer = m_reply->sslConfiguration().peerCertificate();
    for (const QSslError &error : errors)
        m_tlsErrors << describeTlsError(host, error, error.certificate().isNull() ? peer : error.certificate());
    // The decision is about the server's own certificate, for this host only.
    if (!errors.isEmpty() && m_options.trust.allows(host, peer)) {
        // Only the errors seen, only for a host or certificate the caller chose to trust.
        m_reply->ignoreSslErrors(errors);
        m_tlsIgnored = true;
    }
#else
    Q_UNUSED(errors);
#endif
}

void HttpCall::onReplyFinished()
{
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->disconnect(this);
    reply->deleteLater();

    HttpExchangeRecord::Response &response = m_record.response;
    response = {};
    response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    response.reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
    if (reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool())
        response.httpVersion = "HTTP/2";
    response.headers = reply->rawHeaderPairs();

    const QNetworkReply::NetworkError error = reply->error();
    using Transport = HttpExchangeRecord::Transport;
    m_record.transport = Transport::None;
    switch (m_abort) {
    case Abort::Timeout:
        m_record.transport = Transport::Timeout;
        m_record.transportMessage = QStringLiteral("No complete answer within %1 ms (%2).")
                                        .arg(m_options.timeoutMs)
                                        .arg(response.status > 0 ? QStringLiteral("the headers arrived, the body did not")
                                                                 : QStringLiteral("no HTTP answer at all"));
        break;
    case Abort::Cancel:
        m_record.transport = Transport::Cancelled;
        m_record.transportMessage = QStringLiteral("Cancelled by the user.");
        break;
    case Abort::TooLarge:
        m_record.transport = Transport::ResponseTooLarge;
        m_record.transportMessage = tooLargeMessage();
        break;
    case Abort::None:
        if (response.status > 0 && isHttpLevel(error))
            break;
        m_record.transport = classify(error);
        if (!m_tlsErrors.isEmpty() && !m_tlsIgnored)
            m_record.transport = Transport::Tls;
        m_record.transportMessage = reply->errorString();
        break;
    }
    if (m_record.transport == Transport::None) {
        // What readyRead has not delivered yet, at most up to the cap.
        m_reply = reply;
        takeBytes();
        m_reply = nullptr;
        if (m_abort == Abort::TooLarge) {
            m_record.transport = Transport::ResponseTooLarge;
            m_record.transportMessage = tooLargeMessage();
        } else {
            response.body = m_body; // a partial body is never parsed: it is dropped with the failure
        }
    }
    m_body.clear();

    if (m_record.transport == Transport::None && isRedirect(response.status) && m_redirects.size() < m_options.maxRedirects) {
        const QUrl location = m_record.request.url.resolved(QUrl::fromEncoded(m_record.responseHeader("Location")));
        if (location.isValid() && !location.isEmpty() && m_options.mayFollow
            && m_options.mayFollow(m_record.request.url, location)) {
            m_redirects.append(m_record.request.url);
            m_record.request.url = location;
            if (response.status == 303
                || ((response.status == 301 || response.status == 302) && m_record.request.method == "POST")) {
                m_record.request.method = "GET"; // what browsers and curl -L do
                m_record.request.body.clear();
            }
            send();
            return;
        }
    }
    finish();
}

QString HttpCall::tooLargeMessage() const
{
    const qint64 cap = m_options.maxResponseBytes;
    const QString size = cap % (1024 * 1024) == 0 ? QStringLiteral("%1 MiB").arg(cap / (1024 * 1024))
        : cap % 1024 == 0                         ? QStringLiteral("%1 KiB").arg(cap / 1024)
                                                  : QStringLiteral("%1 bytes").arg(cap);
    return QStringLiteral("The response exceeded the limit of %1 (%2 bytes), so it was not read to the end.").arg(size).arg(cap);
}

void HttpCall::finish()
{
    if (m_done)
        return;
    m_done = true;
    m_deadline.stop();
    m_record.elapsedMs = m_elapsed.isValid() ? m_elapsed.elapsed() : 0;
    m_record.tlsErrors = m_tlsErrors;
    m_record.tlsErrorsIgnored = m_tlsIgnored;
    m_record.redirectsFollowed = m_redirects;
    Q_EMIT finished(m_record);
}

HttpExchangeRecord::Transport HttpCall::classify(QNetworkReply::NetworkError error)
{
    using Transport = HttpExchangeRecord::Transport;
    switch (error) {
    case QNetworkReply::NoError:
        return Transport::None;
    case QNetworkReply::HostNotFoundError:
        return Transport::HostNotFound;
    case QNetworkReply::ConnectionRefusedError:
        return Transport::ConnectionRefused;
    case QNetworkReply::TimeoutError:
        return Transport::Timeout;
    case QNetworkReply::SslHandshakeFailedError:
        return Transport::Tls;
    case QNetworkReply::OperationCanceledError:
        return Transport::Cancelled;
    case QNetworkReply::RemoteHostClosedError:
        return Transport::ConnectionClosed;
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
    case QNetworkReply::UnknownProxyError:
        return Transport::Proxy;
    default:
        return Transport::Other;
    }
}

QString HttpCall::describeTlsError(const QString &host, const QSslError &error, const QSslCertificate &peer)
{
#if QT_CONFIG(ssl)
    QString text = host + QStringLiteral(": ") + error.errorString();
    if (peer.isNull())
        return text;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QString validity = QStringLiteral("valid %1 to %2")
                           .arg(peer.effectiveDate().toString(Qt::ISODate), peer.expiryDate().toString(Qt::ISODate));
    if (peer.expiryDate() < now)
        validity += QStringLiteral(", expired %1 day(s) ago").arg(peer.expiryDate().daysTo(now));
    else if (peer.effectiveDate() > now)
        validity += QStringLiteral(", not valid for another %1 day(s)").arg(now.daysTo(peer.effectiveDate()));
    text += QStringLiteral(" (certificate %1, issued by %2, %3, SHA-256 %4)")
                .arg(certificateName(
                         peer.subjectInfo(QSslCertificate::CommonName), peer.subjectInfo(QSslCertificate::Organization)),
                    certificateName(peer.issuerInfo(QSslCertificate::CommonName), peer.issuerInfo(QSslCertificate::Organization)),
                    validity, QString::fromLatin1(TlsTrust::sha256Digest(peer)));
    return text;
#else
    Q_UNUSED(error);
    Q_UNUSED(peer);
    return host;
#endif
}

} // namespace jwtflow
