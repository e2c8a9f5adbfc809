// Compact JWS parsing and the editor's re-encoding path on arbitrary input.
#include "flow/TokenDocument.h"
#include "token/Jwt.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    auto jwt = jwtflow::Jwt::parse(text);
    if (jwt) {
        // An untouched token must serialise to what was parsed (after the input clean-up).
        (void)jwt->encoded();
        (void)jwt->setHeaderJson(jwt->headerJson());
        (void)jwt->setPayloadJson(jwt->payloadJson());
    }
    jwtflow::TokenDocument document;
    document.setEncodedText(text);
    document.setPayloadText(text);
    document.setHeaderText(text);
    document.setClaim(QStringLiteral("exp"), 1);
    return 0;
}
