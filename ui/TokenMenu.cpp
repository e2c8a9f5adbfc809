#include "TokenMenu.h"

#include "flow/BearerFlowSession.h"
#include "flow/TokenDocument.h"

namespace jwtflow {

TokenMenu::TokenMenu(const Clock &clock, BearerFlowSession *session, QWidget *parent)
    : QMenu(tr("&Token"), parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("tokenMenu"));
    QAction *generate = addAction(tr("&Generate key and certificate…"), this, &TokenMenu::keyGenerationRequested);
    generate->setObjectName(QStringLiteral("generateKeyAction"));
    // Three minutes: Salesforce Help (OAuth 2.0 JWT Bearer Flow) asks for an exp within 3 minutes.
    QAction *refresh = addAction(tr("Set &exp = now + 3 min"), this,
        [session, &clock] { session->document()->setClaim(QStringLiteral("exp"), clock.nowSecs() + 180); });
    refresh->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_adopt = addAction(tr("&Use this token's iss/sub/aud"), session, &BearerFlowSession::adoptTokenConnection);
    m_adopt->setObjectName(QStringLiteral("adoptTokenConnectionAction"));
    m_undo = addAction(tr("&Undo using the token's iss/sub/aud"), session, &BearerFlowSession::undoConnection);
    addAction(tr("&New assertion from the connection"), session, &BearerFlowSession::composeFromConnection);
    connect(session, &BearerFlowSession::tokenConnectionChanged, this, &TokenMenu::updateActions);
    updateActions();
}

void TokenMenu::updateActions()
{
    m_adopt->setEnabled(!m_session->tokenDiffers().isEmpty());
    m_undo->setEnabled(m_session->canUndoConnection());
}

} // namespace jwtflow
