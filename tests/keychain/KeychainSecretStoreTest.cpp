// The real KeychainSecretStore against a real Secret Service (gnome-keyring on a private bus,
// from tests/run-with-keyring): write, read, overwrite, remove, not-found, non-ASCII and binary
// bytes. Each test uses a service name of its own and removes what it wrote.
#include "store/KeychainSecretStore.h"
#include "SecretServiceCheck.h"
#include "support/SecretStoreSync.h"

#include <gtest/gtest.h>

using namespace jwtflow;

namespace {

// Far above a real answer (milliseconds) and below D-Bus's 25 s timeout: no answer is a hang.
constexpr int kTimeoutMs = 20000;

class RealKeychain : public ::testing::Test {
protected:
    void SetUp() override { JWTFLOW_NEED_SECRET_SERVICE(); }
    void TearDown() override
    {
        for (const QString &key : written)
            (void)test::removeNow(store, key, kTimeoutMs);
    }

    void write(const QString &key, const QByteArray &secret)
    {
        written << key;
        const auto done = test::writeNow(store, key, secret, kTimeoutMs);
        ASSERT_TRUE(done.has_value()) << "the keychain did not answer the write";
        ASSERT_TRUE(done->ok()) << done->error().code.toStdString() << ": " << done->error().text().toStdString();
    }
    // The secret itself is never printed, not even when it differs.
    void expectStored(const QString &key, const QByteArray &expected, KeychainSecretStore &from)
    {
        const auto read = test::readNow(from, key, kTimeoutMs);
        ASSERT_TRUE(read.has_value()) << "the keychain did not answer the read";
        ASSERT_TRUE(read->ok()) << read->error().code.toStdString() << ": " << read->error().text().toStdString();
        EXPECT_TRUE(read->value() == expected)
            << "read back " << read->value().size() << " bytes, not the " << expected.size() << " written";
    }
    void expectStored(const QString &key, const QByteArray &expected) { expectStored(key, expected, store); }

    const QString service = test::uniqueService();
    KeychainSecretStore store { service };
    QStringList written;
};

} // namespace

TEST_F(RealKeychain, WritesReadsOverwritesAndRemoves)
{
    const QString key = QStringLiteral("profile-1/passphrase");
    write(key, "first passphrase");
    expectStored(key, "first passphrase");

    write(key, "second, longer passphrase");
    expectStored(key, "second, longer passphrase");

    const auto removed = test::removeNow(store, key, kTimeoutMs);
    ASSERT_TRUE(removed.has_value());
    EXPECT_TRUE(removed->ok()) << removed->error().text().toStdString();

    const auto gone = test::readNow(store, key, kTimeoutMs);
    ASSERT_TRUE(gone.has_value()) << "the keychain did not answer the read";
    ASSERT_FALSE(gone->ok()) << "a removed entry was read back";
    EXPECT_EQ(gone->error().code, QStringLiteral("secret.not-found"));
    EXPECT_TRUE(gone->error().message.contains(QStringLiteral("no such entry"))) << gone->error().text().toStdString();
    EXPECT_TRUE(gone->error().hint.contains(QStringLiteral("Type the passphrase"))) << gone->error().text().toStdString();

    // Removing what is not there leaves the keychain as wanted: not an error.
    const auto again = test::removeNow(store, key, kTimeoutMs);
    ASSERT_TRUE(again.has_value());
    EXPECT_TRUE(again->ok()) << again->error().text().toStdString();
}

TEST_F(RealKeychain, AKeyNeverWrittenIsNotFound)
{
    const auto read = test::readNow(store, QStringLiteral("never-written"), kTimeoutMs);
    ASSERT_TRUE(read.has_value());
    ASSERT_FALSE(read->ok());
    EXPECT_EQ(read->error().code, QStringLiteral("secret.not-found")) << read->error().text().toStdString();
}

TEST_F(RealKeychain, NonAsciiAndBinaryBytesRoundTrip)
{
    // UTF-8 from several scripts and an emoji (4-byte sequences).
    const QByteArray unicode = QStringLiteral(u"pässwörd – ключ 鍵 🔑").toUtf8();
    write(QStringLiteral("unicode"), unicode);
    expectStored(QStringLiteral("unicode"), unicode);

    // Every byte value but NUL, twice, in an order that is not sorted: invalid UTF-8 included.
    QByteArray binary;
    for (int round = 0; round < 2; ++round) {
        for (int i = 1; i < 256; ++i)
            binary.append(char((i * 37 + round) % 255 + 1));
    }
    ASSERT_FALSE(binary.contains('\0'));
    write(QStringLiteral("binary"), binary);
    expectStored(QStringLiteral("binary"), binary);

    // Leading and trailing spaces and newlines are kept as they are.
    const QByteArray spaced = "  pass phrase\n";
    write(QStringLiteral("spaced"), spaced);
    expectStored(QStringLiteral("spaced"), spaced);
}

TEST_F(RealKeychain, EntriesAreSeparatedByServiceAndKey)
{
    KeychainSecretStore other(test::uniqueService());
    write(QStringLiteral("a"), "secret a");
    write(QStringLiteral("b"), "secret b");
    expectStored(QStringLiteral("a"), "secret a");
    expectStored(QStringLiteral("b"), "secret b");

    // The same key under another service is another entry.
    const auto elsewhere = test::readNow(other, QStringLiteral("a"), kTimeoutMs);
    ASSERT_TRUE(elsewhere.has_value());
    ASSERT_FALSE(elsewhere->ok()) << "another service's entry was read";
    EXPECT_EQ(elsewhere->error().code, QStringLiteral("secret.not-found"));

    // Removing one key leaves the other.
    const auto removed = test::removeNow(store, QStringLiteral("a"), kTimeoutMs);
    ASSERT_TRUE(removed.has_value() && removed->ok());
    expectStored(QStringLiteral("b"), "secret b");

    // A second store object on the same service sees the same entries (the keychain holds them,
    // not the object).
    KeychainSecretStore same(service);
    expectStored(QStringLiteral("b"), "secret b", same);
}
