#include "CliCommands.h"
#include "CryptoCliSupport.h"

#include "core/Clock.h"
#include "crypto/HmacSecret.h"
#include "crypto/KeyLoader.h"
#include "crypto/Verifier.h"
#include "token/Jwt.h"

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
        break;
    }
    return InvalidSignature;
}

} // namespace

int verifyCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Verify a JWT's signature with a certificate, public key, JWK, JWKS or HMAC secret.\n"
        "Algorithms: RS256/384/512, PS256/384/512 (RSA keys), ES256/384/512 (EC P-256/P-384/P-521),\n"
        "EdDSA (Ed25519, Ed448) and HS256/384/512; the token's alg decides, and the key must fit it.\n"
        "Give exactly one key option. The signature is checked, not the claims (exp, aud, ...).\n"
        "Exit codes: 0 verified; 1 not verified (signature invalid, alg none, key of the wrong kind);\n"
        "2 bad input; 3 algorithm not supported by this build (e.g. ES256K, or JWE)."));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("json"), QStringLiteral("Print one JSON object instead of text.")},
        {QStringLiteral("cert"), QStringLiteral("Certificate (PEM or DER) of the signer."), QStringLiteral("file")},
        {QStringLiteral("pubkey"), QStringLiteral("Public key (PEM or DER), certificate, JWK or JWKS."), QStringLiteral("file")},
        {QStringLiteral("jwk"), QStringLiteral("A JWK (JSON) with the public key: kty RSA, EC or OKP."), QStringLiteral("file")},
        {QStringLiteral("jwks"), QStringLiteral("A JWK Set; the token's kid (or --kid) picks the key."), QStringLiteral("file")},
        {QStringLiteral("kid"), QStringLiteral("The JWKS entry to use instead of the token's kid."), QStringLiteral("kid")},
        {QStringLiteral("secret"), QStringLiteral("HMAC secret (HS256/384/512) as text. Visible in the process list: prefer --secret-file or JWTFLOW_SECRET."),
         QStringLiteral("text")},
        {QStringLiteral("secret-file"), QStringLiteral("File holding the HMAC secret (one trailing line break ignored)."), QStringLiteral("file")},
        {QStringLiteral("secret-base64"), QStringLiteral("The secret is base64 or base64url, not text.")},
    });
    parser.addPositionalArgument(QStringLiteral("token"), QStringLiteral("The token, or - (default) to read standard input."));
    if (auto done = parseArguments(parser, arguments))
        return *done;
    const bool json = parser.isSet(QStringLiteral("json"));

    const QString envSecret = QProcessEnvironment::systemEnvironment().value(QStringLiteral("JWTFLOW_SECRET"));
    QStringList sources;
    for (const char *name : {"cert", "pubkey", "jwk", "jwks", "secret", "secret-file"}) {
        if (parser.isSet(QString::fromLatin1(name)))
            sources << QStringLiteral("--") + QString::fromLatin1(name);
    }
    const bool useEnvSecret = sources.isEmpty() && !envSecret.isEmpty();
    if (sources.size() != 1 && !useEnvSecret)
        return printError(makeError(QStringLiteral("cli.usage"),
                                    sources.isEmpty() ? QStringLiteral("No key to verify with.")
                                                      : QStringLiteral("Several keys to verify with (%1).").arg(sources.join(QStringLiteral(", "))),
                                    QStringLiteral("Give exactly one of --cert, --pubkey, --jwk, --jwks, --secret, --secret-file "
                                                   "(or set JWTFLOW_SECRET).")),
                          json);

    const auto jwt = Jwt::parse(tokenArgument(parser.positionalArguments()));
    if (!jwt)
        return printError(jwt.error(), json);

    Verification verification;
    KeyWarnings warnings;
    if (parser.isSet(QStringLiteral("secret")) || parser.isSet(QStringLiteral("secret-file")) || useEnvSecret) {
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
        const auto key = KeyLoader::loadPublicKey(parser.value(option), kid);
        if (!key)
            return printError(key.error(), json);
        verification = Verifier::verify(jwt.value(), key.value());
    }
    for (const KeyWarning &w : std::as_const(verification.warnings)) {
        if (!warnings.contains(w))
            warnings.append(w);
    }

    if (json) {
        QJsonObject object{{QStringLiteral("ok"), verification.isVerified()},
                           {QStringLiteral("outcome"), verification.outcomeName()},
                           {QStringLiteral("alg"), verification.alg},
                           {QStringLiteral("message"), verification.message},
                           {QStringLiteral("key"), verification.keyDescription},
                           {QStringLiteral("warnings"), warningsToJson(warnings)}};
        if (!jwt->kid().isEmpty())
            object.insert(QStringLiteral("kid"), jwt->kid());
        out() << QJsonDocument(object).toJson(QJsonDocument::Indented);
    } else {
        out() << "Signature: " << verification.outcomeName().toUpper() << " (" << (verification.alg.isEmpty() ? QStringLiteral("no alg") : verification.alg)
              << ")\n";
        out() << verification.message << '\n';
        if (!verification.keyDescription.isEmpty())
            out() << "Key: " << verification.keyDescription << '\n';
        out().flush();
        printWarnings(warnings);
    }
    return exitCodeFor(verification);
}

} // namespace jwtflow::cli
