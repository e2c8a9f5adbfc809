#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <utility>

namespace jwtflow {

// PEM text (RFC 7468), read by jwtflow itself before QCA sees it: QCA's OpenSSL reader answers
// every problem with "decode error" and mangles a BOM that reached a QString into '?'. Reading
// it here lets each failure (no END line, a cut body, stray characters) get its own message, and
// what QCA is given is re-encoded clean: LF line ends, 64-column lines, no BOM.
class Pem {
public:
    struct Block {
        QByteArray label; // e.g. "PRIVATE KEY"
        QList<std::pair<QByteArray, QByteArray>> headers; // RFC 1421: Proc-Type, DEK-Info
        QByteArray body; // DER, or ciphertext when legacy-encrypted
        int line = 0; // 1-based line of the BEGIN line

        QByteArray header(const QByteArray &name) const;
        // "Proc-Type: 4,ENCRYPTED": OpenSSL's traditional encrypted PEM (the body is not DER).
        bool isLegacyEncrypted() const;
    };

    static bool containsPem(QByteArrayView text);

    // Every block in `text`; text between blocks is ignored (openssl's "Bag Attributes" lines).
    // Error codes: "key.truncated-pem" (no END line, or the body ends before its DER does),
    // "key.bad-pem" (characters that are not base64, mismatched END, bytes that are not DER).
    static Result<QList<Block>> parse(const QByteArray &text, const QString &source);

    static QByteArray encode(
        const QByteArray &label, const QByteArray &body, const QList<std::pair<QByteArray, QByteArray>> &headers = {});
};

} // namespace jwtflow
