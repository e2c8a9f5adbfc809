#include "inspect/BearerFlowHint.h"

#include "flow/SalesforceHost.h"
#include "inspect/TokenClassifier.h"
#include "token/Jwt.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QUrl>

namespace jwtflow {

namespace {

QString stringClaim(const QJsonObject &claims, const char *name)
{
    return claims.value(QLatin1String(name)).toString();
}

// The aud an assertion for the issuer's org names: SalesforceHost's audience for that host (the
// generic login host, the My Domain, the site, or a practice org on this computer); empty for an
// issuer that is not a Salesforce login host.
QString loginHostOf(const QString &issuer)
{
    const QUrl url(issuer);
    if (!url.isValid() || url.host().isEmpty()
        || (url.scheme() != QStringLiteral("https") && url.scheme() != QStringLiteral("http")))
        return {};
    return SalesforceHost::classify(url).audience();
}

} // namespace

BearerFlowHint BearerFlowHint::fromToken(const Jwt &jwt)
{
    BearerFlowHint hint;
    const QJsonObject claims = jwt.claims();
    const auto kind = TokenClassifier::classify(jwt).kind;

    if (kind == TokenClassifier::Kind::BearerAssertion) {
        hint.iss = stringClaim(claims, "iss");
        hint.sub = stringClaim(claims, "sub");
        const QJsonValue aud = claims.value(QStringLiteral("aud"));
        hint.audience = aud.isArray() ? (aud.toArray().isEmpty() ? QString() : aud.toArray().first().toString()) : aud.toString();
        hint.notes << QStringLiteral("iss, sub and aud are taken over as they are: the token is a bearer assertion.");
        return hint;
    }

    // The client the token was issued to: azp when present, else a single aud.
    const QJsonValue aud = claims.value(QStringLiteral("aud"));
    QString client = stringClaim(claims, "azp");
    if (client.isEmpty() && aud.isString())
        client = aud.toString();
    if (client.isEmpty() && aud.isArray() && aud.toArray().size() == 1)
        client = aud.toArray().first().toString();
    if (client.isEmpty())
        client = stringClaim(claims, "client_id");
    if (!client.isEmpty()) {
        hint.iss = client;
        hint.notes << QStringLiteral("iss ← %1 (the client id, which is the connected app's consumer key).")
                          .arg(claims.contains(QStringLiteral("azp")) ? QStringLiteral("azp") : QStringLiteral("aud"));
    } else {
        hint.notes << QStringLiteral("iss: no single client id in aud or azp; type the consumer key.");
    }

    const QString username = stringClaim(claims, "preferred_username");
    if (!username.isEmpty()) {
        hint.sub = username;
        hint.notes << QStringLiteral("sub ← preferred_username (the Salesforce username).");
    } else {
        hint.notes << QStringLiteral(
            "sub: the token has no preferred_username; its own sub is not a username, so type the username.");
    }

    hint.audience = loginHostOf(stringClaim(claims, "iss"));
    if (!hint.audience.isEmpty())
        hint.notes << QStringLiteral("aud ← %1, the login host of the issuer %2.").arg(hint.audience, stringClaim(claims, "iss"));
    else
        hint.notes << QStringLiteral("aud: the issuer %1 is not a Salesforce login host; the environment's aud stays.")
                          .arg(stringClaim(claims, "iss").isEmpty() ? QStringLiteral("(none)") : stringClaim(claims, "iss"));
    return hint;
}

} // namespace jwtflow
