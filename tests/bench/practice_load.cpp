// Load generator for the practice org's token endpoint: N concurrent keep-alive clients POST the
// same pre-signed assertion (what a busy integration does), count exchanges per second and errors,
// and read the server's resident memory before and after, to show the session store keeps it flat.
// Not Google Benchmark: a fixed-size run with many client threads is what it measures.
//
//   practice_load_bench [--clients 32] [--requests 100000 | --duration SECONDS] [--warmup 10000]
//       (--duration: every client sends until the time is up, e.g. 100 clients for 60 s)
//       (in-process: starts a PracticeOrg on its own thread with freshly made demo keys)
//   practice_load_bench --url http://127.0.0.1:PORT --pid PID --key demo.key --client-id KEY --username USER
//       (against `jwtflow-cli practice-org`; its RSS is read from /proc/PID)
// --benchmark_* arguments (packaging/dev bench passes them to every *_bench) are ignored.
#include "core/Clock.h"
#include "crypto/KeyLoader.h"
#include "crypto/Signer.h"
#include "flow/FormBody.h"
#include "practice/PracticeOrg.h"
#include "token/Jwt.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QThread>
#include <QUrl>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <limits>
#include <string>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
    QString url;
    qint64 pid = 0;
    QString keyFile;
    QString clientId;
    QString username;
    int clients = 32;
    long requests = 100000;
    long warmup = 10000;
    double duration = 0; // seconds; 0: run --requests exchanges instead
};

struct Totals {
    std::atomic<long> next { 0 };
    std::atomic<long> ok { 0 };
    std::atomic<long> errors { 0 };
    std::atomic<long> reconnects { 0 };
    Clock::time_point deadline = Clock::time_point::max();
};

long rssKb(qint64 pid)
{
    QFile status(pid ? QStringLiteral("/proc/%1/status").arg(pid) : QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLong();
    }
    return -1;
}

int connectTo(quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

// One request and its response on a keep-alive connection: true when the answer was a 200
// carrying an access token. *closed says the server closed the connection.
bool exchangeOnce(int fd, const std::string &request, std::string &buffer, bool *closed)
{
    *closed = false;
    for (size_t sent = 0; sent < request.size();) {
        const ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) {
            *closed = true;
            return false;
        }
        sent += size_t(n);
    }
    buffer.clear();
    size_t headerEnd = std::string::npos;
    size_t contentLength = 0;
    char chunk[16384];
    for (;;) {
        if (headerEnd == std::string::npos) {
            headerEnd = buffer.find("\r\n\r\n");
            if (headerEnd != std::string::npos) {
                std::string head = buffer.substr(0, headerEnd);
                std::transform(head.begin(), head.end(), head.begin(), [](unsigned char c) { return char(std::tolower(c)); });
                const size_t at = head.find("content-length:");
                contentLength = at == std::string::npos ? 0 : std::stoul(head.substr(at + 15));
            }
        }
        if (headerEnd != std::string::npos && buffer.size() >= headerEnd + 4 + contentLength)
            break;
        const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
        if (n <= 0) {
            *closed = true;
            return false;
        }
        buffer.append(chunk, size_t(n));
    }
    const bool ok
        = buffer.compare(0, 12, "HTTP/1.1 200") == 0 && buffer.find("\"access_token\":\"00D", headerEnd) != std::string::npos;
    if (buffer.find("connection: close") != std::string::npos || buffer.find("Connection: close") != std::string::npos)
        *closed = true;
    return ok;
}

void client(quint16 port, const std::string &request, long total, Totals &totals, std::vector<double> &latenciesUs)
{
    int fd = connectTo(port);
    std::string buffer;
    while (totals.next.fetch_add(1) < total && Clock::now() < totals.deadline) {
        if (fd < 0) {
            fd = connectTo(port);
            totals.reconnects.fetch_add(1);
            if (fd < 0) {
                totals.errors.fetch_add(1);
                continue;
            }
        }
        const auto start = Clock::now();
        bool closed = false;
        const bool ok = exchangeOnce(fd, request, buffer, &closed);
        latenciesUs.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
        (ok ? totals.ok : totals.errors).fetch_add(1);
        if (closed) {
            ::close(fd);
            fd = -1;
        }
    }
    if (fd >= 0)
        ::close(fd);
}

struct Run {
    double seconds = 0;
    long ok = 0;
    long errors = 0;
    long reconnects = 0;
    double p50 = 0, p99 = 0;
};

Run runLoad(quint16 port, const std::string &request, int clients, long total, double seconds = 0)
{
    Totals totals;
    std::vector<std::vector<double>> latencies(static_cast<size_t>(clients));
    std::vector<std::thread> threads;
    const auto start = Clock::now();
    if (seconds > 0) {
        total = std::numeric_limits<long>::max();
        totals.deadline = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    }
    for (int i = 0; i < clients; ++i)
        threads.emplace_back(client, port, std::cref(request), total, std::ref(totals), std::ref(latencies[size_t(i)]));
    for (std::thread &t : threads)
        t.join();
    Run run;
    run.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    run.ok = totals.ok;
    run.errors = totals.errors;
    run.reconnects = totals.reconnects;
    std::vector<double> all;
    for (const auto &l : latencies)
        all.insert(all.end(), l.begin(), l.end());
    std::sort(all.begin(), all.end());
    if (!all.empty()) {
        run.p50 = all[all.size() / 2];
        run.p99 = all[std::min(all.size() - 1, all.size() * 99 / 100)];
    }
    return run;
}

QString signAssertion(const jwtflow::PrivateKey &key, const QString &clientId, const QString &username, const QString &aud)
{
    // exp an hour ahead: the same assertion serves the whole run, as a pre-signed wrk script would.
    const QJsonObject claims { { QStringLiteral("iss"), clientId }, { QStringLiteral("sub"), username },
        { QStringLiteral("aud"), aud }, { QStringLiteral("exp"), QDateTime::currentSecsSinceEpoch() + 3600 } };
    auto jwt = jwtflow::Jwt::compose(R"({"alg":"RS256","typ":"JWT"})", QJsonDocument(claims).toJson(QJsonDocument::Compact));
    if (!jwt || !jwtflow::Signer::sign(jwt.value(), key))
        return {};
    return QString::fromLatin1(jwt->encoded());
}

std::string httpRequest(quint16 port, const QString &assertion)
{
    const QByteArray body = jwtflow::FormBody::encode(
        { { QStringLiteral("grant_type"), QStringLiteral("urn:ietf:params:oauth:grant-type:jwt-bearer") },
            { QStringLiteral("assertion"), assertion } });
    const QByteArray head = "POST /services/oauth2/token HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port)
        + "\r\nContent-Type: application/x-www-form-urlencoded\r\nAccept: application/json\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\n\r\n";
    return (head + body).toStdString();
}

void print(const char *phase, const Run &run, long rssBefore, long rssAfter)
{
    std::printf("%-8s %7ld exchanges in %6.2f s = %7.0f /s, %ld errors, %ld reconnects, latency p50 %.0f us p99 %.0f us, server "
                "RSS %ld -> %ld KiB\n",
        phase, run.ok, run.seconds, double(run.ok) / run.seconds, run.errors, run.reconnects, run.p50, run.p99, rssBefore,
        rssAfter);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    Options options;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString &a = args.at(i);
        const QString value = args.value(i + 1);
        if (a.startsWith(QLatin1String("--benchmark")))
            continue;
        if (a == QLatin1String("--url"))
            options.url = value, ++i;
        else if (a == QLatin1String("--pid"))
            options.pid = value.toLongLong(), ++i;
        else if (a == QLatin1String("--key"))
            options.keyFile = value, ++i;
        else if (a == QLatin1String("--client-id"))
            options.clientId = value, ++i;
        else if (a == QLatin1String("--username"))
            options.username = value, ++i;
        else if (a == QLatin1String("--clients"))
            options.clients = value.toInt(), ++i;
        else if (a == QLatin1String("--requests"))
            options.requests = value.toLong(), ++i;
        else if (a == QLatin1String("--warmup"))
            options.warmup = value.toLong(), ++i;
        else if (a == QLatin1String("--duration"))
            options.duration = value.toDouble(), ++i;
        else {
            std::fprintf(stderr,
                "usage: %s [--clients N] [--requests N | --duration S] [--warmup N] [--url URL --pid PID --key FILE --client-id "
                "K --username U]\n",
                argv[0]);
            return 2;
        }
    }

    // In-process unless told otherwise: a PracticeOrg on its own thread, keys made in a temp folder.
    QTemporaryDir data;
    QThread serverThread;
    jwtflow::PracticeOrg *org = nullptr;
    if (options.url.isEmpty()) {
        serverThread.start();
        org = new jwtflow::PracticeOrg;
        org->moveToThread(&serverThread);
        jwtflow::PracticeOrg::Options start;
        start.dataFolder = data.path();
        bool started = false;
        QString error;
        QMetaObject::invokeMethod(
            org,
            [&] {
                const auto r = org->start(start);
                started = r.ok();
                error = started ? QString() : r.error().text();
            },
            Qt::BlockingQueuedConnection);
        if (!started) {
            std::fprintf(stderr, "practice org: %s\n", qPrintable(error));
            return 1;
        }
        options.url = org->url().toString();
        options.keyFile = org->demoKeyPath();
        options.clientId = org->consumerKey();
        options.username = org->username();
    }
    const QUrl url(options.url);
    const quint16 port = quint16(url.port());
    auto key = jwtflow::KeyLoader::loadPrivateKey(options.keyFile);
    if (!key || port == 0) {
        std::fprintf(stderr, "need --url with a port and a readable --key (%s)\n", key ? "" : qPrintable(key.error().text()));
        return 2;
    }
    const QString assertion = signAssertion(key.value(), options.clientId, options.username, options.url);
    const std::string request = httpRequest(port, assertion);

    std::printf("practice org %s, %d clients, %u cores, %s\n", qPrintable(options.url), options.clients,
        std::thread::hardware_concurrency(), org ? "in-process" : "external process");
    const qint64 pid = org ? 0 : options.pid;
    const long rss0 = rssKb(pid);
    const Run warm = runLoad(port, request, options.clients, options.warmup);
    const long rss1 = rssKb(pid);
    print("warm-up", warm, rss0, rss1);
    const Run run = runLoad(port, request, options.clients, options.requests, options.duration);
    const long rss2 = rssKb(pid);
    print("measured", run, rss1, rss2);

    if (org) {
        QMetaObject::invokeMethod(org, [org] { delete org; }, Qt::BlockingQueuedConnection);
        serverThread.quit();
        serverThread.wait();
    }
    return run.errors == 0 && warm.errors == 0 ? 0 : 1;
}
