#include "practice/IdentityEndpoints.h"

#include "practice/OrderedJson.h"
#include "practice/SalesforceId.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace jwtflow {

namespace {

QString versionParameter(const PracticeRequest &request, const QString &latest)
{
    const QString version = request.queryValue(QStringLiteral("version"));
    if (version.isEmpty())
        return QStringLiteral("{version}"); // Salesforce leaves the placeholder in (§4.1)
    if (version == QLatin1String("latest"))
        return latest;
    return version.contains(QLatin1Char('.')) ? version : version + QStringLiteral(".0");
}

QByteArray stringArray(std::initializer_list<const char *> items)
{
    QJsonArray array;
    for (const char *item : items)
        array.append(QString::fromLatin1(item));
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

} // namespace

const SessionStore::Session *IdentityEndpoints::authenticate(const PracticeRequest &request, PracticeReply *refusal)
{
    const QString token = PracticeState::accessToken(request);
    if (token.isEmpty()) {
        *refusal = PracticeReply::text(403, "Missing_OAuth_Token");
        return nullptr;
    }
    const SessionStore::Session *session = m_state.session(token);
    if (!session)
        *refusal = PracticeReply::text(403, "Bad_OAuth_Token");
    return session;
}

QByteArray IdentityEndpoints::urls(const OrgDirectory::User &user, const QString &version) const
{
    const QString base = m_state.origin;
    const QString org15 = m_state.directory.orgId15();
    const QString rest = base + QStringLiteral("/services/data/v") + version + QLatin1Char('/');
    OrderedJson u;
    u.add(u"enterprise", base + QStringLiteral("/services/Soap/c/") + version + QLatin1Char('/') + org15)
        .add(u"metadata", base + QStringLiteral("/services/Soap/m/") + version + QLatin1Char('/') + org15)
        .add(u"partner", base + QStringLiteral("/services/Soap/u/") + version + QLatin1Char('/') + org15)
        .add(u"rest", rest)
        .add(u"sobjects", rest + QStringLiteral("sobjects/"))
        .add(u"search", rest + QStringLiteral("search/"))
        .add(u"query", rest + QStringLiteral("query/"))
        .add(u"recent", rest + QStringLiteral("recent/"))
        .add(u"tooling_soap", base + QStringLiteral("/services/Soap/T/") + version + QLatin1Char('/') + org15)
        .add(u"tooling_rest", rest + QStringLiteral("tooling/"))
        .add(u"profile", base + QLatin1Char('/') + user.id)
        .add(u"feeds", rest + QStringLiteral("chatter/feeds"))
        .add(u"groups", rest + QStringLiteral("chatter/groups"))
        .add(u"users", rest + QStringLiteral("chatter/users"))
        .add(u"feed_items", rest + QStringLiteral("chatter/feed-items"))
        .add(u"feed_elements", rest + QStringLiteral("chatter/feed-elements"))
        .add(u"custom_domain", base);
    return u.toJson();
}

PracticeReply IdentityEndpoints::identity(const PracticeRequest &request, const QString &orgId, const QString &userId)
{
    PracticeReply refusal;
    const SessionStore::Session *session = authenticate(request, &refusal);
    if (!session)
        return refusal;
    const OrgDirectory::User *user = m_state.directory.userById(userId);
    if (!SalesforceId::same(orgId, m_state.directory.org.id) || !user)
        return PracticeReply::text(404, "Bad_Id");
    const QString version = versionParameter(request, m_state.directory.org.apiVersion);
    const QString photo = m_state.origin + QStringLiteral("/profilephoto/005/");
    OrderedJson json;
    json.add(u"id", m_state.identityUrl(user->id))
        .add(u"asserted_user", SalesforceId::same(user->id, session->userId))
        .add(u"user_id", user->id)
        .add(u"organization_id", m_state.directory.org.id)
        .add(u"username", user->username)
        .add(u"nick_name", user->username.section(QLatin1Char('@'), 0, 0))
        .add(u"display_name", user->name())
        .add(u"email", user->email)
        .add(u"email_verified", true)
        .add(u"first_name", user->firstName)
        .add(u"last_name", user->lastName)
        .add(u"timezone", user->timezone)
        .addRaw(u"photos",
            OrderedJson().add(u"picture", photo + QStringLiteral("F")).add(u"thumbnail", photo + QStringLiteral("T")).toJson())
        .addNull(u"addr_street")
        .addNull(u"addr_city")
        .addNull(u"addr_state")
        .add(u"addr_country", "US")
        .addNull(u"addr_zip")
        .addNull(u"mobile_phone")
        .add(u"mobile_phone_verified", false)
        .add(u"is_lightning_login_user", false)
        .addRaw(u"status", OrderedJson().addNull(u"created_date").addNull(u"body").toJson())
        .addRaw(u"urls", urls(*user, version))
        .add(u"active", user->active)
        .add(u"user_type", "STANDARD")
        .add(u"language", user->locale)
        .add(u"locale", user->locale)
        .add(u"utcOffset", qint64(-28800000))
        .add(u"last_modified_date", "2026-01-01T00:00:00Z")
        .add(u"is_app_installed", true);
    PracticeReply reply = PracticeReply::json(200, json.toJson());
    reply.note = user->username;
    return reply;
}

PracticeReply IdentityEndpoints::userInfo(const PracticeRequest &request)
{
    PracticeReply refusal;
    const SessionStore::Session *session = authenticate(request, &refusal);
    if (!session)
        return refusal;
    const OrgDirectory::User *user = m_state.directory.userById(session->userId);
    if (!user)
        return PracticeReply::text(403, "Bad_OAuth_Token");
    const QString version = versionParameter(request, m_state.directory.org.apiVersion);
    const QString photo = m_state.origin + QStringLiteral("/profilephoto/005/");
    OrderedJson json;
    json.add(u"sub", m_state.identityUrl(user->id))
        .add(u"user_id", user->id)
        .add(u"organization_id", m_state.directory.org.id)
        .add(u"preferred_username", user->username)
        .add(u"nickname", user->username.section(QLatin1Char('@'), 0, 0))
        .add(u"name", user->name())
        .add(u"email", user->email)
        .add(u"email_verified", true)
        .add(u"given_name", user->firstName)
        .add(u"family_name", user->lastName)
        .add(u"zoneinfo", user->timezone)
        .addRaw(u"photos",
            OrderedJson().add(u"picture", photo + QStringLiteral("F")).add(u"thumbnail", photo + QStringLiteral("T")).toJson())
        .add(u"profile", m_state.origin + QLatin1Char('/') + user->id)
        .add(u"picture", photo + QStringLiteral("F"))
        .addRaw(u"address", OrderedJson().add(u"country", "US").toJson())
        .add(u"is_salesforce_integration_user", false)
        .addRaw(u"urls", urls(*user, version))
        .add(u"active", user->active)
        .add(u"user_type", "STANDARD")
        .add(u"language", user->locale)
        .add(u"locale", user->locale)
        .add(u"utcOffset", qint64(-28800000))
        .add(u"updated_at", "2026-01-01T00:00:00Z")
        .add(u"is_app_installed", true);
    PracticeReply reply = PracticeReply::json(200, json.toJson());
    reply.note = user->username;
    return reply;
}

PracticeReply IdentityEndpoints::openIdConfiguration() const
{
    // Only endpoints this org answers: Salesforce's own document also names authorize, revoke,
    // register and introspect, which a client would find answering 404 here.
    const QString o = m_state.origin;
    OrderedJson json;
    json.add(u"issuer", o)
        .add(u"token_endpoint", o + QStringLiteral("/services/oauth2/token"))
        .add(u"userinfo_endpoint", o + QStringLiteral("/services/oauth2/userinfo"))
        .add(u"jwks_uri", o + QStringLiteral("/id/keys"))
        .addRaw(u"scopes_supported",
            stringArray({ "id", "api", "web", "full", "chatter_api", "visualforce", "refresh_token", "openid", "profile", "email",
                "address", "phone", "offline_access", "custom_permissions", "wave_api", "eclair_api" }))
        .addRaw(u"response_types_supported", stringArray({ "code", "token", "token id_token" }))
        .addRaw(u"subject_types_supported", stringArray({ "public" }))
        .addRaw(u"id_token_signing_alg_values_supported", stringArray({ "RS256" }))
        .addRaw(u"display_values_supported", stringArray({ "page", "popup", "touch" }))
        .addRaw(u"token_endpoint_auth_methods_supported",
            stringArray({ "client_secret_post", "client_secret_basic", "private_key_jwt" }))
        .addRaw(u"claims_supported",
            stringArray({ "active", "address", "email", "email_verified", "family_name", "given_name", "is_app_installed",
                "language", "locale", "name", "nickname", "organization_id", "phone_number", "phone_number_verified", "photos",
                "picture", "preferred_username", "profile", "sub", "updated_at", "urls", "user_id", "user_type", "zoneinfo" }));
    return PracticeReply::json(200, json.toJson());
}

PracticeReply IdentityEndpoints::keys() const
{
    return PracticeReply::json(200, QJsonDocument(m_state.minter.jwks()).toJson(QJsonDocument::Compact));
}

} // namespace jwtflow
