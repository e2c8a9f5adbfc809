#pragma once

#include "flow/AssertionPreset.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;

namespace jwtflow {

// The connection form at the top: environment (Production, Sandbox, My Domain, Experience Cloud
// site, Practice org, Microsoft Entra tenant), consumer key / client id, username. It is bound
// both ways with the claims: typing here sets iss/sub/aud; editing the claims updates the fields.
class ConnectionForm : public QWidget {
    Q_OBJECT

public:
    explicit ConnectionForm(QWidget *parent = nullptr);

    // The preset for the current fields, or the reason it cannot be built (e.g. a bad URL).
    Result<AssertionPreset> preset() const;
    QString clientId() const;
    QString username() const;
    AssertionPreset::Environment environment() const;
    // The URL or tenant typed for the environment; empty where none is asked or for the practice org.
    QString environmentInput() const;

    void setEnvironment(AssertionPreset::Environment env, const QString &input = {});
    void setPracticeOrgUrl(const QString &url); // where the built-in practice org listens
    void setClientId(const QString &clientId);
    void setUsername(const QString &username);
    // From the claims editor: fills the fields from iss/sub without echoing back.
    void showClaims(const QJsonObject &claims);

    // Focuses the field a lint or a diagnosis concerns ("iss", "sub", "aud", "host" …); false if none.
    bool focusField(const QString &field);

Q_SIGNALS:
    // The user changed a field: the claims should follow.
    void connectionEdited();

private:
    void environmentChanged();
    void fieldsEdited();

    QComboBox *m_environment = nullptr;
    QLineEdit *m_url = nullptr;
    QLabel *m_urlLabel = nullptr;
    QLineEdit *m_clientId = nullptr;
    QLineEdit *m_username = nullptr;
    QLabel *m_problem = nullptr;
    QString m_practiceUrl;
    bool m_quiet = false;
};

} // namespace jwtflow
