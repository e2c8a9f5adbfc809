#include "PastedTokenBar.h"

#include "flow/BearerFlowSession.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace jwtflow {

namespace {

QString shown(const QString &value)
{
    return value.isEmpty() ? QStringLiteral("—") : (value.size() > 60 ? value.left(57) + QStringLiteral("…") : value);
}

} // namespace

PastedTokenBar::PastedTokenBar(BearerFlowSession *session, QWidget *parent)
    : QFrame(parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("pastedTokenBar"));
    setFrameShape(QFrame::StyledPanel);
    m_label = new QLabel(this);
    m_label->setObjectName(QStringLiteral("pastedTokenText"));
    m_label->setTextFormat(Qt::PlainText);
    m_label->setWordWrap(true);
    m_label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_adopt = new QPushButton(tr("&Use this token's iss/sub/aud"), this);
    m_adopt->setObjectName(QStringLiteral("adoptTokenConnection"));
    m_adopt->setToolTip(
        tr("Put the token's iss, sub and aud into the connection (one step; Undo brings the previous values back)"));
    m_compose = new QPushButton(tr("New assertion"), this);
    m_compose->setObjectName(QStringLiteral("composeFromConnection"));
    m_compose->setToolTip(tr("Replace the pasted token by a new assertion composed from the connection"));
    m_undo = new QPushButton(tr("Undo"), this);
    m_undo->setObjectName(QStringLiteral("undoTokenConnection"));
    m_undo->setToolTip(tr("Bring back the connection as it was before the token's iss/sub/aud were used"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_adopt);
    buttons->addWidget(m_compose);
    buttons->addWidget(m_undo);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->addWidget(m_label);
    layout->addLayout(buttons);
    connect(m_adopt, &QPushButton::clicked, this, [this] { m_session->adoptTokenConnection(); });
    connect(m_compose, &QPushButton::clicked, this, [this] { m_session->composeFromConnection(); });
    connect(m_undo, &QPushButton::clicked, this, [this] { m_session->undoConnection(); });
    connect(m_session, &BearerFlowSession::tokenConnectionChanged, this, &PastedTokenBar::showState);
    connect(m_session, &BearerFlowSession::connectionChanged, this, &PastedTokenBar::showState);
    showState();
}

QString PastedTokenBar::text() const
{
    return m_label->text();
}

void PastedTokenBar::showState()
{
    const auto differs = m_session->tokenDiffers();
    const bool foreign = !differs.isEmpty();
    const bool undo = m_session->canUndoConnection();
    if (foreign)
        m_label->setText(
            tr("This token is not this connection's assertion (iss %1 · sub %2 · aud %3). The connection is unchanged, "
               "and only a key chosen under \"Verify with\" checks its signature.")
                .arg(shown(differs.iss), shown(differs.sub), shown(differs.aud)));
    else if (undo)
        m_label->setText(tr("The connection uses this token's iss, sub and aud."));
    m_adopt->setVisible(foreign);
    m_compose->setVisible(foreign);
    m_undo->setVisible(undo);
    setVisible(foreign || undo);
}

} // namespace jwtflow
