#include "SecretClipboard.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QMimeData>
#include <QTimer>

namespace jwtflow {

SecretClipboard::SecretClipboard(QObject *parent)
    : QObject(parent)
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &SecretClipboard::clearNow);
}

SecretClipboard::~SecretClipboard()
{
    // Quietly: whoever listens to cleared() may be half destroyed by now.
    if (holdsSecret())
        QGuiApplication::clipboard()->clear(QClipboard::Clipboard);
}

void SecretClipboard::copy(const QString &text)
{
    auto *clipboard = QGuiApplication::clipboard();
    if (!clipboard)
        return;
    auto *data = new QMimeData;
    data->setText(text);
    // KDE Klipper and other managers skip entries with this hint; the second is macOS's.
    data->setData(QStringLiteral("x-kde-passwordManagerHint"), QByteArrayLiteral("secret"));
    data->setData(QStringLiteral("application/x-nspasteboard-concealed-type"), QByteArray());
    clipboard->setMimeData(data, QClipboard::Clipboard);
    m_text = text;
    m_timer->start(m_delayMs);
    Q_EMIT copied();
}

void SecretClipboard::setClearDelay(int milliseconds)
{
    m_delayMs = milliseconds;
    if (m_timer->isActive())
        m_timer->start(m_delayMs);
}

bool SecretClipboard::holdsSecret() const
{
    if (m_text.isEmpty() || !qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        return false;
    const QClipboard *clipboard = QGuiApplication::clipboard();
    return clipboard && clipboard->text(QClipboard::Clipboard) == m_text;
}

void SecretClipboard::clearNow()
{
    m_timer->stop();
    if (holdsSecret()) {
        QGuiApplication::clipboard()->clear(QClipboard::Clipboard);
        Q_EMIT cleared();
    }
    m_text.clear();
}

} // namespace jwtflow
