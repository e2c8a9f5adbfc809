#pragma once

#include "flow/DiagnosisContext.h"
#include "flow/ExchangeResult.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace jwtflow {

// Why a token request failed and what to do, from the answer plus the request's context. Every
// Salesforce error E1–E15 (salesforce-wire.md §3), the Entra AADSTS errors (§6), every transport
// failure and every non-token answer maps to a code, the causes that produce it — ranked with
// the context, most likely first — the claim or setting each cause implicates, and a checklist.
class Diagnosis {
public:
    struct Cause {
        QString id; // stable, e.g. "aud.sandbox-against-production"
        QString summary; // what is probably wrong
        QString implicated; // the claim or setting: "aud", "exp", "iss", "sub", "key", "connected-app policy", "host", ...
        QStringList fixes; // a checklist, in the order to try
        QString evidence; // what in this request points here; empty when only the message does
        int score = 0; // ranking weight (higher first)
    };

    QString code; // "E3", "AADSTS700024", "transport.timeout", "http.redirect", "oauth.unknown", "ok"
    QString title; // one line
    QString serverMessage; // what the server said, verbatim where it said anything
    bool ambiguous = false; // the server's message covers several causes that it does not tell apart
    QString ambiguityNote;
    QList<Cause> causes; // most likely first
    QStringList notes; // context worth knowing that is not a cause

    bool isEmpty() const { return causes.isEmpty(); }
    const Cause *primary() const { return causes.isEmpty() ? nullptr : &causes.constFirst(); }
    QString implicated() const { return causes.isEmpty() ? QString() : causes.constFirst().implicated; }
    const Cause *cause(const QString &id) const;
    int rankOf(const QString &id) const; // 0-based position, -1 when absent

    QString text() const; // for the CLI and logs: title, server message, ranked causes with checklists
    QJsonObject toJson() const;

    static Diagnosis diagnose(const ExchangeResult &result, const DiagnosisContext &context);
    // The same for an error pair on its own (recorded bodies, tests); record adds what was sent.
    static Diagnosis diagnoseError(const QString &error, const QString &description, const DiagnosisContext &context,
        const QList<qint64> &errorCodes = {}, const HttpExchangeRecord *record = nullptr);
};

} // namespace jwtflow
