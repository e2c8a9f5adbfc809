#include "crypto/Verifier.h"

#include "crypto/CryptoProvider.h"
#include "crypto/JwsAlgorithm.h"
#include "crypto/KeyAlgorithmRule.h"
#include "crypto/internal/QcaHandles.h"

#include <QJsonArray>
#include <QLocale>

#include <optional>

namespace jwtflow {

namespace {

using Outcome = Verification::Outcome;

Verification result(Outcome outcome, const QString &alg, const QString &message, const QString &keyDescription = {})
{
    Verification v;
    v.outcome = outcome;
    v.alg = alg;
    v.message = message;
    v.keyDescription = keyDescription;
    return v;
}

// What can be decided before any key is touched (RFC 8725 §3.1, reliability.md §1.1 step 5).
std::optional<Verification> precheck(const Jwt &jwt, JwsAlgorithm &alg)
{
    if (auto ready = CryptoProvider::ensureReady(); !ready)
        return result(Outcome::Unsupported, jwt.alg(), ready.error().text());
    if (jwt.kind() == Jwt::Kind::Encrypted)
        return result(Outcome::Unsupported, jwt.alg(),
            QStringLiteral("The token is encrypted (JWE); this build checks signed tokens (JWS) only."));
    if (const QStringList duplicates = jwt.duplicateHeaderMembers(); !duplicates.isEmpty())
        // RFC 7515 §4 allows "last one wins", but a server that keeps the first would see another
        // alg or key hint than this check did (a parser differential): stricter than the RFC, on purpose.
        return result(Outcome::Invalid, jwt.alg(),
            QStringLiteral("The header names %1 more than once, so what it says depends on which parser reads it; "
                           "a token like that is not verified.")
                .arg(duplicates.join(QStringLiteral(", "))));
    const QJsonValue algValue = jwt.header().value(QStringLiteral("alg"));
    if (!algValue.isString())
        return result(Outcome::Invalid, QString(),
            QStringLiteral("The header has no \"alg\" string, so there is nothing to verify against."));
    alg = JwsAlgorithm::fromName(algValue.toString());
    const QString name = alg.name();
    switch (alg.family()) {
    case JwsAlgorithm::Family::None:
        return result(Outcome::Unsecured, name,
            QStringLiteral("alg is \"none\": the token is unsecured (not signed) and proves nothing about who made it. "
                           "Never accept it."));
    case JwsAlgorithm::Family::Unknown:
        if (name.trimmed().compare(QLatin1String("none"), Qt::CaseInsensitive) == 0)
            return result(Outcome::Invalid, name,
                QStringLiteral("alg \"%1\" is a disguised variant of \"none\" (alg names are exact and case-sensitive); "
                               "the token is not signed.")
                    .arg(name));
        return result(Outcome::Invalid, name,
            QStringLiteral("\"%1\" is not a JWS algorithm (names are exact and case-sensitive, e.g. RS256, HS256).").arg(name));
    case JwsAlgorithm::Family::Unsupported:
        return result(Outcome::Unsupported, name,
            QStringLiteral("%1 is not supported by this build (it verifies %2), so the signature was not checked.")
                .arg(name, JwsAlgorithm::supportedNames().join(QStringLiteral(", "))));
    case JwsAlgorithm::Family::Rsa:
    case JwsAlgorithm::Family::RsaPss:
    case JwsAlgorithm::Family::Ecdsa:
    case JwsAlgorithm::Family::EdDsa:
    case JwsAlgorithm::Family::Hmac:
        break;
    }
    if (jwt.header().contains(QStringLiteral("crit"))) {
        // RFC 7515 §4.1.11: extensions the recipient does not understand make the JWS invalid.
        const QJsonValue crit = jwt.header().value(QStringLiteral("crit"));
        if (!crit.isArray() || crit.toArray().isEmpty())
            return result(Outcome::Invalid, name,
                crit.isArray()
                    ? QStringLiteral("The header's \"crit\" list is empty, and crit must not be empty (RFC 7515 §4.1.11): "
                                     "the token is invalid.")
                    : QStringLiteral("The header's \"crit\" is not a list of names (RFC 7515 §4.1.11): the token is invalid."));
        QStringList names;
        for (const QJsonValue &v : crit.toArray())
            names << v.toString();
        return result(Outcome::Invalid, name,
            QStringLiteral("The header's \"crit\" requires extensions this verifier does not understand (%1), so RFC 7515 "
                           "makes the token invalid.")
                .arg(names.join(QStringLiteral(", "))));
    }
    if (jwt.header().contains(QStringLiteral("zip")))
        return result(Outcome::Invalid, name,
            QStringLiteral("The header has \"zip\", a parameter of encrypted tokens (JWE); a signed token carrying it is "
                           "malformed, so it is not verified."));
    if (jwt.signature().isEmpty())
        return result(Outcome::Invalid, name, QStringLiteral("The token has no signature although its alg is %1.").arg(name));
    return std::nullopt;
}

// Constant time over all bytes (reliability.md P24): QByteArray::operator== stops at the first difference.
bool equalInConstantTime(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

// Every JWS signature of a given algorithm and key has one length: RSA the modulus, ECDSA R || S
// (RFC 7518 §3.4), Ed25519 64 and Ed448 114 bytes (RFC 8032).
qsizetype expectedSignatureBytes(const JwsAlgorithm &alg, const PublicKey &key)
{
    switch (alg.family()) {
    case JwsAlgorithm::Family::Ecdsa:
        return alg.ecdsaSignatureBytes();
    case JwsAlgorithm::Family::EdDsa:
        return key.keyType() == KeyFormat::KeyType::Ed448 ? 114 : 64;
    default:
        return (key.bits() + 7) / 8;
    }
}

// The key/algorithm rule, the signature's length, then the cryptography, over `input`.
Verification checkWithKey(const JwsAlgorithm &alg, const QByteArray &input, const QByteArray &signature, const PublicKey &key)
{
    const QString name = alg.name();
    const QString description = key.description();
    if (auto fits = KeyAlgorithmRule::check(alg, key.keyType(), key.curve(), key.bits()); !fits)
        return result(Outcome::KeyMismatch, name, fits.error().message + QLatin1Char(' ') + fits.error().hint, description);
    if (key.keyType() == KeyFormat::KeyType::Rsa && key.bits() > KeyAlgorithmRule::kMaxRsaBits)
        return result(Outcome::Unsupported, name,
            QStringLiteral("This RSA key is %1 bits, larger than supported: jwtflow (through OpenSSL) checks RSA signatures "
                           "with keys of up to %2 bits, so whether the signature matches cannot be told.")
                .arg(key.bits())
                .arg(QLocale(QLocale::English).toString(KeyAlgorithmRule::kMaxRsaBits)),
            description);

    const qsizetype expected = expectedSignatureBytes(alg, key);
    Verification v;
    if (signature.size() != expected) {
        if (alg.family() == JwsAlgorithm::Family::Ecdsa && ossl::looksLikeDerEcdsa(signature))
            v = result(Outcome::Invalid, name,
                QStringLiteral("The signature is a DER-encoded ECDSA value (%1 bytes, as OpenSSL and Java make it), but JWS "
                               "carries R || S, exactly %2 bytes for %3 (RFC 7518 §3.4): the signer forgot to convert it.")
                    .arg(signature.size())
                    .arg(expected)
                    .arg(name),
                description);
        else if (alg.family() == JwsAlgorithm::Family::Rsa || alg.family() == JwsAlgorithm::Family::RsaPss)
            v = result(Outcome::Invalid, name,
                QStringLiteral("The signature is %1 bytes, but an %2 signature made with this %3-bit key is exactly %4 bytes: "
                               "it was cut or made with another key.")
                    .arg(signature.size())
                    .arg(name)
                    .arg(key.bits())
                    .arg(expected),
                description);
        else
            v = result(Outcome::Invalid, name,
                QStringLiteral("The signature is %1 bytes, but an %2 signature with an %3 key is exactly %4 bytes: it was cut "
                               "or made with another key.")
                    .arg(signature.size())
                    .arg(name, key.kindText())
                    .arg(expected),
                description);
    } else {
        bool good = false;
        if (alg.family() == JwsAlgorithm::Family::Rsa) {
            QCA::PublicKey qcaKey = qca::copyOf(key);
            good = qcaKey.verifyMessage(input, signature, qca::emsa3(alg.hashBits()));
        } else if (EVP_PKEY *evp = ossl::keyOf(*key.handle())) {
            good = ossl::verifyJws(evp, alg, input, signature);
        }
        v = good
            ? result(Outcome::Verified, name, QStringLiteral("The %1 signature is valid for this key.").arg(name), description)
            : result(Outcome::Invalid, name,
                  QStringLiteral("The %1 signature does not match this key: the token was changed after signing, or it "
                                 "was signed with another key.")
                      .arg(name),
                  description);
    }
    v.warnings = key.warnings();
    return v;
}

} // namespace

Verification Verifier::verify(const Jwt &jwt, const PublicKey &key)
{
    JwsAlgorithm alg;
    if (auto early = precheck(jwt, alg))
        return *early;
    const QString name = alg.name();
    if (key.isNull())
        return result(Outcome::KeyMismatch, name, QStringLiteral("No key was given to verify with."));
    const QString description = key.description();
    if (alg.family() == JwsAlgorithm::Family::Hmac)
        return result(Outcome::KeyMismatch, name,
            QStringLiteral("The token says %1, an HMAC algorithm, but the key is an %2 public key. Using a public key as an "
                           "HMAC secret is the RS/HS key-confusion attack, so jwtflow refuses to; the signature is not "
                           "verified.")
                .arg(name, key.typeName()),
            description);
    return checkWithKey(alg, jwt.signingInput(), jwt.signature(), key);
}

Verification Verifier::verifySignature(
    const QByteArray &signingInput, const QByteArray &signature, const QString &alg, const PublicKey &key)
{
    const JwsAlgorithm algorithm = JwsAlgorithm::fromName(alg);
    if (auto ready = CryptoProvider::ensureReady(); !ready)
        return result(Outcome::Unsupported, alg, ready.error().text());
    if (!algorithm.usesKeyPair())
        return result(
            Outcome::Unsupported, alg, QStringLiteral("%1 is not a public-key algorithm this build verifies.").arg(alg));
    if (key.isNull())
        return result(Outcome::KeyMismatch, alg, QStringLiteral("No key was given to verify with."));
    return checkWithKey(algorithm, signingInput, signature, key);
}

Verification Verifier::verify(const Jwt &jwt, const Certificate &certificate)
{
    Verification v = verify(jwt, certificate.publicKey());
    if (!certificate.isNull() && !v.keyDescription.isEmpty())
        v.keyDescription = certificate.description();
    return v;
}

Verification Verifier::verify(const Jwt &jwt, const HmacSecret &secret)
{
    JwsAlgorithm alg;
    if (auto early = precheck(jwt, alg))
        return *early;
    const QString name = alg.name();
    const QString description = secret.description();
    if (alg.family() != JwsAlgorithm::Family::Hmac)
        return result(Outcome::KeyMismatch, name,
            QStringLiteral("The token says %1, a public-key algorithm, but the key is an HMAC secret; %1 is verified with the "
                           "signer's certificate or public key.")
                .arg(name),
            description);
    if (secret.isNull())
        return result(Outcome::KeyMismatch, name, QStringLiteral("No HMAC secret was given to verify with."));
    const QByteArray signature = jwt.signature();
    Verification v;
    if (signature.size() != alg.hashBytes()) {
        v = result(Outcome::Invalid, name,
            QStringLiteral("The signature is %1 bytes, but %2 signatures are exactly %3 bytes.")
                .arg(signature.size())
                .arg(name)
                .arg(alg.hashBytes()),
            description);
    } else {
        const QByteArray mac = qca::hmac(alg.hashBits(), secret.bytes(), jwt.signingInput());
        v = equalInConstantTime(mac, signature)
            ? result(Outcome::Verified, name, QStringLiteral("The %1 signature is valid for this secret.").arg(name), description)
            : result(Outcome::Invalid, name,
                  QStringLiteral("The %1 signature does not match: the token was changed after signing, or the secret is "
                                 "not the one it was signed with.")
                      .arg(name),
                  description);
    }
    v.warnings = secret.warnings(alg);
    return v;
}

} // namespace jwtflow
