#pragma once

#include "practice/PracticeServerLimits.h"
#include "practice/internal/PracticeConnection.h"

#include <QList>
#include <QTcpServer>
#include <QTimer>

namespace jwtflow {

// The practice org's HTTP/1.1 front: accepts on 127.0.0.1, keeps at most maxConnections clients,
// each a PracticeConnection. Own code rather than Qt HTTP Server: QHttpServer (Qt 6.8) has no
// limit on the request line, headers, body (it reads a whole body, chunked too, before a handler
// sees it) or connections, and offers no hook before it reads, so a 1 GiB POST or 10,000 idle
// clients took the process down. Here the limits hold where the bytes arrive. Lives on the
// practice org's own thread.
class PracticeListener final : public QTcpServer {
    Q_OBJECT
public:
    PracticeListener(const PracticeServerLimits &limits, PracticeConnection::Handler handler, QObject *parent = nullptr);
    ~PracticeListener() override;

    qsizetype connectionCount() const { return m_connections.size(); }
    quint64 droppedConnections() const { return m_dropped; }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    void forget(PracticeConnection *connection);

    PracticeServerLimits m_limits;
    PracticeConnection::Handler m_handler;
    QList<PracticeConnection *> m_connections; // oldest first
    QTimer m_resume;
    quint64 m_dropped = 0;
};

} // namespace jwtflow
