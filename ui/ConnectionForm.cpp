#include "ConnectionForm.h"
#include "ErrorColor.h"
#include "flow/BearerFlowSession.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>

namespace jwtflow {

using Env = AssertionPreset::Environment;

ConnectionForm::ConnectionForm(BearerFlowSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("connectionForm"));
    m_environment = new QComboBox(this);
    m_environment->setObjectName(QStringLiteral("environment"));
    m_environment->setAccessibleName(tr("Environment"));
    for (const Env env : AssertionPreset::environments())
        m_environment->addItem(AssertionPreset::environmentName(env), static_cast<int>(env));
    m_url = new QLineEdit(this);
    m_url->setObjectName(QStringLiteral("environmentUrl"));
    m_urlLabel = new QLabel(this);
    m_urlLabel->setBuddy(m_url);
    m_clientId = new QLineEdit(this);
    m_clientId->setObjectName(QStringLiteral("clientId"));
    m_clientId->setPlaceholderText(tr("Consumer key of the connected app (3MVG9…)"));
    m_clientId->setAccessibleName(tr("Consumer key"));
    m_username = new QLineEdit(this);
    m_username->setObjectName(QStringLiteral("username"));
    m_username->setPlaceholderText(tr("Username of the pre-authorised user (name@example.com)"));
    m_username->setAccessibleName(tr("Username"));
    m_audience = new QLineEdit(this);
    m_audience->setObjectName(QStringLiteral("audience"));
    m_audience->setAccessibleName(tr("Audience"));
    // The clear button shows only over text, and making it looks its icon up in the icon theme:
    // reading the theme's index took an eighth of all the instructions jwtflow ran to its first
    // paint (callgrind), for a button the empty field does not show. Made when text first arrives.
    connect(m_audience, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (!text.isEmpty() && !m_audience->isClearButtonEnabled())
            m_audience->setClearButtonEnabled(true);
    });
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("connectionProblem"));
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setStyleSheet(ErrorColor::styleSheet(m_problem));
    m_problem->setWordWrap(true);
    m_problem->hide();

    auto *top = new QHBoxLayout;
    top->addWidget(m_environment);
    top->addWidget(m_urlLabel);
    top->addWidget(m_url, 1);
    auto *environmentLabel = new QLabel(tr("&Environment:"), this);
    environmentLabel->setBuddy(m_environment);
    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(environmentLabel, top);
    form->addRow(tr("&Consumer key:"), m_clientId);
    form->addRow(tr("&Username:"), m_username);
    form->addRow(tr("&Audience:"), m_audience);
    form->addRow(m_problem);

    connect(m_environment, &QComboBox::currentIndexChanged, this, &ConnectionForm::fieldsEdited);
    for (QLineEdit *edit : { m_url, m_clientId, m_username, m_audience })
        connect(edit, &QLineEdit::textEdited, this, &ConnectionForm::fieldsEdited);
    connect(m_session, &BearerFlowSession::connectionChanged, this, &ConnectionForm::showConnection);
    showConnection();
}

Result<AssertionPreset> ConnectionForm::preset() const
{
    return m_session->preset();
}

QString ConnectionForm::clientId() const
{
    return m_session->connection().clientId;
}

QString ConnectionForm::username() const
{
    return m_session->connection().username;
}

Env ConnectionForm::environment() const
{
    return m_session->connection().environment;
}

QString ConnectionForm::environmentInput() const
{
    return m_session->environmentInput();
}

void ConnectionForm::setEnvironment(Env env, const QString &input)
{
    m_session->setEnvironment(env, input);
}

void ConnectionForm::setPracticeOrgUrl(const QString &url)
{
    m_session->setPracticeOrgUrl(url);
}

void ConnectionForm::setClientId(const QString &clientId)
{
    m_session->setClientId(clientId);
}

void ConnectionForm::setUsername(const QString &username)
{
    m_session->setUsername(username);
}

void ConnectionForm::showConnection()
{
    // Only what differs is set: a field being typed in keeps its cursor and its undo history.
    m_quiet = true;
    const BearerFlowSession::Connection c = m_session->connection();
    const Env env = c.environment;
    const int index = m_environment->findData(static_cast<int>(env));
    if (m_environment->currentIndex() != index)
        m_environment->setCurrentIndex(index);
    const QString label = AssertionPreset::inputLabel(env);
    const bool practice = env == Env::PracticeOrg;
    m_urlLabel->setText(label.isEmpty() ? QString() : label + QLatin1Char(':'));
    m_url->setVisible(!label.isEmpty() || practice);
    m_url->setReadOnly(practice);
    const QString url = practice ? m_session->practiceOrgUrl() : c.input;
    if (m_url->text() != url && (practice || !label.isEmpty()))
        m_url->setText(url);
    if (m_clientId->text().trimmed() != c.clientId)
        m_clientId->setText(c.clientId);
    if (m_username->text().trimmed() != c.username)
        m_username->setText(c.username);
    if (m_audience->text().trimmed() != c.audience)
        m_audience->setText(c.audience);
    m_clientId->setPlaceholderText(
        env == Env::EntraTenant ? tr("Application (client) id") : tr("Consumer key of the connected app (3MVG9…)"));
    m_username->setEnabled(env != Env::EntraTenant); // Entra: sub = client id
    const auto result = m_session->preset();
    m_audience->setPlaceholderText(result ? tr("%1 (what this host takes)").arg(result->audience()) : QString());
    m_audience->setEnabled(env != Env::EntraTenant);
    m_problem->setText(result ? QString() : result.error().text());
    m_problem->setVisible(!result.ok() && !m_url->text().isEmpty());
    m_quiet = false;
}

void ConnectionForm::fieldsEdited()
{
    if (m_quiet)
        return;
    BearerFlowSession::Connection c = m_session->connection();
    c.environment = static_cast<Env>(m_environment->currentData().toInt());
    const bool asksInput = c.environment != Env::PracticeOrg && !AssertionPreset::inputLabel(c.environment).isEmpty();
    if (asksInput)
        c.input = m_url->text();
    c.clientId = m_clientId->text();
    c.username = m_username->text();
    c.audience = m_audience->text();
    m_session->setConnection(c);
    showConnection(); // the URL field and the problem line follow the environment
}

bool ConnectionForm::focusField(const QString &field)
{
    QWidget *target = nullptr;
    if (field == QStringLiteral("iss") || field == QStringLiteral("client_id"))
        target = m_clientId;
    else if (field == QStringLiteral("sub") || field == QStringLiteral("user"))
        target = m_username;
    else if (field == QStringLiteral("aud"))
        target = m_audience;
    else if (field == QStringLiteral("host") || field == QStringLiteral("environment"))
        target = m_url->isVisible() ? static_cast<QWidget *>(m_url) : m_environment;
    if (!target)
        return false;
    target->setFocus(Qt::OtherFocusReason);
    return true;
}

} // namespace jwtflow
