#include "core/InputReader.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace jwtflow {

namespace {

QString capitalised(QString text)
{
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    return text;
}

QString what(const InputReader::Options &options)
{
    return options.what.isEmpty() ? QStringLiteral("the input") : options.what;
}

QString sourceName(const QString &path)
{
    return path == QStringLiteral("-") ? QStringLiteral("standard input") : path;
}

Error tooLarge(const InputReader::Options &options, const QString &source)
{
    return makeError(QStringLiteral("input.too-large"),
        capitalised(QStringLiteral("%1 (%2) is larger than %3, the most jwtflow reads for it.")
                .arg(what(options), source, InputReader::sizeText(options.maxBytes))),
        QStringLiteral("Give only %1 itself, not a whole log, archive or device.").arg(what(options)));
}

// Reads fd to its end, at most maxBytes + 1 bytes (one more tells "too large" from "exactly the cap").
Result<QByteArray> readAll(int fd, const InputReader::Options &options, const QString &source)
{
    QByteArray data;
    char buffer[64 * 1024];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            const QString reason = QString::fromLocal8Bit(std::strerror(errno));
            data.fill('\0');
            return makeError(QStringLiteral("input.unreadable"), QStringLiteral("%1 cannot be read: %2.").arg(source, reason),
                QStringLiteral("Check the file and its permissions."));
        }
        if (n == 0)
            break;
        data.append(buffer, n);
        if (data.size() > options.maxBytes) {
            data.fill('\0');
            return tooLarge(options, source);
        }
    }
    std::memset(buffer, 0, sizeof buffer); // may have held a secret
    return data;
}

Result<QByteArray> finish(QByteArray data, const InputReader::Options &options, const QString &source)
{
    if (data.size() > options.maxBytes) {
        data.fill('\0');
        return tooLarge(options, source);
    }
    switch (options.trim) {
    case InputReader::Trim::None:
        break;
    case InputReader::Trim::FinalLineBreak:
        if (data.endsWith('\n'))
            data.chop(1);
        if (data.endsWith('\r'))
            data.chop(1);
        break;
    case InputReader::Trim::FirstLine: {
        const qsizetype end = data.indexOf('\n');
        if (end >= 0) {
            QByteArray first = data.left(end);
            if (first.endsWith('\r'))
                first.chop(1);
            data.fill('\0'); // the rest may hold secrets too
            data = first;
        }
        break;
    }
    }
    if (data.isEmpty() && !options.allowEmpty)
        return makeError(QStringLiteral("input.empty"),
            capitalised(QStringLiteral("%1 (%2) is empty.").arg(what(options), source)),
            QStringLiteral("Give %1 in the file or on standard input.").arg(what(options)));
    return data;
}

} // namespace

QString InputReader::sizeText(qint64 bytes)
{
    if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0)
        return QStringLiteral("%1 MiB").arg(bytes / (1024 * 1024));
    if (bytes >= 1024 && bytes % 1024 == 0)
        return QStringLiteral("%1 KiB").arg(bytes / 1024);
    return QStringLiteral("%1 bytes").arg(bytes);
}

bool InputReader::standardInputIsTerminal()
{
    return ::isatty(STDIN_FILENO) == 1;
}

Result<QByteArray> InputReader::read(const QString &path, const Options &options)
{
    return path == QStringLiteral("-") ? readStandardInput(options) : readFile(path, options);
}

Result<QByteArray> InputReader::readStandardInput(const Options &options)
{
    // Standard input may be a pipe, a redirected file or a terminal: all have an end (EOF, or
    // Ctrl+D). A redirected device such as /dev/zero has none, and the cap ends it.
    auto data = readAll(STDIN_FILENO, options, sourceName(QStringLiteral("-")));
    if (!data)
        return data.error();
    return finish(std::move(data.value()), options, sourceName(QStringLiteral("-")));
}

Result<QByteArray> InputReader::readFile(const QString &path, const Options &options)
{
    const QByteArray native = path.toLocal8Bit();
    // O_NONBLOCK: opening a FIFO with no writer would otherwise block for ever; the type is
    // checked on the opened descriptor, so the file cannot be swapped between check and read.
    const int fd = ::open(native.constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        const int error = errno;
        if (error == ENOENT || error == ENOTDIR)
            return makeError(QStringLiteral("input.not-found"), QStringLiteral("%1 does not exist.").arg(path),
                QStringLiteral("Check the path and the file name."));
        if (error == ELOOP)
            return makeError(QStringLiteral("input.unreadable"), QStringLiteral("%1 is a symbolic link that loops.").arg(path),
                QStringLiteral("Give the file itself."));
        return makeError(QStringLiteral("input.unreadable"),
            QStringLiteral("%1 cannot be read: %2.").arg(path, QString::fromLocal8Bit(std::strerror(error))),
            QStringLiteral("Check the file's permissions."));
    }
    struct stat info {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
        const bool folder = S_ISDIR(info.st_mode);
        ::close(fd);
        return makeError(QStringLiteral("input.not-a-file"),
            QStringLiteral("%1 is not a regular file (%2).")
                .arg(path, folder ? QStringLiteral("a folder") : QStringLiteral("a device, pipe or socket")),
            QStringLiteral("Give the file itself; to read from a pipe, pass - and send it to standard input."));
    }
    if (info.st_size > options.maxBytes) {
        ::close(fd);
        return tooLarge(options, path);
    }
    // A regular file never blocks; clear O_NONBLOCK anyway so read() has its usual meaning.
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    auto data = readAll(fd, options, path);
    ::close(fd);
    if (!data)
        return data.error();
    return finish(std::move(data.value()), options, path);
}

Result<QByteArray> InputReader::fromArgument(const QByteArray &bytes, const Options &options)
{
    return finish(bytes, options, QStringLiteral("the argument"));
}

} // namespace jwtflow
