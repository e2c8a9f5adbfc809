#pragma once

#include <QByteArray>
#include <QString>

namespace jwtflow {

// What a DER structure is, decided from its shape and algorithm OID, before QCA is asked: QCA
// has no EC, EdDSA or RSA-PSS keys and reports them as a bare decode error, and the user
// deserves "this is an EC key" rather than "bad file".
class KeyFormat {
public:
    enum class Structure {
        Unknown,
        Certificate, // X.509
        CertificateRequest, // PKCS#10
        Pkcs12, // PFX
        PrivateKeyInfo, // PKCS#8
        EncryptedPrivateKeyInfo, // PKCS#8, encrypted
        RsaPrivateKey, // PKCS#1
        RsaPublicKey, // PKCS#1
        SubjectPublicKeyInfo, // X.509 public key
        EcPrivateKey, // SEC1
        DsaPrivateKey, // OpenSSL traditional
    };
    enum class KeyType { Unknown, Rsa, RsaPss, Ec, Ed25519, Ed448, X25519, X448, Dsa, Dh };

    Structure structure = Structure::Unknown;
    KeyType keyType = KeyType::Unknown;
    QString algorithmOid; // of PKCS#8 and SubjectPublicKeyInfo structures

    static KeyFormat detect(QByteArrayView der);

    // The PEM label that names this structure (to hand DER to QCA's PEM reader).
    QByteArray pemLabel() const;
    static QString keyTypeName(KeyType type);
    // A key's kind in a few words: "RSA 2048-bit", "EC P-256", "Ed25519".
    static QString kindText(KeyType type, int bits, const QString &curve);
    static KeyType keyTypeFromOid(const QString &oid);
};

} // namespace jwtflow
