#pragma once

#include "core/Result.h"

#include <QByteArray>

namespace jwtflow {

// base64url without padding (RFC 7515 §2, RFC 4648 §5). Decoding is strict, because
// QByteArray::fromBase64 accepts malformed input even with AbortOnBase64DecodingErrors:
// every rejection names the 0-based position in the encoded text and the reason.
class Base64Url {
public:
    static QByteArray encode(const QByteArray &data);

    // Error codes: "base64url.illegal-character", "base64url.padding", "base64url.length",
    // "base64url.trailing-bits".
    static Result<QByteArray> decode(QByteArrayView encoded);
};

} // namespace jwtflow
