#pragma once

#include "token/ExpiryClock.h"

#include <QLabel>

class QPushButton;

namespace jwtflow {

// The live exp countdown: mm:ss coloured by state (valid, expiring within 60 s, expired, not
// yet valid); exp/nbf/iat as UTC, local and relative times in the tooltip; a button that sets
// exp = now + 3 min. A milliseconds exp is shown as the mistake it is.
class ExpiryBadge : public QWidget {
    Q_OBJECT

public:
    ExpiryBadge(const Clock &clock, QWidget *parent = nullptr);

    void setClaims(const QJsonObject &claims);
    QString text() const;
    ExpiryClock::State state() const { return m_clock.state(); }

Q_SIGNALS:
    // The user asked for exp = now + secs.
    void expiryRequested(qint64 exp);

private:
    void show(ExpiryClock::State state, qint64 countdown);
    void updateTooltip();

    const Clock &m_time;
    ExpiryClock m_clock;
    QJsonObject m_claims;
    QLabel *m_label = nullptr;
    QPushButton *m_refresh = nullptr;
    QString m_problem; // a malformed exp, said in words
};

} // namespace jwtflow
