#include "crypto/Pem.h"

#include "crypto/Der.h"

#include <algorithm>
#include <iterator>

namespace jwtflow {

namespace {

const QByteArray kBegin = QByteArrayLiteral("-----BEGIN ");
const QByteArray kEnd = QByteArrayLiteral("-----END ");
const QByteArray kDashes = QByteArrayLiteral("-----");

// The label of a "-----BEGIN X-----" / "-----END X-----" line, or empty.
QByteArray labelOf(const QByteArray &line, const QByteArray &prefix)
{
    if (!line.startsWith(prefix) || !line.endsWith(kDashes) || line.size() < prefix.size() + kDashes.size())
        return {};
    return line.mid(prefix.size(), line.size() - prefix.size() - kDashes.size());
}

bool isBase64Char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '=';
}

Error truncated(const QString &source, const QByteArray &label, int line, const QString &what)
{
    return makeError(QStringLiteral("key.truncated-pem"),
        QStringLiteral("%1 is truncated: the PEM block \"%2\" that starts on line %3 %4.")
            .arg(source, QString::fromLatin1(label))
            .arg(line)
            .arg(what),
        QStringLiteral("Copy or export the whole file again, including the -----END %1----- line.")
            .arg(QString::fromLatin1(label)));
}

// Labels whose body is exactly one DER structure (RFC 7468), so a short body means truncation.
// Others are not checked: OpenSSH keys are not DER, TRUSTED CERTIFICATE appends auxiliary data.
bool holdsOneDerStructure(const Pem::Block &block)
{
    static const QByteArray labels[] = { "PRIVATE KEY", "RSA PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "EC PRIVATE KEY",
        "PUBLIC KEY", "RSA PUBLIC KEY", "CERTIFICATE", "X509 CERTIFICATE", "CERTIFICATE REQUEST" };
    return !block.isLegacyEncrypted() && std::find(std::begin(labels), std::end(labels), block.label) != std::end(labels);
}

} // namespace

QByteArray Pem::Block::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

bool Pem::Block::isLegacyEncrypted() const
{
    return header("Proc-Type").contains("ENCRYPTED");
}

bool Pem::containsPem(QByteArrayView text)
{
    return text.contains(kBegin);
}

Result<QList<Pem::Block>> Pem::parse(const QByteArray &text, const QString &source)
{
    QList<Block> blocks;
    const QList<QByteArray> lines = text.split('\n');
    Block block;
    bool inBlock = false;
    bool inHeaders = false;
    QByteArray base64;
    for (int i = 0; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed(); // also drops the '\r' of CRLF files
        const int lineNumber = i + 1;
        if (!inBlock) {
            const QByteArray label = labelOf(line, kBegin);
            if (label.isEmpty())
                continue;
            block = Block { label, {}, {}, lineNumber };
            base64.clear();
            inBlock = true;
            inHeaders = true;
            continue;
        }
        if (line.startsWith(kBegin))
            return truncated(source, block.label, block.line,
                QStringLiteral("has no END line before the next BEGIN on line %1").arg(lineNumber));
        if (line.startsWith(kEnd)) {
            const QByteArray label = labelOf(line, kEnd);
            if (label != block.label)
                return makeError(QStringLiteral("key.bad-pem"),
                    QStringLiteral("%1: line %2 ends a PEM block \"%3\", but the block on line %4 is \"%5\".")
                        .arg(source)
                        .arg(lineNumber)
                        .arg(QString::fromLatin1(label))
                        .arg(block.line)
                        .arg(QString::fromLatin1(block.label)),
                    QStringLiteral("The file was probably assembled by hand; export it again."));
            if (base64.isEmpty())
                return truncated(source, block.label, block.line, QStringLiteral("is empty"));
            auto decoded = QByteArray::fromBase64Encoding(base64, QByteArray::AbortOnBase64DecodingErrors);
            if (!decoded)
                return makeError(QStringLiteral("key.bad-pem"),
                    QStringLiteral("%1: the PEM block \"%2\" on line %3 is not valid base64.")
                        .arg(source, QString::fromLatin1(block.label))
                        .arg(block.line),
                    QStringLiteral("Copy or export the file again."));
            block.body = decoded.decoded;
            if (holdsOneDerStructure(block)) {
                switch (Der::checkComplete(block.body)) {
                case Der::Status::Ok:
                    break;
                case Der::Status::Truncated:
                    return truncated(source, block.label, block.line, QStringLiteral("ends before the data it announces"));
                case Der::Status::Malformed:
                    return makeError(QStringLiteral("key.bad-pem"),
                        QStringLiteral("%1: the PEM block \"%2\" on line %3 does not hold DER data.")
                            .arg(source, QString::fromLatin1(block.label))
                            .arg(block.line),
                        QStringLiteral("The file is damaged or is not a key or certificate; export it again."));
                }
            }
            blocks.append(block);
            inBlock = false;
            continue;
        }
        if (inHeaders) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0) {
                block.headers.append({ line.left(colon).trimmed(), line.mid(colon + 1).trimmed() });
                continue;
            }
            inHeaders = false;
            if (line.isEmpty())
                continue;
        }
        for (qsizetype c = 0; c < line.size(); ++c) {
            if (!isBase64Char(line[c]) && line[c] != ' ' && line[c] != '\t')
                return makeError(QStringLiteral("key.bad-pem"),
                    QStringLiteral("%1: line %2, column %3 holds '%4', which cannot appear in a PEM body.")
                        .arg(source)
                        .arg(lineNumber)
                        .arg(c + 1)
                        .arg(QString::fromLatin1(line.mid(c, 1))),
                    QStringLiteral("The file was changed after export (an editor or a copy added text); export it again."));
            if (line[c] != ' ' && line[c] != '\t')
                base64.append(line[c]);
        }
    }
    if (inBlock)
        return truncated(source, block.label, block.line, QStringLiteral("has no END line"));
    return blocks;
}

QByteArray Pem::encode(const QByteArray &label, const QByteArray &body, const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    QByteArray out = kBegin + label + kDashes + '\n';
    for (const auto &[key, value] : headers)
        out += key + ": " + value + '\n';
    if (!headers.isEmpty())
        out += '\n';
    const QByteArray base64 = body.toBase64();
    for (qsizetype i = 0; i < base64.size(); i += 64)
        out += base64.mid(i, 64) + '\n';
    out += kEnd + label + kDashes + '\n';
    return out;
}

} // namespace jwtflow
