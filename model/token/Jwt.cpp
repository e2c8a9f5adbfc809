#include "token/Jwt.h"

#include "token/Base64Url.h"
#include "token/JsonText.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>

#include <optional>

namespace jwtflow {

namespace {

QString partName(int index)
{
    static const char *const names[] = { "header", "payload", "signature", "fourth", "fifth" };
    return QString::fromLatin1(names[index]);
}

// Strips what surrounds a token when it is pasted from a header, a log line or a JSON string.
QString normalise(QString text, QStringList &notes)
{
    const QString trimmed = text.trimmed();
    if (trimmed.size() != text.size())
        notes << QStringLiteral("Leading or trailing whitespace was removed.");
    text = trimmed;
    static const QRegularExpression authHeader(QStringLiteral("^Authorization:\\s*"), QRegularExpression::CaseInsensitiveOption);
    if (const auto m = authHeader.match(text); m.hasMatch()) {
        text = text.mid(m.capturedLength());
        notes << QStringLiteral("An \"Authorization:\" header name was removed.");
    }
    static const QRegularExpression bearer(QStringLiteral("^Bearer\\s+"), QRegularExpression::CaseInsensitiveOption);
    if (const auto m = bearer.match(text); m.hasMatch()) {
        text = text.mid(m.capturedLength());
        notes << QStringLiteral("A \"Bearer \" prefix was removed.");
    }
    if (text.size() >= 2 && ((text.front() == u'"' && text.back() == u'"') || (text.front() == u'\'' && text.back() == u'\''))) {
        text = text.mid(1, text.size() - 2).trimmed();
        notes << QStringLiteral("Surrounding quotes were removed.");
    }
    qsizetype spaces = 0;
    QString compact;
    compact.reserve(text.size());
    for (const QChar c : std::as_const(text)) {
        if (c.isSpace())
            ++spaces;
        else
            compact.append(c);
    }
    if (spaces > 0)
        notes << QStringLiteral("%1 whitespace character(s) or line break(s) inside the token were removed.").arg(spaces);
    return compact;
}

// What the strict reader finds in JSON that Qt has already read (so Qt let it through: escapes,
// control characters, surrogates, duplicates, and numbers such as .5 or 1.). A BOM is refused
// before Qt reads anything.
QList<StrictJson::Problem> lenientProblems(const QByteArray &json)
{
    QList<StrictJson::Problem> problems;
    for (const StrictJson::Problem &problem : StrictJson::check(json)) {
        if (problem.kind != StrictJson::Kind::ByteOrderMark)
            problems << problem;
    }
    return problems;
}

void noteProblems(
    const QList<StrictJson::Problem> &problems, const QString &what, const QStringList &topLevelDuplicates, QStringList &notes)
{
    for (const StrictJson::Problem &problem : problems) {
        if (problem.kind == StrictJson::Kind::DuplicateMember && topLevelDuplicates.contains(problem.detail))
            continue;
        notes << QStringLiteral("The %1 decoded from the token is not strict JSON (RFC 8259): %2. Servers will reject it.")
                     .arg(what, problem.message());
    }
}

// A signature segment that cannot be base64url (a dangling character, non-zero unused bits) and
// is shorter than any signature the alg makes was cut off, not altered: say that (RFC 7518 §3).
std::optional<Error> truncatedSignature(const QString &alg, qsizetype chars)
{
    const auto encodedLength = [](qsizetype bytes) { return (bytes * 4 + 2) / 3; };
    qsizetype bytes = 0;
    QString made;
    if (alg == QLatin1String("HS256") || alg == QLatin1String("ES256") || alg == QLatin1String("EdDSA")
        || alg == QLatin1String("Ed25519"))
        bytes = alg == QLatin1String("HS256") ? 32 : 64;
    else if (alg == QLatin1String("HS384") || alg == QLatin1String("ES384"))
        bytes = alg == QLatin1String("HS384") ? 48 : 96;
    else if (alg == QLatin1String("HS512"))
        bytes = 64;
    else if (alg == QLatin1String("ES512"))
        bytes = 132;
    else if (alg.size() == 5 && (alg.startsWith(QLatin1String("RS")) || alg.startsWith(QLatin1String("PS")))) {
        bytes = 256; // RSA signatures are as long as the modulus, and RFC 7518 §3.3 asks for 2048 bits at least
        made = QStringLiteral(" with a 2048-bit key or larger");
    }
    if (bytes == 0 || chars >= encodedLength(bytes))
        return std::nullopt;
    return makeError(QStringLiteral("jwt.signature.truncated"),
        QStringLiteral("The signature is %1 characters, shorter than %2 produces%3 (%4 characters, %5 bytes): the end of the "
                       "token was cut off.")
            .arg(chars)
            .arg(alg, made)
            .arg(encodedLength(bytes))
            .arg(bytes),
        QStringLiteral("Copy the whole token again, up to its last character."));
}

} // namespace

bool Jwt::isNested() const
{
    return m_header.value(QStringLiteral("cty")).toString().compare(QLatin1String("JWT"), Qt::CaseInsensitive) == 0;
}

QString Jwt::strictJsonSummary() const
{
    if (!m_headerProblems.isEmpty())
        return QStringLiteral("the header has ") + m_headerProblems.constFirst().message();
    if (!m_payloadProblems.isEmpty())
        return QStringLiteral("the payload has ") + m_payloadProblems.constFirst().message();
    return {};
}

Result<QJsonObject> Jwt::decodeObject(const QByteArray &json, const QString &what)
{
    // QJsonDocument skips a byte-order mark; JSON in a JWT must not have one (RFC 8259 §8.1), and
    // a server that does not skip it reads no JSON at all.
    if (json.startsWith("\xEF\xBB\xBF"))
        return makeError(QStringLiteral("jwt.%1.bom").arg(what),
            QStringLiteral("The %1 starts with a UTF-8 byte-order mark (EF BB BF) before its JSON.").arg(what),
            QStringLiteral("Save the %1 JSON without a BOM (\"UTF-8\", not \"UTF-8 with BOM\").").arg(what));
    QJsonParseError error {};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    const QByteArray trimmed = json.trimmed();
    if (error.error != QJsonParseError::NoError && !trimmed.isEmpty() && !trimmed.startsWith('{') && !trimmed.startsWith('['))
        // Qt rejects a top-level scalar ("1", "null") as an "illegal value"; what is wrong is that it is no object.
        return makeError(QStringLiteral("jwt.%1.not-object").arg(what),
            QStringLiteral("The %1 is not a JSON object: it starts with \"%2\".").arg(what, QString::fromUtf8(trimmed.left(20))),
            QStringLiteral("A JWT %1 must be a JSON object: { \"name\": value, ... }.").arg(what));
    if (error.error != QJsonParseError::NoError) {
        // The strict reader names what is wrong more exactly than Qt ("a trailing comma", "NaN, which
        // is not a JSON number"); Qt's own words are the fallback.
        for (const StrictJson::Problem &problem : StrictJson::check(json)) {
            if (!problem.qtAccepts())
                return makeError(QStringLiteral("jwt.%1.json").arg(what),
                    QStringLiteral("The %1 is not valid JSON: %2.").arg(what, problem.message()),
                    QStringLiteral("Fix the JSON text; the %1 must be one JSON object.").arg(what));
        }
        // Report a line and column too: the JSON editors show them.
        const auto upto = json.left(error.offset);
        const int line = static_cast<int>(upto.count('\n')) + 1;
        const int column = static_cast<int>(error.offset - (upto.lastIndexOf('\n') + 1)) + 1;
        return makeError(QStringLiteral("jwt.%1.json").arg(what),
            QStringLiteral("The %1 is not valid JSON: %2 at line %3, column %4 (byte %5).")
                .arg(what, error.errorString())
                .arg(line)
                .arg(column)
                .arg(error.offset),
            QStringLiteral("Fix the JSON text; the %1 must be one JSON object.").arg(what));
    }
    if (!doc.isObject())
        return makeError(QStringLiteral("jwt.%1.not-object").arg(what),
            QStringLiteral("The %1 is JSON but not an object.").arg(what),
            QStringLiteral("A JWT %1 must be a JSON object: { \"name\": value, ... }.").arg(what));
    return doc.object();
}

Result<Jwt> Jwt::parse(const QString &input)
{
    Jwt jwt;
    if (input.size() > kMaxInputChars)
        return makeError(QStringLiteral("jwt.too-large"),
            QStringLiteral("The text is %1 characters long; jwtflow decodes tokens of up to %2 characters (1 MiB).")
                .arg(input.size())
                .arg(kMaxInputChars),
            QStringLiteral("Real tokens are a few KiB: paste only the token, not a whole log or file."));
    const QString text = normalise(input, jwt.m_notes);
    if (text.isEmpty())
        return makeError(QStringLiteral("jwt.empty"), QStringLiteral("There is no token to decode."),
            QStringLiteral("Paste a JWT: three base64url parts separated by dots."));
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i).unicode() > 0x7f)
            return makeError(QStringLiteral("jwt.non-ascii"),
                QStringLiteral("Character '%1' at position %2 cannot appear in a compact JWT.").arg(text.at(i)).arg(i),
                QStringLiteral("A JWT holds only ASCII letters, digits, '-', '_' and dots; remove what the copy added."));
    }
    if (text.startsWith(u'{'))
        return makeError(QStringLiteral("jwt.json-serialization"),
            QStringLiteral("This is JSON, not a compact JWT: probably a JWS in JSON serialization or a token response."),
            QStringLiteral(
                "Paste the token itself (xxxxx.yyyyy.zzzzz); the ID token inspector finds tokens inside a JSON response."));
    // Count the dots before splitting: a text of a million dots must not become a million parts
    // (golang-jwt CVE-2025-30204).
    qsizetype dots = 0;
    for (const QChar c : text) {
        if (c == u'.' && ++dots > 4)
            return makeError(QStringLiteral("jwt.segments"),
                QStringLiteral("The token has more than 5 dot-separated parts; a JWS has 3 and a JWE has 5."),
                QStringLiteral("Check for extra dots, or several tokens pasted together."));
    }
    const QByteArray bytes = text.toLatin1();
    const QList<QByteArray> parts = bytes.split('.');
    switch (parts.size()) {
    case 2:
        jwt.m_notes << QStringLiteral("The token has two parts and no trailing dot: read as an unsecured token.");
        break;
    case 3:
    case 5:
        break;
    case 1:
        return makeError(QStringLiteral("jwt.segments"), QStringLiteral("This text has no dots, so it is not a compact JWT."),
            text.startsWith(QStringLiteral("00D"))
                ? QStringLiteral("It looks like a Salesforce access token (opaque session id), which is not a JWT: use it as a "
                                 "Bearer token, don't decode it.")
                : QStringLiteral("A JWT looks like xxxxx.yyyyy.zzzzz; copy the whole token."));
    default:
        return makeError(QStringLiteral("jwt.segments"),
            QStringLiteral("The token has %1 dot-separated parts; a JWS has 3 and a JWE has 5.").arg(parts.size()),
            QStringLiteral("Check for a missing or extra dot, or two tokens pasted together."));
    }
    for (int i = 0; i < parts.size(); ++i) {
        // A JWE's encrypted key is empty with alg "dir" (RFC 7516 §5.1); a JWS needs header and payload.
        if (parts[i].isEmpty() && (i == 0 || (i == 1 && parts.size() != 5)))
            return makeError(QStringLiteral("jwt.%1.empty").arg(partName(i)),
                QStringLiteral("The %1 part is empty.").arg(partName(i)), QStringLiteral("Copy the whole token again."));
    }
    jwt.m_headerB64 = parts[0];
    auto header = Base64Url::decode(parts[0]);
    if (!header)
        return makeError(header.error().code, QStringLiteral("Header: ") + header.error().message, header.error().hint);
    jwt.m_headerJson = header.value();
    auto headerObject = decodeObject(jwt.m_headerJson, QStringLiteral("header"));
    if (!headerObject)
        return headerObject.error();
    jwt.m_header = headerObject.value();
    jwt.m_headerProblems = lenientProblems(jwt.m_headerJson);
    const QStringList headerDuplicates = jwt.duplicateHeaderMembers();
    for (const QString &name : headerDuplicates)
        jwt.m_notes << QStringLiteral(
            "The header has \"%1\" more than once; the last value is shown, but a server may read the first.")
                           .arg(name);
    noteProblems(jwt.m_headerProblems, QStringLiteral("header"), headerDuplicates, jwt.m_notes);

    if (parts.size() == 5) {
        // Five parts alone do not make a JWE: its header names the content encryption (RFC 7516
        // §4.1.2 "enc", required). Without it the token is neither a JWE nor a JWS.
        if (!jwt.m_header.value(QStringLiteral("enc")).isString())
            return makeError(QStringLiteral("jwt.malformed-five-part"),
                QStringLiteral("The token has five parts, the shape of an encrypted token (JWE), but its header has no \"enc\" "
                               "string (RFC 7516 §4.1.2)%1: a malformed five-part token, neither a JWE nor a JWS.")
                    .arg(jwt.alg().isEmpty() ? QString() : QStringLiteral(" and its alg is %1").arg(jwt.alg())),
                QStringLiteral("A signed token has three parts; check for extra dots or two tokens pasted together."));
        jwt.m_kind = Kind::Encrypted;
        jwt.m_jweSegments = parts.mid(1);
        return jwt;
    }
    jwt.m_payloadB64 = parts[1];
    auto payload = Base64Url::decode(parts[1]);
    if (!payload)
        return makeError(payload.error().code, QStringLiteral("Payload: ") + payload.error().message, payload.error().hint);
    jwt.m_payloadJson = payload.value();
    if (jwt.isNested()) {
        // RFC 7519 §5.2: cty "JWT" says the payload is itself a JWT (compact), not a claims set.
        jwt.m_notes << QStringLiteral(
            "The payload is a nested JWT (cty \"JWT\"): the outer signature covers the inner token's bytes.");
        if (parts.size() == 3) {
            jwt.m_signatureB64 = parts[2];
            auto signature = Base64Url::decode(parts[2]);
            if (!signature)
                return makeError(
                    signature.error().code, QStringLiteral("Signature: ") + signature.error().message, signature.error().hint);
            jwt.m_signature = signature.value();
        }
        jwt.m_kind = jwt.m_signature.isEmpty() ? Kind::Unsecured : Kind::Signed;
        return jwt;
    }
    auto claims = decodeObject(jwt.m_payloadJson, QStringLiteral("payload"));
    if (!claims)
        return claims.error();
    jwt.m_claims = claims.value();
    jwt.m_payloadProblems = lenientProblems(jwt.m_payloadJson);
    const QStringList claimDuplicates = jwt.duplicateClaims();
    for (const QString &name : claimDuplicates)
        jwt.m_notes << QStringLiteral(
            "The payload has the claim \"%1\" more than once; the last value is shown, but a server may read "
            "the first.")
                           .arg(name);
    noteProblems(jwt.m_payloadProblems, QStringLiteral("payload"), claimDuplicates, jwt.m_notes);

    if (parts.size() == 3) {
        jwt.m_signatureB64 = parts[2];
        auto signature = Base64Url::decode(parts[2]);
        if (!signature) {
            if (auto cut = truncatedSignature(jwt.alg(), parts[2].size()))
                return *cut;
            return makeError(
                signature.error().code, QStringLiteral("Signature: ") + signature.error().message, signature.error().hint);
        }
        jwt.m_signature = signature.value();
    }
    jwt.m_kind = jwt.m_signature.isEmpty() ? Kind::Unsecured : Kind::Signed;
    return jwt;
}

Result<Jwt> Jwt::compose(const QByteArray &headerJson, const QByteArray &payloadJson)
{
    Jwt jwt;
    jwt.m_kind = Kind::Unsecured;
    if (auto r = jwt.setHeaderJson(headerJson); !r)
        return r.error();
    if (auto r = jwt.setPayloadJson(payloadJson); !r)
        return r.error();
    return jwt;
}

QStringList Jwt::duplicateHeaderMembers() const
{
    return JsonText::duplicateMembers(m_headerJson);
}

QStringList Jwt::duplicateClaims() const
{
    return m_kind == Kind::Encrypted ? QStringList() : JsonText::duplicateMembers(m_payloadJson);
}

QByteArray Jwt::encoded() const
{
    if (m_kind == Kind::Encrypted)
        return m_headerB64 + '.' + m_jweSegments.join('.');
    return m_headerB64 + '.' + m_payloadB64 + '.' + m_signatureB64;
}

Result<void> Jwt::setHeaderJson(const QByteArray &json)
{
    auto object = decodeObject(json, QStringLiteral("header"));
    if (!object)
        return object.error();
    if (m_kind == Kind::Encrypted)
        return makeError(QStringLiteral("jwt.encrypted"), QStringLiteral("An encrypted token (JWE) cannot be edited here."),
            QStringLiteral("Only signed tokens (JWS) can be edited and re-signed."));
    m_header = object.value();
    m_headerJson = json;
    m_headerProblems = lenientProblems(json);
    m_headerB64 = Base64Url::encode(json);
    setSignature({});
    return {};
}

Result<void> Jwt::setPayloadJson(const QByteArray &json)
{
    auto object = decodeObject(json, QStringLiteral("payload"));
    if (!object)
        return object.error();
    if (m_kind == Kind::Encrypted)
        return makeError(QStringLiteral("jwt.encrypted"), QStringLiteral("An encrypted token (JWE) cannot be edited here."),
            QStringLiteral("Only signed tokens (JWS) can be edited and re-signed."));
    m_claims = object.value();
    m_payloadJson = json;
    m_payloadProblems = lenientProblems(json);
    m_payloadB64 = Base64Url::encode(json);
    setSignature({});
    return {};
}

void Jwt::setSignature(const QByteArray &raw)
{
    m_signature = raw;
    m_signatureB64 = Base64Url::encode(raw);
    m_kind = raw.isEmpty() ? Kind::Unsecured : Kind::Signed;
}

void Jwt::setHeaderValue(const QString &name, const QJsonValue &value)
{
    if (m_header.value(name) == value)
        return;
    // Only this member changes: the others keep their order and text (a header set with
    // `sign --header` stays as written).
    QByteArray json = JsonText::setMember(m_headerJson, name, value);
    if (json.isEmpty()) { // not an object text: cannot happen for a parsed header, but never lose the member
        QJsonObject header = m_header;
        header.insert(name, value);
        json = QJsonDocument(header).toJson(QJsonDocument::Compact);
    }
    m_header.insert(name, value);
    m_headerJson = json;
    m_headerProblems = lenientProblems(m_headerJson);
    m_headerB64 = Base64Url::encode(m_headerJson);
    setSignature({});
}

Jwt::Span Jwt::span(Part part) const
{
    switch (part) {
    case Part::Header:
        return { 0, m_headerB64.size() };
    case Part::Payload:
        return { m_headerB64.size() + 1, m_payloadB64.size() };
    case Part::Signature:
        return { m_headerB64.size() + m_payloadB64.size() + 2, m_signatureB64.size() };
    }
    return {};
}

} // namespace jwtflow
