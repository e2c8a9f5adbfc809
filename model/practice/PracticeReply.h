#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace jwtflow {

// What an endpoint answers: status, headers and body, with constructors for the shapes
// Salesforce uses (OAuth errors as an object, REST errors as an array, JSON everywhere with
// Content-Type application/json;charset=UTF-8, which jsforce needs to parse it, §8.7).
struct PracticeReply {
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QString note; // for the request log: the error_description, a refusal's reason, ...

    QByteArray header(QByteArrayView name) const;

    static PracticeReply json(int status, const QByteArray &body);
    // {"error":..,"error_description":..} with the token endpoint's headers (no-store, §2).
    static PracticeReply oauthError(int status, const QString &error, const QString &description);
    // [{"message":..,"errorCode":..}]
    static PracticeReply restError(int status, const QString &errorCode, const QString &message);
    static PracticeReply html(int status, const QString &title, const QString &bodyHtml);
    static PracticeReply text(int status, const QByteArray &body);
    static PracticeReply redirect(const QByteArray &location);

    static QString escapeHtml(const QString &text);
};

} // namespace jwtflow
