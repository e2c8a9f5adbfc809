#pragma once

#include "core/Result.h"
#include "crypto/KeyMaterial.h"

#include <QDialog>
#include <functional>

class QLabel;
class QPlainTextEdit;

namespace jwtflow {

// "Paste key…": a key as text (PEM, JWK or JWKS) instead of a file. The text goes through
// KeyLoader::loadPastedText, which overwrites its copy; on success the editor is emptied (no undo
// history keeps it) and the dialog closes, on an error the message shows under the text, which
// stays as pasted so it can be fixed. Nothing of it is written anywhere.
class KeyPasteDialog : public QDialog {
    Q_OBJECT

public:
    // Asked with the loaded material: an error (e.g. "holds no private key") keeps the dialog open.
    using Accept = std::function<Result<void>(const KeyMaterial &material)>;

    KeyPasteDialog(const QString &title, const QString &placeholder, Accept accept, QWidget *parent = nullptr);
    ~KeyPasteDialog() override;

    QPlainTextEdit *editor() const { return m_edit; }
    QString errorText() const;
    // What OK does: load, hand over, close; false (and the error shown) when it cannot.
    bool load();

private:
    void wipeEditor();

    Accept m_accept;
    QPlainTextEdit *m_edit = nullptr;
    QLabel *m_error = nullptr;
};

} // namespace jwtflow
