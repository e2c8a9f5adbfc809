#pragma once

#include "core/Result.h"
#include "token/StrictJson.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace jwtflow {

// A compact JWT as the user sees it: three base64url segments (JWS), two (an unsecured token
// pasted without its trailing dot) or five (JWE: only the header can be read). Each segment keeps
// the bytes it arrived with; only an edited part is re-encoded, so an untouched pasted token
// serialises byte for byte and its signature still verifies.
class Jwt {
public:
    enum class Kind { Signed, Unsecured, Encrypted };
    enum class Part { Header, Payload, Signature };

    Jwt() = default;

    // Pasted text longer than this is refused before anything else looks at it (reliability.md
    // §1.1 step 1): real tokens are a few KiB (an x5c chain makes tens), and a 10 MB paste must
    // not cost the UI thread seconds of splitting, decoding and re-layout.
    static constexpr qsizetype kMaxInputChars = 1024 * 1024;

    // Accepts what people paste: surrounding whitespace, line breaks, a "Bearer " prefix, quotes.
    // Each clean-up is reported in notes(), and so are duplicate member names. Error codes start
    // with "jwt." or "base64url." ("jwt.too-large", "jwt.segments", "jwt.header.json", ...).
    static Result<Jwt> parse(const QString &input);

    // A fresh, unsigned token from JSON texts (the composer's path).
    static Result<Jwt> compose(const QByteArray &headerJson, const QByteArray &payloadJson);

    Kind kind() const { return m_kind; }
    QStringList notes() const { return m_notes; }

    // Encoded segments, exactly as they will be serialised.
    QByteArray headerSegment() const { return m_headerB64; }
    QByteArray payloadSegment() const { return m_payloadB64; }
    QByteArray signatureSegment() const { return m_signatureB64; }
    QByteArray signingInput() const { return m_headerB64 + '.' + m_payloadB64; }
    QByteArray encoded() const; // the compact serialisation

    // Decoded contents.
    QByteArray headerJson() const { return m_headerJson; }
    QByteArray payloadJson() const { return m_payloadJson; }
    QJsonObject header() const { return m_header; }
    QJsonObject claims() const { return m_claims; }
    QByteArray signature() const { return m_signature; }

    // cty "JWT" (RFC 7519 §5.2, compared case-insensitively as media types are): the payload is
    // another compact JWT, not a claims set; payloadJson() then holds that token and claims() is empty.
    bool isNested() const;

    QString alg() const { return m_header.value(QStringLiteral("alg")).toString(); }
    QString kid() const { return m_header.value(QStringLiteral("kid")).toString(); }
    QString typ() const { return m_header.value(QStringLiteral("typ")).toString(); }

    // Member names the header / payload JSON text holds more than once. header() and claims()
    // keep the last value (as QJsonDocument does); another parser may keep the first.
    QStringList duplicateHeaderMembers() const;
    QStringList duplicateClaims() const;

    // Where the header / payload JSON departs from RFC 8259 although Qt read it (invalid escapes,
    // raw control characters, lone surrogates, duplicate member names at any depth). A strict
    // server rejects such a token whatever its signature, so a verifier must not call it simply
    // "verified" (strictJsonVerdict() below).
    QList<StrictJson::Problem> headerJsonProblems() const { return m_headerProblems; }
    QList<StrictJson::Problem> payloadJsonProblems() const { return m_payloadProblems; }
    bool hasStrictJsonProblems() const { return !m_headerProblems.isEmpty() || !m_payloadProblems.isEmpty(); }
    // The first problem in words, "the payload has an invalid escape \a at line 1, column 9 (byte 8)";
    // empty when there is none.
    QString strictJsonSummary() const;

    // Editing. The edited part is re-encoded from exactly the given text (no reformatting), and
    // any signature is dropped: it no longer matches, so keeping it would only mislead.
    Result<void> setHeaderJson(const QByteArray &json);
    Result<void> setPayloadJson(const QByteArray &json);
    void setSignature(const QByteArray &raw);
    // Replaces one header member, re-encoding the header compactly (used when signing sets alg).
    void setHeaderValue(const QString &name, const QJsonValue &value);

    // Byte offsets of each segment in encoded(), for colouring the encoded pane.
    struct Span {
        qsizetype start = 0;
        qsizetype length = 0;
    };
    Span span(Part part) const;

    // Parses JSON text that must be one object; errors name `what` ("header", "payload") and
    // give line and column in this very text.
    static Result<QJsonObject> decodeObject(const QByteArray &json, const QString &what);

private:
    Kind m_kind = Kind::Signed;
    QStringList m_notes;
    QByteArray m_headerB64, m_payloadB64, m_signatureB64;
    QByteArray m_headerJson, m_payloadJson, m_signature;
    QJsonObject m_header, m_claims;
    QList<StrictJson::Problem> m_headerProblems, m_payloadProblems;
    QList<QByteArray> m_jweSegments; // encrypted key, iv, ciphertext, tag (JWE only)
};

} // namespace jwtflow
