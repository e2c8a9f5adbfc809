#pragma once

#include "core/Clock.h"
#include "core/Result.h"
#include "practice/PracticeScenario.h"

#include <QJsonValue>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <optional>

namespace jwtflow {

class PracticeOrg;
class TokenDocument;

// Failures on purpose, one click each: the trainer shows the error Salesforce gives, the
// diagnosis and the fix, then resets. Most switches change the practice org (PracticeOrg
// scenarios); two change the assertion in the editor (a sandbox audience, an exp in the past).
// One switch is on at a time: turning one on resets the previous one first. Reset restores the
// org and the claims it changed.
class ScenarioSwitchboard : public QObject {
    Q_OBJECT
public:
    enum class Switch {
        UserNotApproved,
        ProfileNotPreAuthorized,
        CertificateMismatch,
        SandboxAudience,
        ExpiredAssertion,
        UnknownConsumerKey,
        MissingRefreshTokenScope,
        IpRestricted,
        InactiveUser,
    };
    Q_ENUM(Switch)

    static QList<Switch> all();
    static QString name(Switch s); // "sandbox-audience": stable, for object names and tests
    static QString title(Switch s); // the button's text
    // The practice-org scenario behind the switch, or nullopt for a client-side one.
    static std::optional<PracticeScenario::Id> practiceScenario(Switch s);
    // What the exchange answers ("invalid_grant: audience is invalid") and the diagnosis code ("E3").
    static QString expectedError(Switch s);
    static QString expectedDiagnosisCode(Switch s);

    ScenarioSwitchboard(PracticeOrg *org, TokenDocument *document, const Clock &clock, QObject *parent = nullptr);
    // The window starts its practice org after the first paint, so the org may come later.
    void setPracticeOrg(PracticeOrg *org); // out of line: QPointer needs the complete type

    // Turns the switch on; the value is what changed, in one line. Error codes "trainer.no-practice-org",
    // "trainer.no-token", and those of PracticeOrg::applyScenario.
    Result<QString> apply(Switch s);
    // Everything back as it was; the value says what was restored ("" when nothing was on).
    QString reset();

    std::optional<Switch> active() const { return m_active; }
    QString activeChange() const { return m_change; }

Q_SIGNALS:
    void changed();

private:
    QString practiceChange(Switch s) const;

    QPointer<PracticeOrg> m_org;
    QPointer<TokenDocument> m_document;
    const Clock &m_clock;
    std::optional<Switch> m_active;
    QString m_change;
    // A claim the switch edited and its value before (undefined: it was absent).
    QString m_savedClaim;
    QJsonValue m_savedValue;
};

} // namespace jwtflow
