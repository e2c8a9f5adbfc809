#pragma once

#include "core/Clock.h"
#include "core/SecretBytes.h"
#include "crypto/KeyMaterial.h"

#include <QWidget>

#include <functional>
#include <optional>

class QLabel;
class QLineEdit;
class QPushButton;
class QToolButton;

namespace jwtflow {

// Picks one key file — the private key that signs, the certificate uploaded to the connected app,
// or what verifies a pasted token (certificate, public key, JWK, JWKS) — by dialog, drag and drop
// or typed path — or as pasted text (PEM, JWK, JWKS; "Paste…", never saved) — loads it off the GUI
// thread, asks for a passphrase when the file is encrypted, and shows its facts (type, bits,
// subject, validity, fingerprints, x5t) and warnings: one summary line, the rest under Details, so
// a narrow column keeps the path and its buttons readable.
class KeyPicker : public QWidget {
    Q_OBJECT

public:
    enum class Role { SigningKey, Certificate, VerificationKey };

    // Asked, on the GUI thread, for the passphrase of `source`; nullopt cancels.
    using PassphraseProvider = std::function<std::optional<QByteArray>(const QString &source)>;
    // Asked for a file to open (a seam for tests; default: QFileDialog).
    using FileChooser = std::function<QString(QWidget *parent, const QString &title, const QString &filter)>;

    KeyPicker(Role role, const Clock &clock, QWidget *parent = nullptr);

    // Loads path; a non-empty knownPassphrase (from the keychain) is tried before asking the user,
    // who is asked after all if it does not open the key.
    void loadFile(const QString &path, const SecretBytes &knownPassphrase = {});
    // A key the user pasted as text (already loaded): taken when it fits this picker's role,
    // else the error says why. It has no path, so a profile never records it.
    Result<void> setPastedMaterial(const KeyMaterial &material);
    bool isPasted() const { return m_pasted; }
    // Opens the "Paste key" dialog (the Paste… button).
    void pasteKey();
    void clear();
    bool isLoading() const { return m_loading; }
    const std::optional<KeyMaterial> &material() const { return m_material; }
    QString path() const { return m_path; }
    QString factsText() const; // every fact, as Details shows them
    QString summaryText() const; // the one line shown while Details is closed
    QToolButton *detailsButton() const { return m_details; }
    // The passphrase that opened the loaded key (empty if it needed none). Kept in memory only, so
    // the user can ask for it to be remembered in the system keychain; wiped with the key.
    const SecretBytes &passphrase() const { return m_passphrase; }

    // The default provider: a modal prompt naming the file.
    static std::optional<QByteArray> askPassphrase(const QString &source);
    static void setPassphraseProvider(PassphraseProvider provider);
    static void setFileChooser(FileChooser chooser);
    // Loads on the calling thread (tests); the default loads on a worker thread.
    static void setSynchronousLoading(bool synchronous);

Q_SIGNALS:
    void materialChanged();
    void loadFailed(const QString &message);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void browse();
    void finishLoad(const QString &path, const Result<KeyMaterial> &result, SecretBytes &&passphrase, bool usedKnownPassphrase);
    // Whether material fits this picker (a signing key must hold a private key, …); `name` names it.
    Result<void> fitsRole(const KeyMaterial &material, const QString &name) const;
    void forgetPassphrase();
    void showFacts();

    Role m_role;
    const Clock &m_clock;
    QLineEdit *m_pathEdit = nullptr;
    QPushButton *m_browse = nullptr;
    QPushButton *m_paste = nullptr;
    QToolButton *m_details = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_facts = nullptr;
    std::optional<KeyMaterial> m_material;
    QString m_path;
    QString m_error;
    SecretBytes m_passphrase;
    bool m_loading = false;
    bool m_pasted = false;
    int m_generation = 0; // a newer load wins over a slower older one
};

} // namespace jwtflow
