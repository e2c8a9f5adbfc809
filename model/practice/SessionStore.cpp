#include "practice/SessionStore.h"

#include <QRandomGenerator>

namespace jwtflow {

QByteArray SessionStore::randomToken(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    // QRandomGenerator::global() is seeded from the system's entropy and cheap per call.
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(raw.data()), bytes / 4);
    QByteArray text = raw.toBase64(QByteArray::OmitTrailingEquals);
    text.replace('+', '.').replace('/', '_');
    return text;
}

QString SessionStore::issue(const QString &orgId15, const Session &session, qint64 nowSecs)
{
    evict(nowSecs);
    QByteArray token = orgId15.toLatin1() + "!AQ" + randomToken();
    m_sessions.insert(token, session);
    m_order.push_back(token);
    return QString::fromLatin1(token);
}

void SessionStore::issueAs(const QString &token, const Session &session, qint64 nowSecs)
{
    evict(nowSecs);
    const QByteArray key = token.toLatin1();
    m_sessions.insert(key, session);
    m_order.push_back(key);
}

const SessionStore::Session *SessionStore::find(const QString &token, qint64 nowSecs)
{
    const auto it = m_sessions.find(token.toLatin1());
    if (it == m_sessions.end())
        return nullptr;
    if (it->expiresAt <= nowSecs) {
        m_sessions.erase(it);
        return nullptr;
    }
    return &it.value();
}

void SessionStore::revokeUser(const QString &userId)
{
    m_sessions.removeIf([&userId](const QHash<QByteArray, Session>::iterator &it) { return it->userId == userId; });
}

void SessionStore::clear()
{
    m_sessions.clear();
    m_order.clear();
}

void SessionStore::evict(qint64 nowSecs)
{
    // One lifetime for all tokens makes issue order expiry order, so the front is always the
    // first to go; tokens revoked earlier are simply skipped.
    while (!m_order.empty()) {
        const QByteArray &front = m_order.front();
        const auto it = m_sessions.constFind(front);
        const bool stale = it == m_sessions.cend();
        const bool full = m_sessions.size() >= m_capacity || qsizetype(m_order.size()) >= 2 * m_capacity;
        if (!stale && it->expiresAt > nowSecs && !full)
            break;
        if (!stale)
            m_sessions.erase(it);
        m_order.pop_front();
    }
}

} // namespace jwtflow
