#include "ConnectionForm.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>

namespace jwtflow {

using Env = AssertionPreset::Environment;

ConnectionForm::ConnectionForm(QWidget *parent)
    : QWidget(parent)
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
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("connectionProblem"));
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setStyleSheet(QStringLiteral("color: #b00020;"));
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
    form->addRow(m_problem);

    connect(m_environment, &QComboBox::currentIndexChanged, this, &ConnectionForm::environmentChanged);
    connect(m_url, &QLineEdit::textEdited, this, &ConnectionForm::fieldsEdited);
    connect(m_clientId, &QLineEdit::textEdited, this, &ConnectionForm::fieldsEdited);
    connect(m_username, &QLineEdit::textEdited, this, &ConnectionForm::fieldsEdited);
    environmentChanged();
}

Result<AssertionPreset> ConnectionForm::preset() const
{
    const auto env = static_cast<Env>(m_environment->currentData().toInt());
    if (env == Env::PracticeOrg)
        return AssertionPreset::create(env, m_practiceUrl.isEmpty() ? m_url->text() : m_practiceUrl);
    return AssertionPreset::create(env, m_url->text());
}

QString ConnectionForm::clientId() const
{
    return m_clientId->text().trimmed();
}

QString ConnectionForm::username() const
{
    return m_username->text().trimmed();
}

Env ConnectionForm::environment() const
{
    return static_cast<Env>(m_environment->currentData().toInt());
}

QString ConnectionForm::environmentInput() const
{
    const Env env = environment();
    if (env == Env::PracticeOrg || AssertionPreset::inputLabel(env).isEmpty())
        return {};
    return m_url->text().trimmed();
}

void ConnectionForm::setEnvironment(Env env, const QString &input)
{
    m_quiet = true;
    m_environment->setCurrentIndex(m_environment->findData(static_cast<int>(env)));
    // An environment that asks for a URL or tenant takes exactly what is given (a profile may
    // hold none yet); the others keep the field as it is.
    if (!input.isEmpty() || (env != Env::PracticeOrg && !AssertionPreset::inputLabel(env).isEmpty()))
        m_url->setText(input);
    m_quiet = false;
    environmentChanged();
}

void ConnectionForm::setPracticeOrgUrl(const QString &url)
{
    m_practiceUrl = url;
    if (static_cast<Env>(m_environment->currentData().toInt()) == Env::PracticeOrg)
        environmentChanged();
}

void ConnectionForm::setClientId(const QString &clientId)
{
    m_clientId->setText(clientId);
    fieldsEdited();
}

void ConnectionForm::setUsername(const QString &username)
{
    m_username->setText(username);
    fieldsEdited();
}

void ConnectionForm::environmentChanged()
{
    const auto env = static_cast<Env>(m_environment->currentData().toInt());
    const QString label = AssertionPreset::inputLabel(env);
    const bool practice = env == Env::PracticeOrg;
    m_urlLabel->setText(label.isEmpty() ? QString() : label + QLatin1Char(':'));
    m_url->setVisible(!label.isEmpty() || practice);
    m_url->setReadOnly(practice);
    if (practice)
        m_url->setText(m_practiceUrl);
    m_clientId->setPlaceholderText(env == Env::EntraTenant ? tr("Application (client) id") : tr("Consumer key of the connected app (3MVG9…)"));
    m_username->setEnabled(env != Env::EntraTenant); // Entra: sub = client id
    fieldsEdited();
}

void ConnectionForm::fieldsEdited()
{
    if (m_quiet)
        return;
    const auto result = preset();
    m_problem->setText(result ? QString() : result.error().text());
    m_problem->setVisible(!result.ok() && !m_url->text().isEmpty());
    Q_EMIT connectionEdited();
}

void ConnectionForm::showClaims(const QJsonObject &claims)
{
    m_quiet = true;
    const QString iss = claims.value(QStringLiteral("iss")).toString();
    const QString sub = claims.value(QStringLiteral("sub")).toString();
    if (!iss.isEmpty() && iss != m_clientId->text())
        m_clientId->setText(iss);
    if (m_username->isEnabled() && !sub.isEmpty() && sub != m_username->text())
        m_username->setText(sub);
    m_quiet = false;
}

bool ConnectionForm::focusField(const QString &field)
{
    QWidget *target = nullptr;
    if (field == QStringLiteral("iss") || field == QStringLiteral("client_id"))
        target = m_clientId;
    else if (field == QStringLiteral("sub") || field == QStringLiteral("user"))
        target = m_username;
    else if (field == QStringLiteral("host") || field == QStringLiteral("environment"))
        target = m_url->isVisible() ? static_cast<QWidget *>(m_url) : m_environment;
    if (!target)
        return false;
    target->setFocus(Qt::OtherFocusReason);
    return true;
}

} // namespace jwtflow
