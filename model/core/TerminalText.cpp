#include "core/TerminalText.h"

namespace jwtflow {

namespace {

bool mustEscape(char16_t c)
{
    return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == 0x2028 || c == 0x2029 || (c >= 0x202a && c <= 0x202e)
        || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f || c == 0x061c;
}

void appendEscaped(QString &out, char16_t c)
{
    switch (c) {
    case u'\n':
        out += QLatin1String("\\n");
        return;
    case u'\r':
        out += QLatin1String("\\r");
        return;
    case u'\t':
        out += QLatin1String("\\t");
        return;
    case 0x1b:
        out += QLatin1String("\\e");
        return;
    default:
        break;
    }
    if (c < 0x100)
        out += QStringLiteral("\\x%1").arg(static_cast<uint>(c), 2, 16, QLatin1Char('0'));
    else
        out += QStringLiteral("\\u%1").arg(static_cast<uint>(c), 4, 16, QLatin1Char('0'));
}

QString escape(QStringView text, bool keepLineBreaks)
{
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        if (keepLineBreaks && c == u'\n') {
            out += QLatin1Char('\n');
        } else if (keepLineBreaks && c == u'\r' && i + 1 < text.size() && text[i + 1] == u'\n') {
            continue; // CRLF is a line break too
        } else if (mustEscape(c)) {
            appendEscaped(out, c);
        } else {
            out += QChar(c);
        }
    }
    return out;
}

} // namespace

QByteArray TerminalText::output(QByteArrayView utf8)
{
    QByteArray out;
    out.reserve(utf8.size());
    for (const char byte : utf8) {
        const auto c = static_cast<unsigned char>(byte);
        if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) { // never inside a UTF-8 sequence
            QString escaped;
            appendEscaped(escaped, c);
            out += escaped.toLatin1();
        } else {
            out += byte;
        }
    }
    return out;
}

QString TerminalText::line(QStringView untrusted)
{
    return escape(untrusted, false);
}

QString TerminalText::block(QStringView untrusted)
{
    return escape(untrusted, true);
}

} // namespace jwtflow
