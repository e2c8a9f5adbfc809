#include "KeyPasteDialog.h"

#include "ErrorColor.h"
#include "crypto/KeyLoader.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace jwtflow {

KeyPasteDialog::KeyPasteDialog(const QString &title, const QString &placeholder, Accept accept, QWidget *parent)
    : QDialog(parent)
    , m_accept(std::move(accept))
{
    setObjectName(QStringLiteral("keyPasteDialog"));
    setWindowTitle(title);
    m_edit = new QPlainTextEdit(this);
    m_edit->setObjectName(QStringLiteral("keyPasteText"));
    m_edit->setPlaceholderText(placeholder);
    m_edit->setAccessibleName(title);
    m_edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_edit->setUndoRedoEnabled(false); // an undo stack would keep a copy of a private key
    m_edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("keyPasteError"));
    m_error->setTextFormat(Qt::PlainText);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(ErrorColor::styleSheet(m_error));
    m_error->hide();
    auto *note = new QLabel(tr("The text is read in memory only, never saved: a profile keeps no pasted key."), this);
    note->setWordWrap(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Load key"));
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (load())
            QDialog::accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_error);
    layout->addWidget(note);
    layout->addWidget(buttons);
    resize(560, 360);
}

KeyPasteDialog::~KeyPasteDialog()
{
    wipeEditor();
}

QString KeyPasteDialog::errorText() const
{
    return m_error->isVisible() || !m_error->text().isEmpty() ? m_error->text() : QString();
}

bool KeyPasteDialog::load()
{
    QString text = m_edit->toPlainText();
    auto loaded = KeyLoader::loadPastedText(text, tr("the pasted key")); // wipes `text`
    Result<void> taken = loaded ? m_accept(loaded.value()) : Result<void>(loaded.error());
    if (!taken) {
        m_error->setText(taken.error().text());
        m_error->show();
        return false; // the text stays as pasted, to be fixed
    }
    m_error->clear();
    m_error->hide();
    wipeEditor();
    return true;
}

void KeyPasteDialog::wipeEditor()
{
    if (m_edit && !m_edit->document()->isEmpty()) {
        // Overwrite before clearing, so the document's last block does not keep the key's text.
        m_edit->setPlainText(QString(m_edit->document()->characterCount(), QLatin1Char('x')));
        m_edit->clear();
    }
}

} // namespace jwtflow
