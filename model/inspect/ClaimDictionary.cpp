#include "inspect/ClaimDictionary.h"

#include "token/DateClaim.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

namespace jwtflow {

namespace {

using Entry = ClaimDictionary::Entry;

const QList<Entry> &entries()
{
    static const QString rfc = QStringLiteral("RFC 7519");
    static const QString oidc = QStringLiteral("OpenID Connect");
    static const QString sf = QStringLiteral("Salesforce");
    static const QString ms = QStringLiteral("Microsoft Entra");
    static const QString jws = QStringLiteral("RFC 7515");
    static const QList<Entry> list = {
        // Registered claims.
        { QStringLiteral("iss"), QStringLiteral("Issuer"),
            QStringLiteral("Who created and signed the token. For a bearer assertion: the connected app's consumer key. For an "
                           "ID token: the identity provider's URL."),
            rfc },
        { QStringLiteral("sub"), QStringLiteral("Subject"),
            QStringLiteral(
                "Whom the token is about: the user (username in a Salesforce assertion, a stable user id in an ID token)."),
            rfc },
        { QStringLiteral("aud"), QStringLiteral("Audience"),
            QStringLiteral("Who must accept the token. A recipient rejects a token whose aud is not itself: the login host for "
                           "an assertion, the client id for an ID token."),
            rfc },
        { QStringLiteral("exp"), QStringLiteral("Expiration time"),
            QStringLiteral("After this moment the token must be rejected (seconds since 1970, UTC)."), rfc },
        { QStringLiteral("nbf"), QStringLiteral("Not before"), QStringLiteral("Before this moment the token must be rejected."),
            rfc },
        { QStringLiteral("iat"), QStringLiteral("Issued at"), QStringLiteral("When the token was created."), rfc },
        { QStringLiteral("jti"), QStringLiteral("JWT ID"),
            QStringLiteral("A unique id, so a recipient can refuse a token it has already seen (replay)."), rfc },
        // OpenID Connect.
        { QStringLiteral("nonce"), QStringLiteral("Nonce"),
            QStringLiteral("The value the client sent in its authorisation request; the client must check it matches, which "
                           "stops replayed ID tokens."),
            oidc },
        { QStringLiteral("at_hash"), QStringLiteral("Access token hash"),
            QStringLiteral(
                "Left half of the hash of the access token issued with this ID token, base64url: ties the two together."),
            oidc },
        { QStringLiteral("c_hash"), QStringLiteral("Code hash"),
            QStringLiteral("Left half of the hash of the authorisation code issued with this ID token."), oidc },
        { QStringLiteral("auth_time"), QStringLiteral("Authentication time"),
            QStringLiteral("When the user actually signed in (may be earlier than iat)."), oidc },
        { QStringLiteral("azp"), QStringLiteral("Authorised party"),
            QStringLiteral("The client the ID token was issued to, when aud lists several."), oidc },
        { QStringLiteral("acr"), QStringLiteral("Authentication context class"),
            QStringLiteral("How strongly the user was authenticated."), oidc },
        { QStringLiteral("amr"), QStringLiteral("Authentication methods"),
            QStringLiteral("Which methods were used to sign in (pwd, mfa, otp …)."), oidc },
        { QStringLiteral("name"), QStringLiteral("Full name"), QStringLiteral("The user's display name."), oidc },
        { QStringLiteral("given_name"), QStringLiteral("Given name"), QStringLiteral("First name."), oidc },
        { QStringLiteral("family_name"), QStringLiteral("Family name"), QStringLiteral("Last name."), oidc },
        { QStringLiteral("nickname"), QStringLiteral("Nickname"), QStringLiteral("Casual name."), oidc },
        { QStringLiteral("preferred_username"), QStringLiteral("Preferred username"),
            QStringLiteral("The username the user is known by; in Salesforce the login username. Not guaranteed unique or stable "
                           "— use sub to identify users."),
            oidc },
        { QStringLiteral("email"), QStringLiteral("Email"), QStringLiteral("The user's email address."), oidc },
        { QStringLiteral("email_verified"), QStringLiteral("Email verified"),
            QStringLiteral("Whether the provider has verified the email address."), oidc },
        { QStringLiteral("phone_number"), QStringLiteral("Phone number"), QStringLiteral("The user's phone number."), oidc },
        { QStringLiteral("phone_number_verified"), QStringLiteral("Phone verified"),
            QStringLiteral("Whether the phone number was verified."), oidc },
        { QStringLiteral("picture"), QStringLiteral("Picture"), QStringLiteral("URL of the user's photo."), oidc },
        { QStringLiteral("profile"), QStringLiteral("Profile page"), QStringLiteral("URL of the user's profile page."), oidc },
        { QStringLiteral("zoneinfo"), QStringLiteral("Time zone"), QStringLiteral("The user's time zone (e.g. Europe/Paris)."),
            oidc },
        { QStringLiteral("locale"), QStringLiteral("Locale"), QStringLiteral("The user's locale (e.g. en_US)."), oidc },
        { QStringLiteral("address"), QStringLiteral("Address"), QStringLiteral("The user's postal address."), oidc },
        { QStringLiteral("updated_at"), QStringLiteral("Profile updated"),
            QStringLiteral("When the user's profile last changed: a number of seconds in OpenID Connect, a date-time string from "
                           "Salesforce."),
            oidc },
        { QStringLiteral("sid"), QStringLiteral("Session id"), QStringLiteral("Identifies the sign-in session (for logout)."),
            oidc },
        // Salesforce.
        { QStringLiteral("organization_id"), QStringLiteral("Salesforce org id"),
            QStringLiteral("The 18-character id of the Salesforce org (starts with 00D)."), sf },
        { QStringLiteral("user_id"), QStringLiteral("Salesforce user id"),
            QStringLiteral("The 18-character id of the user (starts with 005)."), sf },
        { QStringLiteral("user_type"), QStringLiteral("User type"),
            QStringLiteral("STANDARD for internal users; others for portal and community users."), sf },
        { QStringLiteral("urls"), QStringLiteral("Salesforce URLs"),
            QStringLiteral("The org's API endpoints for this user: rest, sobjects, query, enterprise, partner, metadata … "
                           "({version} is a placeholder for the API version)."),
            sf },
        { QStringLiteral("active"), QStringLiteral("Active user"), QStringLiteral("Whether the user is active."), sf },
        { QStringLiteral("language"), QStringLiteral("Language"), QStringLiteral("The user's language."), sf },
        { QStringLiteral("utcOffset"), QStringLiteral("UTC offset"),
            QStringLiteral("The user's offset from UTC, in milliseconds."), sf },
        { QStringLiteral("photos"), QStringLiteral("Photos"), QStringLiteral("URLs of the user's picture and thumbnail."), sf },
        { QStringLiteral("is_app_installed"), QStringLiteral("App installed"),
            QStringLiteral("Whether the connected app is installed in the user's org."), sf },
        { QStringLiteral("is_salesforce_integration_user"), QStringLiteral("Integration user"),
            QStringLiteral("Whether the user is a Salesforce integration user."), sf },
        { QStringLiteral("custom_attributes"), QStringLiteral("Custom attributes"),
            QStringLiteral("Attributes the connected app adds to the token."), sf },
        { QStringLiteral("custom_permissions"), QStringLiteral("Custom permissions"),
            QStringLiteral("Custom permissions of the user that the connected app asked for."), sf },
        // Microsoft Entra.
        { QStringLiteral("oid"), QStringLiteral("Object id"),
            QStringLiteral("The user's (or service principal's) immutable id in the tenant: the claim to identify a user by."),
            ms },
        { QStringLiteral("tid"), QStringLiteral("Tenant id"), QStringLiteral("The directory (tenant) the user signed in to."),
            ms },
        { QStringLiteral("scp"), QStringLiteral("Scopes"),
            QStringLiteral("Delegated permissions granted to the client, space-separated: an access-token claim (Entra, and "
                           "Salesforce's JWT-based access tokens)."),
            ms },
        { QStringLiteral("roles"), QStringLiteral("Roles"),
            QStringLiteral("Application roles (app permissions for client credentials, or user roles)."), ms },
        { QStringLiteral("appid"), QStringLiteral("Application id (v1)"),
            QStringLiteral("The client id of the application that got the token."), ms },
        { QStringLiteral("azpacr"), QStringLiteral("Client authentication method"),
            QStringLiteral("0 public client, 1 client secret, 2 certificate."), ms },
        { QStringLiteral("appidacr"), QStringLiteral("Client authentication method (v1)"),
            QStringLiteral("0 public client, 1 client secret, 2 certificate."), ms },
        { QStringLiteral("ver"), QStringLiteral("Token version"),
            QStringLiteral("1.0 or 2.0: which Entra endpoint issued the token."), ms },
        { QStringLiteral("upn"), QStringLiteral("User principal name"),
            QStringLiteral("The user's sign-in name; may change, so do not use it as an id."), ms },
        { QStringLiteral("unique_name"), QStringLiteral("Unique name (v1)"),
            QStringLiteral("A human-readable user name; not guaranteed unique."), ms },
        { QStringLiteral("idp"), QStringLiteral("Identity provider"),
            QStringLiteral("Who authenticated the user, when not the tenant itself."), ms },
        { QStringLiteral("uti"), QStringLiteral("Token id"), QStringLiteral("Entra's internal token identifier."), ms },
        { QStringLiteral("rh"), QStringLiteral("Refresh hint"), QStringLiteral("Internal to Entra; ignore."), ms },
        { QStringLiteral("xms_tcdt"), QStringLiteral("Tenant creation time"), QStringLiteral("When the tenant was created."),
            ms },
        { QStringLiteral("wids"), QStringLiteral("Directory roles"), QStringLiteral("Ids of the tenant-wide roles the user has."),
            ms },
        { QStringLiteral("groups"), QStringLiteral("Groups"), QStringLiteral("Ids of the groups the user belongs to."), ms },
        // Other common claims.
        { QStringLiteral("scope"), QStringLiteral("Scope"),
            QStringLiteral("Permissions granted, space-separated (RFC 8693 / RFC 9068)."), QStringLiteral("RFC 9068") },
        { QStringLiteral("client_id"), QStringLiteral("Client id"),
            QStringLiteral("The client the token was issued to (RFC 9068)."), QStringLiteral("RFC 9068") },
    };
    return list;
}

const QList<Entry> &headerEntries()
{
    static const QString jws = QStringLiteral("RFC 7515");
    static const QString sf = QStringLiteral("Salesforce");
    static const QList<Entry> list = {
        { QStringLiteral("alg"), QStringLiteral("Algorithm"),
            QStringLiteral(
                "How the token is signed. Salesforce accepts RS256 for assertions. \"none\" means unsigned: never accept it."),
            jws },
        { QStringLiteral("typ"), QStringLiteral("Type"),
            QStringLiteral("The media type of the token, usually JWT (at+jwt for access tokens)."), jws },
        { QStringLiteral("kid"), QStringLiteral("Key id"),
            QStringLiteral("Which of the issuer's keys signed it: the verifier picks that key from the issuer's JWKS."), jws },
        { QStringLiteral("x5t"), QStringLiteral("Certificate thumbprint (SHA-1)"),
            QStringLiteral("base64url SHA-1 of the signing certificate (DER); Entra uses it to find the uploaded certificate."),
            jws },
        { QStringLiteral("x5t#S256"), QStringLiteral("Certificate thumbprint (SHA-256)"),
            QStringLiteral("base64url SHA-256 of the signing certificate (DER)."), jws },
        { QStringLiteral("cty"), QStringLiteral("Content type"), QStringLiteral("The type of the payload; JWT when nested."),
            jws },
        { QStringLiteral("crit"), QStringLiteral("Critical"),
            QStringLiteral("Header members the recipient must understand or reject the token."), jws },
        { QStringLiteral("jku"), QStringLiteral("JWK Set URL"),
            QStringLiteral(
                "A URL the token says its keys are at. Never trust it blindly: anyone can point it at their own keys."),
            jws },
        { QStringLiteral("jwk"), QStringLiteral("Embedded key"),
            QStringLiteral("A key carried in the token itself. Verifying with it proves only that the token was signed with that "
                           "key, not who signed it."),
            jws },
        { QStringLiteral("x5u"), QStringLiteral("Certificate URL"),
            QStringLiteral("A URL for the signing certificate; as untrustworthy as jku unless the host is known."), jws },
        { QStringLiteral("x5c"), QStringLiteral("Certificate chain"),
            QStringLiteral("Certificates carried in the token; trust only after validating the chain to a known root."), jws },
        { QStringLiteral("enc"), QStringLiteral("Encryption"), QStringLiteral("The content encryption of a JWE."),
            QStringLiteral("RFC 7516") },
        // Salesforce Help, "JWT-Based Access Tokens".
        { QStringLiteral("tty"), QStringLiteral("Token type"),
            QStringLiteral("sfdc-core-token: a Salesforce JWT-based access token."), sf },
        { QStringLiteral("tnk"), QStringLiteral("Tenant key"),
            QStringLiteral("Names the Salesforce org that issued the token, so that the org's public key can be found."), sf },
        { QStringLiteral("ver"), QStringLiteral("Version"),
            QStringLiteral("The version of Salesforce's JWT library that made the token."), sf },
    };
    return list;
}

QString valueText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    return QString::fromUtf8(QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
}

ClaimDictionary::Explained explainOne(const QString &name, const QJsonValue &value, const Entry *entry)
{
    ClaimDictionary::Explained e;
    e.name = name;
    e.value = valueText(value);
    if (entry) {
        e.title = entry->title;
        e.meaning = entry->meaning;
        e.source = entry->source;
        e.known = true;
    } else {
        e.title = QStringLiteral("Unknown claim");
    }
    return e;
}

} // namespace

const ClaimDictionary::Entry *ClaimDictionary::find(const QString &name)
{
    for (const Entry &entry : entries()) {
        if (entry.name == name)
            return &entry;
    }
    return nullptr;
}

QList<ClaimDictionary::Explained> ClaimDictionary::explain(const QJsonObject &claims, const Clock &clock)
{
    QList<Explained> list;
    for (auto it = claims.begin(); it != claims.end(); ++it) {
        Explained e = explainOne(it.key(), it.value(), find(it.key()));
        // Which claims are dates, and how each is read, is DateClaim's rule.
        if (const auto date = DateClaim::read(it.key(), it.value(), clock)) {
            if (!date->description.isEmpty())
                e.value += QStringLiteral(" — %1").arg(date->description);
            e.notes = date->notes;
        }
        list.append(e);
    }
    return list;
}

QList<ClaimDictionary::Explained> ClaimDictionary::explainHeader(const QJsonObject &header)
{
    QList<Explained> list;
    for (auto it = header.begin(); it != header.end(); ++it) {
        const Entry *entry = nullptr;
        for (const Entry &candidate : headerEntries()) {
            if (candidate.name == it.key())
                entry = &candidate;
        }
        list.append(explainOne(it.key(), it.value(), entry));
    }
    return list;
}

} // namespace jwtflow
