#pragma once

#include <QString>
#include <QStringList>

namespace jwtflow {

// A JWS "alg" value (RFC 7518 §3.1), matched exactly and case-sensitively: "none", "None" and
// "HS256 " are different strings, and only the first is the unsecured algorithm.
class JwsAlgorithm {
public:
    enum class Family {
        Rsa,         // RS256/384/512: signed and verified here
        Hmac,        // HS256/384/512: signed and verified here
        Unsupported, // registered, but not by this build: PS*, ES*, EdDSA
        None,        // "none": an unsecured JWS
        Unknown,     // not a registered JWS algorithm
    };

    static JwsAlgorithm fromName(const QString &name);

    QString name() const { return m_name; }
    Family family() const { return m_family; }
    bool isSupported() const { return m_family == Family::Rsa || m_family == Family::Hmac; }
    int hashBits() const { return m_hashBits; } // 256, 384 or 512 for RS* and HS*; else 0
    int hashBytes() const { return m_hashBits / 8; }

    // The algorithms this build signs and verifies, in menu order.
    static QStringList supportedNames();

private:
    QString m_name;
    Family m_family = Family::Unknown;
    int m_hashBits = 0;
};

} // namespace jwtflow
