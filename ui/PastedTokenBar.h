#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace jwtflow {

class BearerFlowSession;

// Under the encoded pane when the pasted token is not this connection's assertion: says so, and
// offers "Use this token's iss/sub/aud" (one step, with Undo) or a new assertion from the
// connection. What a paste does is therefore explicit: it never rewrites the connection itself.
class PastedTokenBar : public QFrame {
    Q_OBJECT
public:
    explicit PastedTokenBar(BearerFlowSession *session, QWidget *parent = nullptr);

    QString text() const;

private:
    void showState();

    BearerFlowSession *m_session = nullptr;
    QLabel *m_label = nullptr;
    QPushButton *m_adopt = nullptr;
    QPushButton *m_compose = nullptr;
    QPushButton *m_undo = nullptr;
};

} // namespace jwtflow
