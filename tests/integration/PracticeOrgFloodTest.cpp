// The practice org against hostile clients: a 1 GiB POST (declared, and chunked), oversized
// request lines and headers, 10,000 connections, clients held open, and slowloris. It must refuse
// with Salesforce-shaped 413/414/431 bodies, keep the process's memory flat, close idle clients,
// and go on answering the clients it admitted. The server runs on its own thread, so these tests
// talk to it with plain blocking sockets.
#include "integration/PracticeOrgFixture.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QThread>
#include <arpa/inet.h>
#include <cstdio>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>
#include <vector>

using practicetest::PracticeOrgTest;

namespace {

// A line of /proc/self/status in KiB (VmRSS: now, VmHWM: the peak so far).
long statusKiB(const char *field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray prefix = QByteArray(field) + ':';
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).trimmed().split(' ').value(0).toLong();
    }
    return -1;
}

// A blocking TCP client with timeouts, so a server that never answers fails the test instead of
// hanging it.
class RawClient {
public:
    explicit RawClient(quint16 port, int timeoutMs = 5000)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        timeval tv { timeoutMs / 1000, (timeoutMs % 1000) * 1000 };
        ::setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        ::setsockopt(m_fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        m_connected = ::connect(m_fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0;
    }
    ~RawClient()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    RawClient(const RawClient &) = delete;
    RawClient &operator=(const RawClient &) = delete;
    RawClient(RawClient &&other) noexcept
        : m_fd(std::exchange(other.m_fd, -1))
        , m_connected(other.m_connected)
    { }

    bool connected() const { return m_connected; }
    // Sends what the server takes; false once it stops taking (closed, or the send timed out).
    bool send(const QByteArray &bytes)
    {
        qsizetype sent = 0;
        while (sent < bytes.size()) {
            const ssize_t n = ::send(m_fd, bytes.constData() + sent, size_t(bytes.size() - sent), MSG_NOSIGNAL);
            if (n <= 0)
                return false;
            sent += n;
        }
        return true;
    }
    // Everything until the server closes (or the timeout).
    QByteArray readAll()
    {
        QByteArray all;
        char buffer[16384];
        while (true) {
            const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
            if (n <= 0)
                break;
            all.append(buffer, n);
        }
        return all;
    }
    // true when the server closed the connection (recv sees the end), false on timeout.
    bool closedByServer()
    {
        char byte;
        while (true) {
            const ssize_t n = ::recv(m_fd, &byte, 1, 0);
            if (n == 0)
                return true;
            if (n < 0)
                return errno == ECONNRESET;
        }
    }

private:
    int m_fd = -1;
    bool m_connected = false;
};

int statusOf(const QByteArray &response)
{
    if (!response.startsWith("HTTP/1.1 "))
        return 0;
    return response.mid(9, 3).toInt();
}

QJsonDocument bodyOf(const QByteArray &response)
{
    const qsizetype end = response.indexOf("\r\n\r\n");
    return QJsonDocument::fromJson(end < 0 ? QByteArray() : response.mid(end + 4));
}

class PracticeOrgFloodTest : public PracticeOrgTest {
protected:
    jwtflow::PracticeServerLimits limitsForOrg() override
    {
        jwtflow::PracticeServerLimits limits;
        limits.maxConnections = 64;
        limits.idleTimeoutMs = 400; // short, so slowloris is closed quickly here
        return limits;
    }
    quint16 port() const { return org.port(); }
};

} // namespace

TEST_F(PracticeOrgFloodTest, AGigabytePostDeclaredByContentLengthIs413WithoutReadingIt)
{
    const long hwmBefore = statusKiB("VmHWM");
    const long rssBefore = statusKiB("VmRSS");
    RawClient client(port());
    ASSERT_TRUE(client.connected());
    client.send("POST /services/oauth2/token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                "Content-Length: 1073741824\r\n\r\n");
    client.send(QByteArray(1024 * 1024, 'a')); // a part of it; the server may stop reading any time
    const QByteArray response = client.readAll();
    EXPECT_EQ(statusOf(response), 413) << response.left(300).toStdString();
    const QJsonObject body = bodyOf(response).object();
    EXPECT_EQ(body.value(QStringLiteral("error")).toString(), QStringLiteral("invalid_request")) << response.toStdString();
    EXPECT_TRUE(body.value(QStringLiteral("error_description")).toString().contains(QStringLiteral("1048576")))
        << response.toStdString();
    const long hwmAfter = statusKiB("VmHWM");
    const long rssAfter = statusKiB("VmRSS");
    std::printf(
        "[ figure ] 1 GiB POST by Content-Length: VmRSS %+ld KiB, VmHWM %+ld KiB\n", rssAfter - rssBefore, hwmAfter - hwmBefore);
    EXPECT_LT(rssAfter - rssBefore, 20 * 1024);
    EXPECT_LT(hwmAfter - hwmBefore, 20 * 1024);
    // Still answering.
    EXPECT_TRUE(exchange(sign(claims())).ok());
}

TEST_F(PracticeOrgFloodTest, AGigabyteChunkedPostIs413AsTheChunksAddUp)
{
    const long hwmBefore = statusKiB("VmHWM");
    const long rssBefore = statusKiB("VmRSS");
    {
        // One chunk that says 1 GiB: refused from its size line.
        RawClient client(port());
        ASSERT_TRUE(client.connected());
        client.send("POST /services/data/v62.0/sobjects/Account HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                    "40000000\r\n");
        client.send(QByteArray(256 * 1024, 'a'));
        const QByteArray response = client.readAll();
        EXPECT_EQ(statusOf(response), 413) << response.left(300).toStdString();
        const QJsonArray errors = bodyOf(response).array();
        ASSERT_EQ(errors.size(), 1) << response.toStdString();
        EXPECT_EQ(errors[0].toObject().value(QStringLiteral("errorCode")).toString(), QStringLiteral("REQUEST_ENTITY_TOO_LARGE"));
    }
    {
        // Many small chunks that pass the cap between them.
        RawClient client(port());
        ASSERT_TRUE(client.connected());
        client.send("POST /services/oauth2/token HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n");
        const QByteArray chunk = "4000\r\n" + QByteArray(0x4000, 'a') + "\r\n";
        for (int i = 0; i < 128 && client.send(chunk); ++i) { // up to 2 MiB
        }
        const QByteArray response = client.readAll();
        EXPECT_EQ(statusOf(response), 413) << response.left(300).toStdString();
        EXPECT_EQ(bodyOf(response).object().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_request"));
    }
    const long hwmAfter = statusKiB("VmHWM");
    const long rssAfter = statusKiB("VmRSS");
    std::printf("[ figure ] 1 GiB chunked POST: VmRSS %+ld KiB, VmHWM %+ld KiB\n", rssAfter - rssBefore, hwmAfter - hwmBefore);
    EXPECT_LT(rssAfter - rssBefore, 20 * 1024);
    EXPECT_LT(hwmAfter - hwmBefore, 20 * 1024);
    EXPECT_TRUE(exchange(sign(claims())).ok());
}

TEST_F(PracticeOrgFloodTest, LongRequestLinesAndHeadersAre414And431)
{
    {
        RawClient client(port());
        client.send("GET /services/data/v62.0/query?q=" + QByteArray(20 * 1024, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n");
        const QByteArray response = client.readAll();
        EXPECT_EQ(statusOf(response), 414) << response.left(300).toStdString();
        EXPECT_TRUE(bodyOf(response).isArray()) << response.toStdString();
    }
    {
        RawClient client(port());
        client.send("GET /services/data HTTP/1.1\r\nHost: x\r\nX-Big: " + QByteArray(40 * 1024, 'b') + "\r\n\r\n");
        const QByteArray response = client.readAll();
        EXPECT_EQ(statusOf(response), 431) << response.left(300).toStdString();
        EXPECT_EQ(bodyOf(response).array()[0].toObject().value(QStringLiteral("errorCode")).toString(),
            QStringLiteral("REQUEST_HEADER_FIELDS_TOO_LARGE"));
    }
    {
        RawClient client(port());
        QByteArray many = "POST /services/oauth2/token HTTP/1.1\r\nHost: x\r\n";
        for (int i = 0; i < 150; ++i)
            many += "X-" + QByteArray::number(i) + ": v\r\n";
        client.send(many + "\r\n");
        const QByteArray response = client.readAll();
        EXPECT_EQ(statusOf(response), 431) << response.left(300).toStdString();
        EXPECT_EQ(bodyOf(response).object().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_request"));
    }
}

TEST_F(PracticeOrgFloodTest, TenThousandConnectionsThenAnExchangeIsStillAnswered)
{
    // Opened and dropped, 100 at a time (the test process has 1024 file descriptors, like a desktop).
    int opened = 0;
    for (int batch = 0; batch < 100; ++batch) {
        std::vector<RawClient> clients;
        clients.reserve(100);
        for (int i = 0; i < 100; ++i) {
            clients.emplace_back(port());
            opened += clients.back().connected() ? 1 : 0;
        }
    }
    EXPECT_GT(opened, 9000);
    // Held open: twice the cap; the oldest idle ones make room for the newer ones.
    std::vector<RawClient> held;
    held.reserve(128);
    for (int i = 0; i < 128; ++i)
        held.emplace_back(port());

    QElapsedTimer timer;
    timer.start();
    const jwtflow::ExchangeResult result = exchange(sign(claims()));
    const qint64 ms = timer.elapsed();
    std::printf("[ figure ] token exchange after 10,000 connections and 128 held open: %lld ms\n", static_cast<long long>(ms));
    EXPECT_TRUE(result.ok()) << result.summary().toStdString();
    EXPECT_LT(ms, 5000); // a hang guard, not a speed target
    EXPECT_LE(org.connectionCount(), 64);
}

TEST_F(PracticeOrgFloodTest, AClientWhoseRequestIsUnderWayKeepsItsAnswerWhileNewcomersFlood)
{
    RawClient admitted(port());
    ASSERT_TRUE(admitted.connected());
    const QByteArray request = "GET /services/data HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    ASSERT_TRUE(admitted.send(request.left(20))); // begun
    std::vector<RawClient> flood;
    flood.reserve(200);
    for (int i = 0; i < 200; ++i)
        flood.emplace_back(port());
    ASSERT_TRUE(admitted.send(request.mid(20)));
    const QByteArray response = admitted.readAll();
    EXPECT_GE(statusOf(response), 200) << response.left(300).toStdString(); // answered, as the API answers it
    EXPECT_LT(statusOf(response), 500) << response.left(300).toStdString();
}

TEST_F(PracticeOrgFloodTest, SlowlorisAndIdleConnectionsAreClosedAfterTheIdleTimeout)
{
    RawClient idle(port());
    RawClient slow(port());
    ASSERT_TRUE(idle.connected());
    ASSERT_TRUE(slow.connected());
    QElapsedTimer timer;
    timer.start();
    ASSERT_TRUE(slow.send("GET /services/data HTTP/1.1\r\n"));
    // A header every 100 ms: the request never completes; each byte does not buy more time.
    bool stillTaking = true;
    for (int i = 0; i < 30 && stillTaking; ++i) {
        QThread::msleep(100);
        stillTaking = slow.send("X-" + QByteArray::number(i) + ": a\r\n");
    }
    const QByteArray response = slow.readAll();
    const qint64 slowClosedMs = timer.elapsed();
    EXPECT_TRUE(response.isEmpty() || statusOf(response) == 408) << response.left(300).toStdString();
    EXPECT_LT(slowClosedMs, 3000);
    EXPECT_TRUE(idle.closedByServer());
    std::printf(
        "[ figure ] slowloris connection closed after %lld ms (idle timeout 400 ms)\n", static_cast<long long>(slowClosedMs));
    EXPECT_TRUE(exchange(sign(claims())).ok());
}
