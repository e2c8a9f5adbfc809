#pragma once

#include "crypto/Certificate.h"
#include "practice/OrgDirectory.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>

namespace jwtflow {

class BearerFlowSession;

// The lesson a trainer walks a class through: the steps of the JWT bearer flow in order, each
// with a title, a short explanation, what to look at in the window (a target id the UI maps to a
// widget) and the real event that completes it. Steps are ticked when their event happens, in any
// order, and stay ticked until reset(); the current step moves only when asked (next/back), so the
// trainer sets the pace. A lesson starts at step 1 with nothing ticked: a fact that holds before
// the class does anything (the practice org's demo key, its app and user, the composed and signed
// assertion) is "in place" and is ticked when the class moves past its step, not before, so the
// count says what the class has seen. The lesson is under way from the first move (Next, Back, a
// step clicked) or the first action (an exchange, an API call, frontdoor).
class Walkthrough : public QObject {
    Q_OBJECT
public:
    // What happened in the window; each completes one step.
    enum class Event {
        KeyReady, // a signing key and its certificate are loaded, and they match
        CertificateUploaded, // the connected app holds that certificate (the practice org's app)
        UserPreAuthorised, // the app admits the user: admin-approved profile, or a prior approval
        ClaimsComposed, // the assertion has iss, sub, aud and exp
        AssertionSigned, // the assertion is signed with the key
        TokenReceived, // the token endpoint answered with an access token
        ApiCalled, // a call with the token answered 2xx
        FrontdoorOpened, // the org was opened in the browser through frontdoor
    };
    Q_ENUM(Event)

    struct Step {
        QString id; // stable: "key", "connected-app", ...
        QString title;
        QString explanation; // two or three sentences
        QString lookAt; // what to look at, in words
        QString target; // the widget the UI focuses: "signing-key", "certificate", "consumer-key", ...
        Event completesOn = Event::KeyReady;
        bool done = false;
        bool inPlace = false; // its event had happened when the lesson started; ticked when the class moves past it
    };

    explicit Walkthrough(QObject *parent = nullptr);

    static QList<Step> standardSteps();

    int count() const { return static_cast<int>(m_steps.size()); }
    const Step &step(int index) const { return m_steps.at(index); }
    const QList<Step> &steps() const { return m_steps; }
    int current() const { return m_current; }
    int doneCount() const;
    bool isComplete() const { return doneCount() == count(); }
    int indexOf(Event event) const;

    // Moving forward ticks the steps left behind that were in place when the lesson started.
    void setCurrent(int index);
    bool next(); // false at the last step
    bool back(); // false at the first step

    // Ticks the step the event completes; true when it was not ticked before. Before the lesson is
    // under way a fact only puts its step in place (false); an action always ticks.
    bool record(Event event);
    // A new lesson: every step unticked, none in place, back at the first, not under way.
    void reset();
    bool isUnderWay() const { return m_underWay; }
    // What the class does (an exchange, an API call, frontdoor), as opposed to a fact of the window's state.
    static bool isAction(Event event);

    // Facts read from the practice org, for the steps that happen in Salesforce's setup pages.
    // The app with this consumer key holds exactly this certificate.
    static bool certificateUploaded(const OrgDirectory &directory, const QString &consumerKey, const Certificate &certificate);
    // The app admits the user without a prompt: admin-approved with the user's profile, or
    // self-authorize with a prior approval that issued a refresh token.
    static bool userPreAuthorised(const OrgDirectory &directory, const QString &consumerKey, const QString &username);
    // iss, sub and aud are non-empty strings and exp is a number.
    static bool claimsComposed(const QJsonObject &claims);

    // What the class sees in the window for the step an event completes, in one or two sentences
    // for the lesson handout (no secret: key and certificate by name, claims without signature).
    static QString whatTheClassSees(Event event, const BearerFlowSession &session);

Q_SIGNALS:
    void currentChanged(int index);
    void stepDone(int index);
    void wasReset();

private:
    QList<Step> m_steps;
    int m_current = 0;
    bool m_underWay = false;
};

} // namespace jwtflow
