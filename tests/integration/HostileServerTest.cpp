// jwtflow-cli against a hostile server: scripted raw HTTP on loopback that never ends its body,
// announces 1 GiB, sends a gzip bomb, endless headers, nothing at all, its headers byte by byte, or
// escape sequences and CR/LF in every field. Each command must end with a specific error (or its
// normal answer), keep its own peak memory (ru_maxrss, through jwtflow_peak_rss_probe) within
// 120 MB, and print no control character from the server raw. The figures are printed for the README.
#include "flow/HttpCall.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fcntl.h>
#include <functional>
#include <gtest/gtest.h>
#include <memory>
#include <optional>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char **environ;

namespace {

// 120 MB; an AddressSanitizer build carries shadow memory and a free quarantine (measured: a
// command that waits on a silent server peaks at ~122 MB there), so it gets three times as much:
// an unbounded read still goes far past either (1.9-3.6 GB before the caps held).
#if defined(__SANITIZE_ADDRESS__)
constexpr long kPeakLimitKiB = 3 * 120 * 1000;
#else
constexpr long kPeakLimitKiB = 120 * 1000;
#endif

enum class Script {
    EndlessChunked,
    EndlessNoLength,
    GigabyteContentLength,
    GzipBomb,
    EndlessHeaders,
    NeverAnswers,
    SlowHeaders,
    EscapesInError,
    EscapesInToken,
};

// Answers every connection with one script. Lives on its own thread, so the test's thread can
// wait for the child process while the server keeps writing.
class HostileServer {
public:
    HostileServer(Script script, QByteArray gzipBomb = {})
        : m_script(script)
        , m_gzipBomb(std::move(gzipBomb))
    {
        m_thread.reset(QThread::create([this] { serve(); }));
        m_thread->start();
        while (m_port.load() == 0)
            QThread::msleep(5);
    }
    ~HostileServer()
    {
        m_thread->quit();
        m_thread->wait();
    }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_port.load()); }
    int requestsAnswered() const { return m_answered.load(); }
    qint64 bytesSent() const { return m_sent.load(); } // handed to the kernel so far

private:
    void serve()
    {
        QTcpServer server;
        server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&server, &QTcpServer::newConnection, &server, [this, &server] {
            while (QTcpSocket *socket = server.nextPendingConnection())
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket] { onRequest(socket); });
        });
        m_port = server.serverPort();
        QEventLoop loop; // QThread::quit() ends it
        loop.exec();
    }

    // Keeps at most 1 MiB queued: `more` gives the next piece, or an empty array at the end.
    static void stream(QTcpSocket *socket, std::function<QByteArray()> more)
    {
        auto pump = [socket, more] {
            while (socket->state() == QAbstractSocket::ConnectedState && socket->bytesToWrite() < 1024 * 1024) {
                const QByteArray piece = more();
                if (piece.isEmpty()) {
                    socket->disconnectFromHost();
                    return;
                }
                socket->write(piece);
            }
        };
        QObject::connect(socket, &QTcpSocket::bytesWritten, socket, pump);
        pump();
    }

    void onRequest(QTcpSocket *socket)
    {
        QByteArray &seen = m_buffers[socket];
        seen += socket->readAll();
        if (!seen.contains("\r\n\r\n") || socket->property("answered").toBool())
            return;
        socket->setProperty("answered", true);
        ++m_answered;
        QObject::connect(socket, &QTcpSocket::bytesWritten, socket, [this](qint64 bytes) { m_sent += bytes; });
        const QByteArray filler(64 * 1024, ' ');
        switch (m_script) {
        case Script::EndlessChunked:
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
            stream(socket, [filler] { return QByteArray::number(filler.size(), 16) + "\r\n" + filler + "\r\n"; });
            break;
        case Script::EndlessNoLength:
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n");
            stream(socket, [filler] { return filler; });
            break;
        case Script::GigabyteContentLength: {
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1073741824\r\n\r\n");
            auto left = std::make_shared<qint64>(1073741824);
            stream(socket, [filler, left] {
                const qint64 n = std::min<qint64>(*left, filler.size());
                *left -= n;
                return filler.left(n);
            });
            break;
        }
        case Script::GzipBomb:
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: "
                + QByteArray::number(m_gzipBomb.size()) + "\r\n\r\n");
            socket->write(m_gzipBomb);
            break;
        case Script::EndlessHeaders: {
            socket->write("HTTP/1.1 200 OK\r\n");
            auto n = std::make_shared<qint64>(0);
            stream(socket, [n] { return "X-Filler-" + QByteArray::number((*n)++) + ": " + QByteArray(1000, 'a') + "\r\n"; });
            break;
        }
        case Script::NeverAnswers:
            break;
        case Script::SlowHeaders: {
            auto timer = new QTimer(socket);
            auto sent = std::make_shared<int>(0);
            const QByteArray head
                = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Slow: " + QByteArray(4000, 's') + "\r\n\r\n{}";
            QObject::connect(timer, &QTimer::timeout, socket, [socket, timer, sent, head] {
                if (*sent >= head.size())
                    return timer->stop();
                socket->write(head.mid((*sent)++, 1));
            });
            timer->start(100);
            break;
        }
        case Script::EscapesInError: {
            const QByteArray body
                = R"({"error":"invalid_grant\u001b[2J","error_description":"bad\r\nAccess token issued.\u001b]0;owned\u0007 \u009b31m \u202eevil"})";
            socket->write(
                "HTTP/1.1 400 Bad\x1b[31mRequest\r\nContent-Type: application/json\r\nX-Evil: a\x1b[2Jb\r\nContent-Length: "
                + QByteArray::number(body.size()) + "\r\n\r\n" + body);
            break;
        }
        case Script::EscapesInToken: {
            const QByteArray body
                = R"({"access_token":"00D000000000001!AQ\u001b[2Jsecret","instance_url":"http://127.0.0.1/\r\nVerified: yes","id":"x\u001b]0;t\u0007","token_type":"Bearer","issued_at":"1","signature":"s\u001bc","scope":"api\nVerified: yes","sfdc_community_url":"\u009b2J","x\u001b[1m":"k"})";
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                + QByteArray::number(body.size()) + "\r\n\r\n" + body);
            break;
        }
        }
    }

    Script m_script;
    QByteArray m_gzipBomb;
    std::unique_ptr<QThread> m_thread;
    std::atomic<quint16> m_port { 0 };
    std::atomic<int> m_answered { 0 };
    std::atomic<qint64> m_sent { 0 };
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

struct CliRun {
    int exitCode = -1;
    long peakKiB = 0;
    qint64 ms = 0;
    QByteArray out;
    QByteArray err;
};

// The command runs under jwtflow_peak_rss_probe, which forks it and reports its own peak resident
// set (ru_maxrss) and wait status: measured straight from here with posix_spawn + wait4, the figure
// would include this test process's own peak (Linux keeps it across the child's exec).
CliRun runCli(const QStringList &arguments)
{
    QTemporaryDir dir;
    const QByteArray outPath = dir.filePath(QStringLiteral("out")).toLocal8Bit();
    const QByteArray errPath = dir.filePath(QStringLiteral("err")).toLocal8Bit();
    const QString figuresPath = dir.filePath(QStringLiteral("figures"));
    std::vector<QByteArray> storage { QByteArray(JWTFLOW_PEAK_RSS_PROBE_PATH), figuresPath.toLocal8Bit(),
        QByteArray(JWTFLOW_CLI_PATH) };
    for (const QString &a : arguments)
        storage.push_back(a.toUtf8());
    std::vector<char *> argv;
    for (QByteArray &s : storage)
        argv.push_back(s.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, outPath.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&actions, 2, errPath.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    CliRun run;
    QElapsedTimer timer;
    timer.start();
    pid_t pid = 0;
    if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) != 0) {
        posix_spawn_file_actions_destroy(&actions);
        return run;
    }
    posix_spawn_file_actions_destroy(&actions);
    int probeStatus = 0;
    while (waitpid(pid, &probeStatus, 0) < 0 && errno == EINTR) { }
    run.ms = timer.elapsed();
    QFile figures(figuresPath);
    if (WIFEXITED(probeStatus) && WEXITSTATUS(probeStatus) == 0 && figures.open(QIODevice::ReadOnly)) {
        const QList<QByteArray> fields = figures.readAll().simplified().split(' ');
        if (fields.size() == 2) {
            const int status = fields[1].toInt();
            run.peakKiB = fields[0].toLong();
            run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        }
    }
    QFile out(QString::fromLocal8Bit(outPath));
    QFile err(QString::fromLocal8Bit(errPath));
    if (out.open(QIODevice::ReadOnly))
        run.out = out.readAll();
    if (err.open(QIODevice::ReadOnly))
        run.err = err.readAll();
    return run;
}

// A JWT whose iss is the hostile server (inspect --discover fetches iss/.well-known/...).
QString tokenFrom(const QString &issuer)
{
    const auto b64
        = [](const QByteArray &json) { return json.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals); };
    return QString::fromLatin1(b64(R"({"alg":"RS256","kid":"k1"})") + '.'
        + b64("{\"iss\":\"" + issuer.toUtf8() + "\",\"sub\":\"x\",\"aud\":\"a\",\"exp\":4102444800}") + ".c2lnbmF0dXJl");
}

const QString kAssertion = QStringLiteral("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbm4ifQ.c2lnbmF0dXJl");

QStringList exchangeArgs(const QString &url)
{
    return { QStringLiteral("exchange"), QStringLiteral("--assertion"), kAssertion, QStringLiteral("--host"), url,
        QStringLiteral("--timeout"), QStringLiteral("4000") };
}

QStringList callArgs(const QString &url)
{
    return { QStringLiteral("call"), QStringLiteral("--token"), QStringLiteral("00D000000000001!AQsecret"),
        QStringLiteral("--instance"), url, QStringLiteral("--timeout"), QStringLiteral("4000"), QStringLiteral("versions") };
}

QStringList inspectArgs(const QString &url)
{
    return { QStringLiteral("inspect"), QStringLiteral("--discover"), tokenFrom(url) };
}

QByteArray gzipBomb()
{
    // 512 MiB of spaces, gzip-compressed by gzip(1): about 500 KB on the wire.
    QProcess gzip;
    gzip.start(QStringLiteral("sh"),
        { QStringLiteral("-c"), QStringLiteral("head -c 536870912 /dev/zero | tr '\\0' ' ' | gzip -c -6") });
    gzip.waitForFinished(120000);
    return gzip.readAllStandardOutput();
}

void report(const char *script, const char *command, const CliRun &run)
{
    std::printf("[ figures  ] %-24s %-8s exit %d, peak RSS %.1f MB, %lld ms\n", script, command, run.exitCode,
        run.peakKiB / 1000.0, static_cast<long long>(run.ms));
    std::fflush(stdout);
}

struct Case {
    const char *name;
    Script script;
};

class HostileServerTest : public ::testing::TestWithParam<Case> { };

} // namespace

TEST_P(HostileServerTest, EveryCommandEndsWithinItsMemoryCap)
{
    const Case c = GetParam();
    const QByteArray bomb = c.script == Script::GzipBomb ? gzipBomb() : QByteArray();
    if (c.script == Script::GzipBomb) {
        ASSERT_GT(bomb.size(), 1000);
    }
    HostileServer server(c.script, bomb);
    const struct {
        const char *name;
        QStringList args;
    } commands[] = {
        { "exchange", exchangeArgs(server.url()) },
        { "call", callArgs(server.url()) },
        { "inspect", inspectArgs(server.url()) },
    };
    for (const auto &command : commands) {
        // inspect has no --timeout: only the scripts that end on their own.
        if (QByteArray(command.name) == "inspect" && (c.script == Script::NeverAnswers || c.script == Script::SlowHeaders))
            continue;
        SCOPED_TRACE(command.name);
        const CliRun run = runCli(command.args);
        report(c.name, command.name, run);
        // An error exit for exchange and call; inspect still explains the token (0 or 1) and reports
        // the failed discovery. Never a crash (-1).
        if (QByteArray(command.name) == "inspect") {
            EXPECT_GE(run.exitCode, 0) << run.err.toStdString();
        } else {
            EXPECT_GT(run.exitCode, 0) << run.err.toStdString();
        }
        EXPECT_LE(run.peakKiB, kPeakLimitKiB);
        if (c.script == Script::EndlessChunked || c.script == Script::EndlessNoLength
            || c.script == Script::GigabyteContentLength) { // the gzip bomb: bounded in memory (above), but Qt ends it with a
                                                            // message of its own (exchange: exit 4)
            const QByteArray all = run.out + run.err;
            EXPECT_TRUE(
                all.contains("limit") || all.contains("too large") || all.contains("decompress") || all.contains("Decompress"))
                << all.left(2000).toStdString();
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Scripts, HostileServerTest,
    ::testing::Values(Case { "endless_chunked_body", Script::EndlessChunked },
        Case { "endless_body_no_length", Script::EndlessNoLength },
        Case { "one_gib_content_length", Script::GigabyteContentLength }, Case { "gzip_bomb", Script::GzipBomb },
        Case { "endless_headers", Script::EndlessHeaders }, Case { "never_answers", Script::NeverAnswers },
        Case { "slow_headers", Script::SlowHeaders }),
    [](const ::testing::TestParamInfo<Case> &info) { return std::string(info.param.name); });

// Qt's HTTP thread stops reading an answer that HttpCall has not taken yet, for a POST (the token
// exchange) as for a GET. Once the server has the request, the caller's thread is blocked for a
// second: the server can then hand the kernel only what the socket buffers hold (a few MB), where
// a reader without a limit takes all it can (measured for a POST before the fix: 468 MB in 1.5 s).
TEST(HostileServer, QtStopsReadingAnAnswerTheCallHasNotTaken)
{
    for (const QByteArray &method : { QByteArray("POST"), QByteArray("GET") }) {
        SCOPED_TRACE(method.constData());
        HostileServer server(Script::EndlessNoLength);
        QNetworkAccessManager manager;
        jwtflow::HttpExchangeRecord::Request request;
        request.method = method;
        request.url = QUrl(server.url() + QStringLiteral("/services/oauth2/token"));
        if (method == "POST") {
            request.headers.append({ QByteArray("Content-Type"), QByteArray("application/x-www-form-urlencoded") });
            request.body = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=x";
        }
        jwtflow::HttpCall::Options options;
        options.timeoutMs = 30000;
        jwtflow::HttpCall call(&manager, request, options);
        std::optional<jwtflow::HttpExchangeRecord> record;
        QObject::connect(&call, &jwtflow::HttpCall::finished, &call,
            [&record](const jwtflow::HttpExchangeRecord &finished) { record = finished; });
        call.start();
        QElapsedTimer waited;
        waited.start();
        while (server.requestsAnswered() == 0 && waited.elapsed() < 10000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        ASSERT_EQ(server.requestsAnswered(), 1);
        QThread::msleep(1000); // nothing taken here; Qt's HTTP thread runs on
        const qint64 sent = server.bytesSent();
        std::printf("[ figures  ] %s: %.1f MB sent while the caller took nothing for 1 s\n", method.constData(), sent / 1e6);
        std::fflush(stdout);
        EXPECT_LT(sent, 48 * 1000 * 1000);
        while (!record && waited.elapsed() < 40000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        ASSERT_TRUE(record.has_value());
        EXPECT_EQ(record->transport, jwtflow::HttpExchangeRecord::Transport::ResponseTooLarge);
    }
}

// Escape sequences and CR/LF in the status line, a header, error and error_description: the text
// output shows them escaped, one line per field, and no line can be forged; --json is exact JSON.
TEST(HostileServer, EscapesAndLineBreaksFromTheServerNeverReachTheTerminalRaw)
{
    for (const Script script : { Script::EscapesInError, Script::EscapesInToken }) {
        HostileServer server(script);
        for (const QStringList &args : { exchangeArgs(server.url()), exchangeArgs(server.url()) << QStringLiteral("--raw"),
                 callArgs(server.url()), callArgs(server.url()) << QStringLiteral("--raw") }) {
            SCOPED_TRACE(args.join(QLatin1Char(' ')).toStdString());
            const CliRun run = runCli(args);
            const QByteArray all = run.out + run.err;
            EXPECT_FALSE(all.contains('\x1b')) << all.toStdString();
            EXPECT_FALSE(all.contains('\r')) << all.toStdString();
            EXPECT_FALSE(all.contains("\xc2\x9b")) << all.toStdString(); // U+009B
            EXPECT_FALSE(all.contains("\xe2\x80\xae")) << all.toStdString(); // U+202E
            for (const QByteArray &line : all.split('\n')) {
                EXPECT_FALSE(line.trimmed().startsWith("Verified: yes")) << all.toStdString();
                if (script == Script::EscapesInError) {
                    EXPECT_NE(line.trimmed(), QByteArray("Access token issued.")) << all.toStdString();
                }
            }
        }
        const CliRun json = runCli(exchangeArgs(server.url()) << QStringLiteral("--json"));
        QJsonParseError error {};
        const QJsonDocument doc = QJsonDocument::fromJson(json.out, &error);
        EXPECT_EQ(error.error, QJsonParseError::NoError) << json.out.toStdString();
        if (script == Script::EscapesInError) {
            EXPECT_TRUE(doc.object()
                    .value(QStringLiteral("error"))
                    .toObject()
                    .value(QStringLiteral("error_description"))
                    .toString()
                    .contains(QStringLiteral("\r\nAccess token issued.\x1b]0;owned")))
                << json.out.toStdString();
        }
    }
}
