#include "inspect/TokenClassifier.h"

#include "flow/SalesforceHost.h"
#include "token/Jwt.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QUrl>

namespace jwtflow {

namespace {

bool has(const QJsonObject &claims, const char *name)
{
    return claims.contains(QLatin1String(name));
}

QStringList audiences(const QJsonObject &claims)
{
    const QJsonValue aud = claims.value(QStringLiteral("aud"));
    if (aud.isString())
        return { aud.toString() };
    QStringList list;
    for (const QJsonValue &v : aud.toArray())
        list << v.toString();
    return list;
}

bool isTokenEndpoint(const QString &url)
{
    return url.contains(QStringLiteral("/oauth2/")) && url.endsWith(QStringLiteral("/token"));
}

bool isLoginHost(const QString &url)
{
    const QUrl parsed(url);
    const QString scheme = parsed.scheme().toLower();
    if (scheme != QLatin1String("https") && scheme != QLatin1String("http"))
        return false;
    const QString host = parsed.host();
    return (SalesforceHost::isSalesforceDomain(host) || SalesforceHost::isLoopbackHost(host)) && !isTokenEndpoint(url);
}

const QString kIdTokenCannot = QStringLiteral(
    "An ID token tells the client who signed in; it cannot authorise API calls. To call Salesforce APIs, use the "
    "access_token from the same response, or get one with the JWT bearer flow (main tab).");

} // namespace

QString TokenClassifier::kindName(Kind kind)
{
    switch (kind) {
    case Kind::IdToken:
        return QStringLiteral("id_token");
    case Kind::JwtAccessToken:
        return QStringLiteral("jwt_access_token");
    case Kind::BearerAssertion:
        return QStringLiteral("bearer_assertion");
    case Kind::ClientAssertion:
        return QStringLiteral("client_assertion");
    case Kind::SalesforceAccessToken:
        return QStringLiteral("salesforce_access_token");
    case Kind::EncryptedToken:
        return QStringLiteral("encrypted");
    case Kind::OtherJwt:
        return QStringLiteral("jwt");
    case Kind::NotAToken:
        break;
    }
    return QStringLiteral("not_a_token");
}

TokenClassifier::Classification TokenClassifier::classify(const QString &token)
{
    const QString text = token.trimmed();
    // Salesforce session ids: 15- or 18-character org id, '!', then the opaque part.
    static const QRegularExpression opaque(QStringLiteral("^00D[A-Za-z0-9]{12,15}![A-Za-z0-9._\\-]{20,}$"));
    if (opaque.match(text).hasMatch())
        return { Kind::SalesforceAccessToken, QStringLiteral("Salesforce access token (opaque)"),
            QStringLiteral("A Salesforce session id: the part before '!' is the org id (%1). It is not a JWT, so there is "
                           "nothing inside to decode or verify; only Salesforce can tell whether it is valid.")
                .arg(text.section(QLatin1Char('!'), 0, 0)),
            QStringLiteral("Use it as \"Authorization: Bearer <token>\" against the instance_url that came with it, "
                           "e.g. GET /services/oauth2/userinfo to see whose session it is. Treat it like a password.") };
    const auto jwt = Jwt::parse(text);
    if (!jwt)
        return { Kind::NotAToken, QStringLiteral("Not a token"), jwt.error().message, jwt.error().hint };
    return classify(jwt.value());
}

TokenClassifier::Classification TokenClassifier::classify(const Jwt &jwt)
{
    if (jwt.kind() == Jwt::Kind::Encrypted)
        return { Kind::EncryptedToken, QStringLiteral("Encrypted token (JWE)"),
            QStringLiteral("Only the header can be read; the claims are encrypted for the recipient."),
            QStringLiteral("Only the holder of the recipient's private key can decrypt it.") };

    const QJsonObject c = jwt.claims();
    const QString typ = jwt.typ().toLower();
    const QStringList aud = audiences(c);
    const QString iss = c.value(QStringLiteral("iss")).toString();
    const QString sub = c.value(QStringLiteral("sub")).toString();

    // Salesforce Help, "JWT-Based Access Tokens": the header's tty is "sfdc-core-token", and the
    // token authorises REST API calls; Salesforce asks clients not to depend on what is inside.
    if (jwt.header().value(QStringLiteral("tty")).toString() == QLatin1String("sfdc-core-token"))
        return { Kind::JwtAccessToken, QStringLiteral("Salesforce JWT-based access token"),
            QStringLiteral("An access token that Salesforce issued as a JWT (header tty sfdc-core-token) for the client %1 and "
                           "the user %2, with the scopes %3. It is not an ID token: it authorises API calls, it does not "
                           "tell a client who signed in.")
                .arg(c.value(QStringLiteral("client_id")).toString(), sub.isEmpty() ? QStringLiteral("(no sub)") : sub,
                    c.value(QStringLiteral("scp")).toString()),
            QStringLiteral("Send it as \"Authorization: Bearer <token>\" to %1 (REST APIs only), as you would an opaque "
                           "token. A service may verify it with the org's keys (iss + /id/keys); a client should treat it "
                           "as opaque and not depend on its claims, which Salesforce may change. Treat it like a password.")
                .arg(iss.isEmpty() ? QStringLiteral("the instance_url") : iss) };

    if (typ == QStringLiteral("at+jwt") || has(c, "scp") || (has(c, "roles") && has(c, "tid") && !has(c, "nonce"))
        || (has(c, "scope") && has(c, "client_id")))
        return { Kind::JwtAccessToken, QStringLiteral("JWT access token"),
            QStringLiteral("An access token issued as a JWT (%1). It is meant for the API named in aud (%2), which verifies it.")
                .arg(
                    typ == QStringLiteral("at+jwt") ? QStringLiteral("typ at+jwt") : QStringLiteral("it carries scopes or roles"),
                    aud.join(QStringLiteral(", "))),
            QStringLiteral("Send it as \"Authorization: Bearer <token>\" to that API only. Its claims are for the API; "
                           "clients should treat access tokens as opaque.") };

    if (!aud.isEmpty() && isTokenEndpoint(aud.constFirst()) && !iss.isEmpty() && iss == sub)
        return { Kind::ClientAssertion, QStringLiteral("Client assertion (private_key_jwt)"),
            QStringLiteral("A client proves its identity to the token endpoint %1 with a key: iss = sub = client id (%2).")
                .arg(aud.constFirst(), iss),
            QStringLiteral("It is spent at the token endpoint (client_credentials with client_assertion) to get an access "
                           "token; it grants nothing by itself and should live only a few minutes.") };

    if (has(c, "nonce") || has(c, "at_hash") || has(c, "auth_time") || has(c, "azp")
        || (has(c, "iat") && !aud.isEmpty() && !isLoginHost(aud.constFirst()) && iss.startsWith(QStringLiteral("https://"))))
        return { Kind::IdToken, QStringLiteral("OpenID Connect ID token"),
            QStringLiteral("Issued by %1 to the client %2 after the user %3 signed in.")
                .arg(iss.isEmpty() ? QStringLiteral("(no iss)") : iss, aud.join(QStringLiteral(", ")),
                    sub.isEmpty() ? QStringLiteral("(no sub)") : sub),
            kIdTokenCannot };

    if (!aud.isEmpty() && isLoginHost(aud.constFirst()) && !iss.isEmpty() && !sub.isEmpty())
        return { Kind::BearerAssertion, QStringLiteral("JWT bearer assertion (RFC 7523)"),
            QStringLiteral("What a client sends to %1/services/oauth2/token to get an access token: iss is the consumer key "
                           "(%2), sub the user (%3).")
                .arg(aud.constFirst(), iss, sub),
            QStringLiteral("It is exchanged once for an access token (grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer); "
                           "it cannot call APIs itself. Open it in the main tab to exchange it.") };

    return { Kind::OtherJwt, QStringLiteral("JWT"),
        QStringLiteral("A%1 JWT whose use this inspector does not recognise (iss %2).")
            .arg(jwt.alg() == QLatin1String("none") ? QStringLiteral("n unsecured (alg none)")
                    : jwt.isNested()                ? QStringLiteral(" nested")
                                                    : QStringLiteral(" signed"),
                iss.isEmpty() ? QStringLiteral("missing") : iss),
        QStringLiteral("Its meaning depends on who issued it and who it is for (aud).") };
}

} // namespace jwtflow
