#include "SignaturePanel.h"
#include "ErrorColor.h"
#include "ReadablePalette.h"

#include "KeyPicker.h"
#include "SelectableOnHover.h"
#include "crypto/HmacSecret.h"
#include "flow/BearerFlowSession.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QVBoxLayout>

namespace jwtflow {

using State = TokenDocument::SignatureState;

SignaturePanel::SignaturePanel(BearerFlowSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
{
    const Clock &clock = session->clock();
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
    SelectableOnHover::install(m_state);
    // A key description may hold a long unbreakable word: let the column, not the word, decide.
    m_state->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    m_algorithm = new QComboBox(this);
    m_algorithm->setObjectName(QStringLiteral("algorithmPicker"));
    m_algorithm->setAccessibleName(tr("Signing algorithm (the header's alg)"));
    m_algorithm->setToolTip(
        tr("The header's alg: switching re-signs with the loaded key when it fits, or says which key is needed"));
    m_algorithm->addItems(BearerFlowSession::algorithmChoices());
    m_algorithmNeed = new QLabel(this);
    m_algorithmNeed->setObjectName(QStringLiteral("algorithmNeed"));
    m_algorithmNeed->setTextFormat(Qt::PlainText);
    m_algorithmNeed->setWordWrap(true);
    m_algorithmNeed->setStyleSheet(ErrorColor::styleSheet(m_algorithmNeed));
    m_algorithmNeed->hide();
    auto *algorithmRow = new QHBoxLayout;
    auto *algorithmLabel = new QLabel(tr("&Algorithm:"), this);
    algorithmLabel->setBuddy(m_algorithm);
    algorithmRow->addWidget(algorithmLabel);
    algorithmRow->addWidget(m_algorithm);
    algorithmRow->addStretch(1);

    auto *secretRow = new QHBoxLayout;
    secretRow->addWidget(m_secret, 1);
    secretRow->addWidget(m_secretBase64);
    // Labels above their fields: beside the trainer dock the column is narrow, and a label column
    // left the key path three letters wide.
    auto *keys = new QWidget(this);
    keys->setObjectName(QStringLiteral("signatureKeys"));
    auto *form = new QFormLayout(keys);
    form->setContentsMargins(0, 0, 0, 0);
    form->setRowWrapPolicy(QFormLayout::WrapAllRows);
    form->addRow(tr("Sign with:"), m_signing);
    form->addRow(tr("Uploaded cert:"), m_certificate);
    form->addRow(m_match);
    form->addRow(tr("Verify with:"), m_verification);
    form->addRow(tr("Secret:"), secretRow);
    for (QWidget *child :
        { static_cast<QWidget *>(m_signing), static_cast<QWidget *>(m_certificate), static_cast<QWidget *>(m_verification),
            static_cast<QWidget *>(m_secret), static_cast<QWidget *>(m_secretBase64), static_cast<QWidget *>(m_match) })
        child->setParent(keys);
    // The keys scroll under the state and the algorithm, which stay in view whichever field has the focus.
    m_keys = new QScrollArea(this);
    m_keys->setObjectName(QStringLiteral("signatureKeysScroll"));
    m_keys->setFrameShape(QFrame::NoFrame);
    m_keys->setWidgetResizable(true);
    m_keys->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_keys->setWidget(keys);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_state);
    layout->addLayout(algorithmRow);
    layout->addWidget(m_algorithmNeed);
    layout->addWidget(m_keys, 1);
    // A sane floor: a file name, Choose… and Paste… side by side.
    setMinimumWidth(qMax(240, keys->minimumSizeHint().width()));

    // What is picked goes to the session, which signs and verifies with it.
    connect(m_signing, &KeyPicker::materialChanged, this, [this] { m_session->setSigningKey(m_signing->material()); });
    connect(m_certificate, &KeyPicker::materialChanged, this, [this] { m_session->setCertificate(m_certificate->material()); });
    connect(
        m_verification, &KeyPicker::materialChanged, this, [this] { m_session->setVerificationKey(m_verification->material()); });
    connect(m_secret, &QLineEdit::textChanged, this, &SignaturePanel::secretEdited);
    connect(m_secretBase64, &QCheckBox::toggled, this, &SignaturePanel::secretEdited);
    connect(m_session, &BearerFlowSession::keysChanged, this, &SignaturePanel::updateMatchBadge);
    connect(m_session->document(), &TokenDocument::signatureChanged, this,
        [this] { showSignature(m_session->document()->signature()); });
    connect(m_algorithm, &QComboBox::activated, this, [this](int index) {
        m_session->setAlgorithm(m_algorithm->itemText(index));
        showAlgorithm();
    });
    connect(m_session->document(), &TokenDocument::tokenChanged, this, &SignaturePanel::showAlgorithm);
    connect(m_session, &BearerFlowSession::keysChanged, this, &SignaturePanel::showAlgorithm);
    showAlgorithm();
    updateMatchBadge();
    showSignature(m_session->document()->signature());
}

void SignaturePanel::secretEdited()
{
    std::optional<HmacSecret> secret;
    if (!m_secret->text().isEmpty()) {
        auto parsed
            = m_secretBase64->isChecked() ? HmacSecret::fromBase64(m_secret->text()) : HmacSecret::fromText(m_secret->text());
        if (parsed)
            secret = parsed.value();
    }
    m_session->setHmacSecret(secret);
}

void SignaturePanel::showAlgorithm()
{
    const QString alg = m_session->algorithm();
    const QSignalBlocker blocker(m_algorithm);
    while (m_algorithm->count() > BearerFlowSession::algorithmChoices().size())
        m_algorithm->removeItem(m_algorithm->count() - 1);
    int index = m_algorithm->findText(alg);
    if (index < 0 && !alg.isEmpty()) {
        // A pasted token's alg that this build does not sign (none, ES256K …): shown as it is.
        m_algorithm->addItem(alg);
        index = m_algorithm->count() - 1;
    }
    m_algorithm->setCurrentIndex(index);
    m_algorithm->setEnabled(m_session->document()->hasToken());
    const QString need = alg.isEmpty() || m_session->document()->isPasted() ? QString() : m_session->algorithmNeed(alg);
    m_algorithmNeed->setText(need);
    m_algorithmNeed->setVisible(!need.isEmpty());
}

QString SignaturePanel::algorithmNeedText() const
{
    return m_algorithmNeed->isHidden() ? QString() : m_algorithmNeed->text();
}

ClaimsLinter::KeyMatch SignaturePanel::keyMatch() const
{
    return m_session->keyMatch();
}

void SignaturePanel::updateMatchBadge()
{
    switch (keyMatch()) {
    case ClaimsLinter::KeyMatch::Unknown:
        m_match->setText(tr("Key ↔ certificate: pick both to check they belong together."));
        m_match->setStyleSheet(ReadablePalette::hintStyleSheet(m_match));
        break;
    case ClaimsLinter::KeyMatch::Matches:
        m_match->setText(tr("✔ The private key matches the uploaded certificate."));
        m_match->setStyleSheet(
            ReadablePalette::toneStyleSheet(ReadablePalette::Tone::Good, m_match) + QStringLiteral(" font-weight: bold;"));
        break;
    case ClaimsLinter::KeyMatch::DoesNotMatch:
        m_match->setText(tr("✘ The private key does NOT match the uploaded certificate: Salesforce will answer invalid_grant."));
        m_match->setStyleSheet(ErrorColor::styleSheet(m_match) + QStringLiteral(" font-weight: bold;"));
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
        colour = ReadablePalette::toneName(ReadablePalette::Tone::Good, this);
        break;
    case State::Invalid:
        text = tr("✘ Signature INVALID.");
        colour = ErrorColor::name(this);
        break;
    case State::Unsupported:
        text = tr("Signature cannot be checked by this build.");
        colour = ReadablePalette::toneName(ReadablePalette::Tone::Warning, this);
        break;
    case State::Unsecured:
        text = tr("✘ Unsecured token.");
        colour = ErrorColor::name(this);
        break;
    case State::ReSigned:
        text = tr("✎ Re-signed by you.");
        colour = ReadablePalette::toneName(ReadablePalette::Tone::Info, this);
        break;
    case State::Unsigned:
        text = tr("Not signed.");
        colour = ReadablePalette::toneName(ReadablePalette::Tone::Warning, this);
        break;
    case State::SigningFailed:
        text = tr("✘ Signing failed.");
        colour = ErrorColor::name(this);
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
