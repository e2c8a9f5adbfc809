#pragma once

#include <QObject>
#include <QString>

class QTimer;

namespace jwtflow {

// Puts a secret (a curl command with the assertion, an access token) on the system clipboard
// with the hints clipboard managers honour to keep it out of their history
// (x-kde-passwordManagerHint = secret, and macOS's concealed type), and takes it off again after
// a delay, when this object goes away, or on clearNow() — each time only if the clipboard still
// holds what was put there, so something the user copied since is never lost.
class SecretClipboard : public QObject {
    Q_OBJECT

public:
    static constexpr int kDefaultClearMs = 60000;

    explicit SecretClipboard(QObject *parent = nullptr);
    ~SecretClipboard() override;

    void copy(const QString &text);
    void setClearDelay(int milliseconds);
    int clearDelay() const { return m_delayMs; }

    // Does the clipboard still hold what copy() put there?
    bool holdsSecret() const;
    // Take the secret off the clipboard now (only if it is still there).
    void clearNow();

Q_SIGNALS:
    void copied();
    void cleared();

private:
    QTimer *m_timer = nullptr;
    QString m_text;
    int m_delayMs = kDefaultClearMs;
};

} // namespace jwtflow
