// Catalogue section C of reliability.md: a token exchange against a misbehaving loopback server (or
// none). Every fault must end within the (shortened) timeout, in its own transport kind and
// diagnosis, and Cancel must work at any moment. TokenExchangeTest covers the basic shapes; this
// table fills the rest (DNS, TLS expired / wrong host / untrusted CA, drip, 10 MB, 503, 429, ...).
#include "integration/ScriptedHttpServer.h"
#include "support/ClosedPort.h"

#include "flow/Diagnosis.h"
#include "flow/TokenExchange.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QSslCertificate>
#include <QSslKey>
#include <QTimer>

#include <gtest/gtest.h>

#include <functional>
#include <optional>
#include <ostream>

using namespace jwtflow;
using Transport = HttpExchangeRecord::Transport;
using Outcome = ExchangeResult::Outcome;

namespace {

constexpr int kTimeoutMs = 1500;
// A fault "ends within the timeout": finished() comes before timeout + this margin.
constexpr int kMarginMs = 1500;

const QString kAssertion = QStringLiteral("eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiIzTVZHOSJ9.c2ln");
const QByteArray kSuccess
    = R"({"access_token":"00Dxx0000001gPL!AR8AQJXg5oj8jXSgxJfA0lBog","instance_url":"https://x.my.salesforce.com",)"
      R"("id":"https://login.salesforce.com/id/00Dxx0000001gPLEAY/005xx000001SwiUAAS","token_type":"Bearer",)"
      R"("issued_at":"1700000000000","scope":"api"})";

QByteArray tlsData(const char *name)
{
    QFile file(QStringLiteral(JWTFLOW_TEST_DATA "/tls/") + QString::fromLatin1(name));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QSslConfiguration serverTls(const char *certificate)
{
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificate(QSslCertificate(tlsData(certificate)));
    tls.setPrivateKey(QSslKey(tlsData("server.key"), QSsl::Rsa));
    return tls;
}

// Trusts the test CA for the life of the object (the default configuration is what HttpCall uses).
class TrustTestCa {
public:
    TrustTestCa()
        : m_saved(QSslConfiguration::defaultConfiguration())
    {
        QSslConfiguration trusted = m_saved;
        trusted.addCaCertificates(QSslCertificate::fromData(tlsData("ca.crt")));
        QSslConfiguration::setDefaultConfiguration(trusted);
    }
    ~TrustTestCa() { QSslConfiguration::setDefaultConfiguration(m_saved); }

private:
    QSslConfiguration m_saved;
};

struct Fault {
    const char *name;
    // Prepares the world; returns the host to send to. May change the server, the manager, trust.
    std::function<QString(ScriptedHttpServer &plain, QNetworkAccessManager &manager, std::optional<TrustTestCa> &trust,
        std::unique_ptr<ScriptedHttpServer> &tlsServer)>
        setUp;
    std::optional<Transport> transport; // for TransportError outcomes
    Outcome outcome;
    QString diagnosis; // Diagnosis::code
    QString cause; // the first cause's id, or empty
    QString evidence; // a substring of summary + TLS errors + notes, or empty
};

void PrintTo(const Fault &fault, std::ostream *os)
{
    *os << fault.name;
}

QString plainUrl(ScriptedHttpServer &server)
{
    return server.url().toString();
}

ScriptedHttpServer::Handler answer(QByteArray bytes)
{
    return [bytes](const ScriptedHttpServer::Request &) { return std::optional<QByteArray>(bytes); };
}

QString tlsUrl(std::unique_ptr<ScriptedHttpServer> &server, const char *certificate, QByteArray response)
{
    server = std::make_unique<ScriptedHttpServer>();
    if (!server->listen(serverTls(certificate)))
        return {};
    server->setHandler(answer(std::move(response)));
    return server->url().toString();
}

QByteArray chunked(qint64 total)
{
    QByteArray out
        = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
    const QByteArray chunk(64 * 1024, 'x');
    for (qint64 sent = 0; sent < total; sent += chunk.size())
        out += QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n";
    return out + "0\r\n\r\n";
}

QList<Fault> faults()
{
    using S = ScriptedHttpServer;
    QList<Fault> f;
    f << Fault { "dns_failure",
        [](S &, QNetworkAccessManager &, auto &, auto &) { return QStringLiteral("https://jwtflow-test-host.invalid"); },
        Transport::HostNotFound, Outcome::TransportError, QStringLiteral("transport.host-not-found"), {},
        QStringLiteral("invalid") };
    f << Fault { "connection_refused",
        [](S &, QNetworkAccessManager &, auto &, auto &) {
            return QStringLiteral("http://127.0.0.1:%1").arg(test::closedLoopbackPort());
        },
        Transport::ConnectionRefused, Outcome::TransportError, QStringLiteral("transport.connection-refused"),
        QStringLiteral("host.port"), {} };
    f << Fault { "tls_untrusted_issuer",
        [](S &, QNetworkAccessManager &, auto &, auto &tls) { return tlsUrl(tls, "localhost.crt", S::json(200, kSuccess)); },
        Transport::Tls, Outcome::TransportError, QStringLiteral("transport.tls"), QStringLiteral("tls.untrusted-issuer"),
        QStringLiteral("issued by CN=jwtflow test CA") };
    f << Fault { "tls_expired_certificate",
        [](S &, QNetworkAccessManager &, auto &trust, auto &tls) {
            trust.emplace();
            return tlsUrl(tls, "expired.crt", S::json(200, kSuccess));
        },
        Transport::Tls, Outcome::TransportError, QStringLiteral("transport.tls"), QStringLiteral("tls.clock"),
        QStringLiteral("expired") };
    f << Fault { "tls_wrong_host",
        [](S &, QNetworkAccessManager &, auto &trust, auto &tls) {
            trust.emplace();
            return tlsUrl(tls, "wrong-host.crt", S::json(200, kSuccess));
        },
        Transport::Tls, Outcome::TransportError, QStringLiteral("transport.tls"), QStringLiteral("tls.hostname"),
        QStringLiteral("CN=wrong.example") };
    f << Fault { "proxy_refused",
        [](S &plain, QNetworkAccessManager &manager, auto &, auto &) {
            manager.setProxy(QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), test::closedLoopbackPort()));
            return plainUrl(plain);
        },
        Transport::Proxy, Outcome::TransportError, QStringLiteral("transport.proxy"), QStringLiteral("proxy.settings"), {} };
    f << Fault { "proxy_host_unknown",
        [](S &plain, QNetworkAccessManager &manager, auto &, auto &) {
            manager.setProxy(QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("proxy.jwtflow-test.invalid"), 3128));
            return plainUrl(plain);
        },
        Transport::Proxy, Outcome::TransportError, QStringLiteral("transport.proxy"), QStringLiteral("proxy.settings"), {} };
    f << Fault { "stall_before_answer",
        [](S &plain, QNetworkAccessManager &, auto &, auto &) {
            plain.setHandler([](const S::Request &) { return std::nullopt; });
            return plainUrl(plain);
        },
        // The request reached the server (requestSent): not a firewall, and the title says so.
        Transport::Timeout, Outcome::TransportError, QStringLiteral("transport.timeout"), QStringLiteral("server.no-answer"),
        QStringLiteral("took the whole request") };
    f << Fault { "stall_mid_body",
        [](S &plain, QNetworkAccessManager &, auto &, auto &) {
            // The headers and 20 bytes of a 1000-byte body, then silence with the connection open.
            plain.setHandler(answer(S::response(200, "OK", "application/json", QByteArray(1000, ' ')).chopped(980)));
            plain.setKeepOpen(true);
            return plainUrl(plain);
        },
        Transport::Timeout, Outcome::TransportError, QStringLiteral("transport.timeout"), QStringLiteral("server.slow"), {} };
    f << Fault { "slow_drip",
        [](S &plain, QNetworkAccessManager &, auto &, auto &) {
            plain.setHandler(answer(S::json(200, kSuccess)));
            plain.setDrip(16, 100); // ~450 bytes at 160 B/s: 3 s, past the timeout, headers in 0.6 s
            return plainUrl(plain);
        },
        Transport::Timeout, Outcome::TransportError, QStringLiteral("transport.timeout"), {},
        QStringLiteral("the headers arrived") };
    f << Fault { "closed_mid_body",
        [](S &plain, QNetworkAccessManager &, auto &, auto &) {
            plain.setHandler(answer(S::response(200, "OK", "application/json", QByteArray(1000, ' ')).chopped(980)));
            return plainUrl(plain);
        },
        Transport::ConnectionClosed, Outcome::TransportError, QStringLiteral("transport.connection-closed"),
        QStringLiteral("answer.cut"), QStringLiteral("cut off before its end") };
    f << Fault { "closed_after_request_without_answer",
        [](S &plain, QNetworkAccessManager &, auto &, auto &) {
            plain.setHandler(answer(QByteArray())); // reads the request, writes nothing, closes
            return plainUrl(plain);
        },
        Transport::ConnectionClosed, Outcome::TransportError, QStringLiteral("transport.connection-closed"),
        QStringLiteral("server.closed"), QStringLiteral("closed the connection after the request") };
    f << Fault { "truncated_json_token_answer",
        [](S &plain, QNetworkAccessManager &, auto &, auto &) {
            plain.setHandler(answer(S::json(200, kSuccess.left(40))));
            return plainUrl(plain);
        },
        std::nullopt, Outcome::TextBody, QStringLiteral("http.truncated-json"), QStringLiteral("answer.truncated"),
        QStringLiteral("do not parse as JSON") };
    f << Fault { "json_500",
        [](S &plain, QNetworkAccessManager &, auto &, auto &) {
            plain.setHandler(answer(S::json(500, R"({"error":"server_error","error_description":"internal error"})")));
            return plainUrl(plain);
        },
        std::nullopt, Outcome::OAuthError, QStringLiteral("http.server-error"), QStringLiteral("server.error"),
        QStringLiteral("status.salesforce.com") };
    f << Fault { "redirect_to_another_host",
        [](S &plain, QNetworkAccessManager &, auto &, auto &) {
            plain.setHandler(answer(S::response(301, "Moved Permanently", "text/html", {},
                { { "Location", "https://login.jwtflow-test.invalid/services/oauth2/token" } })));
            return plainUrl(plain);
        },
        std::nullopt, Outcome::Redirect, QStringLiteral("http.redirect"), QStringLiteral("host.moved"),
        QStringLiteral("127.0.0.1 → login.jwtflow-test.invalid") };
    f << Fault { "not_http_at_all",
        [](S &plain, QNetworkAccessManager &, auto &, auto &) {
            plain.setHandler(answer("SSH-2.0-OpenSSH_9.6\r\n"));
            return plainUrl(plain);
        },
        std::nullopt, Outcome::TransportError, QString(), {}, {} };
    f << Fault { "body_10mb_with_length",
        [](S &plain, QNetworkAccessManager &, auto &, auto &) {
            plain.setHandler(answer(S::response(200, "OK", "application/json", QByteArray(10 * 1024 * 1024, ' '))));
            return plainUrl(plain);
        },
        Transport::ResponseTooLarge, Outcome::TransportError, QStringLiteral("transport.response-too-large"), {},
        QStringLiteral("1048576 bytes") };
    f << Fault { "body_10mb_chunked",
        [](S &plain, QNetworkAccessManager &, auto &, auto &) {
            plain.setHandler(answer(chunked(10 * 1024 * 1024)));
            return plainUrl(plain);
        },
        Transport::ResponseTooLarge, Outcome::TransportError, QStringLiteral("transport.response-too-large"), {},
        QStringLiteral("1048576 bytes") };
    f << Fault { "html_503_maintenance",
        [](S &plain, QNetworkAccessManager &, auto &, auto &) {
            plain.setHandler(answer(S::response(503, "Service Unavailable", "text/html",
                "<html><head><title>Down for Maintenance</title></head><body>Back soon</body></html>",
                { { "Retry-After", "120" } })));
            return plainUrl(plain);
        },
        std::nullopt, Outcome::HtmlBody, QStringLiteral("http.unavailable"), QStringLiteral("server.outage"),
        QStringLiteral("wait 120 s") };
    f << Fault { "redirect_loop",
        [](S &plain, QNetworkAccessManager &, auto &, auto &) {
            plain.setHandler([](const S::Request &request) {
                return std::optional<QByteArray>(S::response(302, "Found", "text/html", {}, { { "Location", request.target } }));
            });
            return plainUrl(plain);
        },
        std::nullopt, Outcome::Redirect, QStringLiteral("http.redirect"), QStringLiteral("host.wrong"),
        QStringLiteral("/services/oauth2/token") };
    f << Fault { "http_429_too_many_requests",
        [](S &plain, QNetworkAccessManager &, auto &, auto &) {
            plain.setHandler(
                answer(S::response(429, "Too Many Requests", "text/plain", "slow down", { { "Retry-After", "30" } })));
            return plainUrl(plain);
        },
        std::nullopt, Outcome::TextBody, QStringLiteral("http.too-many-requests"), QStringLiteral("limit.rate"),
        QStringLiteral("wait 30 s") };
    f << Fault { "request_limit_exceeded",
        [](S &plain, QNetworkAccessManager &, auto &, auto &) {
            plain.setHandler(
                answer(S::json(403, R"([{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}])")));
            return plainUrl(plain);
        },
        std::nullopt, Outcome::UnexpectedJson, QStringLiteral("http.request-limit"), QStringLiteral("limit.api"),
        QStringLiteral("REQUEST_LIMIT_EXCEEDED") };
    f << Fault { "tls_control_trusted",
        [](S &, QNetworkAccessManager &, auto &trust, auto &tls) {
            trust.emplace();
            return tlsUrl(tls, "localhost.crt", S::json(200, kSuccess));
        },
        std::nullopt, Outcome::Token, QStringLiteral("ok"), {}, {} };
    return f;
}

class NetworkFault : public ::testing::TestWithParam<Fault> {
protected:
    void SetUp() override
    {
        manager.setProxy(QNetworkProxy::NoProxy);
        ASSERT_TRUE(server.listen());
    }
    QNetworkAccessManager manager;
    ScriptedHttpServer server;
};

// Runs one exchange to its end; nullopt when finished() did not come within limitMs.
std::optional<ExchangeResult> runExchange(
    TokenExchange &exchange, const QString &host, int limitMs, const std::function<void()> &whileRunning = {})
{
    QEventLoop loop;
    std::optional<ExchangeResult> result;
    QObject::connect(&exchange, &TokenExchange::finished, &loop, [&](const ExchangeResult &r) {
        result = r;
        loop.quit();
    });
    QTimer::singleShot(limitMs, &loop, &QEventLoop::quit);
    const auto started = exchange.exchange(host, kAssertion);
    EXPECT_TRUE(started.ok()) << started.error().text().toStdString();
    if (!started.ok())
        return std::nullopt;
    if (whileRunning)
        whileRunning();
    if (!result)
        loop.exec();
    return result;
}

} // namespace

TEST_P(NetworkFault, EndsWithinTheTimeoutInItsOwnDiagnosis)
{
    const Fault &fault = GetParam();
    std::optional<TrustTestCa> trust;
    std::unique_ptr<ScriptedHttpServer> tlsServer;
    const QString host = fault.setUp(server, manager, trust, tlsServer);
    ASSERT_FALSE(host.isEmpty()) << "the fixture server did not start";

    TokenExchange exchange(&manager);
    exchange.setTimeout(kTimeoutMs);
    QElapsedTimer clock;
    clock.start();
    const auto result = runExchange(exchange, host, kTimeoutMs + kMarginMs);
    ASSERT_TRUE(result.has_value()) << "no finished() within " << kTimeoutMs + kMarginMs << " ms";
    EXPECT_LT(clock.elapsed(), kTimeoutMs + kMarginMs);
    EXPECT_FALSE(exchange.isRunning());

    EXPECT_EQ(static_cast<int>(result->outcome), static_cast<int>(fault.outcome)) << result->summary().toStdString();
    if (fault.transport) {
        EXPECT_EQ(HttpExchangeRecord::transportName(result->transport()), HttpExchangeRecord::transportName(*fault.transport))
            << result->summary().toStdString();
    }
    if (result->outcome == Outcome::TransportError) {
        EXPECT_TRUE(result->record.response.body.isEmpty()) << "a failed answer is never parsed";
        EXPECT_FALSE(result->record.transportMessage.isEmpty());
    }
    const Diagnosis diagnosis = Diagnosis::diagnose(*result, {});
    if (!fault.diagnosis.isEmpty()) {
        EXPECT_EQ(diagnosis.code, fault.diagnosis) << diagnosis.text().toStdString();
    } else {
        EXPECT_TRUE(diagnosis.code.startsWith(QStringLiteral("transport."))) << diagnosis.code.toStdString();
    }
    if (!fault.cause.isEmpty()) {
        ASSERT_FALSE(diagnosis.causes.isEmpty());
        EXPECT_EQ(diagnosis.causes.constFirst().id, fault.cause) << diagnosis.text().toStdString();
    }
    if (!fault.evidence.isEmpty()) {
        const QString words = result->summary() + u'\n' + result->record.transportMessage + u'\n'
            + result->record.tlsErrors.join(u'\n') + u'\n' + diagnosis.text();
        EXPECT_TRUE(words.contains(fault.evidence)) << words.toStdString();
    }
    EXPECT_FALSE(diagnosis.title.isEmpty());
}

INSTANTIATE_TEST_SUITE_P(CatalogueC, NetworkFault, ::testing::ValuesIn(faults()),
    [](const ::testing::TestParamInfo<Fault> &info) { return std::string(info.param.name); });

// Cancel at any moment: before the connection exists, while connecting, during TLS, while the
// headers are awaited, and mid-body. Each ends in "cancelled", at once, never in another kind.
TEST(NetworkFaultCancel, CancelAtAnyMomentEndsCancelled)
{
    QNetworkAccessManager manager;
    manager.setProxy(QNetworkProxy::NoProxy);
    const TrustTestCa trust; // the TLS server must not fail its handshake before the cancel
    ScriptedHttpServer dripping;
    ASSERT_TRUE(dripping.listen());
    dripping.setHandler(answer(ScriptedHttpServer::json(200, kSuccess)));
    dripping.setDrip(8, 50); // the whole answer (~450 bytes) takes ~2.8 s, longer than the last cancel
    ScriptedHttpServer tls;
    ASSERT_TRUE(tls.listen(serverTls("localhost.crt")));
    tls.setHandler([](const ScriptedHttpServer::Request &) { return std::nullopt; });

    int midBody = 0;
    for (const bool overTls : { false, true }) {
        for (const int delayMs : { -1, 0, 1, 5, 20, 60, 150, 400, 900 }) {
            SCOPED_TRACE(std::string(overTls ? "tls" : "plain") + " cancel after " + std::to_string(delayMs) + " ms");
            const qint64 writtenBefore = dripping.bytesWritten();
            TokenExchange exchange(&manager);
            exchange.setTimeout(5000);
            QElapsedTimer clock;
            clock.start();
            const auto result = runExchange(exchange, (overTls ? tls : dripping).url().toString(), 3000, [&] {
                if (delayMs < 0)
                    exchange.cancel(); // before the event loop ever ran: nothing has connected yet
                else
                    QTimer::singleShot(delayMs, &exchange, [&exchange] { exchange.cancel(); });
            });
            ASSERT_TRUE(result.has_value());
            EXPECT_EQ(HttpExchangeRecord::transportName(result->transport()), QStringLiteral("cancelled"))
                << result->summary().toStdString();
            EXPECT_EQ(Diagnosis::diagnose(*result, {}).code, QStringLiteral("transport.cancelled"));
            EXPECT_LT(clock.elapsed(), std::max(delayMs, 0) + 1000);
            EXPECT_FALSE(exchange.isRunning());
            if (!overTls && dripping.bytesWritten() > writtenBefore)
                ++midBody;
        }
    }
    EXPECT_GE(midBody, 2) << "some cancels must have come while the body was arriving";
}

// Closing the window mid-exchange destroys the exchange: no callback into freed objects (ASan).
TEST(NetworkFaultCancel, DestroyingAnExchangeInFlightIsSafe)
{
    QNetworkAccessManager manager;
    manager.setProxy(QNetworkProxy::NoProxy);
    ScriptedHttpServer server;
    ASSERT_TRUE(server.listen());
    server.setHandler(answer(ScriptedHttpServer::json(200, kSuccess)));
    server.setDrip(16, 20);
    for (const int delayMs : { 0, 10, 50, 200 }) {
        auto *exchange = new TokenExchange(&manager);
        bool finished = false;
        QObject::connect(exchange, &TokenExchange::finished, exchange, [&finished] { finished = true; });
        ASSERT_TRUE(exchange->exchange(server.url().toString(), kAssertion).ok());
        QEventLoop loop;
        QTimer::singleShot(delayMs, &loop, [&] {
            delete exchange;
            loop.quit();
        });
        loop.exec();
        QEventLoop settle;
        QTimer::singleShot(100, &settle, &QEventLoop::quit);
        settle.exec();
        EXPECT_FALSE(finished) << "destroyed before the end: no finished() to a dead receiver";
    }
}
