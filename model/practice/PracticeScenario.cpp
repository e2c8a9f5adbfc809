#include "practice/PracticeScenario.h"

namespace jwtflow {

QList<PracticeScenario::Id> PracticeScenario::all()
{
    return { Id::UserNotApproved, Id::ProfileNotPreAuthorized, Id::CertificateMismatch, Id::UnknownConsumerKey, Id::InactiveUser,
        Id::LockedUser, Id::IpRestricted, Id::MissingRefreshTokenScope, Id::AppNotInstalled, Id::SandboxOrg, Id::NoApiScope };
}

QString PracticeScenario::name(Id id)
{
    switch (id) {
    case Id::UserNotApproved:
        return QStringLiteral("user-not-approved");
    case Id::ProfileNotPreAuthorized:
        return QStringLiteral("profile-not-pre-authorized");
    case Id::CertificateMismatch:
        return QStringLiteral("certificate-mismatch");
    case Id::UnknownConsumerKey:
        return QStringLiteral("unknown-consumer-key");
    case Id::InactiveUser:
        return QStringLiteral("inactive-user");
    case Id::LockedUser:
        return QStringLiteral("locked-user");
    case Id::IpRestricted:
        return QStringLiteral("ip-restricted");
    case Id::MissingRefreshTokenScope:
        return QStringLiteral("missing-refresh-token-scope");
    case Id::AppNotInstalled:
        return QStringLiteral("app-not-installed");
    case Id::SandboxOrg:
        return QStringLiteral("sandbox-org");
    case Id::NoApiScope:
        return QStringLiteral("no-api-scope");
    }
    return {};
}

std::optional<PracticeScenario::Id> PracticeScenario::fromName(const QString &text)
{
    for (const Id id : all()) {
        if (name(id) == text.trimmed().toLower())
            return id;
    }
    return std::nullopt;
}

QString PracticeScenario::title(Id id)
{
    switch (id) {
    case Id::UserNotApproved:
        return QStringLiteral("User has not approved the app");
    case Id::ProfileNotPreAuthorized:
        return QStringLiteral("Profile not pre-authorized");
    case Id::CertificateMismatch:
        return QStringLiteral("Certificate does not match the key");
    case Id::UnknownConsumerKey:
        return QStringLiteral("Unknown consumer key");
    case Id::InactiveUser:
        return QStringLiteral("Inactive user");
    case Id::LockedUser:
        return QStringLiteral("Locked user");
    case Id::IpRestricted:
        return QStringLiteral("Login IP restriction");
    case Id::MissingRefreshTokenScope:
        return QStringLiteral("App lacks the refresh_token scope");
    case Id::AppNotInstalled:
        return QStringLiteral("External client app not installed");
    case Id::SandboxOrg:
        return QStringLiteral("The org is a sandbox");
    case Id::NoApiScope:
        return QStringLiteral("App lacks the api scope");
    }
    return {};
}

QString PracticeScenario::description(Id id)
{
    switch (id) {
    case Id::UserNotApproved:
        return QStringLiteral("The app lets users self-authorize, and the user has never approved it with a refresh token.");
    case Id::ProfileNotPreAuthorized:
        return QStringLiteral(
            "The app admits admin-approved users only, and the user's profile is not among its pre-authorized profiles.");
    case Id::CertificateMismatch:
        return QStringLiteral("The app holds a certificate of another key, as after uploading the wrong .crt file.");
    case Id::UnknownConsumerKey:
        return QStringLiteral(
            "No app has the consumer key the assertion names in iss (a typo, an app in another org, a key not yet propagated).");
    case Id::InactiveUser:
        return QStringLiteral("The user is deactivated; the user's open sessions end.");
    case Id::LockedUser:
        return QStringLiteral("The user is locked out (too many failed logins, or frozen by an admin).");
    case Id::IpRestricted:
        return QStringLiteral(
            "The user's profile allows logins from 203.0.113.0/24 only, and this request comes from elsewhere.");
    case Id::MissingRefreshTokenScope:
        return QStringLiteral("The app's OAuth scopes include neither refresh_token nor offline_access.");
    case Id::AppNotInstalled:
        return QStringLiteral("The app is an external client app that is not installed in this org.");
    case Id::SandboxOrg:
        return QStringLiteral("The org is a sandbox: aud https://login.salesforce.com is refused, https://test.salesforce.com "
                              "and the My Domain URL "
                              "are taken.");
    case Id::NoApiScope:
        return QStringLiteral("The app's scopes lack api: the exchange succeeds, and the REST API answers 401 INVALID_SESSION_ID "
                              "\"This session is not valid for use with the REST API\".");
    }
    return {};
}

QString PracticeScenario::expectedCode(Id id)
{
    switch (id) {
    case Id::UserNotApproved:
        return QStringLiteral("E1");
    case Id::ProfileNotPreAuthorized:
        return QStringLiteral("E7");
    case Id::CertificateMismatch:
        return QStringLiteral("E2");
    case Id::UnknownConsumerKey:
        return QStringLiteral("E5");
    case Id::InactiveUser:
        return QStringLiteral("E11");
    case Id::LockedUser:
        return QStringLiteral("E14");
    case Id::IpRestricted:
        return QStringLiteral("E10");
    case Id::MissingRefreshTokenScope:
        return QStringLiteral("E8");
    case Id::AppNotInstalled:
        return QStringLiteral("E6");
    case Id::SandboxOrg:
        return QStringLiteral("E3");
    case Id::NoApiScope:
        return {};
    }
    return {};
}

QString PracticeScenario::expectedError(Id id)
{
    switch (id) {
    case Id::UserNotApproved:
        return QStringLiteral("invalid_grant: user hasn't approved this consumer");
    case Id::ProfileNotPreAuthorized:
        return QStringLiteral("invalid_app_access: user is not admin approved to access this app");
    case Id::CertificateMismatch:
        return QStringLiteral("invalid_grant: invalid assertion");
    case Id::UnknownConsumerKey:
        return QStringLiteral("invalid_client_id: client identifier invalid");
    case Id::InactiveUser:
        return QStringLiteral("invalid_grant: inactive user");
    case Id::LockedUser:
        return QStringLiteral("invalid_grant: user is locked");
    case Id::IpRestricted:
        return QStringLiteral("invalid_grant: IP restricted or invalid login hours");
    case Id::MissingRefreshTokenScope:
        return QStringLiteral(
            "invalid_request: refresh_token scope is required and the connected app should be installed and preauthorized.");
    case Id::AppNotInstalled:
        return QStringLiteral("app_not_found: External client app is not installed in this org");
    case Id::SandboxOrg:
        return QStringLiteral("invalid_grant: audience is invalid");
    case Id::NoApiScope:
        return {};
    }
    return {};
}

Result<void> PracticeScenario::apply(Id id, OrgDirectory &directory, const Target &target)
{
    OrgDirectory::App *app = directory.appByConsumerKey(target.consumerKey);
    OrgDirectory::User *user = directory.userByUsername(target.username);
    if (!app)
        return makeError(QStringLiteral("practice.scenario.no-app"),
            QStringLiteral("The practice org has no app with the consumer key %1.").arg(target.consumerKey));
    if (!user)
        return makeError(
            QStringLiteral("practice.scenario.no-user"), QStringLiteral("The practice org has no user %1.").arg(target.username));
    switch (id) {
    case Id::UserNotApproved:
        app->policy = OrgDirectory::Policy::SelfAuthorize;
        user->approvedApps.removeAll(app->consumerKey);
        break;
    case Id::ProfileNotPreAuthorized:
        app->policy = OrgDirectory::Policy::AdminApproved;
        app->profiles.removeAll(user->profile);
        break;
    case Id::CertificateMismatch:
        if (target.otherCertificate.isNull() || target.otherCertificate == app->certificate)
            return makeError(QStringLiteral("practice.scenario.no-certificate"),
                QStringLiteral("There is no other certificate to give the app."));
        app->setCertificate(target.otherCertificate);
        break;
    case Id::UnknownConsumerKey:
        // The app stays, under a key the assertion does not name; approvals follow the app.
        for (OrgDirectory::User &u : directory.users)
            u.approvedApps.replaceInStrings(app->consumerKey, app->consumerKey + QStringLiteral(".rotated"));
        app->consumerKey += QStringLiteral(".rotated");
        break;
    case Id::InactiveUser:
        user->active = false;
        break;
    case Id::LockedUser:
        user->locked = true;
        break;
    case Id::IpRestricted:
        user->loginIpRanges = { QStringLiteral("203.0.113.0/24") };
        break; // TEST-NET-3: never a real client
    case Id::MissingRefreshTokenScope:
        app->scopes.removeAll(QStringLiteral("refresh_token"));
        app->scopes.removeAll(QStringLiteral("offline_access"));
        break;
    case Id::AppNotInstalled:
        app->kind = OrgDirectory::AppKind::ExternalClientApp;
        app->installed = false;
        break;
    case Id::SandboxOrg:
        directory.org.sandbox = true;
        break;
    case Id::NoApiScope:
        app->scopes.removeAll(QStringLiteral("api"));
        app->scopes.removeAll(QStringLiteral("full"));
        break;
    }
    return {};
}

} // namespace jwtflow
