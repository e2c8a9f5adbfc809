#include "crypto/HmacSecret.h"

#include "crypto/Der.h"
#include "crypto/KeyFormat.h"

namespace jwtflow {

namespace {

bool looksLikeKey(const QByteArray &bytes)
{
    const QByteArray text = bytes.trimmed();
    if (text.contains("-----BEGIN"))
        return true;
    for (const char *prefix : { "ssh-rsa", "ssh-dss", "ssh-ed25519", "ecdsa-sha2-", "PuTTY-User-Key-File" }) {
        if (text.startsWith(prefix))
            return true;
    }
    if (text.startsWith('{') && text.contains("\"kty\""))
        return true;
    if (Der::checkComplete(bytes) == Der::Status::Ok && KeyFormat::detect(bytes).structure != KeyFormat::Structure::Unknown)
        return true;
    return false;
}

} // namespace

Result<HmacSecret> HmacSecret::fromText(const QString &text)
{
    return fromBytes(text.toUtf8(), QStringLiteral("text"));
}

Result<HmacSecret> HmacSecret::fromBase64(const QString &encoded)
{
    QByteArray compact;
    for (const QChar c : encoded) {
        if (c.isSpace())
            continue;
        const char16_t u = c.unicode();
        const bool ok = (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u == '+' || u == '/'
            || u == '-' || u == '_' || u == '=';
        if (!ok || (u != '=' && compact.endsWith('=')))
            return makeError(QStringLiteral("secret.bad-base64"),
                QStringLiteral("The secret is not base64: character %1 is outside the base64 alphabet.").arg(compact.size() + 1),
                QStringLiteral("Give the secret as base64 or base64url, or as plain text without the base64 option."));
        compact.append(static_cast<char>(u));
    }
    while (compact.endsWith('='))
        compact.chop(1);
    if (compact.size() % 4 == 1)
        return makeError(QStringLiteral("secret.bad-base64"),
            QStringLiteral("The base64 secret has %1 characters, a length base64 cannot have.").arg(compact.size()),
            QStringLiteral("A character was probably lost when copying; copy the secret again."));
    auto decoded = QByteArray::fromBase64Encoding(
        compact, QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) // standard alphabet ('+' and '/')
        decoded = QByteArray::fromBase64Encoding(
            compact, QByteArray::Base64Encoding | QByteArray::OmitTrailingEquals | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return makeError(QStringLiteral("secret.bad-base64"),
            QStringLiteral("The secret mixes the base64 and base64url alphabets."),
            QStringLiteral("Copy the secret again from where it was issued."));
    return fromBytes(decoded.decoded, QStringLiteral("base64"));
}

Result<HmacSecret> HmacSecret::fromBytes(const QByteArray &bytes, const QString &origin)
{
    if (bytes.isEmpty())
        return makeError(QStringLiteral("secret.empty"), QStringLiteral("The HMAC secret is empty."),
            QStringLiteral("An empty secret signs nothing of value; give the shared secret."));
    if (looksLikeKey(bytes))
        return makeError(QStringLiteral("secret.looks-like-key"),
            QStringLiteral("The HMAC secret is a key or certificate. Using a public key as an HMAC secret is the RS/HS "
                           "key-confusion attack, so jwtflow refuses it."),
            QStringLiteral("For RS256 tokens give the certificate or public key as such; for HS256 give the shared secret."));
    HmacSecret secret;
    secret.m_bytes = bytes;
    secret.m_origin = origin;
    return secret;
}

QString HmacSecret::description() const
{
    return QStringLiteral("HMAC secret of %1 bytes (%2)").arg(m_bytes.size()).arg(m_origin);
}

KeyWarnings HmacSecret::warnings(const JwsAlgorithm &alg) const
{
    KeyWarnings list;
    if (alg.family() == JwsAlgorithm::Family::Hmac && m_bytes.size() < alg.hashBytes())
        list.append({ QStringLiteral("secret.short"),
            QStringLiteral("The HMAC secret has %1 bytes; RFC 7518 requires at least %2 for %3.")
                .arg(m_bytes.size())
                .arg(alg.hashBytes())
                .arg(alg.name()),
            QStringLiteral("Use a random secret at least as long as the hash, e.g. 32 random bytes for HS256.") });
    return list;
}

} // namespace jwtflow
