#include "trainer/ScenarioSwitchboard.h"

#include "flow/TokenDocument.h"
#include "practice/PracticeOrg.h"
#include "token/TimeClaim.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace jwtflow {

namespace {

const QString kSandboxAudience = QStringLiteral("https://test.salesforce.com");
constexpr qint64 kPastSeconds = 300;

QString shown(const QJsonValue &value)
{
    if (value.isUndefined())
        return QStringLiteral("(absent)");
    if (value.isString())
        return QLatin1Char('"') + value.toString() + QLatin1Char('"');
    if (value.isDouble())
        return QString::number(value.toInteger());
    const QString array = QString::fromUtf8(QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact));
    return array.mid(1, array.size() - 2);
}

} // namespace

QList<ScenarioSwitchboard::Switch> ScenarioSwitchboard::all()
{
    return { Switch::UserNotApproved, Switch::ProfileNotPreAuthorized, Switch::CertificateMismatch, Switch::SandboxAudience,
        Switch::ExpiredAssertion, Switch::UnknownConsumerKey, Switch::MissingRefreshTokenScope, Switch::IpRestricted,
        Switch::InactiveUser };
}

QString ScenarioSwitchboard::name(Switch s)
{
    switch (s) {
    case Switch::SandboxAudience:
        return QStringLiteral("sandbox-audience");
    case Switch::ExpiredAssertion:
        return QStringLiteral("expired-assertion");
    default:
        break;
    }
    const auto scenario = practiceScenario(s);
    return scenario ? PracticeScenario::name(*scenario) : QString();
}

QString ScenarioSwitchboard::title(Switch s)
{
    switch (s) {
    case Switch::UserNotApproved:
        return tr("User not approved");
    case Switch::ProfileNotPreAuthorized:
        return tr("Profile not pre-authorised");
    case Switch::CertificateMismatch:
        return tr("Certificate not matching");
    case Switch::SandboxAudience:
        return tr("Sandbox aud on production");
    case Switch::ExpiredAssertion:
        return tr("exp in the past");
    case Switch::UnknownConsumerKey:
        return tr("Unknown consumer key");
    case Switch::MissingRefreshTokenScope:
        return tr("No refresh_token scope");
    case Switch::IpRestricted:
        return tr("IP restriction");
    case Switch::InactiveUser:
        return tr("Inactive user");
    }
    return {};
}

std::optional<PracticeScenario::Id> ScenarioSwitchboard::practiceScenario(Switch s)
{
    switch (s) {
    case Switch::UserNotApproved:
        return PracticeScenario::Id::UserNotApproved;
    case Switch::ProfileNotPreAuthorized:
        return PracticeScenario::Id::ProfileNotPreAuthorized;
    case Switch::CertificateMismatch:
        return PracticeScenario::Id::CertificateMismatch;
    case Switch::UnknownConsumerKey:
        return PracticeScenario::Id::UnknownConsumerKey;
    case Switch::MissingRefreshTokenScope:
        return PracticeScenario::Id::MissingRefreshTokenScope;
    case Switch::IpRestricted:
        return PracticeScenario::Id::IpRestricted;
    case Switch::InactiveUser:
        return PracticeScenario::Id::InactiveUser;
    case Switch::SandboxAudience:
    case Switch::ExpiredAssertion:
        return std::nullopt;
    }
    return std::nullopt;
}

QString ScenarioSwitchboard::expectedError(Switch s)
{
    if (s == Switch::SandboxAudience)
        return QStringLiteral("invalid_grant: audience is invalid");
    if (s == Switch::ExpiredAssertion)
        return QStringLiteral("invalid_grant: expired authorization code");
    return PracticeScenario::expectedError(*practiceScenario(s));
}

QString ScenarioSwitchboard::expectedDiagnosisCode(Switch s)
{
    if (s == Switch::SandboxAudience)
        return QStringLiteral("E3");
    if (s == Switch::ExpiredAssertion)
        return QStringLiteral("E4");
    return PracticeScenario::expectedCode(*practiceScenario(s));
}

ScenarioSwitchboard::ScenarioSwitchboard(PracticeOrg *org, TokenDocument *document, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_org(org)
    , m_document(document)
    , m_clock(clock)
{ }

void ScenarioSwitchboard::setPracticeOrg(PracticeOrg *org)
{
    m_org = org;
}

QString ScenarioSwitchboard::practiceChange(Switch s) const
{
    const QString user = m_org->username();
    const OrgDirectory::App *app = m_org->configuredDirectory().appByConsumerKey(m_org->consumerKey());
    const QString appName = app ? app->name : tr("the app");
    const OrgDirectory::User *record = m_org->configuredDirectory().userByUsername(user);
    const QString profile = record ? record->profile : tr("the user's profile");
    switch (s) {
    case Switch::UserNotApproved:
        return tr("Practice org: %1 now lets users self-authorize, and %2 never approved it.").arg(appName, user);
    case Switch::ProfileNotPreAuthorized:
        return tr("Practice org: %1 admits admin-approved users only, without the profile \"%2\".").arg(appName, profile);
    case Switch::CertificateMismatch:
        return tr("Practice org: %1 now holds a certificate of another key (the wrong .crt uploaded).").arg(appName);
    case Switch::UnknownConsumerKey:
        return tr("Practice org: %1's consumer key changed; iss names a key no app has.").arg(appName);
    case Switch::MissingRefreshTokenScope:
        return tr("Practice org: %1's scopes lose refresh_token and offline_access.").arg(appName);
    case Switch::IpRestricted:
        return tr("Practice org: %1's profile allows logins from 203.0.113.0/24 only.").arg(user);
    case Switch::InactiveUser:
        return tr("Practice org: %1 is deactivated.").arg(user);
    case Switch::SandboxAudience:
    case Switch::ExpiredAssertion:
        break;
    }
    return {};
}

Result<QString> ScenarioSwitchboard::apply(Switch s)
{
    if (!m_org || !m_org->isRunning())
        return makeError(QStringLiteral("trainer.no-practice-org"), tr("The practice org is not running."),
            tr("Start jwtflow with its practice org (the default) to switch failures on."));
    reset();
    if (const auto scenario = practiceScenario(s)) {
        if (auto applied = m_org->applyScenario(*scenario); !applied)
            return applied.error();
        m_active = s;
        m_change = practiceChange(s);
        Q_EMIT changed();
        return m_change;
    }
    if (!m_document || !m_document->hasToken())
        return makeError(QStringLiteral("trainer.no-token"), tr("There is no assertion in the editor to change."),
            tr("Fill in the connection and pick the key first."));
    const QJsonObject claims = m_document->jwt().claims();
    QJsonValue value;
    if (s == Switch::SandboxAudience) {
        m_savedClaim = QStringLiteral("aud");
        value = kSandboxAudience;
        m_change = tr("Assertion: aud %1 → %2, a sandbox's audience; the practice org is production.")
                       .arg(shown(claims.value(m_savedClaim)), shown(value));
    } else {
        m_savedClaim = QStringLiteral("exp");
        value = m_clock.nowSecs() - kPastSeconds;
        m_change = tr("Assertion: exp %1 → %2, five minutes ago.").arg(shown(claims.value(m_savedClaim)), shown(value));
    }
    m_savedValue = claims.value(m_savedClaim);
    m_document->setClaim(m_savedClaim, value);
    m_active = s;
    Q_EMIT changed();
    return m_change;
}

QString ScenarioSwitchboard::reset()
{
    if (!m_active)
        return {};
    QString restored;
    if (practiceScenario(*m_active)) {
        if (m_org)
            m_org->resetScenarios();
        restored = tr("Practice org restored as configured.");
    } else if (m_document && m_document->hasToken()) {
        QJsonValue value = m_savedValue;
        // An exp restored as it was could have passed meanwhile: give the usual three minutes.
        if (m_savedClaim == QStringLiteral("exp"))
            value = m_clock.nowSecs() + 180;
        if (value.isUndefined())
            m_document->removeClaim(m_savedClaim);
        else
            m_document->setClaim(m_savedClaim, value);
        restored = tr("Assertion: %1 back to %2.").arg(m_savedClaim, shown(value));
    }
    m_active.reset();
    m_change.clear();
    m_savedClaim.clear();
    m_savedValue = QJsonValue(QJsonValue::Undefined);
    Q_EMIT changed();
    return restored;
}

} // namespace jwtflow
