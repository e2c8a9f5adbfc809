#include "ClaimLintOutput.h"
#include "CliCommands.h"
#include "CryptoCliSupport.h"

#include "core/Clock.h"
#include "crypto/HmacSecret.h"
#include "crypto/JwsAlgorithm.h"
#include "crypto/KeyLoader.h"
#include "crypto/Verifier.h"
#include "inspect/TokenVerdict.h"
#include "token/Jwt.h"
#include "token/TokenForm.h"

#include <QJsonArray>

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>

namespace jwtflow::cli {

namespace {

int exitCodeFor(const Verification &v)
{
    switch (v.outcome) {
    case Verification::Outcome::Verified:
        return Success;
    case Verification::Outcome::Unsupported:
        return Unsupported;
    case Verification::Outcome::Invalid:
    case Verification::Outcome::Unsecured:
    case Verification::Outcome::KeyMismatch:
    case Verification::Outcome::JsonInvalid:
        break;
    }
    return InvalidSignature;
}

} // namespace

int verifyCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Verify a JWT's signature with a certificate, public key, JWK, JWKS or HMAC secret.\n"
                       "Algorithms: RS256/384/512, PS256/384/512 (RSA keys), ES256/384/512 (EC P-256/P-384/P-521),\n"
                       "EdDSA (Ed25519, Ed448) and HS256/384/512; the token's alg decides, and the key must fit it.\n"
                       "Give exactly one key option. The signature is checked, not the claims (exp, aud, ...).\n"
                       "Exit codes: 0 verified; 1 not verified (signature invalid, alg none, key of the wrong kind);\n"
                       "2 bad input; 3 the token's algorithm is not one this build verifies (it verifies %1).\n%2")
            .arg(JwsAlgorithm::supportedNames().join(QStringLiteral(", ")), tokenInputHelp()));
    parser.addHelpOption();
    parser.addOptions({
        { QStringLiteral("json"), QStringLiteral("Print one JSON object instead of text.") },
        { QStringLiteral("cert"), QStringLiteral("Certificate (PEM or DER) of the signer."), QStringLiteral("file") },
        { QStringLiteral("pubkey"), QStringLiteral("Public key (PEM or DER), certificate, JWK or JWKS."),
            QStringLiteral("file") },
        { QStringLiteral("jwk"), QStringLiteral("A JWK (JSON) with the public key: kty RSA, EC or OKP."),
            QStringLiteral("file") },
        { QStringLiteral("jwks"), QStringLiteral("A JWK Set; the token's kid (or --kid) picks the key."),
            QStringLiteral("file") },
        { QStringLiteral("kid"), QStringLiteral("The JWKS entry to use instead of the token's kid."), QStringLiteral("kid") },
        { QStringLiteral("secret"),
            QStringLiteral(
                "HMAC secret (HS256/384/512) as text. Visible in the process list: prefer --secret-file or JWTFLOW_SECRET."),
            QStringLiteral("text") },
        { QStringLiteral("secret-file"), QStringLiteral("File holding the HMAC secret (one trailing line break ignored)."),
            QStringLiteral("file") },
        { QStringLiteral("secret-base64"), QStringLiteral("The secret is base64 or base64url, not text.") },
    });
    parser.addPositionalArgument(
        QStringLiteral("token"), QStringLiteral("The token, or - (default) to read standard input. ") + tokenInputHelp());
    if (auto done = parseArguments(parser, arguments))
        return *done;
    const bool json = parser.isSet(QStringLiteral("json"));

    const QString envSecret = QProcessEnvironment::systemEnvironment().value(QStringLiteral("JWTFLOW_SECRET"));
    QStringList sources;
    for (const char *name : { "cert", "pubkey", "jwk", "jwks", "secret", "secret-file" }) {
        if (parser.isSet(QString::fromLatin1(name)))
            sources << QStringLiteral("--") + QString::fromLatin1(name);
    }
    const bool useEnvSecret = sources.isEmpty() && !envSecret.isEmpty();
    if (sources.size() != 1 && !useEnvSecret)
        return printError(
            makeError(QStringLiteral("cli.usage"),
                sources.isEmpty() ? QStringLiteral("No key to verify with.")
                                  : QStringLiteral("Several keys to verify with (%1).").arg(sources.join(QStringLiteral(", "))),
                QStringLiteral("Give exactly one of --cert, --pubkey, --jwk, --jwks, --secret, --secret-file "
                               "(or set JWTFLOW_SECRET).")),
            json);

    const auto input = tokenArgument(parser.positionalArguments());
    if (!input)
        return printError(input.error(), json);
    const auto jwt = Jwt::parse(input.value());
    if (!jwt)
        return printError(jwt.error(), json);

    Verification verification;
    KeyWarnings warnings;
    QString keyChoice; // how a JWKS entry was chosen when the token names no usable kid
    // What no key can change is decided before any key file is read: an algorithm this build does
    // not verify is exit 3 with its own name, whatever the key (an EC key file must not turn it
    // into "bad input"); alg none, a stripped signature, crit, zip, a kid that is no string ... are 1.
    const std::optional<Verification> early = TokenVerdict::beforeKey(jwt.value());
    if (early) {
        verification = *early;
    } else if (parser.isSet(QStringLiteral("secret")) || parser.isSet(QStringLiteral("secret-file")) || useEnvSecret) {
        QByteArray raw;
        if (parser.isSet(QStringLiteral("secret-file"))) {
            QString error;
            const auto data = readSecretFile(parser.value(QStringLiteral("secret-file")), &error);
            if (!data)
                return printError(makeError(QStringLiteral("cli.secret-file"), error, QStringLiteral("Check the path.")), json);
            raw = *data;
        } else {
            raw = (useEnvSecret ? envSecret : parser.value(QStringLiteral("secret"))).toUtf8();
        }
        const auto secret = parser.isSet(QStringLiteral("secret-base64")) ? HmacSecret::fromBase64(QString::fromUtf8(raw))
                                                                          : HmacSecret::fromBytes(raw, QStringLiteral("text"));
        raw.fill('\0');
        if (!secret)
            return printError(secret.error(), json);
        verification = Verifier::verify(jwt.value(), secret.value());
    } else if (parser.isSet(QStringLiteral("cert"))) {
        const auto certificate = KeyLoader::loadCertificate(parser.value(QStringLiteral("cert")));
        if (!certificate)
            return printError(certificate.error(), json);
        verification = Verifier::verify(jwt.value(), certificate.value());
        warnings = certificate->warnings(SystemClock::instance());
    } else {
        const QString option = sources.constFirst().mid(2);
        const QString kid = parser.isSet(QStringLiteral("kid")) ? parser.value(QStringLiteral("kid")) : jwt->kid();
        Result<PublicKey> key = PublicKey {};
        if (option == QStringLiteral("jwks") && kid.isEmpty()) {
            // No kid: only when exactly one key of the set fits the token's alg (never "try each").
            auto material = KeyLoader::loadFile(parser.value(option));
            if (!material)
                return printError(material.error(), json);
            key = material->jwks.isEmpty() ? material->verificationKey(kid)
                                           : material->jwks.selectForAlgorithm(jwt->alg(), &keyChoice);
        } else {
            key = KeyLoader::loadPublicKey(parser.value(option), kid);
        }
        if (!key)
            return printError(key.error(), json);
        verification = Verifier::verify(jwt.value(), key.value());
    }
    verification = TokenVerdict::strict(jwt.value(), verification);
    for (const KeyWarning &w : std::as_const(verification.warnings)) {
        if (!warnings.contains(w))
            warnings.append(w);
    }

    const TokenForm form = TokenForm::of(jwt.value());
    const QList<Lint> lints = assertionLints(jwt.value());
    if (json) {
        QJsonObject object { { QStringLiteral("ok"), verification.isVerified() }, { QStringLiteral("form"), form.code },
            { QStringLiteral("notes"), QJsonArray::fromStringList(form.notes) },
            { QStringLiteral("outcome"), verification.outcomeName() }, { QStringLiteral("alg"), verification.alg },
            { QStringLiteral("message"), verification.message }, { QStringLiteral("key"), verification.keyDescription },
            { QStringLiteral("warnings"), warningsToJson(warnings) } };
        if (!jwt->kid().isEmpty())
            object.insert(QStringLiteral("kid"), jwt->kid());
        if (!keyChoice.isEmpty())
            object.insert(QStringLiteral("keyChoice"), keyChoice);
        object.insert(QStringLiteral("lints"), lintsToJson(lints));
        out() << QJsonDocument(object).toJson(QJsonDocument::Indented);
    } else {
        out() << "Signature: " << verification.outcomeName().toUpper() << " ("
              << (verification.alg.isEmpty() ? QStringLiteral("no alg") : verification.alg) << ")\n";
        out() << verification.message << '\n';
        out() << "Token: " << form.title << '\n';
        for (const QString &note : form.notes)
            out() << "Note: " << note << '\n';
        if (!verification.keyDescription.isEmpty())
            out() << "Key: " << verification.keyDescription << '\n';
        if (!keyChoice.isEmpty())
            out() << "Note: " << keyChoice << '\n';
        out().flush();
        printWarnings(warnings);
        printLints(lints);
    }
    return exitCodeFor(verification);
}

} // namespace jwtflow::cli
