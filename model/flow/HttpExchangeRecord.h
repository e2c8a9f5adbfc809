#pragma once

#include "flow/SecretMasker.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace jwtflow {

// One HTTP request and what came back, as the user needs to see it: the token exchange and every
// follow-up API call produce one. The request holds the headers this program set (the network
// stack adds Host, Content-Length, Accept-Encoding and Connection on the wire).
class HttpExchangeRecord {
public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    // Why no complete HTTP answer arrived. None means the server answered (any status).
    enum class Transport {
        None,
        HostNotFound,
        ConnectionRefused,
        Timeout,
        Tls,
        Proxy,
        Cancelled,
        ConnectionClosed,
        ResponseTooLarge,
        Other,
    };

    struct Request {
        QByteArray method = "GET";
        QUrl url;
        Headers headers;
        QByteArray body;
    };

    struct Response {
        int status = 0; // 0: no HTTP answer
        QByteArray reason;
        QByteArray httpVersion = "HTTP/1.1";
        Headers headers;
        QByteArray body;
    };

    Request request;
    Response response;
    qint64 elapsedMs = 0;
    // Where the connection got to: the whole request written out (so the server had it), and how
    // many bytes of an answer arrived before a failure. They tell "never reached" from "reached,
    // never answered" from "answer cut short".
    bool requestSent = false;
    qint64 bytesReceived = 0;

    Transport transport = Transport::None;
    QString transportMessage; // Qt's wording, plus ours
    QStringList tlsErrors; // each TLS problem in words (host, issuer, validity, digest, QSslError text)
    bool tlsErrorsIgnored = false; // the caller trusted this host or certificate explicitly
    QList<QUrl> redirectsFollowed; // earlier URLs of this call, when redirects were followed on purpose

    bool answered() const { return transport == Transport::None && response.status > 0; }
    QByteArray requestHeader(const QByteArray &name) const;
    QByteArray responseHeader(const QByteArray &name) const;

    // Every secret in this record (assertion signature, tokens, Authorization values, sid=...).
    SecretMasker secrets() const;

    // The exchange as HTTP/1.1 text: request line, headers, body, blank line, status line, headers, body.
    enum class Secrets { Show, Mask };
    enum class Style { Raw, Pretty }; // Pretty indents JSON bodies and puts form fields one per line
    QString render(Style style, Secrets secrets) const;
    QString raw() const { return render(Style::Raw, Secrets::Show); }
    QString masked() const { return render(Style::Raw, Secrets::Mask); }
    QString pretty(Secrets secrets = Secrets::Mask) const { return render(Style::Pretty, secrets); }

    // The same, as JSON for --json and for saving.
    QJsonObject toJson(Secrets secrets) const;

    static QString transportName(Transport transport); // "timeout", "tls", ...
    static QString prettyBody(const QByteArray &body, const QByteArray &contentType);
};

} // namespace jwtflow

Q_DECLARE_METATYPE(jwtflow::HttpExchangeRecord)
