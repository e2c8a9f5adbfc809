#include "flow/ExchangeResult.h"
#include "core/Clock.h"
#include "flow/Diagnosis.h"
#include "flow/DiagnosisContext.h"
#include "flow/HttpCall.h"

#include <QJsonDocument>

#include <gtest/gtest.h>

using namespace jwtflow;
using Outcome = ExchangeResult::Outcome;

namespace {

ExchangeResult answer(
    int status, const QByteArray &contentType, const QByteArray &body, const HttpExchangeRecord::Headers &extra = {})
{
    HttpExchangeRecord record;
    record.request.method = "POST";
    record.request.url = QUrl(QStringLiteral("https://login.salesforce.com/services/oauth2/token"));
    record.response.status = status;
    if (!contentType.isEmpty())
        record.response.headers.append({ "Content-Type", contentType });
    record.response.headers += extra;
    record.response.body = body;
    return ExchangeResult::fromRecord(record);
}

} // namespace

TEST(ExchangeResult, SalesforceErrorEitherKeyOrder)
{
    for (const QByteArray &body : { QByteArray(R"({"error":"invalid_grant","error_description":"audience is invalid"})"),
             QByteArray(R"({"error_description":"audience is invalid","error":"invalid_grant"})") }) {
        const ExchangeResult r = answer(400, "application/json;charset=UTF-8", body);
        EXPECT_EQ(r.outcome, Outcome::OAuthError);
        EXPECT_EQ(r.error, QStringLiteral("invalid_grant"));
        EXPECT_EQ(r.errorDescription, QStringLiteral("audience is invalid"));
        EXPECT_EQ(r.summary(), QStringLiteral("HTTP 400: invalid_grant — audience is invalid"));
    }
}

TEST(ExchangeResult, HtmlIsDetectedByTypeOrContentAndGivesItsTitle)
{
    ExchangeResult r = answer(503, "text/html", "<html><head><title>\n  Maintenance\n</title></head></html>");
    EXPECT_EQ(r.outcome, Outcome::HtmlBody);
    EXPECT_EQ(r.htmlTitle, QStringLiteral("Maintenance"));
    EXPECT_EQ(r.summary(), QStringLiteral("HTTP 503: an HTML page, not JSON (title: \"Maintenance\")"));

    r = answer(200, "text/plain", "  <!DOCTYPE html><html><body>captive portal</body></html>");
    EXPECT_EQ(r.outcome, Outcome::HtmlBody);
    EXPECT_TRUE(r.htmlTitle.isEmpty());
    EXPECT_TRUE(r.summary().contains(QStringLiteral("(no title)")));
    EXPECT_TRUE(r.bodyExcerpt.contains(QStringLiteral("captive portal")));
}

TEST(ExchangeResult, OtherBodies)
{
    EXPECT_EQ(answer(502, "text/plain", "Bad Gateway").outcome, Outcome::TextBody);
    EXPECT_EQ(answer(200, "application/json", "{\"access_token\":").outcome, Outcome::TextBody); // truncated JSON is not parsed
    EXPECT_EQ(answer(200, "application/json", "").outcome, Outcome::EmptyBody);
    EXPECT_EQ(answer(400, {}, "  \n").outcome, Outcome::EmptyBody);
    EXPECT_EQ(answer(200, "application/json", "[]").outcome, Outcome::UnexpectedJson);
    EXPECT_EQ(answer(500, "application/json", R"({"access_token":"x"})").outcome, Outcome::UnexpectedJson); // not a 2xx

    const ExchangeResult redirect = answer(302, "text/html", "moved", { { "Location", "https://acme.my.salesforce.com/" } });
    EXPECT_EQ(redirect.outcome, Outcome::Redirect);
    EXPECT_EQ(redirect.location, QStringLiteral("https://acme.my.salesforce.com/"));

    const ExchangeResult big = answer(400, "text/plain", QByteArray(5000, 'x'));
    EXPECT_TRUE(big.bodyExcerpt.endsWith(QStringLiteral("(5000 bytes in all)")));
}

TEST(ExchangeResult, TokenKeepsEveryField)
{
    const ExchangeResult r = answer(200, "application/json",
        R"({"access_token":"00Dx!y","instance_url":"https://a.my.salesforce.com","id":"https://login.salesforce.com/id/00D000000000001AAA/005000000000001AAA","token_type":"Bearer","scope":"api","extra":42})");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.token.userId(), QStringLiteral("005000000000001AAA"));
    EXPECT_EQ(r.token.otherFields().value(QStringLiteral("extra")).toInt(), 42);
    EXPECT_TRUE(r.token.warnings(true).isEmpty()) << r.token.warnings(true).join(QLatin1Char('|')).toStdString();
    const QJsonObject json = r.toJson(HttpExchangeRecord::Secrets::Mask);
    EXPECT_EQ(json.value(QStringLiteral("outcome")).toString(), QStringLiteral("token"));

    const TokenResponse sparse = TokenResponse::fromJson(QJsonObject { { QStringLiteral("access_token"), QStringLiteral("x") },
        { QStringLiteral("token_type"), QStringLiteral("MAC") },
        { QStringLiteral("instance_url"), QStringLiteral("http://a.example") } });
    EXPECT_EQ(sparse.warnings(true).size(), 3) << sparse.warnings(true).join(QLatin1Char('|')).toStdString();
    EXPECT_EQ(sparse.warnings(false).size(), 1);
}

TEST(ExchangeResult, EntraErrorCodesAreRead)
{
    const ExchangeResult r = answer(400, "application/json",
        R"({"error":"invalid_client","error_description":"AADSTS700024: Client assertion is not within its valid time range.","error_codes":[700024],"error_uri":"https://login.microsoftonline.com/error?code=700024"})");
    EXPECT_EQ(r.errorCodes, QList<qint64> { 700024 });
    EXPECT_EQ(r.errorUri, QStringLiteral("https://login.microsoftonline.com/error?code=700024"));
}

TEST(ExchangeResult, TransportFailuresHaveTheirOwnKinds)
{
    using T = HttpExchangeRecord::Transport;
    EXPECT_EQ(HttpCall::classify(QNetworkReply::HostNotFoundError), T::HostNotFound);
    EXPECT_EQ(HttpCall::classify(QNetworkReply::ConnectionRefusedError), T::ConnectionRefused);
    EXPECT_EQ(HttpCall::classify(QNetworkReply::TimeoutError), T::Timeout);
    EXPECT_EQ(HttpCall::classify(QNetworkReply::SslHandshakeFailedError), T::Tls);
    EXPECT_EQ(HttpCall::classify(QNetworkReply::ProxyNotFoundError), T::Proxy);
    EXPECT_EQ(HttpCall::classify(QNetworkReply::ProxyAuthenticationRequiredError), T::Proxy);
    EXPECT_EQ(HttpCall::classify(QNetworkReply::OperationCanceledError), T::Cancelled);
    EXPECT_EQ(HttpCall::classify(QNetworkReply::RemoteHostClosedError), T::ConnectionClosed);
    EXPECT_EQ(HttpCall::classify(QNetworkReply::ProtocolFailure), T::Other);

    HttpExchangeRecord record;
    record.transport = T::HostNotFound;
    record.transportMessage = QStringLiteral("Host login.example not found");
    const ExchangeResult r = ExchangeResult::fromRecord(record);
    EXPECT_EQ(r.outcome, Outcome::TransportError);
    EXPECT_EQ(r.summary(), QStringLiteral("Host not found: Host login.example not found"));
    EXPECT_EQ(r.toJson(HttpExchangeRecord::Secrets::Mask).value(QStringLiteral("transport")).toString(),
        QStringLiteral("host-not-found"));
}

// A server echoing the request body in error_description: the assertion's signature shows
// nowhere, in the summary, the error fields, the diagnosis, as text or as JSON.
TEST(ExchangeResult, AnEchoedAssertionIsMaskedInEveryRendering)
{
    const QByteArray signature = "c2lnbmF0dXJlLW9mLXRoZS1hc3NlcnRpb24tMDEyMzQ1Njc4OQ";
    const QByteArray assertion = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbm4ifQ." + signature;
    HttpExchangeRecord record;
    record.request.method = "POST";
    record.request.url = QUrl(QStringLiteral("https://login.salesforce.com/services/oauth2/token"));
    record.request.headers = { { "Content-Type", "application/x-www-form-urlencoded" } };
    record.request.body = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=" + assertion;
    record.response.status = 400;
    record.response.headers = { { "Content-Type", "application/json" } };
    record.response.body = "{\"error\":\"invalid_grant\",\"error_description\":\"bad body: " + record.request.body + "\"}";
    const ExchangeResult result = ExchangeResult::fromRecord(record);
    ASSERT_EQ(result.outcome, Outcome::OAuthError);
    const Diagnosis diagnosis = Diagnosis::diagnose(
        result, DiagnosisContext::fromAssertion(record.request.url, QString::fromLatin1(assertion), SystemClock::instance()));
    const QString json = QString::fromUtf8(QJsonDocument(result.toJson(HttpExchangeRecord::Secrets::Mask)).toJson())
        + QString::fromUtf8(QJsonDocument(diagnosis.toJson()).toJson());
    for (const QString &shown : { result.summary(), result.errorDescription, diagnosis.serverMessage, diagnosis.text(), json }) {
        EXPECT_FALSE(shown.contains(QString::fromLatin1(signature.left(16)))) << shown.toStdString();
    }
    EXPECT_TRUE(result.errorDescription.contains(QStringLiteral("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbm4ifQ.****")));
}
