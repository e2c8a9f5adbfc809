#pragma once

#include "flow/AssertionPreset.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;

namespace jwtflow {

class BearerFlowSession;

// The connection form at the top: environment (Production, Sandbox, My Domain, Experience Cloud
// site, Practice org, Microsoft Entra tenant), consumer key / client id, username and audience.
// It shows the session's connection and forwards what the user types to it; the session writes
// iss/sub/aud into the assertion and, for edits of its own assertion's claims, fills the
// connection back (which this form then shows). A pasted token never changes it.
class ConnectionForm : public QWidget {
    Q_OBJECT

public:
    explicit ConnectionForm(BearerFlowSession *session, QWidget *parent = nullptr);

    // The session's, for callers that hold the form (profiles, tests).
    Result<AssertionPreset> preset() const;
    QString clientId() const;
    QString username() const;
    AssertionPreset::Environment environment() const;
    // The URL or tenant typed for the environment; empty where none is asked or for the practice org.
    QString environmentInput() const;

    // As if the user had chosen / typed it: the session's connection changes.
    void setEnvironment(AssertionPreset::Environment env, const QString &input = {});
    void setPracticeOrgUrl(const QString &url); // where the built-in practice org listens
    void setClientId(const QString &clientId);
    void setUsername(const QString &username);

    // Focuses the field a lint or a diagnosis concerns ("iss", "sub", "aud", "host" …); false if none.
    bool focusField(const QString &field);

private:
    void showConnection();
    void fieldsEdited();

    BearerFlowSession *m_session = nullptr;
    QComboBox *m_environment = nullptr;
    QLineEdit *m_url = nullptr;
    QLabel *m_urlLabel = nullptr;
    QLineEdit *m_clientId = nullptr;
    QLineEdit *m_username = nullptr;
    QLineEdit *m_audience = nullptr;
    QLabel *m_problem = nullptr;
    bool m_quiet = false;
};

} // namespace jwtflow
