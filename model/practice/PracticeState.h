#pragma once

#include "core/Clock.h"
#include "practice/IdTokenMinter.h"
#include "practice/JwtAccessTokenMinter.h"
#include "practice/OrgDirectory.h"
#include "practice/PracticeRequest.h"
#include "practice/SessionStore.h"

#include <QHash>
#include <QString>
#include <QUrl>

namespace jwtflow {

// What the practice org's endpoints share: the org as configured now (scenarios included), the
// clock, its own URL, the access tokens it issued, the ID-token signing key and the one-time
// frontdoor links. Owned by PracticeOrg; used on the server's thread only.
class PracticeState {
public:
    OrgDirectory directory;
    const Clock *clock = &SystemClock::instance();
    QUrl url; // http://127.0.0.1:PORT
    QString origin; // the same as text, no trailing slash
    SessionStore sessions;
    IdTokenMinter minter;
    JwtAccessTokenMinter accessTokenMinter; // the same key and kid as minter

    struct OneTimeLink {
        QString accessToken;
        qint64 expiresAt = 0;
    };
    QHash<QString, OneTimeLink> oneTimeLinks; // singleaccess otp -> session
    static constexpr qsizetype kMaxOneTimeLinks = 1000;

    void setUrl(const QUrl &serverUrl);

    // The token a request carries: "Authorization: Bearer|OAuth <token>", else oauth_token= (the
    // identity URL takes it there, salesforce-wire.md §4.1).
    static QString accessToken(const PracticeRequest &request);
    // Its session, or nullptr (unknown, expired, or the user has since been deactivated).
    const SessionStore::Session *session(const PracticeRequest &request);
    const SessionStore::Session *session(const QString &accessToken);
    // The browser session of frontdoor.jsp (the "sid" cookie).
    const SessionStore::Session *cookieSession(const PracticeRequest &request);

    QString identityUrl(const QString &userId) const; // <origin>/id/<org18>/<user18>
    qint64 nowSecs() const { return clock->nowSecs(); }
};

} // namespace jwtflow
