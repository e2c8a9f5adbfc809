#pragma once

#include "flow/HttpExchangeRecord.h"
#include "flow/TlsTrust.h"

#include <QElapsedTimer>
#include <QList>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>

class QNetworkAccessManager;
class QSslError;

namespace jwtflow {

// One HTTP request on an injected QNetworkAccessManager, recorded for the user: a deadline for the
// whole call, cancel(), TLS verification with only the caller's explicit exceptions, redirects
// reported (or followed where the caller allows it), a cap on the response size. The outcome is
// always one finished() signal carrying an HttpExchangeRecord; nothing throws. Shared by
// TokenExchange and OrgClient.
class HttpCall : public QObject {
    Q_OBJECT
public:
    struct Options {
        int timeoutMs = 30000; // the whole call, connect to last byte (Qt has no timeout by default)
        qint64 maxResponseBytes = 8 * 1024 * 1024;
        TlsTrust trust;
        // 0: a 30x is recorded and reported, never followed (a token endpoint must not redirect).
        int maxRedirects = 0;
        // When following: may this hop be taken with the same headers (Authorization included)?
        std::function<bool(const QUrl &from, const QUrl &to)> mayFollow;
    };

    HttpCall(QNetworkAccessManager *manager, HttpExchangeRecord::Request request, Options options, QObject *parent = nullptr);
    ~HttpCall() override;

    void start();
    void cancel();
    bool isRunning() const { return m_reply != nullptr; }

    static HttpExchangeRecord::Transport classify(QNetworkReply::NetworkError error);
    // One TLS problem in words: host, Qt's text, the certificate's subject, issuer, validity, digest.
    static QString describeTlsError(const QString &host, const QSslError &error, const QSslCertificate &peer);

Q_SIGNALS:
    void finished(const jwtflow::HttpExchangeRecord &record);

private:
    enum class Abort { None, Timeout, Cancel, TooLarge };

    void send();
    void onReplyFinished();
    void onSslErrors(const QList<QSslError> &errors);
    void takeBytes();
    QString tooLargeMessage() const;
    void abortWith(Abort reason);
    void finish();

    QPointer<QNetworkAccessManager> m_manager;
    Options m_options;
    HttpExchangeRecord m_record;
    QList<QUrl> m_redirects;
    static constexpr qint64 kReadChunk = 64 * 1024; // what Qt may buffer before jwtflow takes it

    QPointer<QNetworkReply> m_reply; // the manager may delete it first (it is the reply's parent)
    QByteArray m_body; // read so far, never more than maxResponseBytes
    QTimer m_deadline;
    QElapsedTimer m_elapsed;
    Abort m_abort = Abort::None;
    QStringList m_tlsErrors;
    bool m_tlsIgnored = false;
    bool m_done = false;
};

} // namespace jwtflow
