#include "practice/AssertionValidator.h"

#include "crypto/Verifier.h"
#include "flow/FormBody.h"
#include "token/Jwt.h"
#include "token/TimeClaim.h"

#include <QJsonArray>

namespace jwtflow {

namespace {

using Refusal = AssertionValidator::Refusal;
using Outcome = AssertionValidator::Outcome;

Outcome refuse(const char *code, const char *error, const char *description, const QString &reason)
{
    Outcome outcome;
    outcome.refusal
        = Refusal { 400, QString::fromLatin1(error), QString::fromLatin1(description), QString::fromLatin1(code), reason };
    return outcome;
}

// Salesforce's texts (salesforce-wire.md §3), one function per E-number.
Outcome e1(const QString &reason)
{
    return refuse("E1", "invalid_grant", "user hasn't approved this consumer", reason);
}
Outcome e2(const QString &reason)
{
    return refuse("E2", "invalid_grant", "invalid assertion", reason);
}
Outcome e3(const QString &reason)
{
    return refuse("E3", "invalid_grant", "audience is invalid", reason);
}
Outcome e4(const QString &reason)
{
    return refuse("E4", "invalid_grant", "expired authorization code", reason);
}
Outcome e5(const QString &reason)
{
    return refuse("E5", "invalid_client_id", "client identifier invalid", reason);
}
Outcome e6(const QString &reason)
{
    return refuse("E6", "app_not_found", "External client app is not installed in this org", reason);
}
Outcome e7(const QString &reason)
{
    return refuse("E7", "invalid_app_access", "user is not admin approved to access this app", reason);
}
Outcome e8(const QString &reason)
{
    return refuse("E8", "invalid_request",
        "refresh_token scope is required and the connected app should be installed and preauthorized.", reason);
}
Outcome e9(const QString &reason)
{
    return refuse("E9", "unsupported_grant_type", "grant type not supported", reason);
}
Outcome e10(const QString &reason)
{
    return refuse("E10", "invalid_grant", "IP restricted or invalid login hours", reason);
}
Outcome e11(const QString &reason)
{
    return refuse("E11", "invalid_grant", "inactive user", reason);
}
Outcome e14(const QString &reason)
{
    return refuse("E14", "invalid_grant", "user is locked", reason);
}

// A compact JWS exactly: three base64url segments. Jwt::parse forgives what people paste
// (a Bearer prefix, quotes, line breaks); a token endpoint does not.
bool isCompactJws(QByteArrayView text)
{
    int dots = 0;
    for (const char c : text) {
        if (c == '.')
            ++dots;
        else if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
            return false;
    }
    return dots == 2;
}

QString describe(const QJsonValue &value)
{
    if (value.isUndefined())
        return QStringLiteral("missing");
    if (value.isString())
        return QLatin1Char('"') + value.toString() + QLatin1Char('"');
    return QStringLiteral("not a string");
}

bool addressAllowed(const QHostAddress &address, const QStringList &ranges)
{
    if (ranges.isEmpty())
        return true;
    // An IPv4 client may arrive as ::ffff:a.b.c.d on a dual-stack socket.
    bool ok = false;
    const quint32 v4 = address.toIPv4Address(&ok);
    const QHostAddress plain = ok ? QHostAddress(v4) : address;
    for (const QString &range : ranges) {
        if (plain.isInSubnet(QHostAddress::parseSubnet(range)))
            return true;
    }
    return false;
}

} // namespace

AssertionValidator::AssertionValidator(const OrgDirectory &directory, const Clock &clock, const QUrl &myDomain)
    : m_directory(directory)
    , m_clock(clock)
    , m_myDomain(myDomain)
{ }

QString AssertionValidator::normaliseAudience(const QString &aud)
{
    QString text = aud.trimmed();
    if (text.endsWith(QLatin1Char('/')))
        text.chop(1);
    // Scheme and host are case-insensitive; a site path is not.
    const qsizetype schemeEnd = text.indexOf(QLatin1String("://"));
    if (schemeEnd > 0) {
        const qsizetype hostEnd = text.indexOf(QLatin1Char('/'), schemeEnd + 3);
        const qsizetype split = hostEnd < 0 ? text.size() : hostEnd;
        text = text.left(split).toLower() + text.mid(split);
    }
    return text;
}

QStringList AssertionValidator::acceptedAudiences() const
{
    QStringList accepted;
    accepted << (m_directory.org.sandbox ? QStringLiteral("https://test.salesforce.com")
                                         : QStringLiteral("https://login.salesforce.com"));
    if (m_directory.org.acceptMyDomainAudience && m_myDomain.isValid()) {
        accepted << normaliseAudience(QString::fromUtf8(m_myDomain.toEncoded()));
        // The same loopback server under its other name: both reach this org.
        QUrl alias = m_myDomain;
        if (alias.host() == QLatin1String("127.0.0.1"))
            alias.setHost(QStringLiteral("localhost"));
        else if (alias.host() == QLatin1String("localhost"))
            alias.setHost(QStringLiteral("127.0.0.1"));
        if (alias != m_myDomain)
            accepted << normaliseAudience(QString::fromUtf8(alias.toEncoded()));
    }
    for (const QString &aud : m_directory.org.audiences)
        accepted << normaliseAudience(aud);
    return accepted;
}

AssertionValidator::Outcome AssertionValidator::validate(const Request &request) const
{
    if (request.method != "POST") {
        // Salesforce's generic list has this pair (salesforce-wire.md §1.2); not an E-case.
        Outcome outcome = refuse("", "invalid_request", "Must use HTTP POST",
            QStringLiteral("The token request was a %1.").arg(QString::fromLatin1(request.method)));
        return outcome;
    }
    // 1. The form: without its content type Salesforce does not even read the grant type (§1.2).
    const QByteArray mediaType = request.contentType.split(';').constFirst().trimmed().toLower();
    if (mediaType != "application/x-www-form-urlencoded")
        return e9(request.contentType.isEmpty()
                ? QStringLiteral("The request has no Content-Type; the form must be application/x-www-form-urlencoded.")
                : QStringLiteral("Content-Type is %1, not application/x-www-form-urlencoded.")
                      .arg(QString::fromLatin1(request.contentType)));
    const FormBody::Fields form = FormBody::decode(request.body);
    const QString grantType = FormBody::value(form, QStringLiteral("grant_type"));
    if (grantType != QLatin1String(kGrantType))
        return e9(grantType.isEmpty()
                ? QStringLiteral("The form has no grant_type.")
                : QStringLiteral("grant_type is \"%1\", not %2.").arg(grantType, QLatin1String(kGrantType)));

    // 2. The assertion's shape.
    const QString assertionText = FormBody::value(form, QStringLiteral("assertion"));
    if (assertionText.isEmpty())
        return e2(QStringLiteral("The form has no assertion."));
    const QByteArray assertionBytes = assertionText.toLatin1();
    if (!isCompactJws(assertionBytes))
        return e2(QStringLiteral("The assertion is not a compact JWS (three base64url parts joined by dots)."));
    const auto jwt = Jwt::parse(assertionText);
    if (!jwt || jwt->kind() != Jwt::Kind::Signed)
        return e2(QStringLiteral("The assertion does not decode: %1")
                .arg(jwt ? QStringLiteral("it is not signed.") : jwt.error().message));
    const QJsonObject claims = jwt->claims();

    // 3. The consumer key names the app whose certificate checks the signature.
    const QJsonValue iss = claims.value(QStringLiteral("iss"));
    const OrgDirectory::App *app = iss.isString() ? m_directory.appByConsumerKey(iss.toString()) : nullptr;
    if (!app)
        return e5(QStringLiteral("iss is %1; no connected app in this org has that consumer key.").arg(describe(iss)));
    if (app->kind == OrgDirectory::AppKind::ExternalClientApp && !app->installed)
        return e6(QStringLiteral("The external client app %1 is not installed in this org.").arg(app->name));

    // The signature: RS256 only, against the certificate uploaded to the app.
    if (jwt->alg() != QLatin1String("RS256"))
        return e2(QStringLiteral("The header says alg \"%1\"; Salesforce takes RS256 only.").arg(jwt->alg()));
    if (app->publicKey.isNull())
        return e2(QStringLiteral("The app %1 has no certificate uploaded.").arg(app->name));
    const Verification verification = Verifier::verify(jwt.value(), app->publicKey);
    if (!verification.isVerified())
        return e2(QStringLiteral(
            "The signature does not verify with the certificate of %1 (%2): wrong key, or the token was changed after signing.")
                .arg(app->name, app->certificate.commonName()));

    Grant grant;
    // 4. aud: a string (an array is read leniently: any accepted member will do).
    const QJsonValue aud = claims.value(QStringLiteral("aud"));
    QStringList audiences;
    if (aud.isString())
        audiences << aud.toString();
    else if (aud.isArray())
        for (const QJsonValue &member : aud.toArray())
            audiences << member.toString();
    const QStringList accepted = acceptedAudiences();
    bool audOk = false;
    for (const QString &candidate : std::as_const(audiences)) {
        if (accepted.contains(normaliseAudience(candidate))) {
            audOk = true;
            if (candidate.endsWith(QLatin1Char('/')))
                grant.notes << QStringLiteral("aud \"%1\" ends with a slash; accepted without it.").arg(candidate);
            break;
        }
    }
    if (!audOk)
        return e3(QStringLiteral("aud is %1; this org accepts %2.").arg(describe(aud), accepted.join(QStringLiteral(", "))));

    // 5. exp: seconds, with no upper bound (sf sends milliseconds and gets in, §1.4).
    const auto exp = TimeClaim::read(claims, TimeClaim::Name::Expiry);
    if (!exp)
        return e2(QStringLiteral("exp is unusable: %1").arg(exp.error().message));
    const qint64 now = m_clock.nowSecs();
    if (exp->seconds() + m_directory.org.expSkewSeconds <= now)
        return e4(QStringLiteral("exp %1 (%2) is %3 in the past.")
                .arg(exp->seconds())
                .arg(exp->utcIso())
                .arg(TimeClaim::durationText(now - exp->seconds())));
    if (exp->looksLikeMilliseconds())
        grant.notes << QStringLiteral("exp looks like milliseconds (%1); Salesforce accepts it as a far-future time.")
                           .arg(exp->seconds());

    // 6. The user: prn wins over sub when both are present (backward compatibility, §1.4).
    const QJsonValue subject
        = claims.contains(QStringLiteral("prn")) ? claims.value(QStringLiteral("prn")) : claims.value(QStringLiteral("sub"));
    const OrgDirectory::User *user = subject.isString() ? m_directory.userByUsername(subject.toString()) : nullptr;
    if (!user)
        return e1(QStringLiteral(
            "sub is %1; no user in this org has that username (Salesforce gives the approval error for unknown users too).")
                .arg(describe(subject)));
    if (!user->active)
        return e11(QStringLiteral("The user %1 is inactive.").arg(user->username));
    if (user->locked)
        return e14(QStringLiteral("The user %1 is locked out.").arg(user->username));
    if (!addressAllowed(request.remoteAddress, user->loginIpRanges))
        return e10(QStringLiteral("%1 is outside the login IP ranges of %2 (%3).")
                .arg(request.remoteAddress.toString(), user->username, user->loginIpRanges.join(QStringLiteral(", "))));
    if (!app->hasScope(QStringLiteral("refresh_token")) && !app->hasScope(QStringLiteral("offline_access")))
        return e8(QStringLiteral("The app %1 has neither the refresh_token nor the offline_access scope.").arg(app->name));
    if (app->policy == OrgDirectory::Policy::AdminApproved) {
        if (!app->profiles.contains(user->profile, Qt::CaseInsensitive))
            return e7(QStringLiteral("%1 admits only pre-authorized profiles (%2); %3 has the profile %4.")
                    .arg(app->name, app->profiles.isEmpty() ? QStringLiteral("none") : app->profiles.join(QStringLiteral(", ")),
                        user->username, user->profile));
    } else if (!user->approvedApps.contains(app->consumerKey)) {
        return e1(QStringLiteral("%1 lets users self-authorize, and %2 has never approved it (with a refresh token).")
                .arg(app->name, user->username));
    }

    grant.consumerKey = app->consumerKey;
    grant.userId = user->id;
    grant.scopes = app->scopes;
    Outcome outcome;
    outcome.granted = true;
    outcome.grant = grant;
    return outcome;
}

} // namespace jwtflow
