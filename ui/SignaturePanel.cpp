#include "SignaturePanel.h"

#include "KeyPicker.h"
#include "crypto/HmacSecret.h"
#include "crypto/JwsAlgorithm.h"
#include "crypto/Signer.h"
#include "crypto/Verifier.h"
#include "inspect/TokenVerdict.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>

namespace jwtflow {

using State = TokenDocument::SignatureState;

SignaturePanel::SignaturePanel(const Clock &clock, QWidget *parent)
    : QWidget(parent)
    , m_clock(clock)
{
    setObjectName(QStringLiteral("signaturePanel"));
    m_signing = new KeyPicker(KeyPicker::Role::SigningKey, clock, this);
    m_certificate = new KeyPicker(KeyPicker::Role::Certificate, clock, this);
    m_verification = new KeyPicker(KeyPicker::Role::VerificationKey, clock, this);
    m_secret = new QLineEdit(this);
    m_secret->setObjectName(QStringLiteral("hmacSecret"));
    m_secret->setEchoMode(QLineEdit::Password);
    m_secret->setPlaceholderText(tr("HMAC secret for HS256/384/512 (not used by Salesforce's bearer flow)"));
    m_secret->setAccessibleName(tr("HMAC secret"));
    m_secretBase64 = new QCheckBox(tr("base64"), this);
    m_secretBase64->setToolTip(tr("The secret is base64 or base64url text (decoded before use), not the literal characters"));
    m_secretBase64->setObjectName(QStringLiteral("hmacSecretBase64"));
    m_match = new QLabel(this);
    m_match->setObjectName(QStringLiteral("keyMatchBadge"));
    m_match->setTextFormat(Qt::PlainText);
    m_match->setWordWrap(true); // one line of it would set the flow page's minimum width
    m_state = new QLabel(this);
    m_state->setObjectName(QStringLiteral("signatureState"));
    m_state->setTextFormat(Qt::PlainText); // carries key descriptions and error texts
    m_state->setWordWrap(true);
    m_state->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // A key description may hold a long unbreakable word: let the column, not the word, decide.
    m_state->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    auto *secretRow = new QHBoxLayout;
    secretRow->addWidget(m_secret, 1);
    secretRow->addWidget(m_secretBase64);
    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(m_state);
    form->addRow(tr("Sign with:"), m_signing);
    form->addRow(tr("Uploaded cert:"), m_certificate);
    form->addRow(QString(), m_match);
    form->addRow(tr("Verify with:"), m_verification);
    form->addRow(tr("Secret:"), secretRow);

    for (KeyPicker *picker : {m_signing, m_certificate, m_verification})
        connect(picker, &KeyPicker::materialChanged, this, [this] {
            updateMatchBadge();
            Q_EMIT keysChanged();
        });
    connect(m_secret, &QLineEdit::textChanged, this, &SignaturePanel::keysChanged);
    connect(m_secretBase64, &QCheckBox::toggled, this, &SignaturePanel::keysChanged);
    updateMatchBadge();
}

std::optional<HmacSecret> SignaturePanel::secret() const
{
    if (m_secret->text().isEmpty())
        return std::nullopt;
    auto secret = m_secretBase64->isChecked() ? HmacSecret::fromBase64(m_secret->text()) : HmacSecret::fromText(m_secret->text());
    if (!secret)
        return std::nullopt;
    return secret.value();
}

TokenDocument::Signer SignaturePanel::signer() const
{
    const auto signing = m_signing->material();
    const auto hmac = secret();
    if ((!signing || signing->privateKey.isNull()) && !hmac)
        return {};
    const PrivateKey key = signing ? signing->privateKey : PrivateKey();
    return [key, hmac](Jwt &jwt) -> Result<void> {
        QString alg = jwt.alg();
        const JwsAlgorithm algorithm = JwsAlgorithm::fromName(alg);
        if (algorithm.family() == JwsAlgorithm::Family::Hmac) {
            if (!hmac)
                return makeError(QStringLiteral("sign.no-secret"), QObject::tr("alg %1 needs an HMAC secret.").arg(alg),
                                 QObject::tr("Type the secret, or set alg to RS256 to sign with the private key."));
            return Signer::sign(jwt, *hmac, alg);
        }
        if (key.isNull())
            return makeError(QStringLiteral("sign.no-key"), QObject::tr("alg %1 needs a private key.").arg(alg.isEmpty() ? QStringLiteral("RS256") : alg),
                             QObject::tr("Choose the private key whose certificate the connected app holds."));
        return Signer::sign(jwt, key, alg.isEmpty() || alg == QStringLiteral("none") ? QStringLiteral("RS256") : alg);
    };
}

TokenDocument::Verifier SignaturePanel::verifier() const
{
    // What verifies a pasted token: the verification key if one is picked, else the uploaded
    // certificate, else the public half of the signing key; an HMAC secret for HS*.
    std::optional<KeyMaterial> material = m_verification->material();
    if (!material)
        material = m_certificate->material();
    if (!material)
        material = m_signing->material();
    const auto hmac = secret();
    if (!material && !hmac)
        return {};
    return [material, hmac](const Jwt &jwt) -> TokenDocument::SignatureStatus {
        Verification verification;
        if (JwsAlgorithm::fromName(jwt.alg()).family() == JwsAlgorithm::Family::Hmac && hmac) {
            verification = Verifier::verify(jwt, *hmac);
        } else if (material) {
            const auto key = material->verificationKey(jwt.kid());
            if (!key)
                return {State::NotChecked, key.error().text()};
            verification = Verifier::verify(jwt, key.value());
        } else {
            return {State::NotChecked, QObject::tr("alg %1 is not an HMAC algorithm; choose a certificate or public key.").arg(jwt.alg())};
        }
        verification = TokenVerdict::strict(jwt, verification);
        switch (verification.outcome) {
        case Verification::Outcome::Verified:
            return {State::Verified, QObject::tr("with %1").arg(verification.keyDescription)};
        case Verification::Outcome::Invalid:
        case Verification::Outcome::JsonInvalid:
            return {State::Invalid, verification.message};
        case Verification::Outcome::Unsupported:
            return {State::Unsupported, verification.message};
        case Verification::Outcome::Unsecured:
            return {State::Unsecured, verification.message};
        case Verification::Outcome::KeyMismatch:
            return {State::NotChecked, verification.message};
        }
        return {State::NotChecked, {}};
    };
}

ClaimsLinter::KeyMatch SignaturePanel::keyMatch() const
{
    const auto signing = m_signing->material();
    const auto certificate = m_certificate->material();
    if (!signing || signing->privateKey.isNull() || !certificate || certificate->certificate.isNull())
        return ClaimsLinter::KeyMatch::Unknown;
    return certificate->certificate.matches(signing->privateKey) ? ClaimsLinter::KeyMatch::Matches : ClaimsLinter::KeyMatch::DoesNotMatch;
}

std::optional<int> SignaturePanel::keyBits() const
{
    const auto signing = m_signing->material();
    if (!signing || signing->privateKey.isNull() || !signing->privateKey.isRsa())
        return std::nullopt; // an RSA modulus size; EC and Ed25519 keys have no such minimum
    return signing->privateKey.bits();
}

QString SignaturePanel::certificateX5tS256() const
{
    const auto certificate = m_certificate->material();
    return certificate && !certificate->certificate.isNull() ? certificate->certificate.x5tS256() : QString();
}

void SignaturePanel::updateMatchBadge()
{
    switch (keyMatch()) {
    case ClaimsLinter::KeyMatch::Unknown:
        m_match->setText(tr("Key ↔ certificate: pick both to check they belong together."));
        m_match->setStyleSheet(QStringLiteral("color: palette(mid);"));
        break;
    case ClaimsLinter::KeyMatch::Matches:
        m_match->setText(tr("✔ The private key matches the uploaded certificate."));
        m_match->setStyleSheet(QStringLiteral("color: #1b7f3b; font-weight: bold;"));
        break;
    case ClaimsLinter::KeyMatch::DoesNotMatch:
        m_match->setText(tr("✘ The private key does NOT match the uploaded certificate: Salesforce will answer invalid_grant."));
        m_match->setStyleSheet(QStringLiteral("color: #b00020; font-weight: bold;"));
        break;
    }
}

void SignaturePanel::showSignature(const TokenDocument::SignatureStatus &status)
{
    QString text;
    QString colour = QStringLiteral("palette(text)");
    switch (status.state) {
    case State::NoToken:
        text = tr("No token yet.");
        break;
    case State::NotChecked:
        text = tr("Signature not checked.");
        break;
    case State::Verified:
        text = tr("✔ Signature verified");
        colour = QStringLiteral("#1b7f3b");
        break;
    case State::Invalid:
        text = tr("✘ Signature INVALID.");
        colour = QStringLiteral("#b00020");
        break;
    case State::Unsupported:
        text = tr("Signature cannot be checked by this build.");
        colour = QStringLiteral("#8a6d00");
        break;
    case State::Unsecured:
        text = tr("✘ Unsecured token.");
        colour = QStringLiteral("#b00020");
        break;
    case State::ReSigned:
        text = tr("✎ Re-signed by you.");
        colour = QStringLiteral("#005a9e");
        break;
    case State::Unsigned:
        text = tr("Not signed.");
        colour = QStringLiteral("#8a6d00");
        break;
    case State::SigningFailed:
        text = tr("✘ Signing failed.");
        colour = QStringLiteral("#b00020");
        break;
    }
    if (!status.detail.isEmpty())
        text += QLatin1Char(' ') + status.detail;
    m_state->setText(text);
    const QString sheet = QStringLiteral("color: %1; font-weight: bold;").arg(colour);
    if (m_state->styleSheet() != sheet) // an unchanged sheet would still re-polish and relayout
        m_state->setStyleSheet(sheet);
}

QString SignaturePanel::signatureText() const
{
    return m_state->text();
}

} // namespace jwtflow
