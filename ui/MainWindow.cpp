#include "MainWindow.h"

#include "token/Jwt.h"

#include <QApplication>
#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QGroupBox>
#include <QJsonDocument>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStatusBar>
#include <QVBoxLayout>

namespace jwtflow {

namespace {

QPlainTextEdit *makeEditor(const QString &objectName, const QString &placeholder, QWidget *parent)
{
    auto *editor = new QPlainTextEdit(parent);
    editor->setObjectName(objectName);
    editor->setAccessibleName(placeholder);
    editor->setPlaceholderText(placeholder);
    editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return editor;
}

QWidget *titled(const QString &title, QWidget *content, QWidget *parent)
{
    auto *box = new QGroupBox(title, parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(content);
    return box;
}

QString prettyJson(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented)).trimmed();
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setObjectName(QStringLiteral("MainWindow"));
    setWindowTitle(QStringLiteral("jwtflow — JWT bearer flow debugger"));
    resize(1100, 700);

    m_encoded = makeEditor(QStringLiteral("encodedEditor"), tr("Paste a JWT here (header.payload.signature)"), this);
    m_encoded->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_encoded->setWordWrapMode(QTextOption::WrapAnywhere);
    m_header = makeEditor(QStringLiteral("headerEditor"), tr("Decoded header (JSON)"), this);
    m_payload = makeEditor(QStringLiteral("payloadEditor"), tr("Decoded payload: the claims (JSON)"), this);
    m_header->setReadOnly(true);
    m_payload->setReadOnly(true);

    auto *decoded = new QSplitter(Qt::Vertical, this);
    decoded->addWidget(titled(tr("Header"), m_header, decoded));
    decoded->addWidget(titled(tr("Payload"), m_payload, decoded));
    decoded->setStretchFactor(1, 2);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->setObjectName(QStringLiteral("editorSplitter"));
    split->addWidget(titled(tr("Encoded"), m_encoded, split));
    split->addWidget(decoded);
    split->setSizes({500, 600});
    setCentralWidget(split);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("decodeStatus"));
    m_status->setTextFormat(Qt::PlainText); // token text is untrusted
    statusBar()->addWidget(m_status, 1);
    m_status->setText(tr("Paste a token, or open one with File ▸ Open token."));

    createMenus();
    connect(m_encoded, &QPlainTextEdit::textChanged, this, &MainWindow::decodeEncodedText);
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
    m_encoded->setPlainText(text);
}

void MainWindow::openTokenFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open a file holding a JWT"));
    if (path.isEmpty())
        return;
    QFile file(path);
    // A token is a few kilobytes; refuse to pull a huge file into the editor.
    if (!file.open(QIODevice::ReadOnly)) {
        m_status->setText(tr("Cannot open %1: %2").arg(path, file.errorString()));
        return;
    }
    if (file.size() > 1024 * 1024) {
        m_status->setText(tr("%1 is %2 bytes; a JWT is at most a few kilobytes. Choose the file that holds only the token.")
                              .arg(path).arg(file.size()));
        return;
    }
    openToken(QString::fromUtf8(file.readAll()));
}

void MainWindow::decodeEncodedText()
{
    const QString text = m_encoded->toPlainText();
    if (text.trimmed().isEmpty()) {
        m_header->clear();
        m_payload->clear();
        m_status->setText(tr("Paste a token, or open one with File ▸ Open token."));
        return;
    }
    const auto jwt = Jwt::parse(text);
    if (!jwt) {
        // Keep the last decoded header and payload visible: the user is probably mid-edit.
        m_status->setText(jwt.error().text());
        return;
    }
    m_header->setPlainText(prettyJson(jwt->header()));
    m_payload->setPlainText(jwt->kind() == Jwt::Kind::Encrypted ? tr("(encrypted: a JWE's payload cannot be read without the recipient's key)")
                                                                : prettyJson(jwt->claims()));
    QString state = jwt->kind() == Jwt::Kind::Encrypted ? tr("Encrypted token (JWE), alg %1").arg(jwt->alg())
                                                        : tr("Decoded: alg %1").arg(jwt->alg().isEmpty() ? tr("(none given)") : jwt->alg());
    if (!jwt->notes().isEmpty())
        state += QStringLiteral(" · ") + jwt->notes().join(QLatin1Char(' '));
    m_status->setText(state);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About jwtflow"),
                       tr("jwtflow %1\nA debugger for the OAuth 2.0 JWT bearer flow (RFC 7523).").arg(QApplication::applicationVersion()));
}

} // namespace jwtflow
