#pragma once

#include "core/Clock.h"
#include "flow/ClaimsLinter.h"
#include "flow/TokenDocument.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QScrollArea;

namespace jwtflow {

class BearerFlowSession;
class KeyPicker;

// The signature block: the private key that signs, the certificate uploaded to the connected app
// (with a key↔certificate match badge), what verifies a pasted token, an HMAC secret for HS*, and
// the signature state — verified (with what), invalid, not checked, or re-signed by you — and the
// algorithm picker (the header's alg; the session says which key a choice needs). What is picked
// goes to the session, which holds the rules for signing and verifying with it. The state and the
// algorithm stay on top while the keys below scroll, so the verdict is in view from every field.

class SignaturePanel : public QWidget {
    Q_OBJECT

public:
    explicit SignaturePanel(BearerFlowSession *session, QWidget *parent = nullptr);

    KeyPicker *signingPicker() const { return m_signing; }
    KeyPicker *certificatePicker() const { return m_certificate; }
    KeyPicker *verificationPicker() const { return m_verification; }

    ClaimsLinter::KeyMatch keyMatch() const; // the session's
    QComboBox *algorithmPicker() const { return m_algorithm; }
    QString algorithmNeedText() const;

    void showSignature(const TokenDocument::SignatureStatus &status);
    QString signatureText() const;

private:
    void updateMatchBadge();
    void secretEdited();
    void showAlgorithm();

    BearerFlowSession *m_session = nullptr;
    KeyPicker *m_signing = nullptr;
    KeyPicker *m_certificate = nullptr;
    KeyPicker *m_verification = nullptr;
    QLineEdit *m_secret = nullptr;
    QCheckBox *m_secretBase64 = nullptr;
    QLabel *m_match = nullptr;
    QLabel *m_state = nullptr;
    QComboBox *m_algorithm = nullptr;
    QLabel *m_algorithmNeed = nullptr;
    QScrollArea *m_keys = nullptr;
};

} // namespace jwtflow
