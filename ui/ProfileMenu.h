#pragma once

#include "core/SecretBytes.h"
#include "store/ConnectionProfile.h"

#include <QMenu>

#include <functional>
#include <optional>

class QSettings;

namespace jwtflow {

class BearerFlowSession;
class SecretStore;

// The Profiles menu: save the session's connection and its key FILES under a name, load one
// back, rename, delete. Loading sets the session's connection and asks (signals) for the key
// files to be loaded where the keys are chosen. A profile is plain settings (ProfileStore); the signing key's passphrase
// goes to the SecretStore (the system keychain) only when the user ticks "Remember", and when
// there is no keychain the user is told and nothing is stored.
class ProfileMenu : public QMenu {
    Q_OBJECT

public:
    struct SaveAnswer {
        QString name;
        bool rememberPassphrase = false;
    };
    // The questions the menu asks; tests replace them (defaults: dialogs).
    struct Prompts {
        // Name and "remember" for Save as…; canRemember is false when the key has no passphrase.
        std::function<std::optional<SaveAnswer>(
            QWidget *parent, const QStringList &existing, const SaveAnswer &suggested, bool canRemember)>
            askSave;
        // Picks one of names for `action` ("Rename", "Delete"); nullopt cancels.
        std::function<std::optional<QString>(
            QWidget *parent, const QString &action, const QStringList &names, const QString &current)>
            chooseProfile;
        std::function<std::optional<QString>(QWidget *parent, const QString &oldName)> askNewName;
        std::function<bool(QWidget *parent, const QString &question)> confirm;
    };

    ProfileMenu(QSettings &settings, SecretStore &secrets, BearerFlowSession *session, QWidget *parent = nullptr);
    // The passphrase that opened the signing key, for "Remember the passphrase" (empty: none).
    void setSigningPassphrase(std::function<SecretBytes()> passphrase) { m_signingPassphrase = std::move(passphrase); }

    void setPrompts(Prompts prompts);
    QString currentProfile() const { return m_current; }

    // The actions, also reachable from tests.
    void saveAs();
    void save(); // over the current profile, or Save as… when there is none
    void load(const QString &name);
    void renameProfile();
    void deleteProfile();

Q_SIGNALS:
    void message(const QString &text);
    void currentProfileChanged(const QString &name);
    // A profile's key files, to load as if chosen (an empty path: none, clear that choice). The
    // signing key comes with its passphrase when the keychain had it; else loading asks for it.
    void signingKeyRequested(const QString &path, const QByteArray &passphrase);
    void certificateRequested(const QString &path);
    void verificationKeyRequested(const QString &path);

private:
    void rebuildLoadMenu();
    ConnectionProfile fromSession(const QString &name) const;
    SecretBytes signingPassphrase() const { return m_signingPassphrase ? m_signingPassphrase() : SecretBytes(); }
    void store(const ConnectionProfile &profile, bool rememberPassphrase);
    void setCurrent(const QString &name);

    QSettings &m_settings;
    SecretStore &m_secrets;
    BearerFlowSession *m_session;
    std::function<SecretBytes()> m_signingPassphrase;
    Prompts m_prompts;
    QMenu *m_loadMenu = nullptr;
    QAction *m_save = nullptr;
    QAction *m_rename = nullptr;
    QAction *m_delete = nullptr;
    QString m_current;
};

} // namespace jwtflow
