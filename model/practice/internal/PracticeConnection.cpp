#include "practice/internal/PracticeConnection.h"

#include <QTcpSocket>

#include <sys/ioctl.h>

namespace jwtflow {

namespace {

// Per connection, never more than this is taken off the socket at once: the rest waits in the
// kernel (TCP flow control slows the client) rather than in this process.
constexpr qint64 kReadChunk = 64 * 1024;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 304:
        return "Not Modified";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 406:
        return "Not Acceptable";
    case 408:
        return "Request Timeout";
    case 413:
        return "Request Entity Too Large";
    case 414:
        return "URI Too Long";
    case 415:
        return "Unsupported Media Type";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Server Error";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return status < 400 ? "OK" : "Error";
    }
}

bool isFramingHeader(const QByteArray &name)
{
    return name.compare("Content-Length", Qt::CaseInsensitive) == 0 || name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0
        || name.compare("Connection", Qt::CaseInsensitive) == 0;
}

} // namespace

PracticeConnection::PracticeConnection(qintptr descriptor, const PracticeServerLimits &limits, Handler handler, QObject *parent)
    : QObject(parent)
    , m_socket(new QTcpSocket(this))
    , m_parser(limits)
    , m_handler(std::move(handler))
{
    m_socket->setSocketDescriptor(descriptor);
    m_socket->setReadBufferSize(kReadChunk);
    m_deadline.setSingleShot(true);
    m_deadline.setInterval(limits.idleTimeoutMs);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        // A request that began but did not arrive whole in time gets 408; a silent one is just closed.
        if (m_parser.hasStarted() && !m_closing)
            refuse(408, QStringLiteral("The request did not arrive within %1 ms.").arg(m_deadline.interval()));
        else
            close();
    });
    connect(m_socket, &QTcpSocket::readyRead, this, &PracticeConnection::readAvailable);
    connect(m_socket, &QTcpSocket::disconnected, this, &PracticeConnection::finish);
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
        if (error != QAbstractSocket::RemoteHostClosedError || m_socket->bytesToWrite() == 0)
            close();
    });
    connect(m_socket, &QTcpSocket::bytesWritten, this, [this] {
        if (m_closing && m_socket->bytesToWrite() == 0)
            close();
    });
    startWaiting();
    if (m_socket->bytesAvailable() > 0)
        readAvailable();
}

PracticeConnection::~PracticeConnection()
{
    if (m_socket->state() != QAbstractSocket::UnconnectedState)
        m_socket->abort();
}

bool PracticeConnection::isOpen() const
{
    return !m_finished;
}

bool PracticeConnection::isIdle() const
{
    if (m_closing || m_parser.hasStarted() || !m_buffer.isEmpty() || m_socket->bytesAvailable() > 0)
        return false;
    // Bytes the kernel holds but Qt has not read yet (a request sent just before a flood of
    // connections is accepted in one go) count as a request under way.
    int pending = 0;
    return ::ioctl(int(m_socket->socketDescriptor()), FIONREAD, &pending) != 0 || pending == 0;
}

void PracticeConnection::startWaiting()
{
    m_idleSince.start();
    m_deadline.start();
}

void PracticeConnection::readAvailable()
{
    while (!m_closing && m_socket->bytesAvailable() > 0) {
        m_buffer += m_socket->read(kReadChunk);
        while (!m_closing) {
            const PracticeHttpParser::Step step = m_parser.feed(m_buffer);
            if (step == PracticeHttpParser::Step::Failed) {
                refuse(m_parser.status(), m_parser.message());
                return;
            }
            if (step == PracticeHttpParser::Step::NeedMore) {
                if (m_parser.expectsContinue() && !m_continueSent) {
                    m_continueSent = true;
                    m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
                }
                break;
            }
            const PracticeRequest request = [this] {
                PracticeRequest r = m_parser.request();
                r.remoteAddress = m_socket->peerAddress();
                return r;
            }();
            const bool keepAlive = m_parser.keepAlive();
            answer(m_handler(request), keepAlive);
            m_parser.reset();
            m_continueSent = false;
            if (!keepAlive)
                return;
            startWaiting();
            if (!m_buffer.isEmpty())
                continue; // a pipelined request already here
            break;
        }
    }
    if (m_closing) // what arrives after a refusal is read and dropped, never kept
        m_buffer.clear();
}

void PracticeConnection::answer(const PracticeReply &reply, bool keepAlive)
{
    const bool head = m_parser.request().method == "HEAD";
    QByteArray out = "HTTP/1.1 " + QByteArray::number(reply.status) + ' ' + reasonPhrase(reply.status) + "\r\n";
    for (const auto &[name, value] : reply.headers) {
        if (!isFramingHeader(name))
            out += name + ": " + value + "\r\n";
    }
    out += "Content-Length: " + QByteArray::number(reply.body.size()) + "\r\n";
    out += keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n";
    if (!head)
        out += reply.body;
    m_socket->write(out);
    if (!keepAlive) {
        m_closing = true;
        m_deadline.start(); // a peer that never reads the answer does not keep the connection
        if (m_socket->bytesToWrite() == 0)
            close();
    }
}

void PracticeConnection::refuse(int status, const QString &message)
{
    // Salesforce's shapes: the OAuth endpoints answer {"error","error_description"}, the REST API
    // [{"message","errorCode"}] (Salesforce REST API Developer Guide, "Status Codes and Error Responses").
    const QString path = m_parser.path();
    const bool oauth = path.startsWith(QLatin1String("/services/oauth2/"));
    QString code;
    switch (status) {
    case 408:
        code = QStringLiteral("REQUEST_TIMEOUT");
        break;
    case 413:
        code = QStringLiteral("REQUEST_ENTITY_TOO_LARGE");
        break;
    case 414:
        code = QStringLiteral("URI_TOO_LONG");
        break;
    case 431:
        code = QStringLiteral("REQUEST_HEADER_FIELDS_TOO_LARGE");
        break;
    default:
        code = QStringLiteral("BAD_REQUEST");
        break;
    }
    const PracticeReply reply = oauth ? PracticeReply::oauthError(status, QStringLiteral("invalid_request"), message)
                                      : PracticeReply::restError(status, code, message);
    answer(reply, false);
}

void PracticeConnection::close()
{
    m_closing = true;
    m_deadline.stop();
    if (m_socket->state() != QAbstractSocket::UnconnectedState)
        m_socket->abort();
    finish();
}

void PracticeConnection::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_deadline.stop();
    Q_EMIT closed(this);
}

} // namespace jwtflow
