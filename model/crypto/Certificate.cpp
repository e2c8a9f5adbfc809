#include "crypto/Certificate.h"

#include "crypto/KeyFormat.h"

#include "crypto/CryptoProvider.h"
#include "crypto/Der.h"
#include "crypto/Fingerprint.h"
#include "crypto/Pem.h"
#include "crypto/internal/QcaHandles.h"
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

// The fields of the TBSCertificate: [0] version (optional), serialNumber, signature, issuer,
// validity, subject, subjectPublicKeyInfo, …, [3] extensions. `first` is the serial's index.
struct TbsFields {
    QList<Der::Element> fields;
    qsizetype first = 0;
};

TbsFields tbsFields(const QByteArray &der)
{
    Der::Element certificate;
    if (Der::read(der, 0, certificate) != Der::Status::Ok)
        return {};
    const auto parts = Der::children(certificate);
    TbsFields tbs;
    tbs.fields = parts.isEmpty() ? QList<Der::Element>() : Der::children(parts.constFirst());
    tbs.first = !tbs.fields.isEmpty() && tbs.fields.constFirst().tag == Der::ContextSpecific0 ? 1 : 0;
    return tbs;
}

bool readTbsFields(const TbsFields &tbs, Certificate::Handle &handle)
{
    const auto &f = tbs.fields;
    const qsizetype first = tbs.first;
    if (f.size() < first + 4 || f[first].tag != Der::Integer || f[first + 3].tag != Der::Sequence)
        return false;
    handle.serial = Der::integerMagnitude(f[first].content);
    const auto validity = Der::children(f[first + 3]);
    if (validity.size() != 2)
        return false;
    handle.notBefore = Der::parseTime(validity[0]);
    handle.notAfter = Der::parseTime(validity[1]);
    return handle.notBefore.isValid() && handle.notAfter.isValid();
}

// Every extension's value must itself be one complete DER element: qca-ossl reads the ones it
// knows (key usage, constraints, key identifiers …) without checking, and crashes on damaged ones.
bool extensionsWellFormed(const TbsFields &tbs)
{
    for (const Der::Element &field : tbs.fields) {
        if (field.tag != Der::ContextSpecific3) // [3] EXPLICIT Extensions
            continue;
        bool ok = true;
        const auto wrapper = Der::children(field, &ok);
        if (!ok || wrapper.size() != 1)
            return false;
        const auto extensions = Der::children(wrapper.constFirst(), &ok);
        if (!ok)
            return false;
        for (const Der::Element &extension : extensions) {
            const auto members = Der::children(extension, &ok);
            if (!ok || members.size() < 2 || members.size() > 3 || members.constLast().tag != Der::OctetString ||
                Der::checkComplete(members.constLast().content) != Der::Status::Ok)
                return false;
        }
    }
    return true;
}

// The SubjectPublicKeyInfo that follows issuer, validity and subject.
QByteArray subjectPublicKeyInfo(const TbsFields &tbs)
{
    const qsizetype at = tbs.first + 5;
    if (tbs.fields.size() <= at || tbs.fields[at].tag != Der::Sequence)
        return {};
    return Der::encode(tbs.fields[at].tag, tbs.fields[at].content);
}

} // namespace

Certificate::Certificate(std::shared_ptr<const Handle> handle)
    : m_handle(std::move(handle))
{
}

Result<Certificate> Certificate::fromDer(const QByteArray &der, const QString &source)
{
    if (auto ready = CryptoProvider::ensureReady(); !ready)
        return ready.error();
    // qca-ossl crashes on some damaged certificates (found by fuzz_keys), so jwtflow checks the
    // structure and the public key itself before QCA sees the bytes.
    const TbsFields tbs = tbsFields(der);
    const QByteArray spki = subjectPublicKeyInfo(tbs);
    const KeyFormat format = KeyFormat::detect(spki);
    if (Der::checkComplete(der) != Der::Status::Ok || spki.isEmpty() || format.structure != KeyFormat::Structure::SubjectPublicKeyInfo ||
        format.keyType == KeyFormat::KeyType::Unknown || !extensionsWellFormed(tbs))
        return makeError(QStringLiteral("key.bad-certificate"), QStringLiteral("%1: the certificate could not be read.").arg(source),
                         QStringLiteral("The file may be damaged; download or export the certificate again."));
    PublicKey publicKey;
    if (format.keyType == KeyFormat::KeyType::Rsa) {
        auto key = PublicKey::fromDer(spki, source);
        if (!key)
            return makeError(QStringLiteral("key.bad-certificate"), QStringLiteral("%1: the certificate's public key cannot be read.").arg(source),
                             QStringLiteral("The file may be damaged; download or export the certificate again."));
        publicKey = key.value();
    }
    QCA::ConvertResult result = QCA::ErrorDecode;
    QCA::Certificate certificate = QCA::Certificate::fromDER(der, &result);
    if (result != QCA::ConvertGood || certificate.isNull())
        return makeError(QStringLiteral("key.bad-certificate"), QStringLiteral("%1: the certificate could not be read.").arg(source),
                         QStringLiteral("The file may be damaged; download or export the certificate again."));
    auto handle = std::make_shared<Handle>();
    handle->certificate = certificate;
    handle->der = certificate.toDER();
    handle->source = source;
    if (!readTbsFields(tbsFields(handle->der), *handle))
        return makeError(QStringLiteral("key.bad-certificate"), QStringLiteral("%1: the certificate's serial number or validity dates cannot be read.").arg(source),
                         QStringLiteral("The file may be damaged; download or export the certificate again."));
    handle->publicKey = publicKey;
    return Certificate(std::move(handle));
}

QString Certificate::subject() const
{
    return m_handle ? m_handle->certificate.subjectInfoOrdered().toString() : QString();
}

QString Certificate::issuer() const
{
    return m_handle ? m_handle->certificate.issuerInfoOrdered().toString() : QString();
}

QString Certificate::commonName() const
{
    return m_handle ? m_handle->certificate.commonName() : QString();
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
    return m_handle && m_handle->certificate.subjectInfoOrdered() == m_handle->certificate.issuerInfoOrdered();
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
    return QStringLiteral("certificate %1 (SHA-256 %2…) from %3").arg(subject(), sha256Fingerprint().left(23), shortSource(m_handle->source));
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
        list.append({QStringLiteral("cert.expired"),
                     QStringLiteral("The certificate from %1 expired on %2.").arg(source(), dateText(notAfter())),
                     QStringLiteral("Salesforce only compares keys, so signing still works, but renew it: generate a new "
                                    "certificate and upload it to the connected app.")});
    } else if (now < notBefore()) {
        list.append({QStringLiteral("cert.not-yet-valid"),
                     QStringLiteral("The certificate from %1 is not valid before %2.").arg(source(), dateText(notBefore())),
                     QStringLiteral("Check this computer's clock, or the dates the certificate was made with.")});
    } else if (now.secsTo(notAfter()) < kExpiresSoonSecs) {
        list.append({QStringLiteral("cert.expires-soon"),
                     QStringLiteral("The certificate from %1 expires on %2.").arg(source(), dateText(notAfter())),
                     QStringLiteral("Generate a new certificate and upload it to the connected app before then.")});
    }
    list.append(publicKey().warnings());
    return list;
}

} // namespace jwtflow
