#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

#include <deque>

namespace jwtflow {

// The practice org's access tokens: opaque "00D<org15>!<random>" strings, as Salesforce issues
// them (or JWT-based ones, minted elsewhere and kept the same way), each tied to a user, an app, its scopes and an expiry. In
// memory only, and bounded: expired tokens go first, then the oldest, so memory stays flat however many exchanges run.
class SessionStore {
public:
    struct Session {
        QString userId;
        QString consumerKey;
        QStringList scopes;
        qint64 issuedAtMs = 0;
        qint64 expiresAt = 0; // seconds since the epoch
    };

    static constexpr qsizetype kDefaultCapacity = 20000;

    explicit SessionStore(qsizetype capacity = kDefaultCapacity)
        : m_capacity(capacity)
    { }

    // A new token for the session; `orgId15` is its prefix.
    QString issue(const QString &orgId15, const Session &session, qint64 nowSecs);
    // The session behind a token made elsewhere (a JWT-based access token): the token is looked
    // up whole, so a changed byte (a tampered claim or signature) finds nothing.
    void issueAs(const QString &token, const Session &session, qint64 nowSecs);
    // The session behind a token, or nullptr when unknown, revoked or expired (then dropped).
    const Session *find(const QString &token, qint64 nowSecs);

    void revoke(const QString &token) { m_sessions.remove(token.toLatin1()); }
    void revokeUser(const QString &userId);
    void clear();
    qsizetype size() const { return m_sessions.size(); }
    qsizetype capacity() const { return m_capacity; }
    void setCapacity(qsizetype capacity) { m_capacity = qMax<qsizetype>(1, capacity); }

    // 72 random bytes as 96 characters of [A-Za-z0-9._], the alphabet of Salesforce's tokens.
    static QByteArray randomToken(int bytes = 72);

private:
    void evict(qint64 nowSecs);

    qsizetype m_capacity;
    QHash<QByteArray, Session> m_sessions;
    std::deque<QByteArray> m_order; // issue order; may hold tokens already revoked
};

} // namespace jwtflow
