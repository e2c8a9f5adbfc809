#pragma once

#include "core/Clock.h"
#include "flow/ClaimsLinter.h"
#include "flow/TokenDocument.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;

namespace jwtflow {

class KeyPicker;
class HmacSecret;

// The signature block: the private key that signs, the certificate uploaded to the connected app
// (with a key↔certificate match badge), what verifies a pasted token, an HMAC secret for HS*, and
// the signature state — verified (with what), invalid, not checked, or re-signed by you.
class SignaturePanel : public QWidget {
    Q_OBJECT

public:
    explicit SignaturePanel(const Clock &clock, QWidget *parent = nullptr);

    KeyPicker *signingPicker() const { return m_signing; }
    KeyPicker *certificatePicker() const { return m_certificate; }
    KeyPicker *verificationPicker() const { return m_verification; }

    // The functions the token document uses: built from what is picked now.
    TokenDocument::Signer signer() const;
    TokenDocument::Verifier verifier() const;

    ClaimsLinter::KeyMatch keyMatch() const;
    std::optional<int> keyBits() const;
    // The certificate's x5t / x5t#S256 (Entra's client assertion needs one in the header).
    QString certificateX5tS256() const;

    void showSignature(const TokenDocument::SignatureStatus &status);
    QString signatureText() const;

Q_SIGNALS:
    // A key, certificate or secret changed: re-sign / re-verify.
    void keysChanged();

private:
    void updateMatchBadge();
    std::optional<HmacSecret> secret() const;

    const Clock &m_clock;
    KeyPicker *m_signing = nullptr;
    KeyPicker *m_certificate = nullptr;
    KeyPicker *m_verification = nullptr;
    QLineEdit *m_secret = nullptr;
    QCheckBox *m_secretBase64 = nullptr;
    QLabel *m_match = nullptr;
    QLabel *m_state = nullptr;
};

} // namespace jwtflow
