#include "crypto/KeyFormat.h"

#include "crypto/Der.h"

namespace jwtflow {

namespace {

// The OID inside an AlgorithmIdentifier SEQUENCE.
QString algorithmOidOf(const Der::Element &algorithmIdentifier)
{
    if (algorithmIdentifier.tag != Der::Sequence)
        return {};
    const auto parts = Der::children(algorithmIdentifier);
    if (parts.isEmpty() || parts[0].tag != Der::ObjectId)
        return {};
    return Der::oidToString(parts[0].content);
}

bool allIntegers(const QList<Der::Element> &elements)
{
    for (const auto &e : elements) {
        if (e.tag != Der::Integer)
            return false;
    }
    return !elements.isEmpty();
}

} // namespace

KeyFormat KeyFormat::detect(QByteArrayView der)
{
    KeyFormat format;
    Der::Element top;
    if (Der::read(der, 0, top) != Der::Status::Ok || top.tag != Der::Sequence)
        return format;
    bool ok = false;
    const auto parts = Der::children(top, &ok);
    if (!ok || parts.isEmpty())
        return format;

    // Certificate / CSR: SEQUENCE { SEQUENCE tbs, AlgorithmIdentifier, BIT STRING }.
    if (parts.size() == 3 && parts[0].tag == Der::Sequence && parts[1].tag == Der::Sequence && parts[2].tag == Der::BitString) {
        const auto tbs = Der::children(parts[0]);
        if (tbs.size() >= 6)
            format.structure = Structure::Certificate;
        else if (tbs.size() == 4 && tbs[0].tag == Der::Integer)
            format.structure = Structure::CertificateRequest;
        return format;
    }
    // PFX: SEQUENCE { INTEGER 3, ContentInfo, MacData }.
    if (parts.size() >= 2 && parts[0].tag == Der::Integer && parts[0].content == QByteArray(1, 3)
        && parts[1].tag == Der::Sequence) {
        format.structure = Structure::Pkcs12;
        return format;
    }
    // PKCS#8: SEQUENCE { INTEGER 0|1, AlgorithmIdentifier, OCTET STRING, ... }.
    if (parts.size() >= 3 && parts[0].tag == Der::Integer && parts[1].tag == Der::Sequence && parts[2].tag == Der::OctetString) {
        format.structure = Structure::PrivateKeyInfo;
        format.algorithmOid = algorithmOidOf(parts[1]);
        format.keyType = keyTypeFromOid(format.algorithmOid);
        return format;
    }
    // Encrypted PKCS#8: SEQUENCE { AlgorithmIdentifier, OCTET STRING }.
    if (parts.size() == 2 && parts[0].tag == Der::Sequence && parts[1].tag == Der::OctetString) {
        format.structure = Structure::EncryptedPrivateKeyInfo;
        return format;
    }
    // SubjectPublicKeyInfo: SEQUENCE { AlgorithmIdentifier, BIT STRING }.
    if (parts.size() == 2 && parts[0].tag == Der::Sequence && parts[1].tag == Der::BitString) {
        format.structure = Structure::SubjectPublicKeyInfo;
        format.algorithmOid = algorithmOidOf(parts[0]);
        format.keyType = keyTypeFromOid(format.algorithmOid);
        return format;
    }
    // SEC1 EC key: SEQUENCE { INTEGER 1, OCTET STRING, [0] params, [1] public key }.
    if (parts.size() >= 2 && parts[0].tag == Der::Integer && parts[0].content == QByteArray(1, 1)
        && parts[1].tag == Der::OctetString) {
        format.structure = Structure::EcPrivateKey;
        format.keyType = KeyType::Ec;
        return format;
    }
    if (allIntegers(parts)) {
        if (parts.size() == 2) {
            format.structure = Structure::RsaPublicKey;
            format.keyType = KeyType::Rsa;
        } else if (parts.size() == 9 || parts.size() == 10) { // 10: multi-prime (otherPrimeInfos)
            format.structure = Structure::RsaPrivateKey;
            format.keyType = KeyType::Rsa;
        } else if (parts.size() == 6) {
            format.structure = Structure::DsaPrivateKey;
            format.keyType = KeyType::Dsa;
        }
    }
    return format;
}

QByteArray KeyFormat::pemLabel() const
{
    switch (structure) {
    case Structure::Certificate:
        return "CERTIFICATE";
    case Structure::CertificateRequest:
        return "CERTIFICATE REQUEST";
    case Structure::PrivateKeyInfo:
        return "PRIVATE KEY";
    case Structure::EncryptedPrivateKeyInfo:
        return "ENCRYPTED PRIVATE KEY";
    case Structure::RsaPrivateKey:
        return "RSA PRIVATE KEY";
    case Structure::RsaPublicKey:
        return "RSA PUBLIC KEY";
    case Structure::SubjectPublicKeyInfo:
        return "PUBLIC KEY";
    case Structure::EcPrivateKey:
        return "EC PRIVATE KEY";
    case Structure::DsaPrivateKey:
        return "DSA PRIVATE KEY";
    case Structure::Pkcs12:
    case Structure::Unknown:
        break;
    }
    return {};
}

QString KeyFormat::keyTypeName(KeyType type)
{
    switch (type) {
    case KeyType::Rsa:
        return QStringLiteral("RSA");
    case KeyType::RsaPss:
        return QStringLiteral("RSA-PSS");
    case KeyType::Ec:
        return QStringLiteral("EC");
    case KeyType::Ed25519:
        return QStringLiteral("Ed25519");
    case KeyType::Ed448:
        return QStringLiteral("Ed448");
    case KeyType::X25519:
        return QStringLiteral("X25519");
    case KeyType::X448:
        return QStringLiteral("X448");
    case KeyType::Dsa:
        return QStringLiteral("DSA");
    case KeyType::Dh:
        return QStringLiteral("DH");
    case KeyType::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

QString KeyFormat::kindText(KeyType type, int bits, const QString &curve)
{
    switch (type) {
    case KeyType::Ec:
        return QStringLiteral("EC %1").arg(curve);
    case KeyType::Ed25519:
    case KeyType::Ed448:
        return keyTypeName(type);
    default:
        return QStringLiteral("%1 %2-bit").arg(keyTypeName(type)).arg(bits);
    }
}

KeyFormat::KeyType KeyFormat::keyTypeFromOid(const QString &oid)
{
    if (oid == QLatin1String("1.2.840.113549.1.1.1"))
        return KeyType::Rsa;
    if (oid == QLatin1String("1.2.840.113549.1.1.10"))
        return KeyType::RsaPss;
    if (oid == QLatin1String("1.2.840.10045.2.1"))
        return KeyType::Ec;
    if (oid == QLatin1String("1.3.101.112"))
        return KeyType::Ed25519;
    if (oid == QLatin1String("1.3.101.113"))
        return KeyType::Ed448;
    if (oid == QLatin1String("1.3.101.110"))
        return KeyType::X25519;
    if (oid == QLatin1String("1.3.101.111"))
        return KeyType::X448;
    if (oid == QLatin1String("1.2.840.10040.4.1"))
        return KeyType::Dsa;
    if (oid == QLatin1String("1.2.840.113549.1.3.1") || oid == QLatin1String("1.2.840.10046.2.1"))
        return KeyType::Dh;
    return KeyType::Unknown;
}

} // namespace jwtflow
