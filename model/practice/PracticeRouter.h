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
// The state is the endpoints' (each keeps a reference); the router itself only dispatches, so
// it can be driven in-process without a server (tests, fuzz_practice_request).
class PracticeRouter {
public:
    explicit PracticeRouter(PracticeState &state);

    PracticeReply handle(const PracticeRequest &request);

private:
    TokenEndpoint m_token;
    IdentityEndpoints m_identity;
    RestEndpoints m_rest;
    FrontDoor m_frontDoor;
};

} // namespace jwtflow
