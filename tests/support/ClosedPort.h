#pragma once

#include <QHostAddress>
#include <QTcpServer>

namespace jwtflow::test {

// A loopback port nothing listens on (bound, read, then released), for "connection refused".
inline quint16 closedLoopbackPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

} // namespace jwtflow::test
