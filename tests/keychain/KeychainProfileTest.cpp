// The Profiles menu on the REAL system keychain (gnome-keyring on a private bus, from
// tests/run-with-keyring): "Remember the passphrase" puts it in the keychain and nowhere else,
// loading the profile (in a new window too) takes it back from there, deleting removes it.
#include "ConnectionForm.h"
#include "KeyPicker.h"
#include "MainWindow.h"
#include "ProfileMenu.h"
#include "SecretServiceCheck.h"
#include "SignaturePanel.h"
#include "store/ConnectionProfile.h"
#include "store/KeychainSecretStore.h"
#include "store/ProfileStore.h"
#include "support/SecretStoreSync.h"
#include "support/WaitFor.h"

#include <QDirIterator>
#include <QFile>
#include <QSettings>

#include <gtest/gtest.h>

#include <memory>

using namespace jwtflow;
using Env = AssertionPreset::Environment;

namespace {

const QString kKeys = QStringLiteral(JWTFLOW_TEST_DATA "/keys/");
const QByteArray kPassphrase = "correct horse"; // rsa2048-encrypted.pem's
constexpr int kTimeoutMs = 20000;

QByteArray settingsFileBytes()
{
    QSettings settings;
    settings.sync();
    QFile file(settings.fileName());
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

Result<ConnectionProfile> storedProfile(const QString &name)
{
    QSettings settings;
    return ProfileStore(settings).load(name);
}

// Files under dir that hold `needle` (as is, base64 or hex), for "it is nowhere in clear".
QStringList filesHolding(const QString &dir, const QByteArray &needle)
{
    QStringList found;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray bytes = file.readAll();
        if (bytes.contains(needle) || bytes.contains(needle.toBase64()) || bytes.contains(needle.toHex()))
            found << file.fileName();
    }
    return found;
}

class KeychainProfiles : public ::testing::Test {
protected:
    void SetUp() override
    {
        JWTFLOW_NEED_SECRET_SERVICE();
        QSettings().clear();
        KeyPicker::setSynchronousLoading(true);
        KeyPicker::setPassphraseProvider([this](const QString &) -> std::optional<QByteArray> {
            ++passphrasePrompts;
            return typedPassphrase;
        });
        openWindow();
    }
    void TearDown() override
    {
        window.reset();
        KeyPicker::setPassphraseProvider([](const QString &) { return std::optional<QByteArray>(); });
        QSettings().clear();
        if (!profileId.isEmpty())
            (void)test::removeNow(keychain, ConnectionProfile::passphraseSecretKey(profileId), kTimeoutMs);
    }

    // A window on the real keychain, as the app makes it, under this test's service name.
    void openWindow()
    {
        MainWindow::Options options;
        options.secretStore = &keychain;
        window = std::make_unique<MainWindow>(SystemClock::instance(), options);
        ProfileMenu::Prompts prompts;
        prompts.askSave = [this](QWidget *, const QStringList &, const ProfileMenu::SaveAnswer &, bool canRemember) {
            offeredRemember = canRemember;
            return saveAnswer;
        };
        prompts.chooseProfile = [this](QWidget *, const QString &, const QStringList &,
                                    const QString &) -> std::optional<QString> { return chosen; };
        prompts.askNewName = [](QWidget *, const QString &) { return std::optional<QString>(); };
        prompts.confirm = [](QWidget *, const QString &) { return true; };
        menu()->setPrompts(prompts);
        QObject::connect(menu(), &ProfileMenu::message, menu(), [this](const QString &text) { messages << text; });
    }

    ProfileMenu *menu() const { return window->profileMenu(); }
    KeyPicker *signing() const { return window->signaturePanel()->signingPicker(); }
    bool said(const QString &text) const { return !messages.isEmpty() && messages.last().contains(text); }
    std::string said() const { return messages.join(QLatin1Char('\n')).toStdString(); }

    void fillAcmeWithEncryptedKey()
    {
        window->connectionForm()->setEnvironment(Env::MyDomain, QStringLiteral("https://acme.my.salesforce.com"));
        window->connectionForm()->setClientId(QStringLiteral("3MVG9acmeConsumerKey"));
        window->connectionForm()->setUsername(QStringLiteral("ann@acme.example"));
        signing()->loadFile(kKeys + QStringLiteral("rsa2048-encrypted.pem"));
        ASSERT_TRUE(signing()->material().has_value()) << signing()->factsText().toStdString();
    }
    // What the real keychain holds for the profile, read by a store object of its own.
    std::optional<Result<QByteArray>> keychainEntry()
    {
        KeychainSecretStore reader(service);
        return test::readNow(reader, ConnectionProfile::passphraseSecretKey(profileId), kTimeoutMs);
    }

    const QString service = test::uniqueService();
    KeychainSecretStore keychain { service };
    std::unique_ptr<MainWindow> window;
    std::optional<QByteArray> typedPassphrase = kPassphrase;
    int passphrasePrompts = 0;
    std::optional<ProfileMenu::SaveAnswer> saveAnswer;
    std::optional<QString> chosen;
    bool offeredRemember = false;
    QStringList messages;
    QString profileId;
};

} // namespace

TEST_F(KeychainProfiles, RememberPutsThePassphraseInTheKeychainOnlyAndLoadTakesItBack)
{
    fillAcmeWithEncryptedKey();
    ASSERT_EQ(passphrasePrompts, 1);
    saveAnswer = ProfileMenu::SaveAnswer { QStringLiteral("Acme"), true };
    menu()->saveAs();
    EXPECT_TRUE(offeredRemember);
    ASSERT_TRUE(test::waitFor(
        [&] { return said(QStringLiteral("its passphrase is in")) || said(QStringLiteral("without the passphrase")); },
        kTimeoutMs))
        << said();
    ASSERT_TRUE(said(QStringLiteral("its passphrase is in the system keychain"))) << said();

    const auto saved = storedProfile(QStringLiteral("Acme"));
    ASSERT_TRUE(saved.ok());
    EXPECT_TRUE(saved->passphraseInKeychain);
    profileId = saved->id;

    // In the keychain, byte for byte (never printed)…
    const auto entry = keychainEntry();
    ASSERT_TRUE(entry.has_value()) << "the keychain did not answer";
    ASSERT_TRUE(entry->ok()) << entry->error().text().toStdString();
    EXPECT_TRUE(entry->value() == kPassphrase) << "the keychain holds " << entry->value().size() << " other bytes";
    // …and nowhere in clear: not in the settings file, not in the keyring's own files.
    const QByteArray file = settingsFileBytes();
    EXPECT_TRUE(file.contains("Acme")) << "the profile itself is in the settings file";
    EXPECT_FALSE(file.contains(kPassphrase));
    EXPECT_FALSE(file.contains(kPassphrase.toBase64()));
    if (const QString keyringDir = qEnvironmentVariable("JWTFLOW_TEST_KEYRING_DIR"); !keyringDir.isEmpty()) {
        EXPECT_TRUE(QDir(keyringDir + QStringLiteral("/data/keyrings")).exists())
            << "the keyring's files are where run-with-keyring puts them";
        EXPECT_TRUE(filesHolding(keyringDir, kPassphrase).isEmpty())
            << filesHolding(keyringDir, kPassphrase).join(QLatin1Char(' ')).toStdString();
    }

    // Loading reads the keychain and never asks.
    signing()->clear();
    typedPassphrase.reset();
    menu()->load(QStringLiteral("Acme"));
    ASSERT_TRUE(test::waitFor([&] { return signing()->material().has_value(); }, kTimeoutMs)) << said();
    EXPECT_EQ(passphrasePrompts, 1);
    EXPECT_TRUE(said(QStringLiteral("came from the system keychain"))) << said();

    // A new window (as after a restart) finds it there too.
    window.reset();
    messages.clear();
    openWindow();
    menu()->load(QStringLiteral("Acme"));
    ASSERT_TRUE(test::waitFor([&] { return signing()->material().has_value(); }, kTimeoutMs)) << said();
    EXPECT_EQ(passphrasePrompts, 1);
    EXPECT_TRUE(said(QStringLiteral("came from the system keychain"))) << said();

    // Deleting the profile removes the keychain entry.
    chosen = QStringLiteral("Acme");
    menu()->deleteProfile();
    ASSERT_TRUE(test::waitFor([&] { return said(QStringLiteral("deleted")); }, kTimeoutMs)) << said();
    EXPECT_TRUE(said(QStringLiteral("with its passphrase in the system keychain"))) << said();
    const auto removed = keychainEntry();
    ASSERT_TRUE(removed.has_value());
    ASSERT_FALSE(removed->ok()) << "the passphrase outlived its profile";
    EXPECT_EQ(removed->error().code, QStringLiteral("secret.not-found"));
}

TEST_F(KeychainProfiles, WithoutRememberNothingGoesToTheKeychain)
{
    fillAcmeWithEncryptedKey();
    saveAnswer = ProfileMenu::SaveAnswer { QStringLiteral("Acme"), false };
    menu()->saveAs();
    EXPECT_TRUE(said(QStringLiteral("saved"))) << said();
    const auto saved = storedProfile(QStringLiteral("Acme"));
    ASSERT_TRUE(saved.ok());
    EXPECT_FALSE(saved->passphraseInKeychain);
    profileId = saved->id;
    const auto entry = keychainEntry();
    ASSERT_TRUE(entry.has_value());
    ASSERT_FALSE(entry->ok()) << "a passphrase went to the keychain without Remember";
    EXPECT_EQ(entry->error().code, QStringLiteral("secret.not-found"));

    // Loading asks for the passphrase again.
    signing()->clear();
    menu()->load(QStringLiteral("Acme"));
    EXPECT_TRUE(signing()->material().has_value());
    EXPECT_EQ(passphrasePrompts, 2);
}

TEST_F(KeychainProfiles, UntickingRememberOnSaveRemovesThePassphraseFromTheKeychain)
{
    fillAcmeWithEncryptedKey();
    saveAnswer = ProfileMenu::SaveAnswer { QStringLiteral("Acme"), true };
    menu()->saveAs();
    ASSERT_TRUE(test::waitFor([&] { return said(QStringLiteral("its passphrase is in")); }, kTimeoutMs)) << said();
    profileId = storedProfile(QStringLiteral("Acme"))->id;
    const auto stored = keychainEntry();
    ASSERT_TRUE(stored.has_value() && stored->ok()) << "the passphrase did not reach the keychain";

    saveAnswer = ProfileMenu::SaveAnswer { QStringLiteral("Acme"), false };
    menu()->saveAs();
    ASSERT_TRUE(test::waitFor([&] { return said(QStringLiteral("removed from the system keychain")); }, kTimeoutMs)) << said();
    EXPECT_FALSE(storedProfile(QStringLiteral("Acme"))->passphraseInKeychain);
    const auto entry = keychainEntry();
    ASSERT_TRUE(entry.has_value());
    EXPECT_FALSE(entry->ok()) << "the passphrase stayed in the keychain";
}
