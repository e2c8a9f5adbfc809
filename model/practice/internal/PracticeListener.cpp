#include "practice/internal/PracticeListener.h"

#include <QTcpSocket>
#include <utility>

namespace jwtflow {

PracticeListener::PracticeListener(const PracticeServerLimits &limits, PracticeConnection::Handler handler, QObject *parent)
    : QTcpServer(parent)
    , m_limits(limits)
    , m_handler(std::move(handler))
{
    setListenBacklogSize(1024);
    // Out of file descriptors, QTcpServer pauses accepting for good (and before that a readable
    // listening socket it cannot accept from would spin): resume shortly, once clients have gone.
    m_resume.setParent(this); // moves to the server thread with the listener
    m_resume.setSingleShot(true);
    m_resume.setInterval(50);
    connect(&m_resume, &QTimer::timeout, this, &QTcpServer::resumeAccepting);
    connect(this, &QTcpServer::acceptError, this, [this](QAbstractSocket::SocketError) {
        pauseAccepting();
        m_resume.start();
    });
}

PracticeListener::~PracticeListener()
{
    close();
    const QList<PracticeConnection *> connections = std::exchange(m_connections, {});
    for (PracticeConnection *connection : connections) {
        connection->disconnect(this);
        delete connection;
    }
}

void PracticeListener::incomingConnection(qintptr descriptor)
{
    if (m_connections.size() >= m_limits.maxConnections) {
        // Full: make room by dropping the client that has waited longest without starting a
        // request; clients whose requests are under way keep their answers. With none idle, the
        // newcomer is the one turned away.
        PracticeConnection *idle = nullptr;
        for (PracticeConnection *connection : std::as_const(m_connections)) {
            if (connection->isIdle()) {
                idle = connection;
                break;
            }
        }
        ++m_dropped;
        if (!idle) {
            QTcpSocket refused;
            refused.setSocketDescriptor(descriptor);
            refused.abort();
            return;
        }
        idle->close(); // emits closed(): forgotten and deleted
    }
    auto *connection = new PracticeConnection(descriptor, m_limits, m_handler, this);
    m_connections.append(connection);
    connect(connection, &PracticeConnection::closed, this, &PracticeListener::forget);
    if (!connection->isOpen())
        forget(connection);
}

void PracticeListener::forget(PracticeConnection *connection)
{
    if (m_connections.removeOne(connection))
        connection->deleteLater();
}

} // namespace jwtflow
