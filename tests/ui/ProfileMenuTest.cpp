// Profiles (save, load, rename, delete; passphrases only in the keychain) and Open Recent.
#include "ProfileMenu.h"
#include "ConnectionForm.h"
#include "KeyPicker.h"
#include "MainWindow.h"
#include "RecentFilesMenu.h"
#include "SignaturePanel.h"
#include "store/ProfileStore.h"
#include "support/MemorySecretStore.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QLabel>
#include <QSettings>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include "support/WaitFor.h"

#include <functional>
#include <memory>

using namespace jwtflow;
using Env = AssertionPreset::Environment;

namespace {

const QString kKeys = QStringLiteral(JWTFLOW_TEST_DATA "/keys/");
const QByteArray kPassphrase = "correct horse";

bool waitFor(const std::function<bool()> &done, int ms = 5000)
{
    return test::waitFor(done, ms, 5);
}

QByteArray settingsFileBytes()
{
    QSettings settings;
    settings.sync();
    QFile file(settings.fileName());
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QStringList storedNames()
{
    QSettings settings;
    return ProfileStore(settings).names();
}

Result<ConnectionProfile> storedProfile(const QString &name)
{
    QSettings settings;
    return ProfileStore(settings).load(name);
}

class Profiles : public ::testing::Test {
protected:
    void SetUp() override
    {
        QSettings().clear();
        KeyPicker::setSynchronousLoading(true);
        KeyPicker::setPassphraseProvider([this](const QString &) -> std::optional<QByteArray> {
            ++passphrasePrompts;
            return typedPassphrase;
        });
        MainWindow::Options options;
        options.secretStore = &secrets;
        window = std::make_unique<MainWindow>(SystemClock::instance(), options);
        ProfileMenu::Prompts prompts;
        prompts.askSave = [this](QWidget *, const QStringList &, const ProfileMenu::SaveAnswer &suggested, bool canRemember) {
            offeredRemember = canRemember;
            suggestedName = suggested.name;
            return saveAnswer;
        };
        prompts.chooseProfile
            = [this](QWidget *, const QString &, const QStringList &names, const QString &) -> std::optional<QString> {
            offeredNames = names;
            return chosen;
        };
        prompts.askNewName = [this](QWidget *, const QString &) { return newName; };
        prompts.confirm = [](QWidget *, const QString &) { return true; };
        menu()->setPrompts(prompts);
        QObject::connect(menu(), &ProfileMenu::message, menu(), [this](const QString &text) { messages << text; });
    }
    void TearDown() override
    {
        window.reset();
        KeyPicker::setPassphraseProvider([](const QString &) { return std::optional<QByteArray>(); });
        QSettings().clear();
    }

    ProfileMenu *menu() const { return window->profileMenu(); }
    ConnectionForm *form() const { return window->connectionForm(); }
    KeyPicker *signing() const { return window->signaturePanel()->signingPicker(); }
    KeyPicker *certificate() const { return window->signaturePanel()->certificatePicker(); }

    void fillAcme(const QString &key = QStringLiteral("rsa2048-pkcs8.pem"))
    {
        form()->setEnvironment(Env::MyDomain, QStringLiteral("https://acme.my.salesforce.com"));
        form()->setClientId(QStringLiteral("3MVG9acmeConsumerKey"));
        form()->setUsername(QStringLiteral("ann@acme.example"));
        signing()->loadFile(kKeys + key);
        certificate()->loadFile(kKeys + QStringLiteral("rsa2048.crt"));
        ASSERT_TRUE(signing()->material().has_value()) << signing()->factsText().toStdString();
        ASSERT_TRUE(certificate()->material().has_value());
    }
    bool lastMessageContains(const QString &text) const { return !messages.isEmpty() && messages.last().contains(text); }

    MemorySecretStore secrets;
    std::unique_ptr<MainWindow> window;
    std::optional<QByteArray> typedPassphrase = kPassphrase;
    int passphrasePrompts = 0;
    std::optional<ProfileMenu::SaveAnswer> saveAnswer = ProfileMenu::SaveAnswer { QStringLiteral("Acme / My Domain"), false };
    std::optional<QString> chosen;
    std::optional<QString> newName;
    bool offeredRemember = false;
    QString suggestedName;
    QStringList offeredNames;
    QStringList messages;
};

} // namespace

TEST_F(Profiles, SaveAndLoadRestoreTheConnectionAndTheKeyFiles)
{
    fillAcme();
    menu()->saveAs();
    EXPECT_FALSE(offeredRemember) << "an unencrypted key has no passphrase to remember";
    EXPECT_EQ(menu()->currentProfile(), QStringLiteral("Acme / My Domain"));
    EXPECT_TRUE(window->windowTitle().startsWith(QStringLiteral("Acme / My Domain"))) << window->windowTitle().toStdString();
    EXPECT_EQ(secrets.calls, 0) << "nothing goes to the keychain unless asked";

    form()->setEnvironment(Env::Sandbox);
    form()->setClientId(QStringLiteral("other"));
    form()->setUsername(QStringLiteral("bob@other.example"));
    signing()->clear();
    certificate()->clear();

    menu()->load(QStringLiteral("Acme / My Domain"));
    EXPECT_EQ(form()->environment(), Env::MyDomain);
    EXPECT_EQ(form()->environmentInput(), QStringLiteral("https://acme.my.salesforce.com"));
    EXPECT_EQ(form()->clientId(), QStringLiteral("3MVG9acmeConsumerKey"));
    EXPECT_EQ(form()->username(), QStringLiteral("ann@acme.example"));
    EXPECT_EQ(signing()->path(), kKeys + QStringLiteral("rsa2048-pkcs8.pem"));
    EXPECT_TRUE(signing()->material().has_value());
    EXPECT_EQ(certificate()->path(), kKeys + QStringLiteral("rsa2048.crt"));
    EXPECT_TRUE(certificate()->material().has_value());
    EXPECT_TRUE(lastMessageContains(QStringLiteral("loaded"))) << messages.join(QLatin1Char('\n')).toStdString();
    // The claims follow the loaded connection.
    EXPECT_EQ(window->document()->jwt().claims().value(QStringLiteral("sub")).toString(), QStringLiteral("ann@acme.example"));

    // The Load submenu lists it, checked as the current one.
    auto *load = menu()->findChild<QMenu *>(QStringLiteral("loadProfileMenu"));
    ASSERT_NE(load, nullptr);
    Q_EMIT load->aboutToShow();
    ASSERT_EQ(load->actions().size(), 1);
    EXPECT_EQ(load->actions().constFirst()->text(), QStringLiteral("Acme / My Domain"));
    EXPECT_TRUE(load->actions().constFirst()->isChecked());
}

TEST_F(Profiles, ThePassphraseGoesToTheKeychainOnlyAndComesBackFromIt)
{
    fillAcme(QStringLiteral("rsa2048-encrypted.pem"));
    EXPECT_EQ(passphrasePrompts, 1);
    saveAnswer = ProfileMenu::SaveAnswer { QStringLiteral("Acme"), true };
    menu()->saveAs();
    EXPECT_TRUE(offeredRemember);
    ASSERT_TRUE(waitFor([&] { return lastMessageContains(QStringLiteral("its passphrase is in")); }))
        << messages.join(QLatin1Char('\n')).toStdString();
    ASSERT_EQ(secrets.entries.size(), 1);
    EXPECT_EQ(secrets.entries.cbegin().value(), kPassphrase);
    const QByteArray file = settingsFileBytes();
    EXPECT_TRUE(file.contains("Acme")) << "the profile is in the settings file";
    EXPECT_FALSE(file.contains(kPassphrase)) << file.toStdString();
    EXPECT_FALSE(file.contains("correct")) << file.toStdString();
    EXPECT_TRUE(storedProfile(QStringLiteral("Acme"))->passphraseInKeychain);

    // Loading reads the keychain (asynchronously) and never prompts.
    signing()->clear();
    typedPassphrase.reset();
    menu()->load(QStringLiteral("Acme"));
    ASSERT_TRUE(waitFor([&] { return signing()->material().has_value(); })) << signing()->factsText().toStdString();
    EXPECT_EQ(passphrasePrompts, 1);
    EXPECT_TRUE(lastMessageContains(QStringLiteral("came from the system keychain")));
}

TEST_F(Profiles, WithoutAKeychainNothingIsStoredAndTheUserIsTold)
{
    secrets.available = false;
    fillAcme(QStringLiteral("rsa2048-encrypted.pem"));
    saveAnswer = ProfileMenu::SaveAnswer { QStringLiteral("Acme"), true };
    menu()->saveAs();
    ASSERT_TRUE(waitFor([&] { return lastMessageContains(QStringLiteral("without the passphrase")); }))
        << messages.join(QLatin1Char('\n')).toStdString();
    EXPECT_TRUE(messages.last().contains(QStringLiteral("nothing was stored")));
    EXPECT_TRUE(secrets.entries.isEmpty());
    EXPECT_FALSE(settingsFileBytes().contains(kPassphrase));
    const auto saved = storedProfile(QStringLiteral("Acme"));
    ASSERT_TRUE(saved.ok());
    EXPECT_FALSE(saved->passphraseInKeychain);
    EXPECT_EQ(saved->signingKeyPath, kKeys + QStringLiteral("rsa2048-encrypted.pem"));

    // Loading it asks for the passphrase again, as the user was told.
    signing()->clear();
    menu()->load(QStringLiteral("Acme"));
    EXPECT_TRUE(signing()->material().has_value());
    EXPECT_EQ(passphrasePrompts, 2);
}

TEST_F(Profiles, ARememberedPassphraseThatNoLongerWorksMakesThePickerAsk)
{
    fillAcme(QStringLiteral("rsa2048-encrypted.pem"));
    saveAnswer = ProfileMenu::SaveAnswer { QStringLiteral("Acme"), true };
    menu()->saveAs();
    ASSERT_TRUE(waitFor([&] { return !secrets.entries.isEmpty(); }));
    secrets.entries.begin().value() = "stale passphrase";
    signing()->clear();
    menu()->load(QStringLiteral("Acme"));
    ASSERT_TRUE(waitFor([&] { return signing()->material().has_value(); })) << signing()->factsText().toStdString();
    EXPECT_EQ(passphrasePrompts, 2);
}

TEST_F(Profiles, RenameKeepsTheKeychainEntryAndDeleteRemovesBoth)
{
    fillAcme(QStringLiteral("rsa2048-encrypted.pem"));
    saveAnswer = ProfileMenu::SaveAnswer { QStringLiteral("Acme"), true };
    menu()->saveAs();
    ASSERT_TRUE(waitFor([&] { return !secrets.entries.isEmpty(); }));

    chosen = QStringLiteral("Acme");
    newName = QStringLiteral("Acme production");
    menu()->renameProfile();
    EXPECT_EQ(offeredNames, QStringList { QStringLiteral("Acme") });
    EXPECT_EQ(storedNames(), QStringList { QStringLiteral("Acme production") });
    EXPECT_EQ(menu()->currentProfile(), QStringLiteral("Acme production"));
    signing()->clear();
    typedPassphrase.reset();
    menu()->load(QStringLiteral("Acme production"));
    ASSERT_TRUE(waitFor([&] { return signing()->material().has_value(); })) << "the renamed profile still finds its passphrase";

    chosen = QStringLiteral("Acme production");
    menu()->deleteProfile();
    ASSERT_TRUE(waitFor([&] { return secrets.entries.isEmpty(); }));
    EXPECT_TRUE(storedNames().isEmpty());
    EXPECT_TRUE(menu()->currentProfile().isEmpty());
    EXPECT_TRUE(QFile::exists(kKeys + QStringLiteral("rsa2048-encrypted.pem"))) << "deleting a profile never touches key files";
}

TEST_F(Profiles, SaveWithoutAProfileAsksForANameAndABadNameIsExplained)
{
    fillAcme();
    saveAnswer = ProfileMenu::SaveAnswer { QStringLiteral("  "), false };
    menu()->save();
    EXPECT_TRUE(lastMessageContains(QStringLiteral("needs a name"))) << messages.join(QLatin1Char('\n')).toStdString();
    EXPECT_TRUE(storedNames().isEmpty());
    saveAnswer.reset(); // cancelled
    menu()->save();
    EXPECT_TRUE(storedNames().isEmpty());
}

TEST_F(Profiles, RecentKeysAndTokenFilesAreRememberedAsPathsAndMissingOnesPruned)
{
    QTemporaryDir dir;
    const QString tokenPath = dir.filePath(QStringLiteral("assertion.jwt"));
    const QByteArray token = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJyZWNlbnRAZXhhbXBsZS5jb20ifQ.";
    {
        QFile file(tokenPath);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(token);
    }
    RecentFilesMenu *recent = window->recentFilesMenu();
    fillAcme();
    window->openTokenFile(tokenPath);
    EXPECT_EQ(recent->paths(RecentFilesMenu::Kind::SigningKey), QStringList { kKeys + QStringLiteral("rsa2048-pkcs8.pem") });
    EXPECT_EQ(recent->paths(RecentFilesMenu::Kind::Certificate), QStringList { kKeys + QStringLiteral("rsa2048.crt") });
    EXPECT_EQ(recent->paths(RecentFilesMenu::Kind::TokenFile), QStringList { tokenPath });
    const QByteArray file = settingsFileBytes();
    EXPECT_TRUE(file.contains("assertion.jwt"));
    EXPECT_FALSE(file.contains(token.left(20))) << "a token file's content never reaches the settings file";

    // Most recent first, each path once, at most 8.
    signing()->loadFile(kKeys + QStringLiteral("rsa2048-pkcs1.pem"));
    signing()->loadFile(kKeys + QStringLiteral("rsa2048-pkcs8.pem"));
    EXPECT_EQ(recent->paths(RecentFilesMenu::Kind::SigningKey).size(), 2);
    EXPECT_EQ(recent->paths(RecentFilesMenu::Kind::SigningKey).constFirst(), kKeys + QStringLiteral("rsa2048-pkcs8.pem"));
    for (int i = 0; i < 12; ++i)
        recent->add(RecentFilesMenu::Kind::TokenFile, dir.filePath(QStringLiteral("t%1.jwt").arg(i)));
    EXPECT_EQ(recent->paths(RecentFilesMenu::Kind::TokenFile).size(), 8);

    // The menu lists the files; opening it drops the missing ones and says which.
    QStringList shown;
    QObject::connect(recent, &RecentFilesMenu::message, recent, [&shown](const QString &text) { shown << text; });
    Q_EMIT recent->aboutToShow();
    EXPECT_TRUE(recent->paths(RecentFilesMenu::Kind::TokenFile).isEmpty()) << "the t*.jwt files never existed";
    ASSERT_EQ(shown.size(), 1);
    EXPECT_TRUE(shown.constFirst().contains(QStringLiteral("t11.jwt"))) << shown.constFirst().toStdString();
    QStringList texts;
    for (QAction *action : recent->actions())
        texts << action->text();
    EXPECT_TRUE(texts.join(QLatin1Char('|')).contains(QStringLiteral("rsa2048-pkcs8.pem")))
        << texts.join(QLatin1Char('|')).toStdString();

    // Choosing an entry loads it into the right picker.
    signing()->clear();
    for (QAction *action : recent->actions()) {
        if (action->data().toString() == kKeys + QStringLiteral("rsa2048-pkcs1.pem")) {
            action->trigger();
            break;
        }
    }
    EXPECT_EQ(signing()->path(), kKeys + QStringLiteral("rsa2048-pkcs1.pem"));
    EXPECT_TRUE(signing()->material().has_value());
}
