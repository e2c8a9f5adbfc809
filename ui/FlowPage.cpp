#include "FlowPage.h"

#include "AnswerSplit.h"
#include "ConnectionForm.h"
#include "ErrorColor.h"
#include "ExpiryBadge.h"
#include "FailureBanner.h"
#include "Icons.h"
#include "JsonEditor.h"
#include "KeyPicker.h"
#include "LintList.h"
#include "PastedTokenBar.h"
#include "ResponsePane.h"
#include "SecretClipboard.h"
#include "SendBar.h"
#include "SignaturePanel.h"
#include "TokenEditor.h"
#include "flow/BearerFlowSession.h"
#include "flow/OrgClient.h"
#include "flow/TokenDocument.h"
#include "token/DateClaim.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QTabBar>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace jwtflow {

namespace {

QGroupBox *titled(const QString &title, QWidget *content, QWidget *parent)
{
    auto *box = new QGroupBox(title, parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(6, 3, 6, 3); // short vertically: the answer needs the lines on a 720-line projector
    if (content)
        layout->addWidget(content);
    return box;
}

void loadOrClear(KeyPicker *picker, const QString &path, const QByteArray &passphrase = {})
{
    if (path.isEmpty())
        picker->clear();
    else
        picker->loadFile(path, SecretBytes(passphrase));
}

} // namespace

FlowPage::FlowPage(const Clock &clock, BearerFlowSession *session, bool highlightNow, QWidget *parent)
    : QWidget(parent)
    , m_clock(clock)
    , m_session(session)
    , m_document(session->document())
{
    setObjectName(QStringLiteral("flowPage"));
    m_connection = new ConnectionForm(m_session, this);
    m_failureBanner = new FailureBanner(m_session, this);
    m_pastedBar = new PastedTokenBar(m_session, this);

    m_encoded = new TokenEditor(this);
    m_encoded->setObjectName(QStringLiteral("encodedEditor"));
    m_encoded->setAccessibleName(tr("Encoded token"));
    m_encoded->setPlaceholderText(
        tr("Paste a JWT here (header.payload.signature), or drop a file holding one.\n\n"
           "Or fill in the connection above and choose a private key: the assertion is composed and signed as you type."));
    m_encodedError = new QLabel(this);
    m_encodedError->setObjectName(QStringLiteral("encodedError"));
    m_encodedError->setTextFormat(Qt::PlainText); // the decoder's message quotes the untrusted token
    m_encodedError->setWordWrap(true);
    m_encodedError->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_encodedError->setStyleSheet(ErrorColor::styleSheet(m_encodedError));
    m_encodedError->hide();
    m_expiry = new ExpiryBadge(m_clock, this);

    m_header = new JsonEditor(QStringLiteral("headerEditor"), this, highlightNow);
    m_payload = new JsonEditor(QStringLiteral("payloadEditor"), this, highlightNow);
    m_payload->setHoverText([this](const QString &line, int column) { return DateClaim::hoverTextAt(line, column, m_clock); });
    m_header->editor()->setPlaceholderText(tr("Header (JSON): alg, typ, kid …"));
    m_payload->editor()->setPlaceholderText(tr("Payload (JSON): the claims — iss, sub, aud, exp …"));
    m_header->editor()->setAccessibleName(tr("Header JSON"));
    m_payload->editor()->setAccessibleName(tr("Payload JSON (claims)"));
    m_signature = new SignaturePanel(m_session, this);
    m_lints = new LintList(this);
    m_response = new ResponsePane(this);
    m_sendBar = new SendBar(this);

    buildLayout();
    bindToSession();
    showDocument(static_cast<int>(TokenDocument::Origin::Program));
    showLints();
}

void FlowPage::buildLayout()
{
    QGroupBox *encodedBox = titled(tr("Encoded"), m_encoded, this);
    encodedBox->layout()->addWidget(m_encodedError);
    encodedBox->layout()->addWidget(m_pastedBar);
    auto *copyEncoded = new QToolButton(this);
    copyEncoded->setObjectName(QStringLiteral("copyEncodedToken"));
    copyEncoded->setIcon(Icons::icon(Icons::Role::Copy));
    copyEncoded->setText(tr("Copy token"));
    copyEncoded->setToolButtonStyle(Qt::ToolButtonIconOnly); // the row is narrow beside the trainer
    copyEncoded->setAccessibleName(tr("Copy the encoded token"));
    copyEncoded->setToolTip(tr("Copy the encoded token; the clipboard is cleared after 60 s"));
    m_clipboard = new SecretClipboard(copyEncoded);
    connect(copyEncoded, &QToolButton::clicked, this, &FlowPage::copyEncodedToken);
    auto *expiryRow = new QHBoxLayout;
    expiryRow->setContentsMargins(0, 0, 0, 0);
    expiryRow->addWidget(m_expiry, 1);
    expiryRow->addWidget(copyEncoded, 0, Qt::AlignTop);
    static_cast<QVBoxLayout *>(encodedBox->layout())->addLayout(expiryRow);

    auto *decoded = new QSplitter(Qt::Vertical, this);
    decoded->setObjectName(QStringLiteral("decodedSplitter"));
    m_decoded = decoded;
    decoded->addWidget(titled(tr("Header"), m_header, decoded));
    decoded->addWidget(titled(tr("Payload"), m_payload, decoded));
    decoded->setStretchFactor(0, 1);
    decoded->setStretchFactor(1, 3);

    m_editors = new QSplitter(Qt::Horizontal, this);
    m_editors->setObjectName(QStringLiteral("editorSplitter"));
    m_editors->addWidget(encodedBox);
    m_editors->addWidget(decoded);
    // Beside the trainer dock or in presentation mode the column can be shorter or narrower than the
    // signature block: it scrolls rather than clipping the key facts.
    auto *signatureScroll = new QScrollArea(m_editors);
    signatureScroll->setObjectName(QStringLiteral("signatureScroll"));
    signatureScroll->setFrameShape(QFrame::NoFrame);
    signatureScroll->setWidgetResizable(true);
    signatureScroll->setWidget(m_signature);
    // A scroll area's own minimum ignores its widget's: keep the panel's floor (file name, Choose…,
    // Paste… readable) plus room for the vertical scroll bar, so a narrow window scrolls, not clips.
    signatureScroll->setMinimumWidth(m_signature->minimumWidth() + signatureScroll->verticalScrollBar()->sizeHint().width());
    m_editors->addWidget(titled(tr("Signature"), signatureScroll, m_editors));
    m_editors->setSizes({ 420, 430, 430 });
    // When the window narrows (the trainer dock opens), the JSON panes keep the larger share.
    m_editors->setStretchFactor(0, 2);
    m_editors->setStretchFactor(1, 3);
    m_editors->setStretchFactor(2, 2);

    m_bottomTabs = new QTabWidget(this);
    m_bottomTabs->setObjectName(QStringLiteral("bottomTabs"));
    m_bottomTabs->addTab(m_lints, tr("Problems"));
    // In presentation mode, with the trainer dock beside it, a screen can be shorter than the pane:
    // it scrolls rather than squeezing its rows into each other or making the window taller than the screen.
    m_responseScroll = new QScrollArea(m_bottomTabs);
    m_responseScroll->setObjectName(QStringLiteral("responseScroll"));
    m_responseScroll->setFrameShape(QFrame::NoFrame);
    m_responseScroll->setWidgetResizable(true);
    m_responseScroll->setWidget(m_response);
    m_bottomTabs->addTab(m_responseScroll, tr("Response"));

    m_vertical = new QSplitter(Qt::Vertical, this);
    m_vertical->setObjectName(QStringLiteral("flowSplitter"));
    connect(m_vertical, &QSplitter::splitterMoved, this, [this] { m_userSizedAnswer = true; });
    m_vertical->addWidget(m_editors);
    m_vertical->addWidget(m_bottomTabs);
    m_vertical->setStretchFactor(0, 3);
    m_vertical->setStretchFactor(1, 1);

    auto *connectionRow = new QHBoxLayout;
    connectionRow->addWidget(m_connection, 1);
    connectionRow->addWidget(m_sendBar, 0, Qt::AlignBottom);
    QGroupBox *connectionBox = titled(tr("Connection"), nullptr, this);
    static_cast<QVBoxLayout *>(connectionBox->layout())->addLayout(connectionRow);

    auto *layout = new QVBoxLayout(this);
    // Thin top and bottom margins and spacing: on a 720-line projector each line they keep goes to
    // the answer (a diagnosis's first checklist).
    const QMargins margins = layout->contentsMargins();
    layout->setContentsMargins(margins.left(), 2, margins.right(), 2);
    layout->setSpacing(4);
    layout->addWidget(m_failureBanner);
    layout->addWidget(connectionBox);
    layout->addWidget(m_vertical, 1);

    // Two lines at least, not Qt's 70 px: on a 720 px screen the answer needs the height (the
    // splitter gives the editors back their room when dragged).
    for (QPlainTextEdit *edit : { static_cast<QPlainTextEdit *>(m_encoded), m_header->editor(), m_payload->editor() })
        edit->setMinimumHeight(2 * edit->fontMetrics().lineSpacing() + 2 * edit->frameWidth() + 8);
    setTabOrder();
}

void FlowPage::setTabOrder()
{
    // Tab follows the work: connection, Send, the token, its JSON, the keys, then the results
    // (creation order would put Send last, after the response pane).
    QWidget *previous = nullptr;
    for (const char *name : { "environment", "environmentUrl", "clientId", "username", "audience", "sendButton", "encodedEditor",
             "expiryRefresh", "headerEditor", "payloadEditor", "signingKeyPath", "signingKeyBrowse", "certificatePath",
             "certificateBrowse", "verificationKeyPath", "verificationKeyBrowse", "hmacSecret", "bottomTabs" }) {
        auto *next = findChild<QWidget *>(QString::fromLatin1(name));
        if (!next)
            continue;
        if (previous)
            QWidget::setTabOrder(previous, next);
        previous = next;
    }
}

void FlowPage::bindToSession()
{
    connect(m_encoded, &TokenEditor::textEdited, m_session, &BearerFlowSession::pasteToken);
    connect(m_header, &JsonEditor::textEdited, m_document, &TokenDocument::setHeaderText);
    connect(m_payload, &JsonEditor::textEdited, m_document, &TokenDocument::setPayloadText);
    connect(m_encoded, &TokenEditor::loadFailed, this, &FlowPage::status);
    connect(m_document, &TokenDocument::tokenChanged, this,
        [this](TokenDocument::Origin origin) { showDocument(static_cast<int>(origin)); });
    connect(m_document, &TokenDocument::errorChanged, this, &FlowPage::showErrors);
    connect(m_session, &BearerFlowSession::lintsChanged, this, &FlowPage::showLints);
    connect(m_session, &BearerFlowSession::message, this, &FlowPage::status);
    connect(m_session, &BearerFlowSession::sendingChanged, m_sendBar, &SendBar::setRunning);
    connect(m_session, &BearerFlowSession::answerChanged, this, &FlowPage::showAnswer);
    connect(
        m_expiry, &ExpiryBadge::expiryRequested, this, [this](qint64 exp) { m_document->setClaim(QStringLiteral("exp"), exp); });
    connect(m_lints, &LintList::fieldActivated, this, &FlowPage::focusField);
    connect(m_sendBar, &SendBar::sendRequested, this, &FlowPage::sendRequested);
    connect(m_sendBar, &SendBar::cancelRequested, m_session, &BearerFlowSession::cancel);

    OrgClient *org = m_session->org();
    connect(m_response, &ResponsePane::identityRequested, this, [org] { (void)org->identity(); });
    connect(m_response, &ResponsePane::versionsRequested, this, [org] { (void)org->versions(); });
    connect(m_response, &ResponsePane::queryRequested, this, [this, org](const QString &soql) {
        if (auto r = org->query(soql); !r)
            Q_EMIT status(r.error().text());
    });
    connect(m_response, &ResponsePane::openOrgRequested, this, [this] {
        if (const auto url = m_session->openOrg(); url)
            m_response->openUrl(url.value());
        else
            Q_EMIT status(url.error().text());
    });
    connect(m_response, &ResponsePane::fieldActivated, this, &FlowPage::focusField);
    connect(m_response, &ResponsePane::inspectRequested, this, &FlowPage::inspectRequested);
    connect(org, &OrgClient::finished, this, [this](int, const HttpExchangeRecord &record) { m_response->addCall(record); });
}

void FlowPage::startHighlighting()
{
    m_header->startHighlighting();
    m_payload->startHighlighting();
}

void FlowPage::loadKeyFiles(const QString &signingKey, const QString &certificate)
{
    if (!signingKey.isEmpty())
        m_signature->signingPicker()->loadFile(signingKey);
    if (!certificate.isEmpty())
        m_signature->certificatePicker()->loadFile(certificate);
}

void FlowPage::setSigningKeyFile(const QString &path, const QByteArray &passphrase)
{
    loadOrClear(m_signature->signingPicker(), path, passphrase);
}

void FlowPage::setCertificateFile(const QString &path)
{
    loadOrClear(m_signature->certificatePicker(), path);
}

void FlowPage::setVerificationKeyFile(const QString &path)
{
    loadOrClear(m_signature->verificationPicker(), path);
}

SecretBytes FlowPage::signingPassphrase() const
{
    // A copy of its own: the keychain write that takes it runs after the picker may have wiped its own.
    return m_signature->signingPicker()->passphrase();
}

void FlowPage::copyEncodedToken()
{
    // Copy, as on jwt.io: the encoded token whole. A signed assertion buys an access token until
    // its exp, so it goes through the secret clipboard (marked secret, cleared after 60 s).
    const QString token = m_document->encodedText().trimmed();
    if (token.isEmpty()) {
        Q_EMIT status(tr("No token to copy yet: paste one, or fill in the connection and choose a signing key."));
        return;
    }
    m_clipboard->copy(token);
    Q_EMIT status(
        tr("The encoded token is on the clipboard; it will be cleared in %1 s.").arg((m_clipboard->clearDelay() + 999) / 1000));
}

void FlowPage::openToken(const QString &text)
{
    m_encoded->setPlainText(text); // as if typed: the document decodes it
}

void FlowPage::showDocument(int originValue)
{
    const auto origin = static_cast<TokenDocument::Origin>(originValue);
    // Each pane keeps what its user typed; only the others are refreshed.
    if (origin != TokenDocument::Origin::Encoded)
        m_encoded->setTextQuietly(m_document->encodedText());
    if (origin != TokenDocument::Origin::Header)
        m_header->setTextQuietly(m_document->headerText());
    if (origin != TokenDocument::Origin::Payload)
        m_payload->setTextQuietly(m_document->payloadText());
    const bool encrypted = m_document->hasToken() && m_document->jwt().kind() == Jwt::Kind::Encrypted;
    m_payload->setReadOnly(encrypted);
    if (encrypted)
        m_payload->setTextQuietly(tr("(encrypted: a JWE's payload cannot be read without the recipient's private key)"));
    m_expiry->setClaims(m_document->hasToken() ? m_document->jwt().claims() : QJsonObject());

    QString text;
    if (!m_document->hasToken())
        text = tr("Paste a token, or open one with File ▸ Open token.");
    else if (encrypted)
        text = tr("Encrypted token (JWE), alg %1, enc %2")
                   .arg(m_document->jwt().alg(), m_document->jwt().header().value(QStringLiteral("enc")).toString());
    else
        text = tr("alg %1 · %2 claims")
                   .arg(m_document->jwt().alg().isEmpty() ? tr("(none given)") : m_document->jwt().alg())
                   .arg(m_document->jwt().claims().size());
    if (m_document->hasToken() && !m_document->jwt().notes().isEmpty() && origin == TokenDocument::Origin::Encoded)
        text += QStringLiteral(" · ") + m_document->jwt().notes().join(QLatin1Char(' '));
    Q_EMIT status(text);
    showErrors();
}

void FlowPage::showErrors()
{
    const auto encodedError = m_document->error(TokenDocument::Origin::Encoded);
    m_encodedError->setText(encodedError
            ? encodedError->text() + (m_document->hasToken() ? tr(" (showing the last token that decoded)") : QString())
            : QString());
    m_encodedError->setVisible(encodedError.has_value());
    const auto headerError = m_document->error(TokenDocument::Origin::Header);
    m_header->setError(headerError ? headerError->message : QString());
    const auto payloadError = m_document->error(TokenDocument::Origin::Payload);
    m_payload->setError(payloadError ? payloadError->message : QString());
}

void FlowPage::showLints()
{
    const QList<Lint> lints = m_session->lints();
    m_lints->setLints(lints);
    const int errors = m_lints->errorCount();
    setProblemsTabText(errors > 0 ? (errors == 1 ? tr("Problems (1 error)") : tr("Problems (%1 errors)").arg(errors))
            : lints.isEmpty()     ? tr("Problems")
                                  : tr("Problems (%1)").arg(lints.size()));
}

void FlowPage::setProblemsTabText(const QString &text)
{
    // Runs on every keystroke. Setting even the same tab text asks the layouts up to the main tab
    // widget to redo themselves, and that repaints the whole window: measured, most of a keystroke.
    if (m_bottomTabs->tabText(0) != text)
        m_bottomTabs->setTabText(0, text);
}

void FlowPage::showAnswer()
{
    const auto &result = m_session->lastResult();
    if (!result)
        return;
    m_response->setResult(*result, result->ok() ? Diagnosis() : m_session->lastDiagnosis());
    m_bottomTabs->setCurrentWidget(m_responseScroll);
    m_responseScroll->verticalScrollBar()->setValue(0); // the new answer from its headline
    // The answer is what the user waits for: give it room (AnswerSplit says how much); once the
    // user has set the split, leave it.
    const QList<int> sizes = m_vertical->sizes();
    const int total = sizes.size() == 2 ? sizes[0] + sizes[1] : 0;
    const int wanted = m_bottomTabs->tabBar()->sizeHint().height() + m_response->sizeHint().height() + 8;
    const int answer = AnswerSplit::answerHeight(total, m_vertical->widget(0)->minimumSizeHint().height(), wanted, result->ok());
    if (total > 0 && !m_userSizedAnswer && sizes[1] < answer) {
        m_vertical->setSizes({ total - answer, answer });
        AnswerSplit::balanceDecoded(m_decoded);
    }
}

bool FlowPage::focusTarget(const QString &target)
{
    QWidget *widget = nullptr;
    if (target == QStringLiteral("signing-key") || target == QStringLiteral("certificate")) {
        KeyPicker *picker
            = target == QStringLiteral("certificate") ? m_signature->certificatePicker() : m_signature->signingPicker();
        widget = picker->findChild<QLineEdit *>();
    } else if (target == QStringLiteral("consumer-key")) {
        return m_connection->focusField(QStringLiteral("iss"));
    } else if (target == QStringLiteral("username")) {
        return m_connection->focusField(QStringLiteral("sub"));
    } else if (target == QStringLiteral("payload")) {
        widget = m_payload->editor();
    } else if (target == QStringLiteral("encoded")) {
        widget = m_encoded;
    } else if (target == QStringLiteral("send")) {
        widget = m_sendBar->findChild<QWidget *>(QStringLiteral("sendButton"));
    } else if (target == QStringLiteral("identity") || target == QStringLiteral("open-org")) {
        m_bottomTabs->setCurrentWidget(m_responseScroll);
        QWidget *button = m_response->findChild<QWidget *>(
            target == QStringLiteral("identity") ? QStringLiteral("identityButton") : QStringLiteral("openOrgButton"));
        // Before a token the buttons are hidden: the pane itself is the place to look.
        widget = button && button->isVisibleTo(m_response) ? button : m_response;
    }
    if (!widget)
        return false;
    widget->setFocus(Qt::OtherFocusReason);
    return true;
}

void FlowPage::focusField(const QString &field)
{
    if (m_connection->focusField(field))
        return;
    if (field == QStringLiteral("key")) {
        m_signature->signingPicker()->setFocus(Qt::OtherFocusReason);
        return;
    }
    // A claim or header member: put the cursor on it in the JSON pane.
    const bool header = field.startsWith(QStringLiteral("header."));
    JsonEditor *pane = header ? m_header : m_payload;
    const QString name = header ? field.mid(7) : field;
    QPlainTextEdit *edit = pane->editor();
    const QTextCursor found = edit->document()->find(QStringLiteral("\"%1\"").arg(name));
    if (!found.isNull())
        edit->setTextCursor(found);
    edit->setFocus(Qt::OtherFocusReason);
}

void FlowPage::setRevealAllowed(bool allowed)
{
    m_response->setSecretsRevealed(false);
    m_response->setRevealAllowed(allowed);
}

void FlowPage::shareColumns(bool besideTrainer)
{
    // The splitter keeps its old proportions when the page narrows, which left the JSON panes a
    // sliver: beside the dock they get the largest share (setSizes takes weights).
    const int total = m_editors->width();
    m_editors->setSizes(besideTrainer ? QList<int> { total * 27 / 100, total * 40 / 100, total * 33 / 100 }
                                      : QList<int> { total / 3, total / 3, total / 3 });
}

} // namespace jwtflow
