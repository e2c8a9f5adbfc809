// The diagnosis table: each row is what was sent (claims, header, host, key facts, the request),
// what came back (an OAuth error, an HTTP answer, or where the connection ended) and the cause
// that must come first. Rows come from three places, counted at the end: "wire" — every E-case
// of Salesforce's token-endpoint errors (E1–E15) with the request shapes that tell its causes
// apart; "issue" — the cases an independent Salesforce fake found ranked wrongly; "transport" —
// the ways a connection ends. The same transport cases also run over a real loopback socket in
// tests/integration/NetworkFaultTest.cpp, and the practice org's scenarios in
// PracticeOrgScenarioTest.cpp.
#include "flow/Diagnosis.h"

#include "flow/FormBody.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <gtest/gtest.h>

#include <map>

using namespace jwtflow;
using KeyMatch = DiagnosisContext::KeyMatch;
using T = HttpExchangeRecord::Transport;

namespace {

constexpr qint64 kNow = 1700000000;

struct Sent {
    QString url = QStringLiteral("https://login.salesforce.com/services/oauth2/token");
    QJsonObject claims;
    QJsonObject header { { QStringLiteral("alg"), QStringLiteral("RS256") } };
    KeyMatch keyMatch = KeyMatch::Unknown;
    bool readable = true;
    qsizetype signatureBytes = 256;
    QByteArray method = "POST";
    QByteArray contentType = "application/x-www-form-urlencoded";
    QByteArray form = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=eyJ.eyJ.sig";
};

struct Received {
    int status = 0;
    QByteArray contentType;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    // No HTTP answer: how the connection ended.
    T transport = T::None;
    QString message;
    QStringList tls;
    bool requestSent = false;
    qint64 bytesReceived = 0;
};

struct Row {
    const char *origin; // "wire", "issue", "transport"
    const char *name;
    Sent sent;
    Received received;
    const char *first; // the cause that must come first
};

QJsonObject good(std::initializer_list<QPair<QString, QJsonValue>> changes = {}, std::initializer_list<const char *> drop = {})
{
    QJsonObject c { { QStringLiteral("iss"), QStringLiteral("3MVG9Example.Consumer.Key") },
        { QStringLiteral("sub"), QStringLiteral("ann@acme.com") },
        { QStringLiteral("aud"), QStringLiteral("https://login.salesforce.com") }, { QStringLiteral("exp"), kNow + 180 } };
    for (const auto &[k, v] : changes)
        c.insert(k, v);
    for (const char *k : drop)
        c.remove(QLatin1String(k));
    return c;
}

Received oauth(const char *error, const char *description, int status = 400)
{
    Received r;
    r.status = status;
    r.contentType = "application/json;charset=UTF-8";
    r.body = QJsonDocument(QJsonObject { { QStringLiteral("error"), QString::fromUtf8(error) },
                               { QStringLiteral("error_description"), QString::fromUtf8(description) } })
                 .toJson(QJsonDocument::Compact);
    return r;
}

Received http(int status, const char *contentType, const QByteArray &body, QList<QPair<QByteArray, QByteArray>> headers = {})
{
    Received r;
    r.status = status;
    r.contentType = contentType;
    r.body = body;
    r.headers = std::move(headers);
    return r;
}

Received failed(T kind, const char *message, bool requestSent = false, qint64 bytes = 0, QStringList tls = {})
{
    Received r;
    r.transport = kind;
    r.message = QString::fromUtf8(message);
    r.requestSent = requestSent;
    r.bytesReceived = bytes;
    r.tls = std::move(tls);
    return r;
}

Sent to(const char *url, QJsonObject claims = good())
{
    Sent s;
    s.url = QString::fromLatin1(url);
    s.claims = std::move(claims);
    return s;
}

Sent with(QJsonObject claims)
{
    Sent s;
    s.claims = std::move(claims);
    return s;
}

const QString kAud = QStringLiteral("aud");
const QString kExp = QStringLiteral("exp");
const QString kSub = QStringLiteral("sub");
const QString kIss = QStringLiteral("iss");

QList<Row> rows()
{
    QList<Row> r;
    const auto E = [](const char *error, const char *description) { return oauth(error, description); };
    const Received e1 = E("invalid_grant", "user hasn't approved this consumer");
    const Received e2 = E("invalid_grant", "invalid assertion");
    const Received e3 = E("invalid_grant", "audience is invalid");
    const Received e4 = E("invalid_grant", "expired authorization code");
    const Received e5 = E("invalid_client_id", "client identifier invalid");

    // ---- wire: E1–E15 -----------------------------------------------------------------------
    r << Row { "wire", "E1 plain", with(good()), e1, "sub.unknown" };
    r << Row { "wire", "E1 typographic apostrophe", with(good()), E("invalid_grant", "user hasn’t approved this consumer"),
        "sub.unknown" };
    r << Row { "wire", "E1 no sub", with(good({}, { "sub" })), e1, "sub.missing" };
    r << Row { "wire", "E1 prn wins", with(good({ { QStringLiteral("prn"), QStringLiteral("bob@acme.com") } })), e1,
        "sub.prn-wins" };
    r << Row { "wire", "E1 sub not a username", with(good({ { kSub, QStringLiteral("ann") } })), e1, "sub.unknown" };
    r << Row { "wire", "E1 production username in a sandbox",
        to("https://test.salesforce.com/services/oauth2/token",
            good({ { kAud, QStringLiteral("https://test.salesforce.com") } })),
        e1, "sub.unknown" };
    r << Row { "wire", "E2 plain", with(good()), e2, "key.mismatch" };
    {
        Sent s = with(good());
        s.keyMatch = KeyMatch::DoesNotMatch;
        r << Row { "wire", "E2 key does not match the certificate", s, e2, "key.mismatch" };
        s.keyMatch = KeyMatch::Matches;
        r << Row { "wire", "E2 key matches the certificate", s, e2, "key.not-uploaded" };
        s = with({});
        s.readable = false;
        r << Row { "wire", "E2 not a JWT", s, e2, "assertion.malformed" };
        s = with(good());
        s.signatureBytes = 0;
        r << Row { "wire", "E2 unsigned", s, e2, "assertion.malformed" };
        s = with(good());
        s.header = { { QStringLiteral("alg"), QStringLiteral("HS256") } };
        r << Row { "wire", "E2 alg HS256", s, e2, "alg" };
        s.header = { { QStringLiteral("typ"), QStringLiteral("JWT") } };
        r << Row { "wire", "E2 no alg", s, e2, "alg" };
    }
    r << Row { "wire", "E3 sandbox aud to production", with(good({ { kAud, QStringLiteral("https://test.salesforce.com") } })),
        e3, "aud.sandbox-against-production" };
    r << Row { "wire", "E3 production aud to a sandbox", to("https://test.salesforce.com/services/oauth2/token"), e3,
        "aud.production-against-sandbox" };
    r << Row { "wire", "E3 no aud", with(good({}, { "aud" })), e3, "aud.missing" };
    r << Row { "wire", "E3 aud array", with(good({ { kAud, QJsonArray { QStringLiteral("https://login.salesforce.com") } } })),
        e3, "aud.array" };
    r << Row { "wire", "E3 aud over http", with(good({ { kAud, QStringLiteral("http://login.salesforce.com") } })), e3,
        "aud.format" };
    r << Row { "wire", "E3 aud with a path",
        with(good({ { kAud, QStringLiteral("https://login.salesforce.com/services/oauth2/token") } })), e3, "aud.format" };
    r << Row { "wire", "E3 another org's My Domain",
        to("https://acme.my.salesforce.com/services/oauth2/token",
            good({ { kAud, QStringLiteral("https://other.my.salesforce.com") } })),
        e3, "aud.mydomain" };
    r << Row { "wire", "E3 documented wording", with(good()), E("invalid_grant", "Audience validation failed"),
        "aud.eca-generic" };
    r << Row { "wire", "E3 aud not a Salesforce URL", with(good({ { kAud, QStringLiteral("https://example.com") } })), e3,
        "aud.unaccepted" };
    r << Row { "wire", "E4 exp 10 min ago", with(good({ { kExp, kNow - 600 } })), e4, "exp.past" };
    r << Row { "wire", "E4 exp a duration", with(good({ { kExp, 300 } })), e4, "exp.units" };
    r << Row { "wire", "E4 exp ahead here (clock behind)", with(good({ { kExp, kNow + 120 } })), e4, "clock.skew" };
    r << Row { "wire", "E4 exp local time read as UTC", with(good({ { kExp, kNow - 3600 + 60 } })), e4, "exp.units" };
    r << Row { "wire", "E4 exp not a number", with(good({ { kExp, QStringLiteral("soon") } })), e4, "exp.format" };
    r << Row { "wire", "E4 exp two days old", with(good({ { kExp, kNow - 2 * 86400 } })), e4, "exp.past" };
    r << Row { "wire", "E5 plain", with(good()), e5, "iss.wrong" };
    r << Row { "wire", "E5 username in iss", with(good({ { kIss, QStringLiteral("ann@acme.com") } })), e5, "iss.swapped" };
    r << Row { "wire", "E5 no iss", with(good({}, { "iss" })), e5, "iss.missing" };
    r << Row { "wire", "E5 consumer secret in iss", with(good({ { kIss, QStringLiteral("6D1B7F0C9A3E4F2B8C5D7E9F1A3B5C7D") } })),
        e5, "iss.wrong" };
    r << Row { "wire", "E5 not a consumer key", with(good({ { kIss, QStringLiteral("my-app") } })), e5, "iss.wrong" };
    r << Row { "wire", "E6 generic host", with(good()), E("app_not_found", "External client app is not installed in this org"),
        "host.generic" };
    r << Row { "wire", "E6 My Domain host",
        to("https://acme.my.salesforce.com/services/oauth2/token",
            good({ { kAud, QStringLiteral("https://acme.my.salesforce.com") } })),
        E("app_not_found", "External client app is not installed in this org"), "eca.not-installed" };
    r << Row { "wire", "E7", with(good()), E("invalid_app_access", "user is not admin approved to access this app"),
        "policy.not-assigned" };
    r << Row { "wire", "E8", with(good()),
        E("invalid_request", "refresh_token scope is required and the connected app should be installed and preauthorized."),
        "scope.refresh-token" };
    {
        Sent s = with(good());
        s.contentType.clear();
        r << Row { "wire", "E9 no Content-Type", s, E("unsupported_grant_type", "grant type not supported"),
            "request.content-type" };
        s = with(good());
        s.form = "grant_type=jwt-bearer&assertion=x";
        r << Row { "wire", "E9 grant_type misspelt", s, E("unsupported_grant_type", "grant type not supported"),
            "request.grant-type" };
        s = with(good());
        s.method = "GET";
        r << Row { "wire", "E9 sent as GET", s, E("unsupported_grant_type", "grant type not supported"), "request.rewritten" };
        s = with(good());
        s.form = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer";
        r << Row { "wire", "E15 no assertion", s, E("invalid_request", "assertion is missing"), "request.missing-field" };
    }
    r << Row { "wire", "E10", with(good()), E("invalid_grant", "IP restricted or invalid login hours"), "user.ip-range" };
    r << Row { "wire", "E10 lower case", with(good()), E("invalid_grant", "ip restricted or invalid login hours"),
        "user.ip-range" };
    r << Row { "wire", "E11", with(good()), E("invalid_grant", "inactive user"), "user.inactive" };
    r << Row { "wire", "E11 inactive_user code", with(good()), E("inactive_user", "The user is inactive"), "user.inactive" };
    r << Row { "wire", "E12", with(good()), E("inactive_org", "organization is locked"), "org.inactive" };
    r << Row { "wire", "E13", with(good()), E("rate_limit_exceeded", "too many logins"), "rate-limit" };
    r << Row { "wire", "E14", with(good()), E("invalid_grant", "user is locked"), "user.locked" };

    // ---- issue: what an independent fake showed ranked wrongly --------------------------------
    r << Row { "issue", "no exp, answered invalid assertion", with(good({}, { "exp" })), e2, "exp.missing" };
    {
        Sent s = with(good({}, { "exp" }));
        s.keyMatch = KeyMatch::DoesNotMatch; // even then: the missing exp is certain, the key only suspected
        r << Row { "issue", "no exp and a key that does not match", s, e2, "exp.missing" };
    }
    r << Row { "issue", "no exp, answered expired", with(good({}, { "exp" })), e4, "exp.missing" };
    r << Row { "issue", "exp in milliseconds, answered invalid assertion", with(good({ { kExp, double(kNow) * 1000 + 300 } })),
        e2, "exp.milliseconds" };
    r << Row { "issue", "aud not any accepted form, answered invalid assertion",
        with(good({ { kAud, QStringLiteral("https://acme.example.com") } })), e2, "aud.unaccepted" };
    r << Row { "issue", "no aud, answered invalid assertion", with(good({}, { "aud" })), e2, "aud.missing" };
    r << Row { "issue", "aud = My Domain token host (https)",
        to("https://acme.my.salesforce.com/services/oauth2/token",
            good({ { kAud, QStringLiteral("https://acme.my.salesforce.com") } })),
        e3, "aud.own-host-refused" };
    r << Row { "issue", "aud = My Domain token host with sf's slash",
        to("https://acme.my.salesforce.com/services/oauth2/token",
            good({ { kAud, QStringLiteral("https://acme.my.salesforce.com/") } })),
        e3, "aud.own-host-refused" };
    r << Row { "issue", "aud = token host (http, loopback)",
        to("http://127.0.0.1:8999/services/oauth2/token", good({ { kAud, QStringLiteral("http://127.0.0.1:8999") } })), e3,
        "aud.own-host-refused" };
    r << Row { "issue", "unknown username", with(good({ { kSub, QStringLiteral("nobody@acme.com") } })), e1, "sub.unknown" };
    r << Row { "issue", "500 with a JSON body", with(good()), oauth("server_error", "An internal server error has occurred", 500),
        "server.error" };
    r << Row { "issue", "500 with an invalid_grant body", with(good()), oauth("invalid_grant", "invalid assertion", 500),
        "server.error" };
    r << Row { "issue", "truncated JSON", with(good()),
        http(200, "application/json;charset=UTF-8", "{\"access_token\":\"00DJ9!AQ4AQ"), "answer.truncated" };
    r << Row { "issue", "truncated JSON error without Content-Type", with(good()), http(400, "", "{\"error\":\"invalid_gr"),
        "answer.truncated" };
    r << Row { "issue", "redirect http → https on another host", to("http://acme.example/services/oauth2/token"),
        http(301, "text/html", "", { { "Location", "https://login.example.net/services/oauth2/token" } }), "host.moved" };
    r << Row { "issue", "redirect http → https, same host", to("http://acme.my.salesforce.com/services/oauth2/token"),
        http(301, "text/html", "", { { "Location", "https://acme.my.salesforce.com/services/oauth2/token" } }), "host.http" };
    r << Row { "issue", "hang after the request (30 s)", with(good()),
        failed(T::Timeout, "No complete answer within 30000 ms (no HTTP answer at all).", true), "server.no-answer" };
    r << Row { "issue", "hang after the request, --timeout 3000", with(good()),
        failed(T::Timeout, "No complete answer within 3000 ms (no HTTP answer at all).", true), "server.no-answer" };
    r << Row { "issue", "hang on loopback, request sent", to("http://127.0.0.1:8999/services/oauth2/token"),
        failed(T::Timeout, "No complete answer within 3000 ms (no HTTP answer at all).", true), "server.no-answer" };
    r << Row { "issue", "503 maintenance", with(good()), http(503, "text/html", "<html><title>Maintenance</title></html>"),
        "server.outage" };
    r << Row { "issue", "429", with(good()), http(429, "text/plain", "slow down"), "limit.rate" };

    // ---- transport: where the connection ended ------------------------------------------------
    r << Row { "transport", "refused", to("http://127.0.0.1:8999/services/oauth2/token"),
        failed(T::ConnectionRefused, "Connection refused"), "host.port" };
    r << Row { "transport", "refused, remote host", with(good()), failed(T::ConnectionRefused, "Connection refused"),
        "host.port" };
    r << Row { "transport", "DNS failure", to("https://acme.my.salesforce.com/services/oauth2/token"),
        failed(T::HostNotFound, "Host acme.my.salesforce.com not found"), "host.typo" };
    r << Row { "transport", "TLS self-signed", with(good()),
        failed(
            T::Tls, "SSL handshake failed", false, 0, { QStringLiteral("login: The certificate is self-signed, and untrusted") }),
        "tls.self-signed" };
    r << Row { "transport", "TLS wrong host", with(good()),
        failed(T::Tls, "SSL handshake failed", false, 0,
            { QStringLiteral("login: The host name did not match any of the valid hosts for this certificate") }),
        "tls.hostname" };
    r << Row { "transport", "TLS expired", with(good()),
        failed(T::Tls, "SSL handshake failed", false, 0, { QStringLiteral("login: The certificate has expired") }), "tls.clock" };
    r << Row { "transport", "TLS handshake", with(good()), failed(T::Tls, "SSL handshake failed: no shared cipher"),
        "tls.protocol" };
    r << Row { "transport", "no connection within the timeout", with(good()),
        failed(T::Timeout, "No complete answer within 30000 ms (no HTTP answer at all).", false), "network.blackhole" };
    r << Row { "transport", "headers then stall", with(good()),
        failed(T::Timeout, "No complete answer within 30000 ms (the headers arrived, the body did not).", true, 120),
        "server.slow" };
    r << Row { "transport", "closed after the request, no answer", with(good()),
        failed(T::ConnectionClosed, "Remote host closed the connection", true), "server.closed" };
    r << Row { "transport", "reset after the request", with(good()),
        failed(T::ConnectionClosed, "Connection reset by peer", true), "server.closed" };
    r << Row { "transport", "closed before the request went out", with(good()),
        failed(T::ConnectionClosed, "Remote host closed the connection", false), "scheme.mismatch" };
    r << Row { "transport", "answer started, not finished", with(good()),
        failed(T::ConnectionClosed, "Remote host closed the connection", true, 64), "answer.cut" };
    r << Row { "transport", "proxy authentication", with(good()), failed(T::Proxy, "Proxy requires authentication"),
        "proxy.auth" };
    r << Row { "transport", "answer too large", with(good()), failed(T::ResponseTooLarge, "too large", true, 1 << 20),
        "host.not-token-endpoint" };
    r << Row { "transport", "HTML instead of JSON", with(good()), http(200, "text/html", "<html><title>Login</title></html>"),
        "host.not-token-endpoint" };
    r << Row { "transport", "HTML 404", with(good()), http(404, "text/html", "<html><title>Not Found</title></html>"),
        "host.not-token-endpoint" };
    r << Row { "transport", "HTML 502 from a gateway", with(good()),
        http(502, "text/html", "<html><title>Bad Gateway</title></html>"), "server.outage" };
    r << Row { "transport", "empty body", with(good()), http(200, "application/json", ""), "host.not-token-endpoint" };
    r << Row { "transport", "REST error array", with(good()),
        http(404, "application/json", "[{\"message\":\"The requested resource does not exist\",\"errorCode\":\"NOT_FOUND\"}]"),
        "host.not-token-endpoint" };
    r << Row { "transport", "plain text", with(good()), http(400, "text/plain", "Bad Request"), "host.not-token-endpoint" };
    r << Row { "transport", "redirect to a Lightning page", to("https://acme.lightning.force.com/services/oauth2/token"),
        http(302, "text/html", "", { { "Location", "https://acme.my.salesforce.com/" } }), "host.lightning" };
    return r;
}

ExchangeResult resultOf(const Row &row)
{
    HttpExchangeRecord record;
    record.request.method = row.sent.method;
    record.request.url = QUrl(row.sent.url);
    if (!row.sent.contentType.isEmpty())
        record.request.headers.append({ "Content-Type", row.sent.contentType });
    record.request.body = row.sent.form;
    record.transport = row.received.transport;
    record.transportMessage = row.received.message;
    record.tlsErrors = row.received.tls;
    record.requestSent = row.received.requestSent || row.received.transport == T::None;
    record.bytesReceived = row.received.bytesReceived;
    if (row.received.transport == T::None) {
        record.response.status = row.received.status;
        if (!row.received.contentType.isEmpty())
            record.response.headers.append({ "Content-Type", row.received.contentType });
        record.response.headers += row.received.headers;
        record.response.body = row.received.body;
    }
    return ExchangeResult::fromRecord(record);
}

DiagnosisContext contextOf(const Row &row)
{
    DiagnosisContext c;
    c.tokenHost = QUrl(row.sent.url);
    c.claims = row.sent.claims;
    c.header = row.sent.header;
    c.assertionReadable = row.sent.readable;
    c.signatureBytes = row.sent.signatureBytes;
    c.keyMatch = row.sent.keyMatch;
    c.nowSecs = kNow;
    return c;
}

} // namespace

TEST(DiagnosisTable, EveryRowNamesTheRightCauseFirst)
{
    std::map<std::string, int> byOrigin;
    int right = 0;
    const QList<Row> table = rows();
    for (const Row &row : table) {
        ++byOrigin[row.origin];
        const Diagnosis d = Diagnosis::diagnose(resultOf(row), contextOf(row));
        ASSERT_FALSE(d.causes.isEmpty()) << row.name;
        const Diagnosis::Cause &first = d.causes.constFirst();
        EXPECT_EQ(first.id, QLatin1String(row.first)) << "[" << row.origin << "] " << row.name << "\n" << d.text().toStdString();
        if (first.id == QLatin1String(row.first))
            ++right;
        EXPECT_FALSE(first.fixes.isEmpty()) << row.name;
        // Each cause keeps its evidence line; a cause the request rules out never leads.
        EXPECT_FALSE(first.evidence.startsWith(QStringLiteral("Unlikely"))) << row.name;
        EXPECT_TRUE(d.text().contains(first.summary)) << row.name;
    }
    EXPECT_GE(table.size(), 60);
    EXPECT_EQ(right, table.size());
    std::cout << "diagnosis table: " << table.size() << " rows, " << right << " right first;";
    for (const auto &[origin, count] : byOrigin)
        std::cout << ' ' << origin << ' ' << count;
    std::cout << '\n';
}

TEST(DiagnosisTable, SuggestedCommandsKeepSchemeHostAndPort)
{
    for (const Row &row : rows()) {
        if (row.received.transport == T::None)
            continue;
        const Diagnosis d = Diagnosis::diagnose(resultOf(row), contextOf(row));
        const QUrl url(row.sent.url);
        const QString origin = QStringLiteral("%1://%2:%3")
                                   .arg(url.scheme(), url.host())
                                   .arg(url.port(url.scheme() == QLatin1String("http") ? 80 : 443));
        for (const Diagnosis::Cause &cause : d.causes) {
            for (const QString &fix : cause.fixes) {
                const qsizetype at = fix.indexOf(QStringLiteral("curl -v"));
                if (at < 0)
                    continue;
                EXPECT_TRUE(fix.mid(at).contains(QLatin1Char('\'') + origin + QLatin1Char('/')))
                    << row.name << ": " << fix.toStdString();
            }
        }
    }
}

TEST(DiagnosisTable, RuledOutCausesSayWhy)
{
    Row row { "issue", "hang after the request", with(good()),
        failed(T::Timeout, "No complete answer within 3000 ms (no HTTP answer at all).", true), "" };
    const Diagnosis d = Diagnosis::diagnose(resultOf(row), contextOf(row));
    const Diagnosis::Cause *firewall = d.cause(QStringLiteral("network.blackhole"));
    ASSERT_NE(firewall, nullptr);
    EXPECT_TRUE(firewall->evidence.contains(QStringLiteral("request sent"))) << firewall->evidence.toStdString();
    EXPECT_GT(d.rankOf(QStringLiteral("network.blackhole")), d.rankOf(QStringLiteral("timeout.short")));
    EXPECT_TRUE(d.title.contains(QStringLiteral("took the whole request"))) << d.title.toStdString();
}
