#pragma once

#include "store/ConnectionProfile.h"

#include <QMenu>

#include <functional>
#include <optional>

class QSettings;

namespace jwtflow {

class ConnectionForm;
class SecretStore;
class SignaturePanel;

// The Profiles menu: save the connection form and the chosen key FILES under a name, load one
// back, rename, delete. A profile is plain settings (ProfileStore); the signing key's passphrase
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
        std::function<std::optional<SaveAnswer>(QWidget *parent, const QStringList &existing, const SaveAnswer &suggested, bool canRemember)> askSave;
        // Picks one of names for `action` ("Rename", "Delete"); nullopt cancels.
        std::function<std::optional<QString>(QWidget *parent, const QString &action, const QStringList &names, const QString &current)> chooseProfile;
        std::function<std::optional<QString>(QWidget *parent, const QString &oldName)> askNewName;
        std::function<bool(QWidget *parent, const QString &question)> confirm;
    };

    ProfileMenu(QSettings &settings, SecretStore &secrets, ConnectionForm *form, SignaturePanel *signature, QWidget *parent = nullptr);

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

private:
    void rebuildLoadMenu();
    ConnectionProfile fromWindow(const QString &name) const;
    void store(const ConnectionProfile &profile, bool rememberPassphrase);
    void setCurrent(const QString &name);

    QSettings &m_settings;
    SecretStore &m_secrets;
    ConnectionForm *m_form;
    SignaturePanel *m_signature;
    Prompts m_prompts;
    QMenu *m_loadMenu = nullptr;
    QAction *m_save = nullptr;
    QAction *m_rename = nullptr;
    QAction *m_delete = nullptr;
    QString m_current;
};

} // namespace jwtflow
