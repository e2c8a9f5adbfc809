#include "MainWindow.h"

#include "JsonEditor.h"
#include "TokenEditor.h"
#include "flow/TokenDocument.h"

#include <QApplication>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QStatusBar>
#include <QVBoxLayout>

namespace jwtflow {

namespace {

QGroupBox *titled(const QString &title, QWidget *parent)
{
    auto *box = new QGroupBox(title, parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(6, 6, 6, 6);
    return box;
}

QLabel *plainLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText); // token and error texts are untrusted
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_document(new TokenDocument(this))
{
    setObjectName(QStringLiteral("MainWindow"));
    setWindowTitle(tr("jwtflow — JWT bearer flow debugger"));
    resize(1200, 760);

    m_encoded = new TokenEditor(this);
    m_encoded->setObjectName(QStringLiteral("encodedEditor"));
    m_encoded->setAccessibleName(tr("Encoded token"));
    m_encoded->setPlaceholderText(tr("Paste a JWT here (header.payload.signature), or drop a file holding one"));
    m_encodedError = plainLabel(QStringLiteral("encodedError"), this);
    m_encodedError->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_encodedError->hide();

    m_header = new JsonEditor(QStringLiteral("headerEditor"), this);
    m_payload = new JsonEditor(QStringLiteral("payloadEditor"), this);
    m_header->editor()->setPlaceholderText(tr("Header (JSON): alg, typ, kid …"));
    m_payload->editor()->setPlaceholderText(tr("Payload (JSON): the claims — iss, sub, aud, exp …"));
    m_signature = plainLabel(QStringLiteral("signatureState"), this);

    QGroupBox *encodedBox = titled(tr("Encoded"), this);
    encodedBox->layout()->addWidget(m_encoded);
    encodedBox->layout()->addWidget(m_encodedError);

    QGroupBox *headerBox = titled(tr("Header"), this);
    headerBox->layout()->addWidget(m_header);
    QGroupBox *payloadBox = titled(tr("Payload"), this);
    payloadBox->layout()->addWidget(m_payload);
    QGroupBox *signatureBox = titled(tr("Signature"), this);
    signatureBox->setObjectName(QStringLiteral("signatureBox"));
    signatureBox->layout()->addWidget(m_signature);

    auto *decoded = new QSplitter(Qt::Vertical, this);
    decoded->addWidget(headerBox);
    decoded->addWidget(payloadBox);
    decoded->addWidget(signatureBox);
    decoded->setStretchFactor(0, 1);
    decoded->setStretchFactor(1, 3);
    decoded->setStretchFactor(2, 0);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->setObjectName(QStringLiteral("editorSplitter"));
    split->addWidget(encodedBox);
    split->addWidget(decoded);
    split->setSizes({520, 680});
    setCentralWidget(split);

    m_status = plainLabel(QStringLiteral("decodeStatus"), this);
    statusBar()->addWidget(m_status, 1);

    createMenus();

    connect(m_encoded, &TokenEditor::textEdited, m_document, &TokenDocument::setEncodedText);
    connect(m_header, &JsonEditor::textEdited, m_document, &TokenDocument::setHeaderText);
    connect(m_payload, &JsonEditor::textEdited, m_document, &TokenDocument::setPayloadText);
    connect(m_encoded, &TokenEditor::loadFailed, m_status, &QLabel::setText);
    connect(m_document, &TokenDocument::tokenChanged, this, [this](TokenDocument::Origin origin) { showDocument(static_cast<int>(origin)); });
    connect(m_document, &TokenDocument::errorChanged, this, &MainWindow::showErrors);
    connect(m_document, &TokenDocument::signatureChanged, this, &MainWindow::showSignatureState);
    showDocument(static_cast<int>(TokenDocument::Origin::Program));
    showSignatureState();
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open token…"), this, &MainWindow::openTokenFile);
    open->setShortcut(QKeySequence::Open);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::quit);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About jwtflow"), this, &MainWindow::showAbout);
}

void MainWindow::openToken(const QString &text)
{
    m_encoded->setPlainText(text); // as if typed: the document decodes it
}

void MainWindow::showDocument(int originValue)
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

    QString status;
    if (!m_document->hasToken())
        status = tr("Paste a token, or open one with File ▸ Open token.");
    else if (encrypted)
        status = tr("Encrypted token (JWE), alg %1, enc %2").arg(m_document->jwt().alg(), m_document->jwt().header().value(QStringLiteral("enc")).toString());
    else
        status = tr("alg %1 · %2 claims").arg(m_document->jwt().alg().isEmpty() ? tr("(none given)") : m_document->jwt().alg())
                     .arg(m_document->jwt().claims().size());
    if (m_document->hasToken() && !m_document->jwt().notes().isEmpty() && origin == TokenDocument::Origin::Encoded)
        status += QStringLiteral(" · ") + m_document->jwt().notes().join(QLatin1Char(' '));
    m_status->setText(status);
    showErrors();
}

void MainWindow::showErrors()
{
    const auto encodedError = m_document->error(TokenDocument::Origin::Encoded);
    m_encodedError->setText(encodedError ? encodedError->text() + (m_document->hasToken() ? tr(" (showing the last token that decoded)") : QString())
                                         : QString());
    m_encodedError->setVisible(encodedError.has_value());
    const auto headerError = m_document->error(TokenDocument::Origin::Header);
    m_header->setError(headerError ? headerError->message : QString());
    const auto payloadError = m_document->error(TokenDocument::Origin::Payload);
    m_payload->setError(payloadError ? payloadError->message : QString());
}

void MainWindow::showSignatureState()
{
    using State = TokenDocument::SignatureState;
    const auto status = m_document->signature();
    QString text;
    QString colour = QStringLiteral("#555555");
    switch (status.state) {
    case State::NoToken:
        text = tr("No token yet.");
        break;
    case State::NotChecked:
        text = tr("Signature not checked.");
        break;
    case State::Verified:
        text = tr("Signature verified.");
        colour = QStringLiteral("#1b7f3b");
        break;
    case State::Invalid:
        text = tr("Signature INVALID.");
        colour = QStringLiteral("#b00020");
        break;
    case State::Unsupported:
        text = tr("Signature cannot be checked by this build.");
        colour = QStringLiteral("#8a6d00");
        break;
    case State::Unsecured:
        text = tr("Unsecured token.");
        colour = QStringLiteral("#b00020");
        break;
    case State::ReSigned:
        text = tr("Re-signed by you.");
        colour = QStringLiteral("#005a9e");
        break;
    case State::Unsigned:
        text = tr("Not signed.");
        colour = QStringLiteral("#8a6d00");
        break;
    case State::SigningFailed:
        text = tr("Signing failed.");
        colour = QStringLiteral("#b00020");
        break;
    }
    if (!status.detail.isEmpty())
        text += QLatin1Char(' ') + status.detail;
    m_signature->setText(text);
    m_signature->setStyleSheet(QStringLiteral("color: %1; font-weight: bold;").arg(colour));
}

void MainWindow::openTokenFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open a file holding a JWT"));
    if (path.isEmpty())
        return;
    QFile file(path);
    if (QFileInfo(path).size() > 1024 * 1024) {
        m_status->setText(tr("%1 is %2 bytes; a JWT is at most a few kilobytes. Choose the file that holds only the token.")
                              .arg(QFileInfo(path).fileName())
                              .arg(QFileInfo(path).size()));
        return;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        m_status->setText(tr("Cannot open %1: %2").arg(path, file.errorString()));
        return;
    }
    openToken(QString::fromUtf8(file.readAll()).trimmed());
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About jwtflow"),
                       tr("jwtflow %1\nA debugger for the OAuth 2.0 JWT bearer flow (RFC 7523).").arg(QApplication::applicationVersion()));
}

} // namespace jwtflow
