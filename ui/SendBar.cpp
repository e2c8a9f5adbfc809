#include "SendBar.h"

#include "Icons.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>

namespace jwtflow {

SendBar::SendBar(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("sendBar"));

    m_send = new QPushButton(Icons::icon(Icons::Role::Send), tr("&Send"), this);
    m_send->setObjectName(QStringLiteral("sendButton"));
    m_send->setAccessibleName(tr("Send the assertion"));
    m_send->setDefault(true);

    m_busy = new QProgressBar(this);
    m_busy->setObjectName(QStringLiteral("sendBusy"));
    m_busy->setAccessibleName(tr("Waiting for the server"));
    m_busy->setRange(0, 0); // indeterminate
    m_busy->setTextVisible(false);
    m_busy->setMaximumWidth(120);
    m_busy->setMaximumHeight(m_send->sizeHint().height() / 2);

    m_elapsed = new QLabel(this);
    m_elapsed->setObjectName(QStringLiteral("sendElapsed"));
    m_elapsed->setAccessibleName(tr("Seconds elapsed"));
    m_elapsed->setTextFormat(Qt::PlainText);
    m_elapsed->setMinimumWidth(m_elapsed->fontMetrics().horizontalAdvance(QStringLiteral("Waiting… 000 s")));

    m_cancel = new QPushButton(Icons::icon(Icons::Role::Cancel), tr("&Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_cancel->setAccessibleName(tr("Cancel the exchange"));
    m_cancel->setToolTip(tr("Stop waiting for the server; the request ends as cancelled"));

    m_ticker = new QTimer(this);
    m_ticker->setInterval(200);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_send);
    layout->addWidget(m_busy);
    layout->addWidget(m_elapsed);
    layout->addWidget(m_cancel);
    layout->addStretch(1);

    connect(m_send, &QPushButton::clicked, this, &SendBar::sendRequested);
    connect(m_cancel, &QPushButton::clicked, this, &SendBar::cancelRequested);
    connect(m_ticker, &QTimer::timeout, this, &SendBar::tick);

    updateSendTooltip();
    setRunning(false);
}

QString SendBar::elapsedText() const
{
    return m_running ? tr("%1 s").arg(m_clock.elapsed() / 1000) : QString();
}

void SendBar::setTarget(const QString &target)
{
    m_target = target;
    updateSendTooltip();
}

void SendBar::setRunning(bool running)
{
    m_running = running;
    m_send->setEnabled(!running && m_sendEnabled);
    m_busy->setVisible(running);
    m_elapsed->setVisible(running);
    m_cancel->setVisible(running);
    m_cancel->setEnabled(running);
    if (running) {
        m_clock.start();
        m_ticker->start();
        tick();
    } else {
        m_ticker->stop();
        m_elapsed->clear();
    }
}

void SendBar::setSendEnabled(bool enabled)
{
    m_sendEnabled = enabled;
    m_send->setEnabled(!m_running && enabled);
}

void SendBar::tick()
{
    m_elapsed->setText(tr("Waiting… %1").arg(elapsedText()));
}

void SendBar::updateSendTooltip()
{
    QString tip = tr("Send the assertion and show the answer (Ctrl+Return)");
    if (!m_target.isEmpty())
        tip = QStringLiteral("<p>%1</p>")
                  .arg(tr("Send the assertion to %1 (Ctrl+Return)").arg(m_target.toHtmlEscaped())); // rich text, escaped
    m_send->setToolTip(tip);
}

} // namespace jwtflow
