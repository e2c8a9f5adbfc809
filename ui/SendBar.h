#pragma once

#include <QElapsedTimer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class QTimer;

namespace jwtflow {

// Send, and while the exchange runs: a busy indicator with the seconds elapsed, and Cancel.
// The bar only forwards intent; the window starts and cancels the exchange and calls
// setRunning() as it starts and ends. Ctrl+Return is a window-level shortcut (set by the window).
class SendBar : public QWidget {
    Q_OBJECT

public:
    explicit SendBar(QWidget *parent = nullptr);

    bool isRunning() const { return m_running; }
    // Seconds since setRunning(true), as shown ("3 s").
    QString elapsedText() const;
    // What Send is about to do, shown as its tooltip's first line (e.g. the token URL).
    void setTarget(const QString &target);

public Q_SLOTS:
    void setRunning(bool running);
    void setSendEnabled(bool enabled);

Q_SIGNALS:
    void sendRequested();
    void cancelRequested();

private:
    void tick();
    void updateSendTooltip();

    QPushButton *m_send = nullptr;
    QPushButton *m_cancel = nullptr;
    QProgressBar *m_busy = nullptr;
    QLabel *m_elapsed = nullptr;
    QTimer *m_ticker = nullptr;
    QElapsedTimer m_clock;
    QString m_target;
    bool m_running = false;
    bool m_sendEnabled = true;
};

} // namespace jwtflow
