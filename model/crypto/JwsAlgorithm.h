#pragma once

#include <QString>
#include <QStringList>

namespace jwtflow {

// A JWS "alg" value (RFC 7518 §3.1, RFC 8037 §3.1), matched exactly and case-sensitively: "none",
// "None" and "HS256 " are different strings, and only the first is the unsecured algorithm.
class JwsAlgorithm {
public:
    enum class Family {
        Rsa, // RS256/384/512: RSASSA-PKCS1-v1_5
        RsaPss, // PS256/384/512: RSASSA-PSS, MGF1 with the same hash, salt as long as the hash (RFC 7518 §3.5)
        Ecdsa, // ES256/384/512: ECDSA on P-256/P-384/P-521, signature R || S (RFC 7518 §3.4)
        EdDsa, // EdDSA: Ed25519 or Ed448, the curve named by the key (RFC 8037 §3.1)
        Hmac, // HS256/384/512
        Unsupported, // registered, but not by this build: ES256K, the fully-specified Ed25519/Ed448 names
        None, // "none": an unsecured JWS
        Unknown, // not a registered JWS algorithm
    };

    static JwsAlgorithm fromName(const QString &name);

    QString name() const { return m_name; }
    Family family() const { return m_family; }
    bool isSupported() const
    {
        return m_family == Family::Rsa || m_family == Family::RsaPss || m_family == Family::Ecdsa || m_family == Family::EdDsa
            || m_family == Family::Hmac;
    }
    // Signed with an asymmetric private key (everything supported but HMAC).
    bool usesKeyPair() const { return isSupported() && m_family != Family::Hmac; }
    int hashBits() const { return m_hashBits; } // 256, 384 or 512 for RS*, PS*, ES*, HS*; 0 for EdDSA
    int hashBytes() const { return m_hashBits / 8; }
    // ES*: the curve the key must be on ("P-256", "P-384", "P-521") and the size of R || S.
    QString curve() const;
    int ecdsaSignatureBytes() const;

    // The algorithms this build signs and verifies, in menu order.
    static QStringList supportedNames();

private:
    QString m_name;
    Family m_family = Family::Unknown;
    int m_hashBits = 0;
};

} // namespace jwtflow
