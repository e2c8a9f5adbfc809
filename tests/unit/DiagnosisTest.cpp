#include "flow/Diagnosis.h"

#include "flow/FormBody.h"

#include <QJsonArray>

#include <gtest/gtest.h>

using namespace jwtflow;
using KeyMatch = DiagnosisContext::KeyMatch;
using OrgKind = DiagnosisContext::OrgKind;

namespace {

constexpr qint64 kNow = 1700000000;

DiagnosisContext context(const char *host, const QJsonObject &claims = {},
    const QJsonObject &header = { { QStringLiteral("alg"), QStringLiteral("RS256") } })
{
    DiagnosisContext c;
    c.tokenHost = QUrl(QString::fromLatin1(host));
    c.claims = claims;
    c.header = header;
    c.nowSecs = kNow;
    return c;
}

QJsonObject claims(std::initializer_list<QPair<QString, QJsonValue>> pairs)
{
    QJsonObject o;
    for (const auto &[k, v] : pairs)
        o.insert(k, v);
    return o;
}

Diagnosis sf(
    const char *error, const char *description, const DiagnosisContext &c = {}, const HttpExchangeRecord *record = nullptr)
{
    return Diagnosis::diagnoseError(QString::fromLatin1(error), QString::fromUtf8(description), c, {}, record);
}

QString first(const Diagnosis &d)
{
    return d.causes.isEmpty() ? QString() : d.causes.constFirst().id;
}

HttpExchangeRecord transport(HttpExchangeRecord::Transport kind, const QString &message, const QStringList &tls = {})
{
    HttpExchangeRecord record;
    record.request.url = QUrl(QStringLiteral("https://acme.my.salesforce.com/services/oauth2/token"));
    record.transport = kind;
    record.transportMessage = message;
    record.tlsErrors = tls;
    return record;
}

} // namespace

// ---- every row of salesforce-wire.md §3 ----------------------------------------------------------

TEST(Diagnosis, EveryRowOfTheErrorTableMapsToItsCodeAndImplicatedSetting)
{
    struct Row {
        const char *error, *description, *code, *implicated;
    };
    const Row rows[] = {
        { "invalid_grant", "user hasn't approved this consumer", "E1", "sub" },
        { "invalid_grant", "invalid assertion", "E2", "key" },
        { "invalid_grant", "audience is invalid", "E3", "aud" },
        { "invalid_grant", "expired authorization code", "E4", "exp" },
        { "invalid_client_id", "client identifier invalid", "E5", "iss" },
        { "app_not_found", "External client app is not installed in this org", "E6", "connected-app policy" },
        { "invalid_app_access", "user is not admin approved to access this app", "E7", "connected-app policy" },
        { "invalid_request", "refresh_token scope is required and the connected app should be installed and preauthorized.", "E8",
            "connected-app policy" },
        { "unsupported_grant_type", "grant type not supported", "E9", "request" },
        { "invalid_grant", "IP restricted or invalid login hours", "E10", "connected-app policy" },
        { "invalid_grant", "inactive user", "E11", "sub" },
        { "inactive_org", "", "E12", "org" },
        { "rate_limit_exceeded", "", "E13", "user" },
        { "invalid_grant", "user is locked", "E14", "user" },
        { "invalid_request", "grant type is missing", "E15", "request" },
    };
    for (const Row &row : rows) {
        const Diagnosis d = sf(row.error, row.description);
        EXPECT_EQ(d.code, QLatin1String(row.code)) << row.description;
        EXPECT_EQ(d.implicated(), QLatin1String(row.implicated)) << row.code;
        EXPECT_FALSE(d.title.isEmpty()) << row.code;
        for (const auto &cause : d.causes) {
            EXPECT_FALSE(cause.summary.isEmpty()) << row.code << ' ' << cause.id.toStdString();
            EXPECT_FALSE(cause.fixes.isEmpty()) << row.code << ' ' << cause.id.toStdString();
            EXPECT_FALSE(cause.implicated.isEmpty()) << row.code << ' ' << cause.id.toStdString();
        }
    }
}

TEST(Diagnosis, RecognisesTheVariantsSeenInTheField)
{
    EXPECT_EQ(sf("invalid_grant", "user hasn’t approved this consumer").code, QStringLiteral("E1")); // typographic apostrophe
    EXPECT_EQ(sf("invalid_grant", "Audience validation failed").code, QStringLiteral("E3")); // the documented sample text
    EXPECT_EQ(sf("invalid_grant", "ip restricted or invalid login hours").code, QStringLiteral("E10"));
    EXPECT_EQ(sf("inactive_user", "").code, QStringLiteral("E11"));
    EXPECT_EQ(sf("invalid_request", "").code, QStringLiteral("E15"));
    const Diagnosis unknown = sf("invalid_grant", "expired access/refresh token");
    EXPECT_EQ(unknown.code, QStringLiteral("oauth.unknown"));
    EXPECT_EQ(unknown.serverMessage, QStringLiteral("invalid_grant: expired access/refresh token"));
}

// ---- E1: ambiguous, ranked ---------------------------------------------------------------------

TEST(Diagnosis, NotApprovedIsAmbiguousAndListsEveryCause)
{
    const Diagnosis d = sf("invalid_grant", "user hasn't approved this consumer",
        context("https://login.salesforce.com", claims({ { QStringLiteral("sub"), QStringLiteral("ann@acme.com") } })));
    EXPECT_TRUE(d.ambiguous);
    EXPECT_FALSE(d.ambiguityNote.isEmpty());
    for (const char *id :
        { "policy.not-preauthorized", "policy.self-authorize-no-approval", "sub.unknown", "user.not-replicated", "propagation" })
        EXPECT_GE(d.rankOf(QLatin1String(id)), 0) << id;
    // The cheapest to check comes first: Salesforce answers an unknown username the same way.
    EXPECT_EQ(first(d), QStringLiteral("sub.unknown"));
    EXPECT_EQ(d.rankOf(QStringLiteral("policy.not-preauthorized")), 1);
    EXPECT_TRUE(d.text().contains(QStringLiteral("Ambiguous: ")));
    // Both Setup paths since Spring '26.
    EXPECT_TRUE(d.text().contains(QStringLiteral("     [ ] Connected app: Setup → App Manager")));
    EXPECT_TRUE(d.text().contains(QStringLiteral("External Client App: Setup → External Client Apps Manager")));
}

TEST(Diagnosis, NotApprovedRanksTheUsernameFirstWhenItLooksWrong)
{
    const auto e1 = [](const char *host, const QJsonObject &c, OrgKind kind = OrgKind::Unknown) {
        DiagnosisContext ctx = context(host, c);
        ctx.orgKind = kind;
        return sf("invalid_grant", "user hasn't approved this consumer", ctx);
    };
    EXPECT_EQ(first(e1("https://login.salesforce.com", claims({ { QStringLiteral("iss"), QStringLiteral("3MVG9") } }))),
        QStringLiteral("sub.missing"));
    EXPECT_EQ(first(e1("https://login.salesforce.com", claims({ { QStringLiteral("sub"), QStringLiteral("ann") } }))),
        QStringLiteral("sub.unknown"));
    // A sandbox, and a username without the sandbox suffix.
    const Diagnosis sandbox
        = e1("https://test.salesforce.com", claims({ { QStringLiteral("sub"), QStringLiteral("ann@acme.com") } }));
    EXPECT_EQ(first(sandbox), QStringLiteral("sub.unknown"));
    EXPECT_TRUE(sandbox.causes.constFirst().evidence.contains(QStringLiteral("sandbox")));
    // A sandbox-looking username sent to production.
    EXPECT_EQ(first(e1("https://acme.my.salesforce.com",
                  claims({ { QStringLiteral("sub"), QStringLiteral("ann@acme.com.uat") } }), OrgKind::Production)),
        QStringLiteral("sub.unknown"));
    // prn wins over sub.
    EXPECT_EQ(first(e1("https://login.salesforce.com",
                  claims({ { QStringLiteral("sub"), QStringLiteral("ann@acme.com") },
                      { QStringLiteral("prn"), QStringLiteral("bob@acme.com") } }))),
        QStringLiteral("sub.prn-wins"));
}

// ---- E2 -----------------------------------------------------------------------------------------

TEST(Diagnosis, InvalidAssertionRanksByKeyAlgAndShape)
{
    DiagnosisContext c = context("https://login.salesforce.com",
        claims({ { QStringLiteral("iss"), QStringLiteral("3MVG9") }, { QStringLiteral("sub"), QStringLiteral("ann@acme.com") },
            { QStringLiteral("aud"), QStringLiteral("https://login.salesforce.com") }, { QStringLiteral("exp"), kNow + 180 } }));
    EXPECT_EQ(first(sf("invalid_grant", "invalid assertion", c)), QStringLiteral("key.mismatch"));
    c.keyMatch = KeyMatch::Matches;
    const Diagnosis matches = sf("invalid_grant", "invalid assertion", c);
    EXPECT_EQ(first(matches), QStringLiteral("key.not-uploaded"));
    EXPECT_GT(matches.rankOf(QStringLiteral("key.mismatch")), matches.rankOf(QStringLiteral("iss.other-app")));
    c.keyMatch = KeyMatch::DoesNotMatch;
    const Diagnosis mismatch = sf("invalid_grant", "invalid assertion", c);
    EXPECT_EQ(first(mismatch), QStringLiteral("key.mismatch"));
    EXPECT_FALSE(mismatch.causes.constFirst().evidence.isEmpty());
    c.keyMatch = KeyMatch::Unknown;
    c.header = QJsonObject { { QStringLiteral("alg"), QStringLiteral("HS256") } };
    EXPECT_EQ(first(sf("invalid_grant", "invalid assertion", c)), QStringLiteral("alg"));
    c.assertionReadable = false;
    EXPECT_EQ(first(sf("invalid_grant", "invalid assertion", c)), QStringLiteral("assertion.malformed"));
    DiagnosisContext unsigned_ = context("https://login.salesforce.com",
        claims({ { QStringLiteral("iss"), QStringLiteral("3MVG9") }, { QStringLiteral("sub"), QStringLiteral("ann@acme.com") },
            { QStringLiteral("aud"), QStringLiteral("https://login.salesforce.com") }, { QStringLiteral("exp"), kNow + 180 } }));
    unsigned_.signatureBytes = 0;
    EXPECT_EQ(first(sf("invalid_grant", "invalid assertion", unsigned_)), QStringLiteral("assertion.malformed"));
}

// ---- E3 -----------------------------------------------------------------------------------------

TEST(Diagnosis, SandboxAudienceAgainstProductionComesFirst)
{
    const Diagnosis d = sf("invalid_grant", "audience is invalid",
        context("https://login.salesforce.com/services/oauth2/token",
            claims({ { QStringLiteral("aud"), QStringLiteral("https://test.salesforce.com") } })));
    EXPECT_EQ(first(d), QStringLiteral("aud.sandbox-against-production"));
    EXPECT_EQ(d.implicated(), QStringLiteral("aud"));
    EXPECT_TRUE(d.causes.constFirst().evidence.contains(QStringLiteral("login.salesforce.com (production login host)")))
        << d.text().toStdString();
    EXPECT_FALSE(d.notes.isEmpty());
}

TEST(Diagnosis, AudienceRankingFollowsHostAndOrgKind)
{
    const auto e3 = [](const char *host, const QJsonValue &aud, OrgKind kind = OrgKind::Unknown) {
        DiagnosisContext c = context(host,
            aud.isUndefined() ? claims({ { QStringLiteral("iss"), QStringLiteral("3MVG9") } })
                              : claims({ { QStringLiteral("aud"), aud } }));
        c.orgKind = kind;
        return sf("invalid_grant", "audience is invalid", c);
    };
    const QString login = QStringLiteral("https://login.salesforce.com");
    EXPECT_EQ(first(e3("https://test.salesforce.com", login)), QStringLiteral("aud.production-against-sandbox"));
    EXPECT_EQ(first(e3("https://acme--uat.sandbox.my.salesforce.com", login)), QStringLiteral("aud.production-against-sandbox"));
    EXPECT_EQ(first(e3("http://127.0.0.1:9999", login, OrgKind::Sandbox)), QStringLiteral("aud.production-against-sandbox"));
    EXPECT_EQ(first(e3("http://127.0.0.1:9999", QStringLiteral("https://test.salesforce.com"), OrgKind::Production)),
        QStringLiteral("aud.sandbox-against-production"));
    // My Domain host with aud = login is a known-good combination: no mismatch cause is invented.
    const Diagnosis myDomain = e3("https://acme.my.salesforce.com", login);
    EXPECT_EQ(myDomain.rankOf(QStringLiteral("aud.production-against-sandbox")), -1);
    EXPECT_EQ(myDomain.rankOf(QStringLiteral("aud.sandbox-against-production")), -1);
    EXPECT_EQ(first(e3("https://login.salesforce.com", QJsonValue::Undefined)), QStringLiteral("aud.missing"));
    EXPECT_EQ(
        first(e3("https://login.salesforce.com", QStringLiteral("https://login.salesforce.com/"))), QStringLiteral("aud.format"));
    EXPECT_EQ(
        first(e3("https://login.salesforce.com", QStringLiteral("http://login.salesforce.com"))), QStringLiteral("aud.format"));
    EXPECT_EQ(first(e3("https://acme.my.salesforce.com", QStringLiteral("https://other.my.salesforce.com"))),
        QStringLiteral("aud.mydomain"));
    EXPECT_EQ(first(e3("https://login.salesforce.com", QJsonArray { login })), QStringLiteral("aud.array"));
}

// ---- E4 -----------------------------------------------------------------------------------------

TEST(Diagnosis, ExpiredRanksWithTheClock)
{
    const auto e4 = [](const QJsonValue &exp) {
        return sf("invalid_grant", "expired authorization code",
            context("https://login.salesforce.com",
                exp.isUndefined() ? claims({ { QStringLiteral("iss"), QStringLiteral("3MVG9") } })
                                  : claims({ { QStringLiteral("exp"), exp } })));
    };
    const Diagnosis past = e4(kNow - 600);
    EXPECT_EQ(first(past), QStringLiteral("exp.past"));
    EXPECT_TRUE(past.causes.constFirst().evidence.contains(QStringLiteral("10 min"))) << past.text().toStdString();
    EXPECT_EQ(first(e4(QString::number(kNow - 600))), QStringLiteral("exp.past")); // exp as a string, as Salesforce's own sample
    EXPECT_EQ(first(e4(kNow - 90 * 86400)), QStringLiteral("exp.past"));
    EXPECT_EQ(first(e4(kNow + 100)), QStringLiteral("clock.skew"));
    EXPECT_EQ(e4(kNow + 10).rankOf(QStringLiteral("exp.too-short")), 1);
    EXPECT_EQ(first(e4(kNow - 2 * 3600 + 180)), QStringLiteral("exp.units")); // local time (UTC+2) taken for UTC, plus 3 min
    EXPECT_EQ(first(e4(300)), QStringLiteral("exp.units")); // a duration, not a time
    EXPECT_EQ(first(e4(QJsonValue::Undefined)), QStringLiteral("exp.missing"));
    EXPECT_EQ(first(e4(QStringLiteral("soon"))), QStringLiteral("exp.format"));
    // Without context the most common cause leads.
    EXPECT_EQ(first(sf("invalid_grant", "expired authorization code")), QStringLiteral("exp.past"));
}

// ---- E5, E6, E9, E15 with context ---------------------------------------------------------------

TEST(Diagnosis, ClientIdentifierRanksByTheShapeOfIss)
{
    const auto e5 = [](const QJsonObject &c) {
        return sf("invalid_client_id", "client identifier invalid", context("https://login.salesforce.com", c));
    };
    EXPECT_EQ(first(e5(claims({ { QStringLiteral("iss"), QStringLiteral("ann@acme.com") } }))), QStringLiteral("iss.swapped"));
    const Diagnosis secret = e5(claims({ { QStringLiteral("iss"), QStringLiteral("8A1B2C3D4E5F60718293A4B5C6D7E8F9") } }));
    EXPECT_EQ(first(secret), QStringLiteral("iss.wrong"));
    EXPECT_TRUE(secret.causes.constFirst().evidence.contains(QStringLiteral("consumer secret")));
    EXPECT_EQ(first(e5(claims({ { QStringLiteral("sub"), QStringLiteral("ann@acme.com") } }))), QStringLiteral("iss.missing"));
    EXPECT_EQ(
        first(e5(claims({ { QStringLiteral("iss"), QStringLiteral("3MVG9validLookingKey") } }))), QStringLiteral("iss.wrong"));
}

TEST(Diagnosis, AppNotFoundOnAGenericHostPointsAtTheHost)
{
    EXPECT_EQ(
        first(sf("app_not_found", "External client app is not installed in this org", context("https://test.salesforce.com"))),
        QStringLiteral("host.generic"));
    EXPECT_EQ(
        first(sf("app_not_found", "External client app is not installed in this org", context("https://acme.my.salesforce.com"))),
        QStringLiteral("eca.not-installed"));
}

TEST(Diagnosis, GrantTypeAndMissingFieldReadTheRequest)
{
    HttpExchangeRecord record;
    record.request.method = "POST";
    record.request.url = QUrl(QStringLiteral("https://login.salesforce.com/services/oauth2/token"));
    record.request.body = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=a.b.c";
    EXPECT_EQ(
        first(sf("unsupported_grant_type", "grant type not supported", {}, &record)), QStringLiteral("request.content-type"));
    record.request.headers = { { "Content-Type", "application/x-www-form-urlencoded" } };
    EXPECT_EQ(first(sf("unsupported_grant_type", "grant type not supported", {}, &record)), QStringLiteral("request.rewritten"));
    record.request.body = "grant_type=jwt-bearer&assertion=a.b.c";
    EXPECT_EQ(first(sf("unsupported_grant_type", "grant type not supported", {}, &record)), QStringLiteral("request.grant-type"));
    record.request.body = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=";
    const Diagnosis missing = sf("invalid_request", "", {}, &record);
    EXPECT_EQ(first(missing), QStringLiteral("request.missing-field"));
    EXPECT_TRUE(missing.causes.constFirst().evidence.contains(QStringLiteral("no assertion")));
}

// ---- Entra --------------------------------------------------------------------------------------

TEST(Diagnosis, EntraAadstsErrors)
{
    HttpExchangeRecord record;
    record.request.url = QUrl(QStringLiteral("https://login.microsoftonline.com/tid/oauth2/v2.0/token"));
    record.request.headers = { { "Content-Type", "application/x-www-form-urlencoded" } };
    record.request.body = FormBody::encode({ { QStringLiteral("client_id"), QStringLiteral("cid") },
        { QStringLiteral("scope"), QStringLiteral("https://graph.microsoft.com") } });
    const auto entra = [&record](qint64 code, const QJsonObject &c = {},
                           const QJsonObject &header = { { QStringLiteral("alg"), QStringLiteral("RS256") } }) {
        return Diagnosis::diagnoseError(QStringLiteral("invalid_client"), QStringLiteral("AADSTS%1: text").arg(code),
            context("https://login.microsoftonline.com/tid/oauth2/v2.0/token", c, header), { code }, &record);
    };
    EXPECT_EQ(entra(700027).code, QStringLiteral("AADSTS700027"));
    EXPECT_EQ(first(entra(700027)), QStringLiteral("x5t.wrong")); // no x5t in the header
    EXPECT_EQ(first(entra(700027, {},
                  { { QStringLiteral("alg"), QStringLiteral("RS256") }, { QStringLiteral("x5t#S256"), QStringLiteral("abc") } })),
        QStringLiteral("key.not-registered"));
    EXPECT_EQ(first(entra(700024, claims({ { QStringLiteral("exp"), kNow - 60 }, { QStringLiteral("nbf"), kNow - 360 } }))),
        QStringLiteral("exp.past"));
    EXPECT_EQ(first(entra(700024, claims({ { QStringLiteral("exp"), kNow + 600 }, { QStringLiteral("nbf"), kNow + 300 } }))),
        QStringLiteral("nbf.future"));
    EXPECT_EQ(first(entra(700024, claims({ { QStringLiteral("exp"), kNow + 300 }, { QStringLiteral("nbf"), kNow } }))),
        QStringLiteral("clock.skew"));
    const Diagnosis mismatch = entra(
        700021, claims({ { QStringLiteral("iss"), QStringLiteral("other") }, { QStringLiteral("sub"), QStringLiteral("cid") } }));
    EXPECT_EQ(mismatch.implicated(), QStringLiteral("iss"));
    EXPECT_TRUE(mismatch.causes.constFirst().evidence.contains(QStringLiteral("client_id is cid")));
    EXPECT_FALSE(entra(700023,
        claims({ { QStringLiteral("aud"), QStringLiteral("https://login.microsoftonline.com/other/oauth2/v2.0/token") } }))
            .causes.constFirst()
            .evidence.isEmpty());
    EXPECT_EQ(first(entra(50027)), QStringLiteral("x5t.missing"));
    EXPECT_EQ(entra(50013).implicated(), QStringLiteral("key"));
    EXPECT_EQ(first(entra(700016)), QStringLiteral("client_id.unknown"));
    EXPECT_EQ(entra(90002).implicated(), QStringLiteral("tenant"));
    EXPECT_EQ(first(entra(7000215)), QStringLiteral("secret"));
    EXPECT_EQ(first(entra(7000222)), QStringLiteral("secret"));
    const Diagnosis scope = entra(70011);
    EXPECT_EQ(first(scope), QStringLiteral("scope.invalid"));
    EXPECT_TRUE(scope.causes.constFirst().evidence.contains(QStringLiteral("https://graph.microsoft.com")));
    EXPECT_EQ(first(entra(900144)), QStringLiteral("request.missing-field"));
    EXPECT_EQ(first(entra(9001023)), QStringLiteral("tenant.common"));
    EXPECT_EQ(first(entra(123456)), QStringLiteral("entra.unknown"));
    // The code is also read from the description when error_codes is absent.
    EXPECT_EQ(
        sf("invalid_client", "AADSTS700016: Application with identifier 'x' was not found").code, QStringLiteral("AADSTS700016"));
}

// ---- transport and HTTP failures ----------------------------------------------------------------

TEST(Diagnosis, EveryTransportFailureHasItsDiagnosis)
{
    using T = HttpExchangeRecord::Transport;
    struct Row {
        T kind;
        QString message;
        QStringList tls;
        const char *code, *first;
    };
    const QList<Row> rows {
        { T::HostNotFound, QStringLiteral("Host acme.my.salesforce.com not found"), {}, "transport.host-not-found", "host.typo" },
        { T::ConnectionRefused, QStringLiteral("Connection refused"), {}, "transport.connection-refused", "host.port" },
        { T::Timeout, QStringLiteral("No complete answer within 30000 ms (no HTTP answer at all)."), {}, "transport.timeout",
            "network.blackhole" },
        { T::Timeout, QStringLiteral("No complete answer within 30000 ms (the headers arrived, the body did not)."), {},
            "transport.timeout", "server.slow" },
        { T::Tls, QStringLiteral("SSL handshake failed"),
            { QStringLiteral("acme: The certificate is self-signed, and untrusted (…)") }, "transport.tls", "tls.self-signed" },
        { T::Tls, QStringLiteral("SSL handshake failed"), { QStringLiteral("acme: The certificate has expired (…)") },
            "transport.tls", "tls.clock" },
        { T::Tls, QStringLiteral("SSL handshake failed"),
            { QStringLiteral("acme: The host name did not match any of the valid hosts for this certificate") }, "transport.tls",
            "tls.hostname" },
        { T::Tls, QStringLiteral("SSL handshake failed"),
            { QStringLiteral("acme: The issuer certificate of a locally looked up certificate could not be found") },
            "transport.tls", "tls.untrusted-issuer" },
        { T::Tls, QStringLiteral("SSL handshake failed: no shared cipher"), {}, "transport.tls", "tls.protocol" },
        { T::Proxy, QStringLiteral("Proxy requires authentication"), {}, "transport.proxy", "proxy.auth" },
        { T::Proxy, QStringLiteral("Proxy connection refused"), {}, "transport.proxy", "proxy.settings" },
        { T::Cancelled, QStringLiteral("Cancelled by the user."), {}, "transport.cancelled", "cancelled" },
        { T::ConnectionClosed, QStringLiteral("Remote host closed the connection"), {}, "transport.connection-closed",
            "scheme.mismatch" },
        { T::ResponseTooLarge, QStringLiteral("too large"), {}, "transport.response-too-large", "host.not-token-endpoint" },
        { T::Other, QStringLiteral("Protocol failure"), {}, "transport.other", "network.other" },
    };
    for (const Row &row : rows) {
        const Diagnosis d = Diagnosis::diagnose(ExchangeResult::fromRecord(transport(row.kind, row.message, row.tls)), {});
        EXPECT_EQ(d.code, QLatin1String(row.code)) << row.message.toStdString();
        EXPECT_EQ(first(d), QLatin1String(row.first)) << row.message.toStdString();
        EXPECT_FALSE(d.causes.constFirst().fixes.isEmpty());
    }
}

TEST(Diagnosis, RedirectsPointAtTheHost)
{
    const auto redirect = [](const char *url, const char *location) {
        HttpExchangeRecord record;
        record.request.url = QUrl(QString::fromLatin1(url));
        record.response.status = 301;
        record.response.headers = { { "Location", location } };
        const ExchangeResult result = ExchangeResult::fromRecord(record);
        DiagnosisContext c;
        c.tokenHost = record.request.url;
        return Diagnosis::diagnose(result, c);
    };
    EXPECT_EQ(first(redirect(
                  "http://acme.my.salesforce.com/services/oauth2/token", "https://acme.my.salesforce.com/services/oauth2/token")),
        QStringLiteral("host.http"));
    EXPECT_EQ(first(redirect("https://acme.lightning.force.com/services/oauth2/token", "https://acme.my.salesforce.com/")),
        QStringLiteral("host.lightning"));
    EXPECT_EQ(first(redirect("https://login.salesforce.com/services/oauth2/token", "https://login.salesforce.com/?ec=302")),
        QStringLiteral("host.login-policy"));
    const Diagnosis wrong
        = redirect("https://na1.salesforce.com/services/oauth2/token", "https://acme.my.salesforce.com/services/oauth2/token");
    EXPECT_EQ(first(wrong), QStringLiteral("host.moved")); // the host changed: named, first
    EXPECT_TRUE(wrong.title.contains(QStringLiteral("na1.salesforce.com → acme.my.salesforce.com"))) << wrong.title.toStdString();
    ASSERT_NE(wrong.cause(QStringLiteral("host.wrong")), nullptr);
    EXPECT_TRUE(wrong.cause(QStringLiteral("host.wrong"))
            ->evidence.contains(QStringLiteral("HTTP 301 to https://acme.my.salesforce.com/")));
}

TEST(Diagnosis, JsonRenderingCarriesTheRankedCauses)
{
    const Diagnosis d = sf("invalid_grant", "user hasn't approved this consumer");
    const QJsonObject json = d.toJson();
    EXPECT_EQ(json.value(QStringLiteral("code")).toString(), QStringLiteral("E1"));
    EXPECT_TRUE(json.value(QStringLiteral("ambiguous")).toBool());
    const QJsonArray causes = json.value(QStringLiteral("causes")).toArray();
    ASSERT_EQ(causes.size(), d.causes.size());
    EXPECT_EQ(causes.first().toObject().value(QStringLiteral("implicated")).toString(), QStringLiteral("sub"));
    EXPECT_FALSE(causes.first().toObject().value(QStringLiteral("fixes")).toArray().isEmpty());
}
