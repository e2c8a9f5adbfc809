#include "CliCommands.h"
#include "CryptoCliSupport.h"

#include "crypto/CredentialWriter.h"
#include "crypto/KeyAlgorithmRule.h"
#include "crypto/KeyGenerator.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace jwtflow::cli {

namespace {

std::optional<int> intOption(const QCommandLineParser &parser, const QString &name)
{
    bool ok = false;
    const int value = parser.value(name).toInt(&ok);
    return ok ? std::optional<int>(value) : std::nullopt;
}

int failure(const Error &error, bool json)
{
    // Refusals of the input (sizes, names, existing files) are bad input; a failed write or
    // generation is a failure of the operation.
    const bool operational = error.code == QLatin1String("keygen.write") || error.code == QLatin1String("keygen.failed")
        || error.code == QLatin1String("keygen.directory") || error.code == QLatin1String("crypto.unavailable");
    return printError(error, json, operational ? Failed : BadInput);
}

} // namespace

int keygenCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Generate a key and a self-signed certificate, by default an RSA key for a Salesforce connected app.\n"
                       "--type ec-p256 makes an EC P-256 key (ES256), --type ed25519 an Ed25519 key (EdDSA); Salesforce's\n"
                       "JWT bearer flow takes RS256 only, so those are for other identity providers and for practice.\n"
                       "Writes NAME.key (private key, PKCS#8 PEM, mode 0600), NAME.crt (certificate, PEM: upload it\n"
                       "to the connected app under \"Use digital signatures\") and NAME.cer (the certificate in DER).\n"
                       "Existing files are never replaced unless --force is given."));
    parser.addHelpOption();
    parser.addOptions({
        { QStringLiteral("json"), QStringLiteral("Print one JSON object instead of text.") },
        { QStringLiteral("type"), QStringLiteral("Key type: rsa (default), ec-p256 or ed25519."), QStringLiteral("type"),
            QStringLiteral("rsa") },
        { QStringLiteral("bits"), QStringLiteral("RSA key size: 2048 (default), 3072 or 4096."), QStringLiteral("bits"),
            QStringLiteral("2048") },
        { QStringLiteral("cn"), QStringLiteral("Certificate common name (default jwtflow)."), QStringLiteral("name"),
            QStringLiteral("jwtflow") },
        { QStringLiteral("days"), QStringLiteral("Certificate validity in days (default 365)."), QStringLiteral("days"),
            QStringLiteral("365") },
        { QStringLiteral("out"), QStringLiteral("Folder to write to (default: the current folder)."), QStringLiteral("dir"),
            QStringLiteral(".") },
        { QStringLiteral("name"), QStringLiteral("Base name of the files (default jwtflow)."), QStringLiteral("base"),
            QStringLiteral("jwtflow") },
        { QStringLiteral("force"), QStringLiteral("Replace existing files of the same names.") },
    });
    if (auto done = parseArguments(parser, arguments))
        return *done;
    const bool json = parser.isSet(QStringLiteral("json"));

    const auto bits = intOption(parser, QStringLiteral("bits"));
    const auto days = intOption(parser, QStringLiteral("days"));
    if (!bits || !days)
        return printError(makeError(QStringLiteral("cli.usage"), QStringLiteral("--bits and --days take whole numbers."),
                              QStringLiteral("For example --bits 2048 --days 365.")),
            json);
    const QString type = parser.value(QStringLiteral("type"));
    if (!KeyGenerator::typeNames().contains(type))
        return printError(
            makeError(QStringLiteral("keygen.type"), QStringLiteral("--type %1 is not a key type jwtflow generates.").arg(type),
                QStringLiteral("Choose rsa (what Salesforce takes), ec-p256 or ed25519.")),
            json);
    if (type != QLatin1String("rsa") && parser.isSet(QStringLiteral("bits")))
        return printError(makeError(QStringLiteral("cli.usage"), QStringLiteral("--bits applies to RSA keys only."),
                              QStringLiteral("An EC P-256 key is 256 bits and an Ed25519 key 255; leave --bits out.")),
            json);
    const QString directory = parser.value(QStringLiteral("out"));
    const QString name = parser.value(QStringLiteral("name"));
    const bool force = parser.isSet(QStringLiteral("force"));
    // Refuse before the (slow) generation when a file is in the way.
    if (!force) {
        for (const QString &path : CredentialWriter::filesFor(directory, name).all()) {
            if (QFileInfo::exists(path))
                return failure(
                    makeError(QStringLiteral("keygen.exists"),
                        QStringLiteral("%1 already exists; nothing was written.").arg(path),
                        QStringLiteral("Choose another --name or --out, or add --force if the old key is no longer needed.")),
                    json);
        }
    }

    const auto key = KeyGenerator::generate(type, *bits);
    if (!key)
        return failure(key.error(), json);
    const auto certificate = KeyGenerator::selfSignedCertificate(key.value(), parser.value(QStringLiteral("cn")), *days);
    if (!certificate)
        return failure(certificate.error(), json);
    const auto files = CredentialWriter::write(key.value(), certificate.value(), directory, name, force);
    if (!files)
        return failure(files.error(), json);

    if (json) {
        const QJsonObject object {
            { QStringLiteral("ok"), true },
            { QStringLiteral("files"),
                QJsonObject { { QStringLiteral("privateKey"), files->privateKey },
                    { QStringLiteral("certificatePem"), files->certificatePem },
                    { QStringLiteral("certificateDer"), files->certificateDer } } },
            { QStringLiteral("type"), key->typeName() },
            { QStringLiteral("curve"), key->curve().isEmpty() ? QJsonValue() : QJsonValue(key->curve()) },
            { QStringLiteral("bits"), key->bits() },
            { QStringLiteral("algorithms"),
                QJsonArray::fromStringList(KeyAlgorithmRule::algorithmsFor(key->keyType(), key->curve())) },
            { QStringLiteral("subject"), certificate->subject() },
            { QStringLiteral("serial"), certificate->serialNumber() },
            { QStringLiteral("notBefore"), certificate->notBefore().toString(Qt::ISODate) },
            { QStringLiteral("notAfter"), certificate->notAfter().toString(Qt::ISODate) },
            { QStringLiteral("sha1"), certificate->sha1Fingerprint() },
            { QStringLiteral("sha256"), certificate->sha256Fingerprint() },
            { QStringLiteral("x5t"), certificate->x5t() },
            { QStringLiteral("x5t#S256"), certificate->x5tS256() },
        };
        out() << QJsonDocument(object).toJson(QJsonDocument::Indented);
        return Success;
    }
    out() << "Wrote:\n"
          << "  " << QDir::toNativeSeparators(files->privateKey) << "  private key (" << key->kindText()
          << ", PKCS#8 PEM, mode 0600): keep it secret\n"
          << "  " << QDir::toNativeSeparators(files->certificatePem)
          << "  certificate (PEM): upload it to the connected app (\"Use digital signatures\")\n"
          << "  " << QDir::toNativeSeparators(files->certificateDer) << "  certificate (DER)\n"
          << "Certificate: " << certificate->subject() << ", valid " << certificate->notBefore().toString(Qt::ISODate) << " to "
          << certificate->notAfter().toString(Qt::ISODate) << '\n'
          << "SHA-1:    " << certificate->sha1Fingerprint() << '\n'
          << "SHA-256:  " << certificate->sha256Fingerprint() << '\n'
          << "x5t#S256: " << certificate->x5tS256() << '\n';
    return Success;
}

} // namespace jwtflow::cli
