#include "core/InputReader.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/types.h>

using jwtflow::InputReader;

namespace {

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &data)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    EXPECT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(data);
    return path;
}

} // namespace

TEST(InputReader, ReadsAWholeFileLargerThanAPipeBuffer)
{
    QTemporaryDir dir;
    const QByteArray data(300 * 1024, 'a');
    const auto read = InputReader::readFile(writeFile(dir, QStringLiteral("t"), data), InputReader::token());
    ASSERT_TRUE(read.ok()) << read.error().message.toStdString();
    EXPECT_EQ(read.value(), data);
}

TEST(InputReader, SameCapForFileAndArgument)
{
    QTemporaryDir dir;
    const QByteArray atCap(InputReader::kMaxTokenBytes, 'a');
    const QByteArray overCap(InputReader::kMaxTokenBytes + 1, 'a');
    EXPECT_TRUE(InputReader::readFile(writeFile(dir, QStringLiteral("cap"), atCap), InputReader::token()).ok());
    EXPECT_TRUE(InputReader::fromArgument(atCap, InputReader::token()).ok());
    const auto file = InputReader::readFile(writeFile(dir, QStringLiteral("over"), overCap), InputReader::token());
    const auto argument = InputReader::fromArgument(overCap, InputReader::token());
    ASSERT_FALSE(file.ok());
    ASSERT_FALSE(argument.ok());
    EXPECT_EQ(file.error().code, QStringLiteral("input.too-large"));
    EXPECT_EQ(argument.error().code, QStringLiteral("input.too-large"));
    EXPECT_TRUE(file.error().message.contains(QStringLiteral("1 MiB"))) << file.error().message.toStdString();
    EXPECT_TRUE(file.error().message.startsWith(QStringLiteral("The token"))) << file.error().message.toStdString();
}

TEST(InputReader, RefusesAFifoWithoutBlocking)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("fifo"));
    ASSERT_EQ(::mkfifo(path.toLocal8Bit().constData(), 0600), 0);
    const auto read = InputReader::readFile(path, InputReader::secret(QStringLiteral("the secret file")));
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.error().code, QStringLiteral("input.not-a-file"));
    EXPECT_TRUE(read.error().message.contains(QStringLiteral("pipe"))) << read.error().message.toStdString();
}

TEST(InputReader, RefusesDevicesAndFolders)
{
    const auto device = InputReader::readFile(QStringLiteral("/dev/zero"), InputReader::token());
    ASSERT_FALSE(device.ok());
    EXPECT_EQ(device.error().code, QStringLiteral("input.not-a-file"));
    const auto folder = InputReader::readFile(QDir::tempPath(), InputReader::token());
    ASSERT_FALSE(folder.ok());
    EXPECT_EQ(folder.error().code, QStringLiteral("input.not-a-file"));
    EXPECT_TRUE(folder.error().message.contains(QStringLiteral("folder")));
}

TEST(InputReader, MissingFileIsNamed)
{
    const auto read = InputReader::readFile(QStringLiteral("/nonexistent/jwtflow/token"), InputReader::token());
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.error().code, QStringLiteral("input.not-found"));
}

TEST(InputReader, TrimmingFollowsWhatIsRead)
{
    QTemporaryDir dir;
    const QString crlf = writeFile(dir, QStringLiteral("crlf"), "s3cret\r\n");
    const QString twoLines = writeFile(dir, QStringLiteral("two"), "pass phrase\r\nsecond line\n");
    EXPECT_EQ(InputReader::readFile(crlf, InputReader::token()).value(), QByteArray("s3cret\r\n"));
    EXPECT_EQ(InputReader::readFile(crlf, InputReader::secret(QStringLiteral("the secret"))).value(), QByteArray("s3cret"));
    EXPECT_EQ(InputReader::readFile(twoLines, InputReader::secret(QStringLiteral("the secret"))).value(),
        QByteArray("pass phrase\r\nsecond line"));
    EXPECT_EQ(InputReader::readFile(twoLines, InputReader::passphrase(QStringLiteral("the passphrase"))).value(),
        QByteArray("pass phrase"));
    // The same rules for an argument.
    EXPECT_EQ(
        InputReader::fromArgument("s3cret\n", InputReader::secret(QStringLiteral("the secret"))).value(), QByteArray("s3cret"));
}

TEST(InputReader, EmptySecretIsAnErrorEmptyTokenIsLeftToTheParser)
{
    QTemporaryDir dir;
    const QString empty = writeFile(dir, QStringLiteral("empty"), "\n");
    const auto secret = InputReader::readFile(empty, InputReader::secret(QStringLiteral("the secret file")));
    ASSERT_FALSE(secret.ok());
    EXPECT_EQ(secret.error().code, QStringLiteral("input.empty"));
    EXPECT_TRUE(secret.error().message.startsWith(QStringLiteral("The secret file"))) << secret.error().message.toStdString();
    EXPECT_TRUE(InputReader::readFile(empty, InputReader::token()).ok());
}

TEST(InputReader, SizeText)
{
    EXPECT_EQ(InputReader::sizeText(1024 * 1024), QStringLiteral("1 MiB"));
    EXPECT_EQ(InputReader::sizeText(64 * 1024), QStringLiteral("64 KiB"));
    EXPECT_EQ(InputReader::sizeText(200), QStringLiteral("200 bytes"));
}
