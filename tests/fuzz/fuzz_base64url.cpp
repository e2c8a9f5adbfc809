// Strict base64url: decoding never crashes, and whatever decodes re-encodes to the same text.
#include "token/Base64Url.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const auto decoded = jwtflow::Base64Url::decode(input);
    if (decoded && jwtflow::Base64Url::encode(decoded.value()) != input)
        std::abort(); // strict decoding must accept only canonical text
    return 0;
}
