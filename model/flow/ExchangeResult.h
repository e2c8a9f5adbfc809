#pragma once

#include "flow/HttpExchangeRecord.h"
#include "flow/TokenResponse.h"

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

namespace jwtflow {

// What one token request ended in: the raw exchange, the elapsed time, and either the token or
// the failure, parsed as far as the answer allows.
class ExchangeResult {
public:
    // Which token request was sent: Salesforce's JWT bearer grant (RFC 7523 §2.1) or Microsoft
    // Entra's client_credentials with a client assertion (RFC 7523 §2.2).
    enum class Mode { SalesforceJwtBearer, EntraClientCredentials };

    enum class Outcome {
        Token, // 2xx JSON with access_token
        OAuthError, // JSON {"error", "error_description"} (RFC 6749 §5.2)
        HtmlBody, // an HTML page: wrong host, proxy, captive portal, outage
        TextBody, // other non-JSON text
        EmptyBody, // nothing at all
        Redirect, // 30x: reported with its Location, never followed
        UnexpectedJson, // JSON of another shape (a REST error array, no access_token, ...)
        TransportError, // no complete HTTP answer: see record.transport
    };

    static ExchangeResult fromRecord(HttpExchangeRecord record, Mode mode = Mode::SalesforceJwtBearer);

    HttpExchangeRecord record;
    Mode mode = Mode::SalesforceJwtBearer;
    Outcome outcome = Outcome::TransportError;

    TokenResponse token; // Outcome::Token

    QString error; // "invalid_grant"; a REST array's errorCode
    QString errorDescription; // "audience is invalid"; a REST array's message
    QList<qint64> errorCodes; // Entra's error_codes (AADSTS numbers)
    QString errorUri;
    QString htmlTitle; // HtmlBody: the page's <title>, if any
    QString location; // Redirect: where the server pointed
    QString bodyExcerpt; // non-JSON bodies: the first 2 KB as plain text

    bool ok() const { return outcome == Outcome::Token; }
    bool isTransportError() const { return outcome == Outcome::TransportError; }
    int status() const { return record.response.status; }
    qint64 elapsedMs() const { return record.elapsedMs; }
    HttpExchangeRecord::Transport transport() const { return record.transport; }

    QString masked() const { return record.masked(); }

    // One line in words: "HTTP 400: invalid_grant — audience is invalid".
    QString summary() const;
    QJsonObject toJson(HttpExchangeRecord::Secrets secrets) const;

    static QString outcomeName(Outcome outcome);
    static QString htmlTitleOf(const QByteArray &html);
    static bool looksLikeHtml(const QByteArray &body, const QByteArray &contentType);

private:
    static ExchangeResult classify(HttpExchangeRecord record, Mode mode);
};

} // namespace jwtflow

Q_DECLARE_METATYPE(jwtflow::ExchangeResult)
