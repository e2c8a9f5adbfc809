#include "core/SecretBytes.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <utility>

using namespace jwtflow;

namespace {

bool allZero(const char *data, qsizetype size)
{
    return std::all_of(data, data + size, [](char c) { return c == '\0'; });
}

} // namespace

// A copy lent out by bytes() shares the buffer, so it shows what is left in that memory.
TEST(SecretBytes, DestructionZeroesItsBuffer)
{
    QByteArray lent;
    {
        SecretBytes secret(QByteArray("correct horse battery staple"));
        lent = secret.bytes();
        ASSERT_EQ(lent, QByteArray("correct horse battery staple"));
    }
    ASSERT_EQ(lent.size(), 28);
    EXPECT_TRUE(allZero(lent.constData(), lent.size())) << lent.toStdString();
}

TEST(SecretBytes, WipeZeroesInPlaceAndEmpties)
{
    SecretBytes secret(QByteArray("hunter2"));
    const QByteArray lent = secret.bytes();
    secret.wipe();
    EXPECT_TRUE(secret.isEmpty());
    EXPECT_TRUE(allZero(lent.constData(), lent.size()));
}

TEST(SecretBytes, AssigningAnotherValueZeroesTheOldOne)
{
    SecretBytes secret(QByteArray("first"));
    const QByteArray lent = secret.bytes();
    secret = SecretBytes(QByteArray("second"));
    EXPECT_TRUE(allZero(lent.constData(), lent.size()));
    EXPECT_EQ(secret.bytes(), QByteArray("second"));
}

TEST(SecretBytes, CopiesAreDeepAndWipedSeparately)
{
    SecretBytes original(QByteArray("pass"));
    SecretBytes copy = original;
    EXPECT_NE(copy.bytes().constData(), original.bytes().constData());
    original.wipe();
    EXPECT_EQ(copy.bytes(), QByteArray("pass"));
    SecretBytes moved = std::move(copy);
    EXPECT_TRUE(copy.isEmpty()); // NOLINT(bugprone-use-after-move): a moved-from secret is empty
    EXPECT_EQ(moved.bytes(), QByteArray("pass"));
}

TEST(SecretBytes, SharedOrStaticInputIsCopiedNotWrittenInto)
{
    const QByteArray callers("shared");
    SecretBytes fromShared { QByteArray(callers) };
    fromShared.wipe();
    EXPECT_EQ(callers, QByteArray("shared")); // the caller's buffer is the caller's to wipe

    SecretBytes fromLiteral(QByteArrayLiteral("literal")); // read-only data: must not be written
    EXPECT_EQ(fromLiteral.bytes(), QByteArray("literal"));
    fromLiteral.wipe();
    EXPECT_TRUE(fromLiteral.isEmpty());
}

TEST(SecretBytes, DetachedCopyOutlivesTheSecret)
{
    QByteArray kept;
    {
        SecretBytes secret(QByteArray("for the keychain"));
        kept = secret.detachedCopy();
    }
    EXPECT_EQ(kept, QByteArray("for the keychain"));
}
