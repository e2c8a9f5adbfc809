#include "trainer/Walkthrough.h"

#include "flow/BearerFlowSession.h"
#include "token/TimeClaim.h"

namespace jwtflow {

Walkthrough::Walkthrough(QObject *parent)
    : QObject(parent)
    , m_steps(standardSteps())
{ }

QList<Walkthrough::Step> Walkthrough::standardSteps()
{
    return {
        { QStringLiteral("key"), tr("Create a key and a certificate"),
            tr("The client proves who it is with an RSA private key that never leaves it. Salesforce checks the signature with "
               "the "
               "public half, which it gets as an X.509 certificate. Token ▸ Generate key and certificate makes both."),
            tr("Signature ▸ Private key and Certificate: the badge says whether they belong together."),
            QStringLiteral("signing-key"), Event::KeyReady },
        { QStringLiteral("connected-app"), tr("Create the app (External Client App or connected app) and upload the certificate"),
            tr("Since Spring '26 new connected apps are off by default and External Client Apps are the way: Setup ▸ External "
               "Client "
               "Apps Manager ▸ the app ▸ Edit Settings ▸ OAuth Settings ▸ Enable JWT Bearer Flow, and upload the certificate "
               "there. An "
               "existing connected app holds it under \"Use digital signatures\". Either way the consumer key is what the "
               "assertion "
               "names in iss. The practice org's app already holds the demo certificate."),
            tr("Connection ▸ Consumer key, and the certificate the app holds."), QStringLiteral("consumer-key"),
            Event::CertificateUploaded },
        { QStringLiteral("pre-authorise"), tr("Pre-authorise the user"),
            tr("Nobody clicks \"Allow\" in this flow, so the user must be admitted beforehand. Either the app's policy is "
               "\"Admin "
               "approved users are pre-authorized\" and the user's profile or permission set is on the app (an External Client "
               "App keeps "
               "this in its policies, apart from its settings), or the user approved the app once in a flow that issued a "
               "refresh token."),
            tr("Connection ▸ Username: the user the assertion names in sub."), QStringLiteral("username"),
            Event::UserPreAuthorised },
        { QStringLiteral("compose"), tr("Compose the JWT"),
            tr("The claims say who asks and for whom: iss is the consumer key, sub the username, aud the login host (login, "
               "test, My "
               "Domain or site URL). exp is a time a few minutes ahead, in seconds since 1970."),
            tr("Payload: iss, sub, aud and exp, and the countdown under Encoded."), QStringLiteral("payload"),
            Event::ClaimsComposed },
        { QStringLiteral("sign"), tr("Sign it"),
            tr("Header and payload are base64url-encoded and signed with RS256 and the private key. Any change to a claim needs "
               "a new "
               "signature, which is why editing here re-signs at once."),
            tr("Encoded: the three coloured segments; Signature: \"re-signed by you\"."), QStringLiteral("encoded"),
            Event::AssertionSigned },
        { QStringLiteral("exchange"), tr("Exchange it for an access token"),
            tr("The client POSTs the assertion, with the JWT bearer grant type, to "
               "/services/oauth2/token. "
               "Salesforce checks signature, iss, aud, exp and the user, and answers with an access token or an error."),
            tr("Send, then Response: the token, or the diagnosis of the refusal."), QStringLiteral("send"),
            Event::TokenReceived },
        { QStringLiteral("api"), tr("Call an API with the token"),
            tr("The access token goes in an Authorization: Bearer header. The identity URL says who the token belongs to; "
               "/services/data lists the API versions."),
            tr("Response ▸ Identity or API versions, and the call's raw HTTP."), QStringLiteral("identity"), Event::ApiCalled },
        { QStringLiteral("frontdoor"), tr("Open the org through frontdoor"),
            tr("frontdoor.jsp turns the access token into a browser session, so you can look at the org as the integration user. "
               "Treat that link like a password: it carries the token."),
            tr("Response ▸ Open org."), QStringLiteral("open-org"), Event::FrontdoorOpened },
    };
}

int Walkthrough::doneCount() const
{
    int done = 0;
    for (const Step &step : m_steps)
        done += step.done ? 1 : 0;
    return done;
}

int Walkthrough::indexOf(Event event) const
{
    for (int i = 0; i < count(); ++i) {
        if (m_steps.at(i).completesOn == event)
            return i;
    }
    return -1;
}

void Walkthrough::setCurrent(int index)
{
    if (index < 0 || index >= count() || index == m_current)
        return;
    const int left = m_current;
    m_current = index;
    m_underWay = true;
    // In step order: the handout lists them as the class saw them.
    for (int i = left; i < index; ++i) {
        Step &step = m_steps[i];
        if (step.inPlace && !step.done) {
            step.done = true;
            step.inPlace = false;
            Q_EMIT stepDone(i);
        }
    }
    Q_EMIT currentChanged(index);
}

bool Walkthrough::next()
{
    if (m_current + 1 >= count())
        return false;
    setCurrent(m_current + 1);
    return true;
}

bool Walkthrough::back()
{
    if (m_current == 0)
        return false;
    setCurrent(m_current - 1);
    return true;
}

bool Walkthrough::record(Event event)
{
    const int index = indexOf(event);
    if (index < 0 || m_steps.at(index).done)
        return false;
    if (isAction(event))
        m_underWay = true;
    if (!m_underWay) {
        m_steps[index].inPlace = true;
        return false;
    }
    if (m_steps.at(index).inPlace)
        return false; // ticked when the class moves past it
    m_steps[index].done = true;
    Q_EMIT stepDone(index);
    return true;
}

void Walkthrough::reset()
{
    for (Step &step : m_steps) {
        step.done = false;
        step.inPlace = false;
    }
    m_current = 0;
    m_underWay = false;
    Q_EMIT wasReset();
    Q_EMIT currentChanged(0);
}

bool Walkthrough::isAction(Event event)
{
    return event == Event::TokenReceived || event == Event::ApiCalled || event == Event::FrontdoorOpened;
}

bool Walkthrough::certificateUploaded(const OrgDirectory &directory, const QString &consumerKey, const Certificate &certificate)
{
    const OrgDirectory::App *app = directory.appByConsumerKey(consumerKey);
    return app && !certificate.isNull() && !app->certificate.isNull() && app->certificate == certificate;
}

bool Walkthrough::userPreAuthorised(const OrgDirectory &directory, const QString &consumerKey, const QString &username)
{
    const OrgDirectory::App *app = directory.appByConsumerKey(consumerKey);
    const OrgDirectory::User *user = directory.userByUsername(username);
    if (!app || !user)
        return false;
    if (app->policy == OrgDirectory::Policy::AdminApproved)
        return app->profiles.contains(user->profile);
    return user->approvedApps.contains(app->consumerKey);
}

bool Walkthrough::claimsComposed(const QJsonObject &claims)
{
    for (const char *name : { "iss", "sub", "aud" }) {
        const QJsonValue value = claims.value(QLatin1String(name));
        if (!(value.isString() && !value.toString().trimmed().isEmpty()) && !value.isArray())
            return false;
    }
    const QJsonValue exp = claims.value(QStringLiteral("exp"));
    return exp.isDouble() || (exp.isString() && !exp.toString().isEmpty());
}

QString Walkthrough::whatTheClassSees(Event event, const BearerFlowSession &session)
{
    const BearerFlowSession::Connection connection = session.connection();
    const auto &key = session.signingKey();
    const auto &certificate = session.certificate();
    const TokenDocument *document = session.document();
    switch (event) {
    case Event::KeyReady:
        return tr("Signing key: %1. Certificate: %2. They belong together.")
            .arg(key && !key->privateKey.isNull() ? key->privateKey.description() : tr("none"),
                certificate && !certificate->certificate.isNull() ? certificate->certificate.description() : tr("none"));
    case Event::CertificateUploaded:
        return tr("The app with consumer key %1 holds the certificate %2.")
            .arg(connection.clientId, certificate ? certificate->certificate.subject() : tr("(none)"));
    case Event::UserPreAuthorised:
        return tr("The app admits %1 without a prompt.").arg(connection.username);
    case Event::ClaimsComposed: {
        if (!document->hasToken())
            return {};
        const QJsonObject claims = document->jwt().claims();
        QString text = tr("iss %1, sub %2, aud %3")
                           .arg(claims.value(QStringLiteral("iss")).toString(), claims.value(QStringLiteral("sub")).toString(),
                               claims.value(QStringLiteral("aud")).toString());
        if (const auto exp = TimeClaim::read(claims, TimeClaim::Name::Expiry))
            text += tr(", exp %1 (%2)").arg(exp->utcIso(), exp->relativeText(session.clock()));
        return text + QLatin1Char('.');
    }
    case Event::AssertionSigned:
        return document->hasToken() ? tr("The assertion signed with %1 (%2 characters; the signature is the third segment).")
                                          .arg(document->jwt().alg())
                                          .arg(document->jwt().encoded().size())
                                    : QString();
    case Event::TokenReceived:
    case Event::ApiCalled:
    case Event::FrontdoorOpened:
        if (const auto &result = session.lastResult(); result && event == Event::TokenReceived)
            return tr("The token endpoint answered: %1.").arg(result->summary());
        return {}; // the request and its answer follow under "What happened"
    }
    return {};
}

} // namespace jwtflow
