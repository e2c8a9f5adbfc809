#pragma once
// HttpExchangeRecord fixtures for the response widgets' tests: what Salesforce (or the network)
// answers to a JWT bearer request, turned into ExchangeResults the way TokenExchange does.

#include "flow/Diagnosis.h"
#include "flow/ExchangeResult.h"
#include "flow/HttpExchangeRecord.h"
#include "flow/TokenExchange.h"

#include <QByteArray>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

namespace jwtflow::fixtures {

inline QByteArray b64(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

inline const QByteArray kSignature = "S3cr3tSignatureBytesThatMustNeverShowUnmasked";

inline QJsonObject assertionClaims(const QString &aud = QStringLiteral("https://login.salesforce.com"))
{
    return QJsonObject { { QStringLiteral("iss"), QStringLiteral("3MVG9Example.ConsumerKey") },
        { QStringLiteral("sub"), QStringLiteral("ann@acme.com") }, { QStringLiteral("aud"), aud },
        { QStringLiteral("exp"), 1700000180 } };
}

inline QString assertion(const QString &aud = QStringLiteral("https://login.salesforce.com"))
{
    return QString::fromLatin1(b64(R"({"alg":"RS256"})") + '.'
        + b64(QJsonDocument(assertionClaims(aud)).toJson(QJsonDocument::Compact)) + '.' + b64(kSignature));
}

inline QString signatureText()
{
    return QString::fromLatin1(b64(kSignature));
}

inline const QString kAccessToken = QStringLiteral("00D5g000004abcd!AQ0AQHushHushSecretPartOfTheAccessToken.xyz0123456789");
inline const QString kTokenSecretPart = QStringLiteral("AQ0AQHushHushSecretPartOfTheAccessToken");

inline HttpExchangeRecord tokenRecord(const QString &aud = QStringLiteral("https://login.salesforce.com"))
{
    HttpExchangeRecord record;
    record.request = TokenExchange::salesforceRequest(QStringLiteral("login.salesforce.com"), assertion(aud)).value();
    return record;
}

inline HttpExchangeRecord answered(HttpExchangeRecord record, int status, const QByteArray &reason, const QByteArray &contentType,
    const QByteArray &body, qint64 elapsedMs = 412)
{
    record.response.status = status;
    record.response.reason = reason;
    record.response.headers = { { "Date", "Tue, 14 Nov 2023 22:13:20 GMT" }, { "Content-Type", contentType },
        { "Cache-Control", "no-cache,must-revalidate,max-age=0,no-store,private" } };
    record.response.body = body;
    record.elapsedMs = elapsedMs;
    return record;
}

inline ExchangeResult success()
{
    const QJsonObject body { { QStringLiteral("access_token"), kAccessToken },
        { QStringLiteral("scope"), QStringLiteral("api web") },
        { QStringLiteral("instance_url"), QStringLiteral("https://acme.my.salesforce.com") },
        { QStringLiteral("id"), QStringLiteral("https://login.salesforce.com/id/00D5g000004abcdEAA/0055g00000ABCdeAAH") },
        { QStringLiteral("token_type"), QStringLiteral("Bearer") },
        { QStringLiteral("issued_at"), QStringLiteral("1700000000123") } };
    return ExchangeResult::fromRecord(
        answered(tokenRecord(), 200, "OK", "application/json;charset=UTF-8", QJsonDocument(body).toJson(QJsonDocument::Compact)));
}

inline ExchangeResult oauthError(
    const QByteArray &description, const QString &aud = QStringLiteral("https://login.salesforce.com"))
{
    const QByteArray body = R"({"error":"invalid_grant","error_description":")" + description + R"("})";
    return ExchangeResult::fromRecord(
        answered(tokenRecord(aud), 400, "Bad Request", "application/json;charset=UTF-8", body, 288));
}

inline ExchangeResult htmlPage()
{
    return ExchangeResult::fromRecord(answered(tokenRecord(), 503, "Service Unavailable", "text/html;charset=UTF-8",
        "<!DOCTYPE html><html><head><title>Down for Maintenance</title></head>"
        "<body><h1>We'll be back soon</h1></body></html>",
        95));
}

inline ExchangeResult transport(
    HttpExchangeRecord::Transport kind, const QString &message, const QStringList &tls = {}, qint64 elapsedMs = 30000)
{
    HttpExchangeRecord record = tokenRecord();
    record.transport = kind;
    record.transportMessage = message;
    record.tlsErrors = tls;
    record.elapsedMs = elapsedMs;
    return ExchangeResult::fromRecord(record);
}

inline ExchangeResult timeout()
{
    return transport(
        HttpExchangeRecord::Transport::Timeout, QStringLiteral("No complete answer within 30000 ms (no HTTP answer at all)."));
}

inline DiagnosisContext context(const QString &aud = QStringLiteral("https://login.salesforce.com"))
{
    DiagnosisContext c;
    c.tokenHost = QUrl(QStringLiteral("https://login.salesforce.com"));
    c.header = QJsonObject { { QStringLiteral("alg"), QStringLiteral("RS256") } };
    c.claims = assertionClaims(aud);
    c.signatureBytes = kSignature.size();
    c.nowSecs = 1700000000;
    return c;
}

inline HttpExchangeRecord identityCall()
{
    HttpExchangeRecord record;
    record.request.method = "GET";
    record.request.url = QUrl(QStringLiteral("https://login.salesforce.com/id/00D5g000004abcdEAA/0055g00000ABCdeAAH"));
    record.request.headers = { { "Authorization", "Bearer " + kAccessToken.toUtf8() }, { "Accept", "application/json" } };
    return answered(record, 200, "OK", "application/json;charset=UTF-8",
        R"({"user_id":"0055g00000ABCdeAAH","organization_id":"00D5g000004abcdEAA","username":"ann@acme.com","display_name":"Ann Example"})",
        137);
}

inline void wait(int milliseconds)
{
    QEventLoop loop;
    QTimer::singleShot(milliseconds, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace jwtflow::fixtures
