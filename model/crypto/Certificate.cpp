#include "crypto/Certificate.h"

#include "crypto/CryptoProvider.h"
#include "crypto/Der.h"
#include "crypto/DistinguishedName.h"
#include "crypto/Fingerprint.h"
#include "crypto/KeyFormat.h"
#include "crypto/Pem.h"
#include "token/Base64Url.h"

#include <QCryptographicHash>
#include <QFileInfo>

namespace jwtflow {

namespace {

const qint64 kExpiresSoonSecs = 30 * 24 * 3600;

QString shortSource(const QString &source)
{
    return source.contains(QLatin1Char('/')) ? QFileInfo(source).fileName() : source;
}

QString dateText(const QDateTime &when)
{
    return when.toString(Qt::ISODate);
}

const QString kDamagedHint = QStringLiteral("The file may be damaged; download or export the certificate again.");

// The extensions whose value jwtflow knows the outer type of (RFC 5280 §4.2). qca-ossl decoded
// some of them without checks and crashed on damaged ones; jwtflow reads none of them, but a
// value of the wrong type is a damaged certificate and is named as such.
struct KnownExtension {
    const char *oid;
    const char *name;
    quint8 tag;
};
const KnownExtension kKnownExtensions[] = {
    { "2.5.29.14", "subject key identifier", Der::OctetString },
    { "2.5.29.35", "authority key identifier", Der::Sequence },
    { "2.5.29.19", "basic constraints", Der::Sequence },
    { "2.5.29.15", "key usage", Der::BitString },
    { "2.5.29.37", "extended key usage", Der::Sequence },
    { "2.5.29.17", "subject alternative name", Der::Sequence },
    { "2.5.29.18", "issuer alternative name", Der::Sequence },
    { "2.5.29.32", "certificate policies", Der::Sequence },
    { "2.5.29.31", "CRL distribution points", Der::Sequence },
    { "1.3.6.1.5.5.7.1.1", "authority information access", Der::Sequence },
};

// Names people know for the signature algorithms certificates use (RFC 4055, 5758, 8410).
QString signatureAlgorithmName(const QString &oid)
{
    static const struct {
        const char *oid;
        const char *name;
    } known[] = {
        { "1.2.840.113549.1.1.11", "sha256WithRSAEncryption" },
        { "1.2.840.113549.1.1.12", "sha384WithRSAEncryption" },
        { "1.2.840.113549.1.1.13", "sha512WithRSAEncryption" },
        { "1.2.840.113549.1.1.14", "sha224WithRSAEncryption" },
        { "1.2.840.113549.1.1.5", "sha1WithRSAEncryption" },
        { "1.2.840.113549.1.1.4", "md5WithRSAEncryption" },
        { "1.2.840.113549.1.1.10", "RSASSA-PSS" },
        { "1.2.840.10045.4.3.2", "ecdsa-with-SHA256" },
        { "1.2.840.10045.4.3.3", "ecdsa-with-SHA384" },
        { "1.2.840.10045.4.3.4", "ecdsa-with-SHA512" },
        { "1.3.101.112", "Ed25519" },
        { "1.3.101.113", "Ed448" },
    };
    for (const auto &k : known) {
        if (oid == QLatin1String(k.oid))
            return QString::fromLatin1(k.name);
    }
    return oid;
}

// An AlgorithmIdentifier: SEQUENCE { OBJECT IDENTIFIER, parameters OPTIONAL }; its OID or nothing.
QString algorithmOid(const Der::Element &element)
{
    bool ok = true;
    const auto parts = Der::children(element, &ok);
    if (!ok || element.tag != Der::Sequence || parts.isEmpty() || parts.size() > 2 || parts[0].tag != Der::ObjectId
        || parts[0].content.isEmpty())
        return {};
    return Der::oidToString(parts[0].content);
}

// What is damaged in [3] EXPLICIT Extensions, or an empty string. Every value must be one
// complete DER element, of the right outer type for the extensions listed above.
QString damagedExtension(const Der::Element &field)
{
    bool ok = true;
    const auto wrapper = Der::children(field, &ok);
    if (!ok || wrapper.size() != 1 || wrapper[0].tag != Der::Sequence)
        return QStringLiteral("extensions");
    const auto extensions = Der::children(wrapper[0], &ok);
    if (!ok)
        return QStringLiteral("extensions");
    for (const Der::Element &extension : extensions) {
        const auto members = Der::children(extension, &ok);
        if (!ok || extension.tag != Der::Sequence || members.size() < 2 || members.size() > 3 || members[0].tag != Der::ObjectId
            || (members.size() == 3 && members[1].tag != Der::Boolean) || members.constLast().tag != Der::OctetString)
            return QStringLiteral("extensions");
        const QString oid = Der::oidToString(members[0].content);
        QString name = QStringLiteral("extension %1").arg(oid);
        for (const KnownExtension &known : kKnownExtensions) {
            if (oid == QLatin1String(known.oid))
                name = QStringLiteral("%1 extension").arg(QLatin1String(known.name));
        }
        Der::Element value;
        if (Der::read(members.constLast().content, 0, value) != Der::Status::Ok
            || value.size != members.constLast().content.size())
            return name;
        if ((value.tag & 0x20) != 0)
            (void)Der::children(value, &ok);
        if (!ok)
            return name;
        for (const KnownExtension &known : kKnownExtensions) {
            if (oid == QLatin1String(known.oid) && value.tag != known.tag)
                return name;
        }
    }
    return {};
}

} // namespace

// Everything jwtflow shows about a certificate, read from its DER by jwtflow itself. No QCA
// certificate object exists: qca-ossl crashed on damaged certificates (found by fuzz_keys) and
// loses GeneralizedTime dates (from 2050 on) and long serials. QCA only ever sees the subject
// public key, as a SubjectPublicKeyInfo, after this parser accepted the whole structure.
struct Certificate::Handle {
    QByteArray der;
    QString source;
    QByteArray serial;
    QString signatureAlgorithmOid;
    DistinguishedName issuer;
    DistinguishedName subject;
    QDateTime notBefore;
    QDateTime notAfter;
    // Null for a well-formed key of a type this build does not support (EC, Ed25519 …).
    PublicKey publicKey;
};

namespace {

// Reads Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue } (RFC 5280
// §4.1) into `handle`, all but the public key; returns the SubjectPublicKeyInfo's DER, or names
// the part that is damaged in `damaged`.
QByteArray parseCertificate(const QByteArray &der, Certificate::Handle &handle, QString &damaged)
{
    damaged = QStringLiteral("structure");
    Der::Element certificate;
    if (Der::read(der, 0, certificate) != Der::Status::Ok || certificate.tag != Der::Sequence || certificate.size != der.size())
        return {};
    bool ok = true;
    const auto outer = Der::children(certificate, &ok);
    if (!ok || outer.size() != 3 || outer[0].tag != Der::Sequence || outer[2].tag != Der::BitString || outer[2].content.isEmpty())
        return {};
    if (algorithmOid(outer[1]).isEmpty()) {
        damaged = QStringLiteral("signature algorithm");
        return {};
    }
    const auto f = Der::children(outer[0], &ok);
    if (!ok)
        return {};
    qsizetype i = 0;
    if (i < f.size() && f[i].tag == Der::ContextSpecific0) { // [0] EXPLICIT Version DEFAULT v1
        const auto version = Der::children(f[i], &ok);
        if (!ok || version.size() != 1 || version[0].tag != Der::Integer || version[0].content.size() != 1
            || static_cast<quint8>(version[0].content[0]) > 2) {
            damaged = QStringLiteral("version");
            return {};
        }
        ++i;
    }
    if (f.size() < i + 6)
        return {};
    if (f[i].tag != Der::Integer || f[i].content.isEmpty()) {
        damaged = QStringLiteral("serial number");
        return {};
    }
    handle.serial = Der::integerMagnitude(f[i].content);
    handle.signatureAlgorithmOid = algorithmOid(f[i + 1]);
    if (handle.signatureAlgorithmOid.isEmpty()) {
        damaged = QStringLiteral("signature algorithm");
        return {};
    }
    const auto issuer = DistinguishedName::fromDer(Der::encode(f[i + 2].tag, f[i + 2].content));
    if (!issuer) {
        damaged = QStringLiteral("issuer name");
        return {};
    }
    handle.issuer = *issuer;
    const auto validity = Der::children(f[i + 3], &ok);
    if (!ok || f[i + 3].tag != Der::Sequence || validity.size() != 2) {
        damaged = QStringLiteral("validity dates");
        return {};
    }
    handle.notBefore = Der::parseTime(validity[0]);
    handle.notAfter = Der::parseTime(validity[1]);
    if (!handle.notBefore.isValid() || !handle.notAfter.isValid()) {
        damaged = QStringLiteral("validity dates");
        return {};
    }
    const auto subject = DistinguishedName::fromDer(Der::encode(f[i + 4].tag, f[i + 4].content));
    if (!subject) {
        damaged = QStringLiteral("subject name");
        return {};
    }
    handle.subject = *subject;
    const Der::Element &spki = f[i + 5];
    // Then, in this order and each at most once: [1] issuerUniqueID, [2] subjectUniqueID, [3] extensions.
    int lastOptional = 0;
    for (qsizetype k = i + 6; k < f.size(); ++k) {
        const int number = f[k].tag == Der::ImplicitPrimitive1 || f[k].tag == Der::ContextSpecific1 ? 1
            : f[k].tag == Der::ImplicitPrimitive2 || f[k].tag == Der::ContextSpecific2              ? 2
            : f[k].tag == Der::ContextSpecific3                                                     ? 3
                                                                                                    : 0;
        if (number <= lastOptional)
            return {};
        lastOptional = number;
        if (number == 3) {
            const QString extension = damagedExtension(f[k]);
            if (!extension.isEmpty()) {
                damaged = extension;
                return {};
            }
        }
    }
    damaged.clear();
    if (spki.tag != Der::Sequence) {
        damaged = QStringLiteral("public key");
        return {};
    }
    return Der::encode(spki.tag, spki.content);
}

Error damagedCertificate(const QString &source, const QString &part)
{
    return makeError(QStringLiteral("key.bad-certificate"),
        QStringLiteral("%1: the certificate could not be read: its %2 is damaged.").arg(source, part), kDamagedHint);
}

} // namespace

Certificate::Certificate(std::shared_ptr<const Handle> handle)
    : m_handle(std::move(handle))
{ }

Result<Certificate> Certificate::fromDer(const QByteArray &der, const QString &source)
{
    if (auto ready = CryptoProvider::ensureReady(); !ready)
        return ready.error();
    auto handle = std::make_shared<Handle>();
    QString damaged;
    const QByteArray spki = parseCertificate(der, *handle, damaged);
    if (!damaged.isEmpty())
        return damagedCertificate(source, damaged);
    const KeyFormat format = KeyFormat::detect(spki);
    if (format.structure != KeyFormat::Structure::SubjectPublicKeyInfo || format.keyType == KeyFormat::KeyType::Unknown)
        return damagedCertificate(source, QStringLiteral("public key"));
    // RSA (QCA), EC, Ed25519 and Ed448 (libcrypto), from the SubjectPublicKeyInfo alone; other key
    // types leave the certificate readable but without a key that verifies.
    if (format.keyType == KeyFormat::KeyType::Rsa || format.keyType == KeyFormat::KeyType::Ec
        || format.keyType == KeyFormat::KeyType::Ed25519 || format.keyType == KeyFormat::KeyType::Ed448) {
        auto key = PublicKey::fromDer(spki, source);
        if (!key)
            return makeError(QStringLiteral("key.bad-certificate"),
                QStringLiteral("%1: the certificate's public key cannot be read.").arg(source), kDamagedHint);
        handle->publicKey = key.value();
    }
    handle->der = der;
    handle->source = source;
    return Certificate(std::move(handle));
}

QString Certificate::subject() const
{
    return m_handle ? m_handle->subject.toString() : QString();
}

QString Certificate::issuer() const
{
    return m_handle ? m_handle->issuer.toString() : QString();
}

QString Certificate::commonName() const
{
    return m_handle ? m_handle->subject.commonName() : QString();
}

QString Certificate::signatureAlgorithm() const
{
    return m_handle ? signatureAlgorithmName(m_handle->signatureAlgorithmOid) : QString();
}

QString Certificate::serialNumber() const
{
    return m_handle ? Fingerprint::hex(m_handle->serial) : QString();
}

QDateTime Certificate::notBefore() const
{
    return m_handle ? m_handle->notBefore : QDateTime();
}

QDateTime Certificate::notAfter() const
{
    return m_handle ? m_handle->notAfter : QDateTime();
}

bool Certificate::isSelfIssued() const
{
    return m_handle && m_handle->subject == m_handle->issuer;
}

QByteArray Certificate::toDer() const
{
    return m_handle ? m_handle->der : QByteArray();
}

QByteArray Certificate::toPem() const
{
    return m_handle ? Pem::encode("CERTIFICATE", m_handle->der) : QByteArray();
}

QString Certificate::sha1Fingerprint() const
{
    return m_handle ? Fingerprint::sha1(m_handle->der) : QString();
}

QString Certificate::sha256Fingerprint() const
{
    return m_handle ? Fingerprint::sha256(m_handle->der) : QString();
}

QString Certificate::x5t() const
{
    return m_handle ? QString::fromLatin1(Base64Url::encode(QCryptographicHash::hash(m_handle->der, QCryptographicHash::Sha1)))
                    : QString();
}

QString Certificate::x5tS256() const
{
    return m_handle ? QString::fromLatin1(Base64Url::encode(QCryptographicHash::hash(m_handle->der, QCryptographicHash::Sha256)))
                    : QString();
}

PublicKey Certificate::publicKey() const
{
    return m_handle ? m_handle->publicKey : PublicKey();
}

QString Certificate::source() const
{
    return m_handle ? m_handle->source : QString();
}

QString Certificate::description() const
{
    if (!m_handle)
        return QStringLiteral("no certificate");
    return QStringLiteral("certificate %1 (SHA-256 %2…) from %3")
        .arg(subject(), sha256Fingerprint().left(23), shortSource(m_handle->source));
}

bool Certificate::matches(const PrivateKey &key) const
{
    return m_handle && !key.isNull() && publicKey() == key.publicKey();
}

Result<void> Certificate::checkMatches(const PrivateKey &key) const
{
    if (matches(key))
        return {};
    return makeError(QStringLiteral("cert.key-mismatch"),
        QStringLiteral("The certificate from %1 does not belong to the private key from %2: their public keys differ.")
            .arg(source(), key.source()),
        QStringLiteral("Salesforce checks the signature with the certificate uploaded to the connected app: sign with "
                       "the key made together with that certificate, or upload this key's certificate."));
}

KeyWarnings Certificate::warnings(const Clock &clock) const
{
    KeyWarnings list;
    if (!m_handle)
        return list;
    const QDateTime now = clock.now();
    if (now > notAfter()) {
        list.append({ QStringLiteral("cert.expired"),
            QStringLiteral("The certificate from %1 expired on %2.").arg(source(), dateText(notAfter())),
            QStringLiteral("Salesforce only compares keys, so signing still works, but renew it: generate a new "
                           "certificate and upload it to the connected app.") });
    } else if (now < notBefore()) {
        list.append({ QStringLiteral("cert.not-yet-valid"),
            QStringLiteral("The certificate from %1 is not valid before %2.").arg(source(), dateText(notBefore())),
            QStringLiteral("Check this computer's clock, or the dates the certificate was made with.") });
    } else if (now.secsTo(notAfter()) < kExpiresSoonSecs) {
        list.append({ QStringLiteral("cert.expires-soon"),
            QStringLiteral("The certificate from %1 expires on %2.").arg(source(), dateText(notAfter())),
            QStringLiteral("Generate a new certificate and upload it to the connected app before then.") });
    }
    list.append(publicKey().warnings());
    return list;
}

} // namespace jwtflow
