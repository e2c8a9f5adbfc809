#pragma once

#include "practice/PracticeReply.h"
#include "practice/PracticeRequest.h"
#include "practice/PracticeState.h"

namespace jwtflow {

// Who the token belongs to, and how to check ID tokens: the identity URL /id/<org>/<user>
// (salesforce-wire.md §4.1), /services/oauth2/userinfo (§4.2), /.well-known/openid-configuration
// and /id/keys (§4.5). A missing or bad token gets what Salesforce's identity service answers:
// 403 with the plain text Missing_OAuth_Token or Bad_OAuth_Token.
class IdentityEndpoints {
public:
    explicit IdentityEndpoints(PracticeState &state)
        : m_state(state)
    { }

    PracticeReply identity(const PracticeRequest &request, const QString &orgId, const QString &userId);
    PracticeReply userInfo(const PracticeRequest &request);
    PracticeReply openIdConfiguration() const;
    PracticeReply keys() const;

private:
    // The token check shared by identity and userinfo; on failure `refusal` is set.
    const SessionStore::Session *authenticate(const PracticeRequest &request, PracticeReply *refusal);
    // The "urls" map (§4.1), with {version} replaced when the request asks for a version.
    QByteArray urls(const OrgDirectory::User &user, const QString &version) const;

    PracticeState &m_state;
};

} // namespace jwtflow
