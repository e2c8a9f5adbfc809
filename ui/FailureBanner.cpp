#include "FailureBanner.h"

#include "ErrorColor.h"
#include "flow/BearerFlowSession.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace jwtflow {

FailureBanner::FailureBanner(BearerFlowSession *session, QWidget *parent)
    : QFrame(parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("failureBanner"));
    setFrameShape(QFrame::StyledPanel);
    m_label = new QLabel(this);
    m_label->setObjectName(QStringLiteral("failureBannerText"));
    m_label->setTextFormat(Qt::PlainText);
    m_label->setWordWrap(true);
    auto *reset = new QPushButton(tr("&Reset"), this);
    reset->setObjectName(QStringLiteral("failureBannerReset"));
    reset->setToolTip(tr("Switch the failure off: the practice org and the assertion work again"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(m_label, 1);
    layout->addWidget(reset);
    connect(reset, &QPushButton::clicked, this, [this] { m_session->resetFailure(); });
    connect(m_session, &BearerFlowSession::failureChanged, this, &FailureBanner::showFailure);
    showFailure();
}

QString FailureBanner::text() const
{
    return m_label->text();
}

void FailureBanner::showFailure()
{
    const auto active = m_session->activeFailure();
    if (active) {
        m_label->setText(tr("Failure on purpose is ON — %1: %2 Send will fail on purpose; Reset makes it work again.")
                .arg(ScenarioSwitchboard::title(*active), m_session->activeFailureChange()));
        m_label->setStyleSheet(ErrorColor::styleSheet(m_label) + QStringLiteral(" font-weight: bold;"));
    }
    setVisible(active.has_value());
}

} // namespace jwtflow
