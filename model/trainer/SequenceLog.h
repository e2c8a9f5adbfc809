#pragma once

#include "flow/ExchangeResult.h"
#include "flow/HttpExchangeRecord.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

namespace jwtflow {

// What the sequence diagram draws: the messages between the client (jwtflow), the token endpoint
// and the API, in the order they happened, each with a short label and its raw HTTP text with
// every secret masked. Only masked text is kept, so nothing drawn or clicked can show a token.
class SequenceLog : public QObject {
    Q_OBJECT
public:
    enum class Lifeline { Client, TokenEndpoint, Api };
    Q_ENUM(Lifeline)

    struct Message {
        Lifeline from = Lifeline::Client;
        Lifeline to = Lifeline::TokenEndpoint;
        bool reply = false; // a response (drawn dashed, right to left)
        bool error = false; // a refusal or no answer (drawn red)
        QString label; // "POST /services/oauth2/token (assertion)", "400 invalid_grant"
        QString detail; // a second line: "audience is invalid", the SOQL, ...
        QString text; // the raw HTTP message, secrets masked
        QString serverNote; // what the practice org saw (its log), when it told
    };

    explicit SequenceLog(QObject *parent = nullptr);

    // A token request and its answer: two messages.
    void addExchange(const ExchangeResult &result);
    // A call made with the token (identity, /services/data, SOQL): two messages.
    void addCall(const HttpExchangeRecord &record);
    // The frontdoor link handed to the browser: one message to the API lifeline, masked.
    void addFrontdoor(const QUrl &url, const QString &accessToken);
    // What the practice org said about a request it answered (PracticeOrg::LogEntry): attached to
    // the next reply for that path and status.
    void addServerNote(const QString &path, int status, const QString &note);
    void clear();

    const QList<Message> &messages() const { return m_messages; }
    int count() const { return static_cast<int>(m_messages.size()); }

    static Lifeline lifelineFor(const QUrl &url);
    static QString lifelineTitle(Lifeline lifeline);
    static QString lifelineSubtitle(Lifeline lifeline);
    static QString requestLabel(const HttpExchangeRecord &record);
    static QString replyLabel(const HttpExchangeRecord &record);
    // The request part and the response part of a record's masked rendering.
    static QString maskedRequest(const HttpExchangeRecord &record);
    static QString maskedResponse(const HttpExchangeRecord &record);

Q_SIGNALS:
    void changed();

private:
    void addPair(const HttpExchangeRecord &record, Lifeline server, bool error, QString replyLabel, QString replyDetail);

    struct Note {
        QString path;
        int status = 0;
        QString text;
    };
    QList<Message> m_messages;
    QList<Note> m_notes;
};

} // namespace jwtflow
