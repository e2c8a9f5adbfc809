#include "crypto/KeyLoader.h"

#include "crypto/CryptoProvider.h"
#include "crypto/Der.h"
#include "crypto/Jwk.h"
#include "crypto/KeyFormat.h"
#include "crypto/Pem.h"
#include "crypto/internal/Pkcs12Reader.h"
#include "crypto/internal/QcaHandles.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <openssl/crypto.h>

#include <algorithm>

namespace jwtflow {

namespace {

QString sizeText(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

Error unsupportedKeyType(const QString &source, KeyFormat::KeyType type)
{
    switch (type) {
    case KeyFormat::KeyType::Ec:
        return makeError(QStringLiteral("key.ec-unsupported"),
            QStringLiteral("%1 holds EC parameters but no EC key.").arg(source),
            QStringLiteral("Pick the file with the EC private key (-----BEGIN EC PRIVATE KEY----- or PRIVATE KEY)."));
    case KeyFormat::KeyType::X25519:
    case KeyFormat::KeyType::X448:
        return makeError(QStringLiteral("key.unsupported-type"),
            QStringLiteral("%1 holds an %2 key, which agrees on secrets (ECDH) and signs nothing.")
                .arg(source, KeyFormat::keyTypeName(type)),
            QStringLiteral("EdDSA tokens are signed with Ed25519 or Ed448 keys; pick the signer's key."));
    case KeyFormat::KeyType::Dsa:
        return makeError(QStringLiteral("key.dsa-unsupported"),
            QStringLiteral("%1 holds a DSA key; JWS has no DSA algorithm.").arg(source),
            QStringLiteral("Use an RSA key (jwtflow-cli keygen) for RS256."));
    default:
        break;
    }
    return makeError(QStringLiteral("key.unsupported-type"),
        QStringLiteral("%1 holds a key of type %2, which is not supported by this build (RSA, EC, Ed25519 and Ed448 only).")
            .arg(source, KeyFormat::keyTypeName(type)),
        QStringLiteral("Salesforce connected apps use RSA keys with RS256; generate one with jwtflow-cli keygen."));
}

// The key types libcrypto loads for ES* and EdDSA (RSA stays with QCA).
bool isCurveKey(KeyFormat::KeyType type)
{
    return type == KeyFormat::KeyType::Ec || type == KeyFormat::KeyType::Ed25519 || type == KeyFormat::KeyType::Ed448;
}

bool looksBinary(QByteArrayView data)
{
    const qsizetype n = std::min<qsizetype>(data.size(), 512);
    for (qsizetype i = 0; i < n; ++i) {
        const auto c = static_cast<quint8>(data[i]);
        if (c < 0x09 || (c > 0x0d && c < 0x20) || c == 0x7f)
            return true;
    }
    return false;
}

bool looksUtf16(QByteArrayView data)
{
    if (data.startsWith("\xff\xfe") || data.startsWith("\xfe\xff"))
        return true;
    // ASCII text in UTF-16 without a BOM: every other byte is zero.
    return data.size() >= 8 && data[1] == '\0' && data[3] == '\0' && data[0] != '\0' && data[2] != '\0';
}

bool isBase64Text(QByteArrayView text)
{
    if (text.size() < 16)
        return false;
    for (const char c : text) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/'
            || c == '=' || c == '\n' || c == '\r' || c == ' ';
        if (!ok)
            return false;
    }
    return true;
}

// One load: the file's material, built block by block.
class Loader {
public:
    Loader(QString source, const PassphraseCallback &passphrase)
        : m_passphrase(passphrase)
    {
        m_material.source = std::move(source);
    }

    Result<KeyMaterial> load(QByteArray data);

private:
    const QString &source() const { return m_material.source; }

    Result<void> loadPem(const QByteArray &text);
    Result<void> loadPemBlock(const Pem::Block &block, bool fromDer);
    Result<void> loadDer(const QByteArray &der);
    Result<void> loadJson(const QByteArray &text);
    Result<void> loadPrivatePem(const Pem::Block &block, bool encrypted, const QString &format);
    Result<void> loadCurvePrivatePem(const Pem::Block &block, bool encrypted, const QString &format);
    void setPrivateKey(std::shared_ptr<PrivateKey::Handle> handle, const QString &format);
    Result<void> loadPkcs12(const QByteArray &der);
    Result<void> addCertificate(const QByteArray &der);
    Result<QCA::SecureArray> askPassphrase(const QString &what);
    void setFormat(const QString &format)
    {
        if (m_material.format.isEmpty())
            m_material.format = format;
    }

    const PassphraseCallback &m_passphrase;
    KeyMaterial m_material;
    bool m_foundPrivateKey = false;
};

Result<KeyMaterial> Loader::load(QByteArray data)
{
    if (auto ready = CryptoProvider::ensureReady(); !ready)
        return ready.error();
    if (data.trimmed().isEmpty())
        return makeError(QStringLiteral("key.empty"), QStringLiteral("%1 is empty.").arg(source()),
            QStringLiteral("Pick the file that holds the key or certificate; an export may have failed."));
    if (looksUtf16(data))
        return makeError(QStringLiteral("key.utf16"),
            QStringLiteral("%1 is UTF-16 text (as Windows Notepad saves \"Unicode\").").arg(source()),
            QStringLiteral("Save it again as UTF-8 or ANSI text; PEM files are plain ASCII."));
    if (data.startsWith("\xef\xbb\xbf")) {
        data.remove(0, 3);
        m_material.notes << QStringLiteral("A UTF-8 byte order mark at the start of the file was skipped.");
    }
    Result<void> loaded;
    const QByteArray trimmed = data.trimmed();
    if (Pem::containsPem(data)) {
        loaded = loadPem(data);
    } else if (trimmed.startsWith('{')) {
        loaded = loadJson(trimmed);
    } else if (trimmed.startsWith("ssh-") || trimmed.startsWith("ecdsa-sha2-")) {
        return makeError(QStringLiteral("key.openssh"),
            QStringLiteral("%1 is an OpenSSH public key, not a PEM key or certificate.").arg(source()),
            QStringLiteral(
                "JWT signing needs a PEM private key and an X.509 certificate: generate them with jwtflow-cli keygen."));
    } else if (trimmed.startsWith("PuTTY-User-Key-File")) {
        return makeError(QStringLiteral("key.putty"), QStringLiteral("%1 is a PuTTY key (.ppk).").arg(source()),
            QStringLiteral("Export it from PuTTYgen with Conversions > Export OpenSSL key."));
    } else if (!data.isEmpty() && static_cast<quint8>(data[0]) == Der::Sequence) {
        loaded = loadDer(data);
    } else if (!looksBinary(data) && isBase64Text(trimmed)) {
        return makeError(QStringLiteral("key.pem-missing-header"),
            QStringLiteral("%1 holds base64 text without the -----BEGIN …----- and -----END …----- lines.").arg(source()),
            QStringLiteral("Copy the whole PEM, including its BEGIN and END lines."));
    } else {
        return makeError(QStringLiteral("key.unrecognised"),
            QStringLiteral("%1 is not a key or certificate: its content is neither PEM, DER, PKCS#12 nor a JWK.").arg(source()),
            QStringLiteral("Pick the private key (.key/.pem), the certificate (.crt/.cer), a .p12/.pfx file or a JWK."));
    }
    if (!loaded)
        return loaded.error();
    return m_material;
}

Result<void> Loader::loadPem(const QByteArray &text)
{
    auto blocks = Pem::parse(text, source());
    if (!blocks)
        return blocks.error();
    QStringList ignored;
    Result<void> loaded;
    for (const Pem::Block &block : blocks.value()) {
        if (block.label == "EC PARAMETERS" || block.label == "DH PARAMETERS" || block.label == "X509 CRL") {
            ignored << QString::fromLatin1(block.label);
            continue;
        }
        loaded = loadPemBlock(block, false);
        if (!loaded)
            break;
    }
    // A block's body may be an unencrypted private key: overwritten before it is freed.
    for (Pem::Block &block : blocks.value())
        block.body.fill('\0');
    if (!loaded)
        return loaded;
    if (m_material.privateKey.isNull() && m_material.certificate.isNull() && m_material.publicKey.isNull()) {
        if (!ignored.isEmpty() && ignored.contains(QStringLiteral("EC PARAMETERS")))
            return unsupportedKeyType(source(), KeyFormat::KeyType::Ec);
        return makeError(QStringLiteral("key.unsupported-pem"),
            ignored.isEmpty() ? QStringLiteral("%1 mentions -----BEGIN but holds no complete PEM block.").arg(source())
                              : QStringLiteral("%1 holds no key or certificate (PEM blocks: %2).")
                                    .arg(source(), ignored.join(QStringLiteral(", "))),
            QStringLiteral("Pick the file with the private key, certificate or public key."));
    }
    for (const QString &label : std::as_const(ignored))
        m_material.notes << QStringLiteral("A PEM block \"%1\" was ignored.").arg(label);
    return {};
}

Result<void> Loader::loadPemBlock(const Pem::Block &block, bool fromDer)
{
    const QString container = fromDer ? QStringLiteral("DER") : QStringLiteral("PEM");
    const QByteArray &label = block.label;
    if (label == "CERTIFICATE" || label == "X509 CERTIFICATE" || label == "TRUSTED CERTIFICATE") {
        setFormat(container + QStringLiteral(", X.509 certificate"));
        return addCertificate(block.body);
    }
    if (label == "PRIVATE KEY") {
        const KeyFormat format = KeyFormat::detect(block.body);
        if (isCurveKey(format.keyType))
            return loadCurvePrivatePem(block, false, container + QStringLiteral(", PKCS#8"));
        if (format.keyType != KeyFormat::KeyType::Rsa)
            return unsupportedKeyType(source(), format.keyType);
        return loadPrivatePem(block, false, container + QStringLiteral(", PKCS#8"));
    }
    if (label == "RSA PRIVATE KEY") {
        if (block.isLegacyEncrypted())
            return loadPrivatePem(block, true, container + QStringLiteral(", PKCS#1, encrypted (traditional Proc-Type)"));
        return loadPrivatePem(block, false, container + QStringLiteral(", PKCS#1"));
    }
    if (label == "ENCRYPTED PRIVATE KEY")
        return loadPrivatePem(block, true, container + QStringLiteral(", PKCS#8, encrypted"));
    if (label == "EC PRIVATE KEY") {
        if (block.isLegacyEncrypted())
            return loadCurvePrivatePem(block, true, container + QStringLiteral(", SEC1, encrypted (traditional Proc-Type)"));
        return loadCurvePrivatePem(block, false, container + QStringLiteral(", SEC1"));
    }
    if (label == "DSA PRIVATE KEY")
        return unsupportedKeyType(source(), KeyFormat::KeyType::Dsa);
    if (label == "OPENSSH PRIVATE KEY")
        return makeError(QStringLiteral("key.openssh"),
            QStringLiteral("%1 is an OpenSSH private key, which this build cannot read.").arg(source()),
            QStringLiteral("Convert a copy to PKCS#8 with: ssh-keygen -p -m PKCS8 -f COPY_OF_KEY"));
    if (label == "PUBLIC KEY" || label == "RSA PUBLIC KEY") {
        if (label == "PUBLIC KEY") {
            const KeyFormat format = KeyFormat::detect(block.body);
            if (format.keyType != KeyFormat::KeyType::Rsa && !isCurveKey(format.keyType))
                return unsupportedKeyType(source(), format.keyType);
        }
        auto key = PublicKey::fromPem(Pem::encode(label, block.body), source());
        if (!key)
            return key.error();
        setFormat(container + (label == "PUBLIC KEY" ? QStringLiteral(", public key") : QStringLiteral(", PKCS#1 public key")));
        if (m_material.publicKey.isNull())
            m_material.publicKey = key.value();
        return {};
    }
    if (label == "CERTIFICATE REQUEST" || label == "NEW CERTIFICATE REQUEST")
        return makeError(QStringLiteral("key.csr"),
            QStringLiteral("%1 is a certificate signing request (CSR), not a certificate or key.").arg(source()),
            QStringLiteral("Use the certificate the CA returned for it, or the private key the CSR was made with."));
    if (label == "PKCS7")
        return makeError(QStringLiteral("key.pkcs7"),
            QStringLiteral("%1 is a PKCS#7 certificate bundle, which this build cannot read.").arg(source()),
            QStringLiteral("Extract the certificates with: openssl pkcs7 -print_certs -in FILE -out certs.pem"));
    return makeError(QStringLiteral("key.unsupported-pem"),
        QStringLiteral("%1 holds a PEM block \"%2\" on line %3, which is not a key or certificate jwtflow can use.")
            .arg(source(), QString::fromLatin1(label))
            .arg(block.line),
        QStringLiteral("Pick the file with the private key, certificate or public key."));
}

Result<void> Loader::loadPrivatePem(const Pem::Block &block, bool encrypted, const QString &format)
{
    if (m_foundPrivateKey) {
        m_material.notes
            << QStringLiteral("A further private key on line %1 was ignored; the first one is used.").arg(block.line);
        return {};
    }
    QCA::SecureArray passphrase = qca::unusedPassphrase();
    if (encrypted) {
        auto asked = askPassphrase(QStringLiteral("private key"));
        if (!asked)
            return asked.error();
        passphrase = asked.value();
    }
    QByteArray pem = Pem::encode(block.label, block.body, block.headers);
    QString pemText = QString::fromLatin1(pem);
    QCA::ConvertResult result = QCA::ErrorDecode;
    QCA::PrivateKey key = QCA::PrivateKey::fromPEM(pemText, passphrase, &result);
    // Key text never outlives its use: each copy is overwritten before it is freed.
    if ((result != QCA::ConvertGood || key.isNull() || !key.isRSA()) && encrypted) {
        // An encrypted PKCS#8 may hold an EC or Ed25519 key, which QCA cannot read: libcrypto can.
        QByteArray plain = passphrase.toByteArray();
        auto evp = ossl::privateFromPem(pem, plain, source());
        OPENSSL_cleanse(plain.data(), static_cast<size_t>(plain.size()));
        if (!evp && evp.error().code == QLatin1String("key.mismatched-pair")) {
            pem.fill('\0');
            pemText.fill(QChar(u'\0'));
            return evp.error();
        }
        if (evp && isCurveKey(ossl::typeOf(evp->get()))) {
            pem.fill('\0');
            pemText.fill(QChar(u'\0'));
            auto handle = std::make_shared<PrivateKey::Handle>();
            handle->evp = evp.value();
            setPrivateKey(std::move(handle), format);
            return {};
        }
    }
    pem.fill('\0');
    pemText.fill(QChar(u'\0'));
    if (result != QCA::ConvertGood || key.isNull()) {
        if (encrypted)
            return makeError(QStringLiteral("key.wrong-passphrase"),
                QStringLiteral("The passphrase does not decrypt the private key in %1.").arg(source()),
                QStringLiteral("Check the passphrase (it is case-sensitive) and try again. If it is surely right, the key "
                               "inside may be of a type this build cannot read (RSA, EC, Ed25519 and Ed448 are supported)."));
        return makeError(QStringLiteral("key.bad-private-key"),
            QStringLiteral("%1: the private key could not be read.").arg(source()),
            QStringLiteral("The file may be damaged, or the key is of a type this build cannot read (RSA, EC, Ed25519 and Ed448 "
                           "are supported)."));
    }
    if (!key.isRSA())
        return unsupportedKeyType(source(), key.isDSA() ? KeyFormat::KeyType::Dsa : KeyFormat::KeyType::Dh);
    auto handle = std::make_shared<PrivateKey::Handle>();
    handle->key = key;
    setPrivateKey(std::move(handle), format);
    return {};
}

Result<void> Loader::loadCurvePrivatePem(const Pem::Block &block, bool encrypted, const QString &format)
{
    if (m_foundPrivateKey) {
        m_material.notes
            << QStringLiteral("A further private key on line %1 was ignored; the first one is used.").arg(block.line);
        return {};
    }
    QByteArray plain;
    if (encrypted) {
        auto asked = askPassphrase(QStringLiteral("private key"));
        if (!asked)
            return asked.error();
        plain = asked->toByteArray();
    }
    QByteArray pem = Pem::encode(block.label, block.body, block.headers);
    auto evp = ossl::privateFromPem(pem, plain, source());
    OPENSSL_cleanse(pem.data(), static_cast<size_t>(pem.size()));
    OPENSSL_cleanse(plain.data(), static_cast<size_t>(plain.size()));
    if (!evp) {
        if (evp.error().code == QLatin1String("key.mismatched-pair"))
            return evp.error(); // it decrypted and parsed: the passphrase was right
        if (encrypted)
            return makeError(QStringLiteral("key.wrong-passphrase"),
                QStringLiteral("The passphrase does not decrypt the private key in %1.").arg(source()),
                QStringLiteral("Check the passphrase (it is case-sensitive) and try again."));
        return makeError(QStringLiteral("key.bad-private-key"), evp.error().message,
            QStringLiteral("The file may be damaged; export the key again."));
    }
    const KeyFormat::KeyType type = ossl::typeOf(evp->get());
    if (!isCurveKey(type))
        return unsupportedKeyType(source(), type);
    auto handle = std::make_shared<PrivateKey::Handle>();
    handle->evp = evp.value();
    setPrivateKey(std::move(handle), format);
    return {};
}

void Loader::setPrivateKey(std::shared_ptr<PrivateKey::Handle> handle, const QString &format)
{
    handle->source = source();
    m_material.privateKey = PrivateKey(std::move(handle));
    m_foundPrivateKey = true;
    m_material.format = format; // the private key's format describes the file best
}

Result<void> Loader::addCertificate(const QByteArray &der)
{
    auto certificate = Certificate::fromDer(der, source());
    if (!certificate)
        return certificate.error();
    if (m_material.certificate.isNull())
        m_material.certificate = certificate.value();
    else
        m_material.chain.append(certificate.value());
    return {};
}

Result<void> Loader::loadDer(const QByteArray &der)
{
    switch (Der::checkComplete(der)) {
    case Der::Status::Ok:
        break;
    case Der::Status::Truncated:
        return makeError(QStringLiteral("key.truncated-der"),
            QStringLiteral("%1 is truncated: the DER data ends before its announced length.").arg(source()),
            QStringLiteral("Copy or export the whole file again."));
    case Der::Status::Malformed:
        return makeError(QStringLiteral("key.unrecognised"),
            QStringLiteral("%1 is not a key or certificate: it is binary data that is not one DER structure.").arg(source()),
            QStringLiteral("Pick the private key (.key/.pem/.der), the certificate (.crt/.cer) or a .p12/.pfx file."));
    }
    const KeyFormat format = KeyFormat::detect(der);
    switch (format.structure) {
    case KeyFormat::Structure::Pkcs12:
        return loadPkcs12(der);
    case KeyFormat::Structure::Unknown:
        return makeError(QStringLiteral("key.unrecognised"),
            QStringLiteral("%1 is DER data, but not a key, certificate or PKCS#12 structure jwtflow knows.").arg(source()),
            QStringLiteral("Pick the private key (.key/.pem/.der), the certificate (.crt/.cer) or a .p12/.pfx file."));
    default:
        break;
    }
    Pem::Block block;
    block.label = format.pemLabel();
    block.body = der;
    block.line = 1;
    return loadPemBlock(block, true);
}

Result<void> Loader::loadPkcs12(const QByteArray &der)
{
    auto asked = askPassphrase(QStringLiteral("PKCS#12 file"));
    if (!asked)
        return asked.error();
    // OpenSSL opens the file; jwtflow's DER reader checks every certificate and the key's
    // structure; QCA sees only the PKCS#8 key (qca-ossl's own PKCS#12 import crashed on a damaged
    // certificate in the chain).
    auto contents = Pkcs12Reader::read(der, asked.value(), source());
    if (!contents)
        return contents.error();
    QList<Certificate> certificates;
    for (qsizetype i = 0; i < contents->certificates.size(); ++i) {
        auto certificate = Certificate::fromDer(contents->certificates[i], source());
        if (!certificate) // says which one: the chain's other certificates may be fine
            return Certificate::fromDer(contents->certificates[i],
                QStringLiteral("%1 (certificate %2 of %3)").arg(source()).arg(i + 1).arg(contents->certificates.size()))
                .error();
        certificates.append(certificate.value());
    }
    for (const QString &bag : std::as_const(contents->ignoredBags))
        m_material.notes << QStringLiteral("A %1 bag in the PKCS#12 file was ignored.").arg(bag);
    if (contents->keyBags == 0) {
        if (certificates.isEmpty())
            return makeError(QStringLiteral("key.pkcs12-empty"),
                QStringLiteral("The PKCS#12 file %1 opened with this passphrase, but holds neither a key nor a certificate.")
                    .arg(source()),
                QStringLiteral("Export the private key and its certificate again into one .p12/.pfx file."));
        // The passphrase was right; the file simply has no key (a certificate-only export).
        m_material.certificate = certificates.takeFirst();
        m_material.chain = certificates;
        m_material.format = QStringLiteral("PKCS#12, certificates only (no private key)");
        return {};
    }
    if (contents->keyBags > 1)
        m_material.notes
            << QStringLiteral("The PKCS#12 file holds %1 private keys; the first one is used.").arg(contents->keyBags);
    QByteArray keyInfo = contents->privateKeyInfo.toByteArray();
    const KeyFormat format = KeyFormat::detect(keyInfo);
    keyInfo.fill('\0');
    if (format.structure != KeyFormat::Structure::PrivateKeyInfo)
        return makeError(QStringLiteral("key.bad-pkcs12"),
            QStringLiteral("%1: the PKCS#12 file could not be read: its private key is damaged.").arg(source()),
            QStringLiteral("The file may be damaged; export the key and certificate again (e.g. openssl pkcs12 -export)."));
    auto handle = std::make_shared<PrivateKey::Handle>();
    handle->source = source();
    if (isCurveKey(format.keyType)) {
        // EC and Ed25519/Ed448 keys (which QCA cannot read) go to libcrypto as PKCS#8.
        QByteArray plain = contents->privateKeyInfo.toByteArray();
        auto evp = ossl::privateFromPkcs8Der(plain, source());
        OPENSSL_cleanse(plain.data(), static_cast<size_t>(plain.size()));
        if (!evp)
            return evp.error();
        handle->evp = evp.value();
    } else if (format.keyType == KeyFormat::KeyType::Rsa) {
        QCA::ConvertResult result = QCA::ErrorDecode;
        const QCA::PrivateKey key = QCA::PrivateKey::fromDER(contents->privateKeyInfo, qca::unusedPassphrase(), &result);
        if (result != QCA::ConvertGood || key.isNull() || !key.isRSA())
            return makeError(QStringLiteral("key.bad-private-key"),
                QStringLiteral("%1: the private key in the PKCS#12 file could not be read.").arg(source()),
                QStringLiteral("The file may be damaged; export the key and certificate again (e.g. openssl pkcs12 -export)."));
        handle->key = key;
    } else {
        return unsupportedKeyType(source(), format.keyType);
    }
    m_material.privateKey = PrivateKey(std::move(handle));
    m_foundPrivateKey = true;
    // The certificate of this key is the leaf, whatever its place in the file; the rest is the chain.
    qsizetype leaf = 0;
    for (qsizetype i = 0; i < certificates.size(); ++i) {
        if (certificates[i].matches(m_material.privateKey)) {
            leaf = i;
            break;
        }
    }
    if (!certificates.isEmpty()) {
        m_material.certificate = certificates.takeAt(leaf);
        m_material.chain = certificates;
    }
    m_material.format = QStringLiteral("PKCS#12");
    return {};
}

Result<void> Loader::loadJson(const QByteArray &text)
{
    QJsonParseError error {};
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return makeError(QStringLiteral("key.json-not-jwk"),
            QStringLiteral("%1 starts like JSON but is not a JSON object (%2 at byte %3).")
                .arg(source(), error.errorString())
                .arg(error.offset),
            QStringLiteral("A JWK is one JSON object; a JWKS is {\"keys\": [...]}."));
    const QJsonObject object = doc.object();
    if (object.contains(QStringLiteral("keys"))) {
        auto jwks = Jwks::fromJson(object, source());
        if (!jwks)
            return jwks.error();
        m_material.jwks = jwks.value();
        m_material.format = QStringLiteral("JWKS (%1 keys)").arg(jwks->size());
        return {};
    }
    if (!object.contains(QStringLiteral("kty")))
        return makeError(QStringLiteral("key.json-not-jwk"),
            QStringLiteral("%1 is JSON but neither a JWK (no \"kty\") nor a JWKS (no \"keys\").").arg(source()),
            QStringLiteral("A JWK is one JSON object with \"kty\"; a JWKS is {\"keys\": [...]}."));
    if (Jwk::isPrivate(object)) {
        auto key = Jwk::privateKey(object, source());
        if (!key)
            return key.error();
        m_material.privateKey = key.value();
        m_material.format = QStringLiteral("JWK, %1 private key").arg(key->kindText());
        return {};
    }
    auto key = Jwk::publicKey(object, source());
    if (!key)
        return key.error();
    m_material.publicKey = key.value();
    m_material.format = QStringLiteral("JWK, %1 public key").arg(key->kindText());
    return {};
}

Result<QCA::SecureArray> Loader::askPassphrase(const QString &what)
{
    if (!m_passphrase)
        return makeError(QStringLiteral("key.passphrase-required"),
            QStringLiteral("The %1 in %2 is encrypted and needs its passphrase.").arg(what, source()),
            QStringLiteral("Give the passphrase it was exported with."));
    std::optional<QByteArray> answer = m_passphrase(source());
    if (!answer)
        return makeError(QStringLiteral("key.passphrase-cancelled"),
            QStringLiteral("Loading %1 was cancelled: no passphrase was given.").arg(source()),
            QStringLiteral("Load it again and enter the passphrase."));
    QByteArray bytes = std::move(*answer);
    if (bytes.isEmpty())
        return makeError(QStringLiteral("key.passphrase-empty"),
            QStringLiteral("The %1 in %2 is encrypted; an empty passphrase cannot open it.").arg(what, source()),
            QStringLiteral("Enter its passphrase. A file protected by an empty passphrase must be converted first, "
                           "e.g. openssl pkcs12 -in FILE -nodes -out key.pem."));
    if (bytes.contains('\0')) {
        bytes.fill('\0');
        return makeError(QStringLiteral("key.passphrase-nul"),
            QStringLiteral("The passphrase for %1 contains a NUL character.").arg(source()),
            QStringLiteral("OpenSSL would cut the passphrase at the NUL; type it again without it."));
    }
    QCA::SecureArray secure(bytes);
    bytes.fill('\0');
    return secure;
}

Result<QByteArray> readCapped(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists() && info.isSymLink())
        return makeError(QStringLiteral("key.broken-link"),
            QStringLiteral("%1 is a symbolic link that leads nowhere: its target is missing, or the links form a loop.")
                .arg(path),
            QStringLiteral("Point the link at the key file (ls -l shows where it leads), or give the file's own path."));
    if (!info.exists())
        return makeError(QStringLiteral("key.not-found"), QStringLiteral("%1 does not exist.").arg(path),
            QStringLiteral("Check the path and the file name."));
    if (!info.isFile())
        return makeError(QStringLiteral("key.not-a-file"),
            QStringLiteral("%1 is not a regular file (%2).")
                .arg(path, info.isDir() ? QStringLiteral("a folder") : QStringLiteral("a device, pipe or socket")),
            QStringLiteral("Pick the key or certificate file itself."));
    if (info.size() > KeyLoader::kMaxFileSize)
        return makeError(QStringLiteral("key.too-large"),
            QStringLiteral("%1 is %2; key and certificate files are at most %3.")
                .arg(path, sizeText(info.size()), sizeText(KeyLoader::kMaxFileSize)),
            QStringLiteral("Pick the key or certificate itself, not an archive, backup or disk image."));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("key.unreadable"), QStringLiteral("%1 cannot be read: %2.").arg(path, file.errorString()),
            QStringLiteral("Check the file's permissions."));
    QByteArray data = file.read(KeyLoader::kMaxFileSize + 1); // never more, even if the file grew meanwhile
    if (data.size() > KeyLoader::kMaxFileSize)
        return makeError(QStringLiteral("key.too-large"),
            QStringLiteral("%1 is larger than %2.").arg(path, sizeText(KeyLoader::kMaxFileSize)),
            QStringLiteral("Pick the key or certificate itself, not an archive, backup or disk image."));
    return data;
}

} // namespace

Result<KeyMaterial> KeyLoader::loadFile(const QString &path, const PassphraseCallback &passphrase)
{
    auto data = readCapped(path);
    if (!data)
        return data.error();
    auto material = loadData(data.value(), path, passphrase);
    data.value().fill('\0');
    if (material)
        material.value().filePath = path;
    return material;
}

Result<KeyMaterial> KeyLoader::loadData(const QByteArray &data, const QString &source, const PassphraseCallback &passphrase)
{
    return Loader(source, passphrase).load(data);
}

Result<KeyMaterial> KeyLoader::loadPastedText(QString &text, const QString &source, const PassphraseCallback &passphrase)
{
    QByteArray bytes = text.toUtf8(); // no trimmed() copy: it would be one more unwiped buffer
    // Overwritten in place: fill() on a string nobody shares writes into its own buffer.
    text.fill(QChar(u'\0'));
    text.clear();
    const bool blank
        = std::all_of(bytes.cbegin(), bytes.cend(), [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
    Result<KeyMaterial> result = blank
        ? Result<KeyMaterial>(makeError(QStringLiteral("key.empty"), QStringLiteral("Nothing was pasted."),
              QStringLiteral("Paste a PEM block (-----BEGIN …-----), a JWK or a JWKS.")))
        : loadData(bytes, source, passphrase);
    OPENSSL_cleanse(bytes.data(), static_cast<size_t>(bytes.size()));
    return result;
}

Result<PrivateKey> KeyLoader::loadPrivateKey(const QString &path, const PassphraseCallback &passphrase)
{
    auto material = loadFile(path, passphrase);
    if (!material)
        return material.error();
    if (!material->privateKey.isNull())
        return material->privateKey;
    if (!material->certificate.isNull())
        return makeError(QStringLiteral("key.not-private-key"),
            QStringLiteral("%1 holds a certificate, not a private key.").arg(path),
            QStringLiteral("Signing needs the private key made together with this certificate (often a .key or .pem file)."));
    return makeError(QStringLiteral("key.not-private-key"), QStringLiteral("%1 holds a public key, not a private key.").arg(path),
        QStringLiteral("Signing needs the private key; a public key, JWK or JWKS can only verify."));
}

Result<Certificate> KeyLoader::loadCertificate(const QString &path)
{
    auto material = loadFile(path);
    if (!material)
        return material.error();
    if (!material->certificate.isNull())
        return material->certificate;
    return makeError(QStringLiteral("key.not-certificate"),
        QStringLiteral("%1 holds %2, not a certificate.")
            .arg(path, material->privateKey.isNull() ? QStringLiteral("a public key") : QStringLiteral("a private key")),
        QStringLiteral("A certificate file starts with -----BEGIN CERTIFICATE----- (.crt, .cer or .pem)."));
}

Result<PublicKey> KeyLoader::loadPublicKey(const QString &path, const QString &kid)
{
    auto data = readCapped(path);
    if (!data)
        return data.error();
    // Verification never needs a secret: refuse a private key rather than ask for its passphrase.
    const PassphraseCallback refuse = [](const QString &) -> std::optional<QByteArray> { return std::nullopt; };
    auto material = loadData(data.value(), path, refuse);
    data.value().fill('\0');
    if (!material && material.error().code == QLatin1String("key.passphrase-cancelled"))
        return makeError(QStringLiteral("key.private-key-given"),
            QStringLiteral("%1 is encrypted (a private key or a PKCS#12 file).").arg(path),
            QStringLiteral("Verifying needs only the certificate or public key; give that file instead."));
    if (!material)
        return material.error();
    if (!material->privateKey.isNull() && material->certificate.isNull())
        return makeError(QStringLiteral("key.private-key-given"), QStringLiteral("%1 holds a private key.").arg(path),
            QStringLiteral("Verifying needs only the certificate or public key; give that file instead, and keep the "
                           "private key where it is."));
    return material->verificationKey(kid);
}

} // namespace jwtflow
