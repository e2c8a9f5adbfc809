#pragma once

#include "core/Clock.h"
#include "practice/OrgDirectory.h"

#include <QByteArray>
#include <QHostAddress>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace jwtflow {

// The practice org's token endpoint decision for the JWT bearer grant, in Salesforce's order
// (salesforce-wire.md §1.5): the form and grant type (E9), the assertion's shape, the consumer key
// (E5, E6), the signature against the app's certificate (E2), aud (E3), exp (E4), then the user
// and the approval (E1, E11, E14, E10, E8, E7). Each refusal carries Salesforce's exact error and
// error_description, and for people the E-number and what exactly did not match.
class AssertionValidator {
public:
    struct Request {
        QByteArray method = "POST";
        QByteArray contentType;
        QByteArray body;
        QHostAddress remoteAddress = QHostAddress(QHostAddress::LocalHost);
    };

    struct Grant {
        QString consumerKey;
        QString userId;
        QStringList scopes;
        QStringList notes; // accepted, but worth knowing (exp in milliseconds, trailing slash in aud, ...)
    };

    struct Refusal {
        int status = 400;
        QString error; // "invalid_grant"
        QString description; // "audience is invalid"
        QString code; // "E3"
        QString reason; // what the practice org saw, for logs and trainers
    };

    struct Outcome {
        bool granted = false;
        Grant grant;
        Refusal refusal;
    };

    // `myDomain` is the org's own URL (accepted as aud unless the org says otherwise).
    AssertionValidator(const OrgDirectory &directory, const Clock &clock, const QUrl &myDomain);

    Outcome validate(const Request &request) const;

    // aud values this org accepts, normalised (no trailing slash, lower-case scheme and host).
    QStringList acceptedAudiences() const;
    static QString normaliseAudience(const QString &aud);

    static constexpr const char *kGrantType = "urn:ietf:params:oauth:grant-type:jwt-bearer";

private:
    const OrgDirectory &m_directory;
    const Clock &m_clock;
    QUrl m_myDomain;
};

} // namespace jwtflow
