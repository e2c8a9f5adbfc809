#pragma once

#include "core/SecretBytes.h"

#include <QDialog>
#include <optional>

class QLineEdit;

namespace jwtflow {

// Asks for the passphrase of an encrypted key file. Unlike QInputDialog::getText, which returns
// the text as a QString nobody wipes, takePassphrase() hands the passphrase over as SecretBytes
// and overwrites the field's own text buffer in place before clearing it.
class PassphraseDialog : public QDialog {
    Q_OBJECT

public:
    explicit PassphraseDialog(const QString &fileName, QWidget *parent = nullptr);
    ~PassphraseDialog() override;

    // Runs the dialog; nullopt when it is cancelled. The field is wiped either way.
    static std::optional<SecretBytes> ask(const QString &fileName, QWidget *parent = nullptr);

    QLineEdit *field() const { return m_field; }
    // The typed passphrase (UTF-8), the field's text overwritten and the field emptied.
    SecretBytes takePassphrase();

private:
    void wipeField();

    QLineEdit *m_field = nullptr;
};

} // namespace jwtflow
