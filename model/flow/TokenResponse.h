#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace jwtflow {

// A successful token answer. Salesforce's JWT grant returns access_token, scope, instance_url, id
// and token_type (salesforce-wire.md §2); other flows add issued_at and signature, Entra sends
// expires_in. Every field, known or not, stays in json().
class TokenResponse {
public:
    static TokenResponse fromJson(const QJsonObject &json);
    static TokenResponse fromSession(const QString &accessToken, const QString &instanceUrl, const QString &id = {});

    QString accessToken;
    QString scope;
    QString instanceUrl;
    QString id; // the identity URL, .../id/<orgId>/<userId>
    QString tokenType;
    QString issuedAt;
    QString signature;
    QJsonObject json;

    // Fields other than the seven above.
    QJsonObject otherFields() const;
    // The org and user ids from the identity URL (second-to-last and last path segments).
    QString orgId() const;
    QString userId() const;
    // What real clients would trip over (sf and jsforce need instance_url and id; Bearer only).
    QStringList warnings(bool salesforce) const;
};

} // namespace jwtflow
