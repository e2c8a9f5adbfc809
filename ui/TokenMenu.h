#pragma once

#include "core/Clock.h"

#include <QMenu>

namespace jwtflow {

class BearerFlowSession;

// Token: what acts on the session's token and connection — a fresh exp, the pasted token's
// iss/sub/aud taken over (or given back, as one undo step), a new assertion from the connection —
// and key generation, which the window opens.
class TokenMenu : public QMenu {
    Q_OBJECT

public:
    TokenMenu(const Clock &clock, BearerFlowSession *session, QWidget *parent = nullptr);

Q_SIGNALS:
    void keyGenerationRequested();

private:
    void updateActions();

    BearerFlowSession *m_session;
    QAction *m_adopt = nullptr;
    QAction *m_undo = nullptr;
};

} // namespace jwtflow
