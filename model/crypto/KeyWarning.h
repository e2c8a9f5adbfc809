#pragma once

#include <QList>
#include <QString>

namespace jwtflow {

// Something about a key, certificate or secret that works but deserves attention (a 1024-bit
// key, an expired certificate). Same three readers as Error: code, message, hint.
struct KeyWarning {
    QString code;
    QString message;
    QString hint;

    bool operator==(const KeyWarning &other) const = default;
};

using KeyWarnings = QList<KeyWarning>;

// "key.weak-rsa" for an RSA key under 2048 bits (RFC 7518 §3.3), for private and public keys alike.
inline KeyWarnings rsaStrengthWarnings(bool isRsa, int bits, const QString &source)
{
    if (!isRsa || bits >= 2048)
        return {};
    return { { QStringLiteral("key.weak-rsa"),
        QStringLiteral("The RSA key from %1 has %2 bits; RFC 7518 requires at least 2048 for RS256.").arg(source).arg(bits),
        QStringLiteral("Generate a 2048-bit (or larger) key and upload its new certificate to the connected app.") } };
}

} // namespace jwtflow
