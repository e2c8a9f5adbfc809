#include "ProfileMenu.h"

#include "flow/BearerFlowSession.h"
#include "store/ProfileStore.h"
#include "store/SecretStore.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace jwtflow {

namespace {

std::optional<ProfileMenu::SaveAnswer> askSaveDialog(
    QWidget *parent, const QStringList &existing, const ProfileMenu::SaveAnswer &suggested, bool canRemember)
{
    QDialog dialog(parent);
    dialog.setObjectName(QStringLiteral("profileSaveDialog"));
    dialog.setWindowTitle(QObject::tr("Save profile"));
    auto *name = new QComboBox(&dialog);
    name->setObjectName(QStringLiteral("profileName"));
    name->setEditable(true);
    name->addItems(existing);
    name->setCurrentText(suggested.name);
    name->setAccessibleName(QObject::tr("Profile name"));
    name->setToolTip(QObject::tr("A new name saves a new profile; an existing one is replaced"));
    auto *remember = new QCheckBox(QObject::tr("&Remember the signing key's passphrase in the system keychain"), &dialog);
    remember->setObjectName(QStringLiteral("rememberPassphrase"));
    remember->setEnabled(canRemember);
    remember->setChecked(canRemember && suggested.rememberPassphrase);
    remember->setToolTip(canRemember
            ? QObject::tr("Kept by the system keychain (Secret Service, KWallet) — never in jwtflow's settings file")
            : QObject::tr("The signing key needs no passphrase"));
    auto *note = new QLabel(QObject::tr("Saved: the environment, consumer key, username and the key and certificate file paths. "
                                        "Never the keys themselves, passphrases or tokens."),
        &dialog);
    note->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, &dialog);
    auto *form = new QFormLayout;
    form->addRow(QObject::tr("&Name:"), name);
    auto *layout = new QVBoxLayout(&dialog);
    layout->addLayout(form);
    layout->addWidget(remember);
    layout->addWidget(note);
    layout->addWidget(buttons);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    dialog.resize(480, dialog.sizeHint().height());
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return ProfileMenu::SaveAnswer { name->currentText().trimmed(), remember->isChecked() };
}

ProfileMenu::Prompts defaultPrompts()
{
    ProfileMenu::Prompts prompts;
    prompts.askSave = askSaveDialog;
    prompts.chooseProfile
        = [](QWidget *parent, const QString &action, const QStringList &names, const QString &current) -> std::optional<QString> {
        bool ok = false;
        const QString name = QInputDialog::getItem(parent, QObject::tr("%1 profile").arg(action), QObject::tr("Profile:"), names,
            std::max(0, static_cast<int>(names.indexOf(current))), false, &ok);
        return ok ? std::optional<QString>(name) : std::nullopt;
    };
    prompts.askNewName = [](QWidget *parent, const QString &oldName) -> std::optional<QString> {
        bool ok = false;
        const QString name = QInputDialog::getText(parent, QObject::tr("Rename profile"),
            QObject::tr("New name for “%1”:").arg(oldName), QLineEdit::Normal, oldName, &ok);
        return ok ? std::optional<QString>(name.trimmed()) : std::nullopt;
    };
    prompts.confirm = [](QWidget *parent, const QString &question) {
        return QMessageBox::question(parent, QObject::tr("Profiles"), question) == QMessageBox::Yes;
    };
    return prompts;
}

} // namespace

ProfileMenu::ProfileMenu(QSettings &settings, SecretStore &secrets, BearerFlowSession *session, QWidget *parent)
    : QMenu(tr("P&rofiles"), parent)
    , m_settings(settings)
    , m_secrets(secrets)
    , m_session(session)
    , m_prompts(defaultPrompts())
{
    setObjectName(QStringLiteral("profilesMenu"));
    setToolTipsVisible(true);
    m_loadMenu = addMenu(tr("&Load profile"));
    m_loadMenu->setObjectName(QStringLiteral("loadProfileMenu"));
    connect(m_loadMenu, &QMenu::aboutToShow, this, &ProfileMenu::rebuildLoadMenu);
    addSeparator();
    m_save = addAction(tr("&Save profile"), this, &ProfileMenu::save);
    m_save->setObjectName(QStringLiteral("saveProfileAction"));
    m_save->setShortcut(QKeySequence::Save);
    m_save->setToolTip(tr("Save the connection and the key file paths under the current profile's name"));
    QAction *saveAs = addAction(tr("Save profile &as…"), this, &ProfileMenu::saveAs);
    saveAs->setObjectName(QStringLiteral("saveProfileAsAction"));
    saveAs->setShortcut(QKeySequence::SaveAs);
    saveAs->setToolTip(tr("Save the connection and the key file paths under a new name"));
    m_rename = addAction(tr("Re&name profile…"), this, &ProfileMenu::renameProfile);
    m_rename->setObjectName(QStringLiteral("renameProfileAction"));
    m_delete = addAction(tr("&Delete profile…"), this, &ProfileMenu::deleteProfile);
    m_delete->setObjectName(QStringLiteral("deleteProfileAction"));
    connect(this, &QMenu::aboutToShow, this, [this] {
        const bool any = !ProfileStore(m_settings).names().isEmpty();
        m_loadMenu->setEnabled(any);
        m_rename->setEnabled(any);
        m_delete->setEnabled(any);
    });
}

void ProfileMenu::setPrompts(Prompts prompts)
{
    m_prompts = std::move(prompts);
}

void ProfileMenu::rebuildLoadMenu()
{
    m_loadMenu->clear();
    for (const QString &name : ProfileStore(m_settings).names()) {
        QAction *action = m_loadMenu->addAction(name, this, [this, name] { load(name); });
        action->setCheckable(true);
        action->setChecked(name == m_current);
    }
}

ConnectionProfile ProfileMenu::fromSession(const QString &name) const
{
    const auto connection = m_session->connection();
    const auto file = [](const std::optional<KeyMaterial> &material) { return material ? material->filePath : QString(); };
    ConnectionProfile profile;
    profile.name = name;
    profile.environment = connection.environment;
    profile.environmentInput = m_session->environmentInput();
    profile.clientId = connection.clientId;
    profile.username = connection.username;
    profile.signingKeyPath = file(m_session->signingKey());
    profile.certificatePath = file(m_session->certificate());
    profile.verificationKeyPath = file(m_session->verificationKey());
    return profile;
}

void ProfileMenu::save()
{
    if (m_current.isEmpty() || !ProfileStore(m_settings).contains(m_current)) {
        saveAs();
        return;
    }
    const auto existing = ProfileStore(m_settings).load(m_current);
    const bool remember = existing && existing->passphraseInKeychain && !signingPassphrase().isEmpty();
    store(fromSession(m_current), remember);
}

void ProfileMenu::saveAs()
{
    ProfileStore profiles(m_settings);
    SaveAnswer suggested { m_current, false };
    if (const auto existing = profiles.load(m_current); existing)
        suggested.rememberPassphrase = existing->passphraseInKeychain;
    const bool canRemember = !signingPassphrase().isEmpty();
    const auto answer = m_prompts.askSave(parentWidget(), profiles.names(), suggested, canRemember);
    if (!answer)
        return;
    if (const auto valid = ProfileStore::checkName(answer->name); !valid) {
        Q_EMIT message(valid.error().text());
        return;
    }
    store(fromSession(answer->name), canRemember && answer->rememberPassphrase);
}

void ProfileMenu::store(const ConnectionProfile &wanted, bool rememberPassphrase)
{
    ProfileStore profiles(m_settings);
    const auto previous = profiles.load(wanted.name);
    const bool hadPassphrase = previous && previous->passphraseInKeychain;
    // The flag is set only once the keychain has the passphrase, so it never promises what is not there.
    ConnectionProfile profile = wanted;
    profile.passphraseInKeychain = hadPassphrase && rememberPassphrase;
    const auto saved = profiles.save(profile);
    if (!saved) {
        Q_EMIT message(saved.error().text());
        return;
    }
    setCurrent(saved->name);
    const QString secretKey = ConnectionProfile::passphraseSecretKey(saved->id);
    const QString name = saved->name;
    if (rememberPassphrase) {
        Q_EMIT message(tr("Profile “%1” saved; storing the passphrase in %2 …").arg(name, m_secrets.description()));
        m_secrets.write(secretKey, signingPassphrase(), this, [this, name](const Result<void> &written) {
            ProfileStore after(m_settings);
            auto stored = after.load(name);
            if (!written) {
                if (stored && stored->passphraseInKeychain) {
                    stored->passphraseInKeychain = false;
                    (void)after.save(stored.value());
                }
                Q_EMIT message(tr("Profile “%1” saved without the passphrase. %2").arg(name, written.error().text()));
                return;
            }
            if (stored && !stored->passphraseInKeychain) {
                stored->passphraseInKeychain = true;
                (void)after.save(stored.value());
            }
            Q_EMIT message(tr("Profile “%1” saved; its passphrase is in %2.").arg(name, m_secrets.description()));
        });
        return;
    }
    if (hadPassphrase) {
        m_secrets.remove(secretKey, this, [this, name](const Result<void> &removed) {
            Q_EMIT message(removed ? tr("Profile “%1” saved; its passphrase was removed from the system keychain.").arg(name)
                                   : tr("Profile “%1” saved, but the old passphrase could not be removed from the keychain: %2")
                                         .arg(name, removed.error().text()));
        });
        return;
    }
    Q_EMIT message(tr("Profile “%1” saved.").arg(name));
}

void ProfileMenu::load(const QString &name)
{
    const auto profile = ProfileStore(m_settings).load(name);
    if (!profile) {
        Q_EMIT message(profile.error().text());
        return;
    }
    const ConnectionProfile &p = profile.value();
    m_session->setEnvironment(p.environment, p.environmentInput);
    m_session->setClientId(p.clientId);
    m_session->setUsername(p.username);
    Q_EMIT certificateRequested(p.certificatePath);
    Q_EMIT verificationKeyRequested(p.verificationKeyPath);
    setCurrent(p.name);
    if (!p.passphraseInKeychain || p.signingKeyPath.isEmpty()) {
        Q_EMIT signingKeyRequested(p.signingKeyPath, {});
        Q_EMIT message(tr("Profile “%1” loaded.").arg(p.name));
        return;
    }
    // The keychain answers asynchronously (it may ask to be unlocked); the key loads after.
    Q_EMIT signingKeyRequested(QString(), {});
    Q_EMIT message(tr("Profile “%1” loaded; reading the key's passphrase from %2 …").arg(p.name, m_secrets.description()));
    const QString path = p.signingKeyPath;
    const QString profileName = p.name;
    m_secrets.read(
        ConnectionProfile::passphraseSecretKey(p.id), this, [this, path, profileName](const Result<QByteArray> &secret) {
            if (secret) {
                Q_EMIT signingKeyRequested(path, secret.value());
                Q_EMIT message(tr("Profile “%1” loaded; the key's passphrase came from the system keychain.").arg(profileName));
            } else {
                Q_EMIT message(tr("Profile “%1” loaded. %2").arg(profileName, secret.error().text()));
                Q_EMIT signingKeyRequested(path, {}); // asks for the passphrase
            }
        });
}

void ProfileMenu::renameProfile()
{
    ProfileStore profiles(m_settings);
    const auto from = m_prompts.chooseProfile(parentWidget(), tr("Rename"), profiles.names(), m_current);
    if (!from)
        return;
    const auto to = m_prompts.askNewName(parentWidget(), *from);
    if (!to || *to == *from)
        return;
    // The keychain entry is named by the profile's id, which a rename keeps.
    if (const auto renamed = profiles.rename(*from, *to); !renamed) {
        Q_EMIT message(renamed.error().text());
        return;
    }
    if (m_current == *from)
        setCurrent(*to);
    Q_EMIT message(tr("Profile “%1” renamed to “%2”.").arg(*from, *to));
}

void ProfileMenu::deleteProfile()
{
    ProfileStore profiles(m_settings);
    const auto name = m_prompts.chooseProfile(parentWidget(), tr("Delete"), profiles.names(), m_current);
    if (!name)
        return;
    const auto profile = profiles.load(*name);
    if (!profile) {
        Q_EMIT message(profile.error().text());
        return;
    }
    if (!m_prompts.confirm(parentWidget(), tr("Delete profile “%1”? The key files themselves are kept.").arg(*name)))
        return;
    if (const auto removed = profiles.remove(*name); !removed) {
        Q_EMIT message(removed.error().text());
        return;
    }
    if (m_current == *name)
        setCurrent(QString());
    if (!profile->passphraseInKeychain) {
        Q_EMIT message(tr("Profile “%1” deleted.").arg(*name));
        return;
    }
    const QString deleted = *name;
    m_secrets.remove(ConnectionProfile::passphraseSecretKey(profile->id), this, [this, deleted](const Result<void> &removed) {
        Q_EMIT message(removed ? tr("Profile “%1” deleted, with its passphrase in the system keychain.").arg(deleted)
                               : tr("Profile “%1” deleted, but its passphrase could not be removed from the keychain: %2")
                                     .arg(deleted, removed.error().text()));
    });
}

void ProfileMenu::setCurrent(const QString &name)
{
    if (name == m_current)
        return;
    m_current = name;
    Q_EMIT currentProfileChanged(name);
}

} // namespace jwtflow
