#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QSslConfiguration>
#include <QTcpServer>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

class QTcpSocket;

// A loopback HTTP/1.1 server for tests, in the spirit of Qt's own MiniHttpServer: it records each
// request exactly as it arrived (request line, headers, body) and answers with whatever raw bytes
// the test scripts, or stays silent. Optionally TLS (QSslServer) with a given certificate.
class ScriptedHttpServer : public QObject {
    Q_OBJECT
public:
    struct Request {
        QByteArray method;
        QByteArray target; // exactly as on the request line
        QByteArray version;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        QByteArray header(const QByteArray &name) const;
    };
    // The raw response, or std::nullopt to never answer (the connection stays open).
    using Handler = std::function<std::optional<QByteArray>(const Request &)>;

    explicit ScriptedHttpServer(QObject *parent = nullptr);
    ~ScriptedHttpServer() override;

    bool listen(const std::optional<QSslConfiguration> &tls = std::nullopt);
    quint16 port() const;
    QUrl url(const QString &path = {}) const; // http(s)://127.0.0.1:PORT/path
    void setHandler(Handler handler) { m_handler = std::move(handler); }
    // Writes each answer in pieces of `bytes`, the first at once and one more every `intervalMs`
    // (a slow drip); 0: all at once.
    void setDrip(int bytes, int intervalMs)
    {
        m_dripBytes = bytes;
        m_dripIntervalMs = intervalMs;
    }
    // Keeps the connection open after the answer (a server that stalls mid-body).
    void setKeepOpen(bool keepOpen) { m_keepOpen = keepOpen; }
    // Bytes of answers written to sockets so far (a drip shows its progress here).
    qint64 bytesWritten() const { return m_bytesWritten; }
    const QList<Request> &requests() const { return m_requests; }

    static QByteArray response(int status, const QByteArray &reason, const QByteArray &contentType, const QByteArray &body,
        const QList<QPair<QByteArray, QByteArray>> &extraHeaders = {});
    static QByteArray json(int status, const QByteArray &body);

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);

    std::unique_ptr<QTcpServer> m_server;
    bool m_tls = false;
    Handler m_handler;
    QList<Request> m_requests;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    int m_dripBytes = 0;
    int m_dripIntervalMs = 0;
    qint64 m_bytesWritten = 0;
    bool m_keepOpen = false;
};
