#pragma once

#include <QMessageBox>

class QPushButton;

namespace jwtflow {

// Asked before the assertion (and later the access token) would go over plain http to another
// computer than this one (ClearTextRule): the user allows that host for this session, or nothing
// is sent. Never silent; the answer is not saved anywhere, so the next launch asks again.
class ClearTextConfirmation : public QMessageBox {
    Q_OBJECT
public:
    explicit ClearTextConfirmation(const QString &host, QWidget *parent = nullptr);

    QString host() const { return m_host; }
    QPushButton *allowButton() const { return m_allow; }

Q_SIGNALS:
    void allowed(const QString &host);

private:
    QString m_host;
    QPushButton *m_allow = nullptr;
};

} // namespace jwtflow
