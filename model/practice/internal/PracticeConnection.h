#pragma once

#include "practice/PracticeReply.h"
#include "practice/PracticeRequest.h"
#include "practice/internal/PracticeHttpParser.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <functional>

class QTcpSocket;

namespace jwtflow {

// One client of the practice org: reads its requests through PracticeHttpParser, hands each whole
// request to the handler and writes the answer (keep-alive as HTTP/1.1 asks). A refused request
// (413, 414, 431, 400) is answered in the shape of the endpoint it named, then the connection is
// closed. A request that does not arrive whole within the idle timeout, or a keep-alive
// connection that stays silent that long, is closed (slowloris).
class PracticeConnection final : public QObject {
    Q_OBJECT
public:
    using Handler = std::function<PracticeReply(const PracticeRequest &)>;

    PracticeConnection(qintptr descriptor, const PracticeServerLimits &limits, Handler handler, QObject *parent = nullptr);
    ~PracticeConnection() override;

    bool isOpen() const;
    // Waiting for a request that has not begun (no byte of it read, none waiting in the kernel):
    // what a full server may drop to admit a new client.
    bool isIdle() const;
    qint64 idleSinceMs() const { return m_idleSince.elapsed(); }
    void close();

Q_SIGNALS:
    void closed(jwtflow::PracticeConnection *connection);

private:
    void readAvailable();
    void answer(const PracticeReply &reply, bool keepAlive);
    void refuse(int status, const QString &message);
    void startWaiting();
    void finish();

    QTcpSocket *m_socket = nullptr;
    PracticeHttpParser m_parser;
    Handler m_handler;
    QByteArray m_buffer;
    QTimer m_deadline;
    QElapsedTimer m_idleSince;
    bool m_continueSent = false;
    bool m_closing = false;
    bool m_finished = false;
};

} // namespace jwtflow
