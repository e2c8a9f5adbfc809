#pragma once

#include "practice/PracticeReply.h"
#include "practice/PracticeRequest.h"
#include "practice/PracticeState.h"

namespace jwtflow {

// The browser side (salesforce-wire.md §4.4): /secur/frontdoor.jsp?sid=TOKEN[&retURL=/path]
// turns an access token into a browser session (the "sid" cookie) and redirects to retURL (a
// path on this org; anything else goes home); /services/oauth2/singleaccess trades a token for a
// single-use frontdoor link ({"frontdoor_uri": ...?otp=...}). Pages behind them are small HTML
// pages saying who is signed in; without a session they redirect to the login page, as
// Salesforce does.
class FrontDoor {
public:
    static constexpr qint64 kOneTimeLinkSecs = 60;

    explicit FrontDoor(PracticeState &state)
        : m_state(state)
    { }

    PracticeReply frontdoor(const PracticeRequest &request);
    PracticeReply singleAccess(const PracticeRequest &request);
    // Any other page: the home page with a session, the login page without one.
    PracticeReply page(const PracticeRequest &request);

private:
    PracticeReply startSession(const QString &accessToken, const QString &retUrl);
    PracticeReply loginPage(const QString &message) const;

    PracticeState &m_state;
};

} // namespace jwtflow
