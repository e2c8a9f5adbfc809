#pragma once

#include <QFrame>

class QLabel;

namespace jwtflow {

class BearerFlowSession;

// A banner over the Bearer flow page while a failure on purpose is switched on in the practice
// org (or in the assertion), with Reset: a Send that fails on purpose never fails with nothing
// on screen saying why, whether the trainer dock is open or not. It shows the session's state.
class FailureBanner : public QFrame {
    Q_OBJECT
public:
    explicit FailureBanner(BearerFlowSession *session, QWidget *parent = nullptr);

    QString text() const;

private:
    void showFailure();

    BearerFlowSession *m_session = nullptr;
    QLabel *m_label = nullptr;
};

} // namespace jwtflow
