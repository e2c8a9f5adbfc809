#include "PassphraseDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>
#include <string.h> // explicit_bzero

namespace jwtflow {

PassphraseDialog::PassphraseDialog(const QString &fileName, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("passphraseDialog"));
    setWindowTitle(tr("Passphrase"));
    auto *label = new QLabel(tr("%1 is encrypted. Passphrase:").arg(fileName), this);
    label->setTextFormat(Qt::PlainText); // a file name is untrusted text
    m_field = new QLineEdit(this);
    m_field->setObjectName(QStringLiteral("passphraseField"));
    m_field->setEchoMode(QLineEdit::Password);
    m_field->setAccessibleName(tr("Passphrase of %1").arg(fileName));
    label->setBuddy(m_field);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(label);
    layout->addWidget(m_field);
    layout->addWidget(buttons);
}

PassphraseDialog::~PassphraseDialog()
{
    wipeField();
}

std::optional<SecretBytes> PassphraseDialog::ask(const QString &fileName, QWidget *parent)
{
    PassphraseDialog dialog(fileName, parent);
    if (dialog.exec() != QDialog::Accepted) {
        dialog.wipeField();
        return std::nullopt;
    }
    return dialog.takePassphrase();
}

SecretBytes PassphraseDialog::takePassphrase()
{
    QByteArray utf8 = m_field->text().toUtf8();
    SecretBytes passphrase(std::move(utf8));
    wipeField();
    return passphrase;
}

void PassphraseDialog::wipeField()
{
    // text() shares the line edit's own buffer (implicit sharing), so writing through it
    // overwrites the text the widget holds; setText then drops it with the undo history.
    QString shared = m_field->text();
    if (!shared.isEmpty() && shared.data_ptr().isMutable()) // not a read-only literal
        explicit_bzero(const_cast<QChar *>(shared.constData()), static_cast<size_t>(shared.size()) * sizeof(QChar));
    shared = QString();
    m_field->setText(QString());
}

} // namespace jwtflow
