#include "KeyPicker.h"
#include "PassphraseDialog.h"
#include "core/Clock.h"

#include <QLineEdit>
#include <algorithm>
#include <gtest/gtest.h>
#include <optional>

using namespace jwtflow;

namespace {

const QString kKeys = QStringLiteral(JWTFLOW_TEST_DATA "/keys/");
const QByteArray kPassphrase = "correct horse";

bool allZero(const QByteArray &bytes)
{
    return std::all_of(bytes.cbegin(), bytes.cend(), [](char c) { return c == '\0'; });
}

class PassphraseWipe : public ::testing::Test {
protected:
    void SetUp() override
    {
        KeyPicker::setSynchronousLoading(true);
        KeyPicker::setPassphraseProvider([this](const QString &) -> std::optional<QByteArray> {
            ++prompts;
            return QByteArray(kPassphrase.constData(), kPassphrase.size());
        });
    }
    void TearDown() override
    {
        KeyPicker::setPassphraseProvider([](const QString &) { return std::optional<QByteArray>(); });
        KeyPicker::setSynchronousLoading(false);
    }
    int prompts = 0;
};

} // namespace

TEST_F(PassphraseWipe, DialogHandsThePassphraseOverAndOverwritesItsField)
{
    PassphraseDialog dialog(QStringLiteral("key.pem"));
    EXPECT_EQ(dialog.field()->echoMode(), QLineEdit::Password);
    dialog.field()->setText(QString::fromUtf8("correct hörse"));
    const QString widgetsCopy = dialog.field()->text(); // shares the line edit's buffer
    const SecretBytes passphrase = dialog.takePassphrase();
    EXPECT_EQ(passphrase.bytes(), QString::fromUtf8("correct hörse").toUtf8());
    EXPECT_TRUE(dialog.field()->text().isEmpty());
    ASSERT_EQ(widgetsCopy.size(), 13);
    EXPECT_TRUE(std::all_of(widgetsCopy.cbegin(), widgetsCopy.cend(), [](QChar c) { return c.isNull(); }))
        << "the field's text was not overwritten in place";
}

TEST_F(PassphraseWipe, DialogClosedWithoutTakingStillWipesItsField)
{
    QString widgetsCopy;
    {
        PassphraseDialog dialog(QStringLiteral("key.pem"));
        dialog.field()->setText(QString::fromUtf8("typed then cancelled"));
        widgetsCopy = dialog.field()->text();
    }
    EXPECT_TRUE(std::all_of(widgetsCopy.cbegin(), widgetsCopy.cend(), [](QChar c) { return c.isNull(); }));
}

TEST_F(PassphraseWipe, PickerKeepsOneCopyAndWipesItWhenTheKeyGoes)
{
    KeyPicker picker(KeyPicker::Role::SigningKey, SystemClock::instance());
    picker.loadFile(kKeys + QStringLiteral("rsa2048-encrypted.pem"));
    ASSERT_TRUE(picker.material().has_value()) << picker.factsText().toStdString();
    EXPECT_EQ(prompts, 1);
    const QByteArray lent = picker.passphrase().bytes();
    EXPECT_EQ(lent, kPassphrase);
    picker.clear();
    EXPECT_TRUE(picker.passphrase().isEmpty());
    ASSERT_EQ(lent.size(), kPassphrase.size());
    EXPECT_TRUE(allZero(lent)) << "the picker's passphrase was dropped without being overwritten";
}

TEST_F(PassphraseWipe, LoadingAnotherKeyWipesThePreviousPassphrase)
{
    KeyPicker picker(KeyPicker::Role::SigningKey, SystemClock::instance());
    picker.loadFile(kKeys + QStringLiteral("rsa2048-encrypted.pem"));
    ASSERT_TRUE(picker.material().has_value());
    const QByteArray lent = picker.passphrase().bytes();
    picker.loadFile(kKeys + QStringLiteral("rsa2048-pkcs8.pem"));
    ASSERT_TRUE(picker.material().has_value());
    EXPECT_TRUE(picker.passphrase().isEmpty());
    EXPECT_TRUE(allZero(lent));
}

TEST_F(PassphraseWipe, ARememberedPassphraseIsUsedAndKeptAsTheOneThatOpenedTheKey)
{
    KeyPicker picker(KeyPicker::Role::SigningKey, SystemClock::instance());
    picker.loadFile(kKeys + QStringLiteral("rsa2048-encrypted.pem"), SecretBytes(kPassphrase));
    ASSERT_TRUE(picker.material().has_value()) << picker.factsText().toStdString();
    EXPECT_EQ(prompts, 0);
    EXPECT_EQ(picker.passphrase().bytes(), kPassphrase);
}
