#pragma once

#include "core/Result.h"
#include "token/Jwt.h"

#include <QObject>

#include <functional>
#include <optional>

namespace jwtflow {

// The token being worked on, as both panes of the editor see it: the encoded text on one side,
// the header and payload JSON texts on the other. An edit on either side updates the other;
// text that does not parse is kept as typed (with its error) while the last good token stays.
//
// Signing and verifying are injected as functions, so this class stays free of key handling:
// with a signer set, every edit is re-signed at once ("re-signed by you"); a pasted token is
// only ever verified, never silently re-signed.
class TokenDocument : public QObject {
    Q_OBJECT

public:
    enum class Origin { Encoded, Header, Payload, Program };
    Q_ENUM(Origin)

    enum class SignatureState {
        NoToken, // nothing decoded yet
        NotChecked, // pasted, signed, no verification key given
        Verified, // pasted signature verifies with the given key
        Invalid, // pasted signature does not verify
        Unsupported, // this build cannot check this algorithm
        Unsecured, // alg none / no signature: nothing to verify
        ReSigned, // edited and signed by you with your key
        Unsigned, // edited, no signing key: the token carries no signature
        SigningFailed // edited, signing with your key failed (see detail)
    };
    Q_ENUM(SignatureState)

    struct SignatureStatus {
        SignatureState state = SignatureState::NoToken;
        QString detail; // e.g. "with certificate CN=…", or why it failed
    };

    using Signer = std::function<Result<void>(Jwt &)>;
    using Verifier = std::function<SignatureStatus(const Jwt &)>;

    explicit TokenDocument(QObject *parent = nullptr);

    // From the panes. Each returns quietly; read the texts and errors back, or listen to the signals.
    void setEncodedText(const QString &text);
    void setHeaderText(const QString &text);
    void setPayloadText(const QString &text);

    // Programmatic edits (connection form, "exp = now + 3 min"): keep member order, re-sign.
    void setClaim(const QString &name, const QJsonValue &value);
    void removeClaim(const QString &name);
    void setHeaderMember(const QString &name, const QJsonValue &value);
    // Starts a new token from header and payload JSON texts (the composer's path).
    void compose(const QByteArray &headerJson, const QByteArray &payloadJson);

    void setSigner(Signer signer); // empty: edits stay unsigned
    void setVerifier(Verifier verifier); // empty: pasted tokens are "not checked"

    bool hasToken() const { return m_hasToken; }
    // True while the token is exactly as pasted (its signature came with it, not from us).
    bool isPasted() const { return m_hasToken && m_pasted; }
    const Jwt &jwt() const { return m_jwt; }

    // The texts each pane should show.
    QString encodedText() const { return m_encodedText; }
    QString headerText() const { return m_headerText; }
    QString payloadText() const { return m_payloadText; }

    // The parse error of each pane's current text, if any.
    std::optional<Error> error(Origin origin) const;
    SignatureStatus signature() const { return m_signature; }

Q_SIGNALS:
    // The token changed because of an edit in `origin`: panes other than origin should refresh.
    void tokenChanged(jwtflow::TokenDocument::Origin origin);
    // A pane's text is (or is no longer) in error.
    void errorChanged(jwtflow::TokenDocument::Origin origin);
    void signatureChanged();

private:
    void setError(Origin origin, std::optional<Error> error);
    void acceptParsed(Jwt jwt, Origin origin);
    void afterEdit(Origin origin);
    void refreshTexts(Origin origin);
    void verifyPasted();
    void setSignatureStatus(SignatureStatus status);

    Jwt m_jwt;
    bool m_hasToken = false;
    bool m_pasted = false; // the signature came with the token, not from us
    QString m_encodedText, m_headerText, m_payloadText;
    std::optional<Error> m_encodedError, m_headerError, m_payloadError;
    SignatureStatus m_signature;
    Signer m_signer;
    Verifier m_verifier;
};

} // namespace jwtflow
