// The inspector's input: whatever is pasted is searched for tokens, each classified and its claims
// explained, never a crash.
#include "inspect/ClaimDictionary.h"
#include "inspect/TokenClassifier.h"
#include "inspect/TokenFinder.h"
#include "token/Jwt.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace jwtflow;
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    for (const TokenFinder::Found &found : TokenFinder::find(text)) {
        (void)TokenClassifier::classify(found.token);
        if (const auto jwt = Jwt::parse(found.token); jwt) {
            (void)ClaimDictionary::explain(jwt->claims(), SystemClock::instance());
            (void)ClaimDictionary::explainHeader(jwt->header());
        }
    }
    return 0;
}
