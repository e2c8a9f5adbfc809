#include "token/Base64Url.h"

#include <array>

namespace jwtflow {

namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

constexpr std::array<qint8, 256> makeTable()
{
    std::array<qint8, 256> table {};
    for (auto &entry : table)
        entry = -1;
    for (int i = 0; i < 64; ++i)
        table[static_cast<unsigned char>(kAlphabet[i])] = static_cast<qint8>(i);
    return table;
}

constexpr auto kTable = makeTable();

QString describeByte(char c)
{
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x21 && u < 0x7f)
        return QStringLiteral("'%1'").arg(QLatin1Char(c));
    return QStringLiteral("byte 0x%1").arg(u, 2, 16, QLatin1Char('0'));
}

} // namespace

QByteArray Base64Url::encode(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

Result<QByteArray> Base64Url::decode(QByteArrayView encoded)
{
    const qsizetype n = encoded.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char c = encoded[i];
        if (kTable[static_cast<unsigned char>(c)] >= 0)
            continue;
        if (c == '=')
            return makeError(QStringLiteral("base64url.padding"),
                QStringLiteral("Padding '=' at position %1: base64url in a JWT carries no padding.").arg(i),
                QStringLiteral("Remove the trailing '=' characters."));
        if (c == '+' || c == '/')
            return makeError(QStringLiteral("base64url.illegal-character"),
                QStringLiteral("Character '%1' at position %2 belongs to standard base64, not base64url.")
                    .arg(QLatin1Char(c))
                    .arg(i),
                QStringLiteral("Replace '+' with '-' and '/' with '_' (or re-encode the segment)."));
        return makeError(QStringLiteral("base64url.illegal-character"),
            QStringLiteral("Illegal %1 at position %2 of a base64url segment.").arg(describeByte(c)).arg(i),
            QStringLiteral("Only A–Z, a–z, 0–9, '-' and '_' may appear; check for a copy-and-paste accident."));
    }
    if (n % 4 == 1)
        return makeError(QStringLiteral("base64url.length"),
            QStringLiteral("A base64url segment of %1 characters cannot be complete (length ≡ 1 mod 4).").arg(n),
            QStringLiteral("The segment was probably truncated; copy the whole token again."));

    QByteArray out;
    out.reserve(n * 3 / 4);
    quint32 acc = 0;
    int bits = 0;
    for (qsizetype i = 0; i < n; ++i) {
        acc = (acc << 6) | static_cast<quint32>(kTable[static_cast<unsigned char>(encoded[i])]);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.append(static_cast<char>((acc >> bits) & 0xff));
        }
    }
    // Canonical encodings leave the unused low bits of the last character zero (RFC 4648 §3.5).
    if (bits > 0 && (acc & ((1u << bits) - 1)) != 0)
        return makeError(QStringLiteral("base64url.trailing-bits"),
            QStringLiteral("The last character (position %1) carries non-zero unused bits: the encoding is not canonical.")
                .arg(n - 1),
            QStringLiteral("Someone altered the segment's last character; tokens from a real issuer never do this."));
    return out;
}

} // namespace jwtflow
