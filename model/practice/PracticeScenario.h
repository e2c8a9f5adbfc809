#pragma once

#include "core/Result.h"
#include "crypto/Certificate.h"
#include "practice/OrgDirectory.h"

#include <QList>
#include <QString>

#include <optional>

namespace jwtflow {

// Failures on purpose, for trainers and tests: each scenario edits the org so that the next
// exchange by the target app and user fails the way Salesforce fails for that cause. They stack;
// PracticeOrg::resetScenarios() restores the configured org.
class PracticeScenario {
public:
    enum class Id {
        UserNotApproved, // self-authorize policy, no prior approval          -> E1
        ProfileNotPreAuthorized, // admin-approved policy without the user's profile  -> E7
        CertificateMismatch, // the app holds another certificate                  -> E2
        UnknownConsumerKey, // the app's consumer key changed                     -> E5
        InactiveUser, // the user is deactivated (sessions end too)         -> E11
        LockedUser, // the user is locked out                             -> E14
        IpRestricted, // the user's profile allows other addresses only     -> E10
        MissingRefreshTokenScope, // neither refresh_token nor offline_access           -> E8
        AppNotInstalled, // an external client app not installed in the org    -> E6
        SandboxOrg, // the org becomes a sandbox: login.salesforce.com refused -> E3
        NoApiScope, // the token works, the REST API refuses it (INVALID_SESSION_ID)
    };

    // Whom a scenario concerns: an app and a user of the org, and for CertificateMismatch the
    // certificate the app gets instead.
    struct Target {
        QString consumerKey;
        QString username;
        Certificate otherCertificate;
    };

    static QList<Id> all();
    static QString name(Id id); // "user-not-approved": stable, for --scenario and settings
    static std::optional<Id> fromName(const QString &name);
    static QString title(Id id); // "User has not approved the app"
    static QString description(Id id); // what changes and what the exchange then answers
    static QString expectedCode(Id id); // "E1", ..., or "" when the exchange still succeeds
    static QString expectedError(Id id); // "invalid_grant: user hasn't approved this consumer"

    // Error codes "practice.scenario.no-app", "practice.scenario.no-user", "practice.scenario.no-certificate".
    static Result<void> apply(Id id, OrgDirectory &directory, const Target &target);
};

} // namespace jwtflow
