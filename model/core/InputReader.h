#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QString>

namespace jwtflow {

// The one way the command line reads what the user hands it: a token, a claims file, a secret or
// a passphrase, from a file or from standard input ("-"). Every source is read to its end (a pipe
// delivers in chunks, so a single read() would cut it), the same size cap holds for every source,
// and only regular files are opened (a FIFO with no writer would block open() for ever; a device
// has no end). The trimming rule is chosen by what is read, never by where it comes from.
//
//   auto token = InputReader::read(path, InputReader::token());
//   auto secret = InputReader::read(path, InputReader::secret(QStringLiteral("the HMAC secret")));
//   if (!secret) return printError(secret.error(), json);
//
// Error codes: "input.not-found", "input.not-a-file", "input.unreadable", "input.too-large",
// "input.empty".
class InputReader {
public:
    // Tokens are a few KiB (an x5c chain makes tens); 1 MiB is what Jwt::parse takes too.
    static constexpr qint64 kMaxTokenBytes = 1024 * 1024;
    // Secrets, passphrases: a line; 64 KiB is far above any real one.
    static constexpr qint64 kMaxSecretBytes = 64 * 1024;

    enum class Trim {
        None, // the bytes as they are (tokens: Jwt::parse reports what it strips)
        FinalLineBreak, // one trailing "\n" or "\r\n", which editors and `echo` add
        FirstLine, // everything up to the first line break (passphrase files)
    };

    struct Options {
        QString what; // "the token", "the claims file": names the input in every message
        qint64 maxBytes = kMaxTokenBytes;
        Trim trim = Trim::None;
        bool allowEmpty = false;
    };

    // Empty is allowed: Jwt::parse says "there is no token" after its own trimming.
    static Options token() { return { QStringLiteral("the token"), kMaxTokenBytes, Trim::None, true }; }
    static Options secret(const QString &what) { return { what, kMaxSecretBytes, Trim::FinalLineBreak, false }; }
    static Options passphrase(const QString &what) { return { what, kMaxSecretBytes, Trim::FirstLine, true }; }

    // path "-" is standard input.
    static Result<QByteArray> read(const QString &path, const Options &options);
    static Result<QByteArray> readStandardInput(const Options &options);
    static Result<QByteArray> readFile(const QString &path, const Options &options);

    // Applies the same cap, trimming and emptiness rule to text given as an argument, so a token
    // typed on the command line is judged exactly like the same token piped or read from a file.
    static Result<QByteArray> fromArgument(const QByteArray &bytes, const Options &options);

    // "1 MiB", "64 KiB", "200 bytes".
    static QString sizeText(qint64 bytes);

    // True when standard input is a terminal (nothing piped or redirected): a command about to
    // wait there can say so instead of looking hung.
    static bool standardInputIsTerminal();
};

} // namespace jwtflow
