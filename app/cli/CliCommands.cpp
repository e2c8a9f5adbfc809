#include "CliCommands.h"

#include "core/InputReader.h"
#include "core/TerminalText.h"

#include <QCoreApplication>
#include <QFile>
#include <QIODevice>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <iterator>

namespace jwtflow::cli {

namespace {

// Add a command here and in CliCommands.h.
const Command kCommands[] = {
    { "decode", "decode a JWT (argument or standard input): header, claims, notes", decodeCommand },
    { "verify", "check a JWT's signature with a certificate, public key, JWK(S) or HMAC secret", verifyCommand },
    { "sign", "sign claims into a JWT with a private key (RS*) or a shared secret (HS*)", signCommand },
    { "keygen", "generate an RSA key and self-signed certificate for a connected app", keygenCommand },
    { "exchange", "send an assertion to a token endpoint; show the token or diagnose the refusal", exchangeCommand },
    { "call", "call an org API path (identity, userinfo, REST, SOQL) with an access token", callCommand },
    { "inspect", "find the tokens in a response, header or URL; explain them; verify an ID token", inspectCommand },
    { "practice-org", "run a local org that answers like Salesforce (token endpoint, identity, REST, SOQL)", practiceOrgCommand },
};

void printOverview(QTextStream &stream)
{
    stream << "usage: jwtflow-cli [--version] [--help] COMMAND [OPTIONS]\n\nCommands:\n";
    for (const Command &command : kCommands)
        stream << "  " << QString::fromLatin1(command.name).leftJustified(14) << command.summary << '\n';
    stream << "\nRun 'jwtflow-cli COMMAND --help' for a command's options. Every command takes --json.\n"
              "Exit codes: 0 success, 1 invalid signature, 2 bad input, 3 unsupported, 4 failed.\n";
    stream << "Exit code 5: a network or TLS failure (no complete answer from the server).\n";
}

// Everything the commands print passes TerminalText::output on its way to the terminal: whatever
// a field missed, no escape sequence or carriage return from a server reaches the user's screen.
class TerminalSink : public QIODevice {
public:
    explicit TerminalSink(FILE *file)
        : m_file(file)
    {
        open(QIODevice::WriteOnly | QIODevice::Unbuffered);
    }
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *data, qint64 size) override
    {
        const QByteArray safe = TerminalText::output(QByteArrayView(data, size));
        if (std::fwrite(safe.constData(), 1, static_cast<size_t>(safe.size()), m_file) != static_cast<size_t>(safe.size()))
            return -1;
        std::fflush(m_file);
        return size;
    }

private:
    FILE *m_file;
};

} // namespace

QTextStream &out()
{
    static TerminalSink sink(stdout);
    static QTextStream stream(&sink);
    return stream;
}

QTextStream &err()
{
    static TerminalSink sink(stderr);
    static QTextStream stream(&sink);
    return stream;
}

int printError(const Error &error, bool json, int exitCode)
{
    if (json) {
        const QJsonObject object { { QStringLiteral("ok"), false },
            { QStringLiteral("error"),
                QJsonObject { { QStringLiteral("code"), error.code }, { QStringLiteral("message"), error.message },
                    { QStringLiteral("hint"), error.hint } } } };
        out() << QJsonDocument(object).toJson(QJsonDocument::Indented);
        out().flush();
    } else {
        err() << "error: " << TerminalText::line(error.message) << '\n';
        if (!error.hint.isEmpty())
            err() << "hint: " << TerminalText::line(error.hint) << '\n';
        err().flush();
    }
    return exitCode;
}

Result<QString> tokenArgument(const QStringList &positional)
{
    const InputReader::Options options = InputReader::token();
    Result<QByteArray> bytes = QByteArray();
    if (!positional.isEmpty() && positional.constFirst() != QStringLiteral("-")) {
        bytes = InputReader::fromArgument(positional.constFirst().toUtf8(), options);
    } else {
        if (InputReader::standardInputIsTerminal()) {
            err() << "Reading the token from standard input (end with Ctrl+D)...\n";
            err().flush();
        }
        bytes = InputReader::readStandardInput(options);
    }
    if (!bytes)
        return bytes.error();
    return QString::fromUtf8(bytes.value());
}

QString tokenInputHelp()
{
    return QStringLiteral("The token is read whole from the argument or standard input, at most %1 from either.")
        .arg(InputReader::sizeText(InputReader::kMaxTokenBytes));
}

int run(const QStringList &arguments)
{
    const QString name = arguments.value(1);
    if (name.isEmpty() || name == QStringLiteral("--help") || name == QStringLiteral("-h") || name == QStringLiteral("help")) {
        printOverview(name.isEmpty() ? err() : out());
        return name.isEmpty() ? BadInput : Success;
    }
    if (name == QStringLiteral("--version") || name == QStringLiteral("-v")) {
        out() << "jwtflow-cli " << QCoreApplication::applicationVersion() << '\n';
        return Success;
    }
    for (const Command &command : kCommands) {
        if (name == QLatin1String(command.name)) {
            QStringList rest = arguments.mid(1);
            rest[0] = arguments.value(0) + QLatin1Char(' ') + name; // "jwtflow-cli decode" in usage lines
            const int code = command.run(rest);
            out().flush();
            err().flush();
            return code;
        }
    }
    err() << "error: unknown command '" << name << "'\n\n";
    printOverview(err());
    return BadInput;
}

} // namespace jwtflow::cli
