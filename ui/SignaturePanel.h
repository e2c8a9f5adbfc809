#pragma once

#include "core/Clock.h"
#include "flow/ClaimsLinter.h"
#include "flow/TokenDocument.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;

namespace jwtflow {

class BearerFlowSession;
class KeyPicker;

// The signature block: the private key that signs, the certificate uploaded to the connected app
// (with a key↔certificate match badge), what verifies a pasted token, an HMAC secret for HS*, and
// the signature state — verified (with what), invalid, not checked, or re-signed by you. What is
// picked goes to the session, which holds the rules for signing and verifying with it.
class SignaturePanel : public QWidget {
    Q_OBJECT

public:
    explicit SignaturePanel(BearerFlowSession *session, QWidget *parent = nullptr);

    KeyPicker *signingPicker() const { return m_signing; }
    KeyPicker *certificatePicker() const { return m_certificate; }
    KeyPicker *verificationPicker() const { return m_verification; }

    ClaimsLinter::KeyMatch keyMatch() const; // the session's

    void showSignature(const TokenDocument::SignatureStatus &status);
    QString signatureText() const;

private:
    void updateMatchBadge();
    void secretEdited();

    BearerFlowSession *m_session = nullptr;
    KeyPicker *m_signing = nullptr;
    KeyPicker *m_certificate = nullptr;
    KeyPicker *m_verification = nullptr;
    QLineEdit *m_secret = nullptr;
    QCheckBox *m_secretBase64 = nullptr;
    QLabel *m_match = nullptr;
    QLabel *m_state = nullptr;
};

} // namespace jwtflow
