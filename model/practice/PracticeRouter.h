#pragma once

#include "practice/FrontDoor.h"
#include "practice/IdentityEndpoints.h"
#include "practice/PracticeReply.h"
#include "practice/PracticeRequest.h"
#include "practice/PracticeState.h"
#include "practice/RestEndpoints.h"
#include "practice/TokenEndpoint.h"

namespace jwtflow {

// Which endpoint answers which path. Paths arrive normalised (PracticeRequest::normalisePath).
class PracticeRouter {
public:
    explicit PracticeRouter(PracticeState &state);

    PracticeReply handle(const PracticeRequest &request);

private:
    PracticeState &m_state;
    TokenEndpoint m_token;
    IdentityEndpoints m_identity;
    RestEndpoints m_rest;
    FrontDoor m_frontDoor;
};

} // namespace jwtflow
