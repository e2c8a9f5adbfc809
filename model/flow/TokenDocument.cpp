#include "flow/TokenDocument.h"

#include "inspect/TokenVerdict.h"
#include "token/JsonText.h"
#include "token/StrictJson.h"

namespace jwtflow {

TokenDocument::TokenDocument(QObject *parent)
    : QObject(parent)
{ }

std::optional<Error> TokenDocument::error(Origin origin) const
{
    switch (origin) {
    case Origin::Encoded:
        return m_encodedError;
    case Origin::Header:
        return m_headerError;
    case Origin::Payload:
        return m_payloadError;
    case Origin::Program:
        break;
    }
    return std::nullopt;
}

void TokenDocument::setError(Origin origin, std::optional<Error> error)
{
    std::optional<Error> *slot = origin == Origin::Encoded ? &m_encodedError
        : origin == Origin::Header                         ? &m_headerError
        : origin == Origin::Payload                        ? &m_payloadError
                                                           : nullptr;
    if (!slot)
        return;
    const bool had = slot->has_value();
    *slot = std::move(error);
    if (had || slot->has_value())
        Q_EMIT errorChanged(origin);
}

namespace {

// The first place a pane's JSON departs from RFC 8259 where Qt reads it anyway (an invalid escape,
// a raw control character, a lone surrogate, a number like .5), as the pane's error with line and column in the text
// as shown. Duplicate members stay notes: they are shown, not refused, while editing.
std::optional<Error> strictJsonError(const QString &text, const QString &what)
{
    for (const StrictJson::Problem &problem : StrictJson::check(text.toUtf8())) {
        if (problem.kind != StrictJson::Kind::DuplicateMember && problem.kind != StrictJson::Kind::ByteOrderMark)
            return makeError(QStringLiteral("jwt.%1.strict-json").arg(what),
                QStringLiteral("The %1 in the editor is not valid JSON: %2. Servers will reject the token.")
                    .arg(what, problem.message()),
                QStringLiteral("Write the string with a valid escape (\\n, \\t, \\\", \\\\, \\uXXXX)."));
    }
    return std::nullopt;
}

} // namespace

void TokenDocument::setEncodedText(const QString &text)
{
    m_encodedText = text;
    if (text.trimmed().isEmpty()) {
        m_jwt = Jwt();
        m_hasToken = false;
        m_pasted = false;
        m_headerText.clear();
        m_payloadText.clear();
        setError(Origin::Encoded, std::nullopt);
        setError(Origin::Header, std::nullopt);
        setError(Origin::Payload, std::nullopt);
        setSignatureStatus({});
        Q_EMIT tokenChanged(Origin::Encoded);
        return;
    }
    auto parsed = Jwt::parse(text);
    if (!parsed) {
        setError(Origin::Encoded, parsed.error());
        return;
    }
    setError(Origin::Encoded, std::nullopt);
    acceptParsed(std::move(parsed).value(), Origin::Encoded);
}

void TokenDocument::acceptParsed(Jwt jwt, Origin origin)
{
    m_jwt = std::move(jwt);
    m_hasToken = true;
    m_pasted = true;
    refreshTexts(origin);
    setError(Origin::Header, strictJsonError(m_headerText, QStringLiteral("header")));
    setError(Origin::Payload, m_jwt.isNested() ? std::nullopt : strictJsonError(m_payloadText, QStringLiteral("payload")));
    verifyPasted();
    Q_EMIT tokenChanged(origin);
}

void TokenDocument::setHeaderText(const QString &text)
{
    m_headerText = text;
    if (!m_hasToken) {
        // No token yet: typing a header starts one with an empty payload.
        compose(JsonText::minify(text.toUtf8()),
            m_payloadText.isEmpty() ? QByteArray("{}") : JsonText::minify(m_payloadText.toUtf8()));
        return;
    }
    // Errors are reported against the text as typed (its lines and columns), edits applied minified.
    if (auto check = Jwt::decodeObject(text.toUtf8(), QStringLiteral("header")); !check) {
        setError(Origin::Header, check.error());
        return;
    }
    if (auto strict = strictJsonError(text, QStringLiteral("header"))) {
        setError(Origin::Header, strict);
        return;
    }
    if (auto r = m_jwt.setHeaderJson(JsonText::minify(text.toUtf8())); !r) {
        setError(Origin::Header, r.error());
        return;
    }
    setError(Origin::Header, std::nullopt);
    afterEdit(Origin::Header);
}

void TokenDocument::setPayloadText(const QString &text)
{
    m_payloadText = text;
    if (!m_hasToken) {
        compose(m_headerText.isEmpty() ? QByteArray(R"({"alg":"RS256","typ":"JWT"})") : JsonText::minify(m_headerText.toUtf8()),
            JsonText::minify(text.toUtf8()));
        return;
    }
    // Errors are reported against the text as typed (its lines and columns), edits applied minified.
    if (auto check = Jwt::decodeObject(text.toUtf8(), QStringLiteral("payload")); !check) {
        setError(Origin::Payload, check.error());
        return;
    }
    if (auto strict = strictJsonError(text, QStringLiteral("payload"))) {
        setError(Origin::Payload, strict);
        return;
    }
    if (auto r = m_jwt.setPayloadJson(JsonText::minify(text.toUtf8())); !r) {
        setError(Origin::Payload, r.error());
        return;
    }
    setError(Origin::Payload, std::nullopt);
    afterEdit(Origin::Payload);
}

void TokenDocument::compose(const QByteArray &headerJson, const QByteArray &payloadJson)
{
    auto composed = Jwt::compose(headerJson, payloadJson);
    if (!composed) {
        setError(
            composed.error().code.startsWith(QStringLiteral("jwt.header")) ? Origin::Header : Origin::Payload, composed.error());
        return;
    }
    m_jwt = std::move(composed).value();
    m_hasToken = true;
    setError(Origin::Encoded, std::nullopt);
    setError(Origin::Header, std::nullopt);
    setError(Origin::Payload, std::nullopt);
    afterEdit(Origin::Program);
}

void TokenDocument::setClaim(const QString &name, const QJsonValue &value)
{
    if (!m_hasToken) {
        compose(R"({"alg":"RS256","typ":"JWT"})", JsonText::setMember("{}", name, value));
        return;
    }
    const QByteArray json = JsonText::setMember(m_jwt.payloadJson(), name, value);
    if (json.isEmpty() || !m_jwt.setPayloadJson(json).ok())
        return;
    setError(Origin::Payload, std::nullopt);
    afterEdit(Origin::Program);
}

void TokenDocument::removeClaim(const QString &name)
{
    if (!m_hasToken || !m_jwt.claims().contains(name))
        return;
    const QByteArray json = JsonText::removeMember(m_jwt.payloadJson(), name);
    if (json.isEmpty() || !m_jwt.setPayloadJson(json).ok())
        return;
    afterEdit(Origin::Program);
}

void TokenDocument::setHeaderMember(const QString &name, const QJsonValue &value)
{
    if (!m_hasToken)
        return;
    if (m_jwt.header().value(name) == value)
        return;
    const QByteArray json = JsonText::setMember(m_jwt.headerJson(), name, value);
    if (json.isEmpty() || !m_jwt.setHeaderJson(json).ok())
        return;
    afterEdit(Origin::Program);
}

void TokenDocument::afterEdit(Origin origin)
{
    m_pasted = false;
    if (m_signer) {
        if (auto r = m_signer(m_jwt); r)
            setSignatureStatus({ SignatureState::ReSigned, {} });
        else
            setSignatureStatus({ SignatureState::SigningFailed, r.error().text() });
    } else {
        setSignatureStatus(
            { SignatureState::Unsigned, tr("Edited: the old signature no longer matches. Choose a private key to sign.") });
    }
    refreshTexts(origin);
    Q_EMIT tokenChanged(origin);
}

void TokenDocument::refreshTexts(Origin origin)
{
    if (origin != Origin::Encoded)
        m_encodedText = QString::fromLatin1(m_jwt.encoded());
    if (origin != Origin::Header)
        m_headerText = QString::fromUtf8(JsonText::prettify(m_jwt.headerJson()));
    if (origin != Origin::Payload)
        m_payloadText
            = m_jwt.kind() == Jwt::Kind::Encrypted ? QString() : QString::fromUtf8(JsonText::prettify(m_jwt.payloadJson()));
}

void TokenDocument::setSigner(Signer signer)
{
    m_signer = std::move(signer);
    // A signer applies to what the user composes or edits, never to a pasted token as it stands.
    if (m_hasToken && !m_pasted)
        afterEdit(Origin::Program);
}

void TokenDocument::setVerifier(Verifier verifier)
{
    m_verifier = std::move(verifier);
    if (m_hasToken && m_pasted)
        verifyPasted();
}

void TokenDocument::verifyPasted()
{
    if (m_jwt.kind() == Jwt::Kind::Encrypted) {
        setSignatureStatus({ SignatureState::Unsupported, tr("Encrypted token (JWE): there is no signature to check here.") });
        return;
    }
    if (m_jwt.kind() == Jwt::Kind::Unsecured || m_jwt.alg() == QStringLiteral("none")) {
        setSignatureStatus({ SignatureState::Unsecured, tr("No signature: anyone can forge this token. Never accept it.") });
        return;
    }
    if (!m_verifier) {
        // What verify refuses whatever the key (duplicate header members, crit, a stripped
        // signature, JSON a strict server rejects ...) is said before any key is asked for.
        if (const auto refusal = TokenVerdict::refusalWithoutKey(m_jwt)) {
            setSignatureStatus({ SignatureState::Invalid, refusal->message });
            return;
        }
        setSignatureStatus({ SignatureState::NotChecked, tr("Choose a certificate, public key, JWK or secret to verify.") });
        return;
    }
    setSignatureStatus(m_verifier(m_jwt));
}

void TokenDocument::setSignatureStatus(SignatureStatus status)
{
    if (status.state == m_signature.state && status.detail == m_signature.detail)
        return;
    m_signature = std::move(status);
    Q_EMIT signatureChanged();
}

} // namespace jwtflow
