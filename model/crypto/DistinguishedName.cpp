#include "crypto/DistinguishedName.h"

#include "crypto/Der.h"

#include <QStringList>

namespace jwtflow {

namespace {

// Unicode text of a directory string; nothing for a value that is not one of the string types.
std::optional<QString> stringValue(const Der::Element &value)
{
    const QByteArray &bytes = value.content;
    switch (value.tag) {
    case Der::Utf8String:
        return QString::fromUtf8(bytes); // invalid sequences become U+FFFD
    case Der::PrintableString:
    case Der::Ia5String:
    case Der::NumericString:
    case Der::VisibleString:
    case Der::TeletexString: // in practice Latin-1, as OpenSSL also reads it
        return QString::fromLatin1(bytes);
    case Der::BmpString: {
        if (bytes.size() % 2 != 0)
            return std::nullopt;
        QString text;
        text.reserve(bytes.size() / 2);
        for (qsizetype i = 0; i < bytes.size(); i += 2)
            text.append(QChar(static_cast<char16_t>((static_cast<quint8>(bytes[i]) << 8) | static_cast<quint8>(bytes[i + 1]))));
        return text;
    }
    case Der::UniversalString: {
        if (bytes.size() % 4 != 0)
            return std::nullopt;
        QList<char32_t> codePoints;
        for (qsizetype i = 0; i < bytes.size(); i += 4) {
            char32_t c = 0;
            for (int k = 0; k < 4; ++k)
                c = (c << 8) | static_cast<quint8>(bytes[i + k]);
            codePoints.append(c > 0x10ffff ? char32_t(0xfffd) : c);
        }
        return QString::fromUcs4(codePoints.constData(), codePoints.size());
    }
    default:
        return std::nullopt;
    }
}

// RFC 4514's form for a value that is not a string: '#' and the hex of the whole element.
QString hexValue(const Der::Element &value)
{
    return QLatin1Char('#') + QString::fromLatin1(Der::encode(value.tag, value.content).toHex());
}

// Control characters (a newline could forge a second line in a label) as \XX.
QString printable(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f || c.category() == QChar::Other_Format
            || c.category() == QChar::Separator_Line || c.category() == QChar::Separator_Paragraph)
            out += QStringLiteral("\\%1").arg(c.unicode(), 2, 16, QLatin1Char('0')).toUpper();
        else
            out += c;
    }
    return out;
}

} // namespace

std::optional<DistinguishedName> DistinguishedName::fromDer(const QByteArray &der)
{
    Der::Element name;
    if (Der::read(der, 0, name) != Der::Status::Ok || name.tag != Der::Sequence || name.size != der.size())
        return std::nullopt;
    bool ok = true;
    const auto rdns = Der::children(name, &ok);
    if (!ok)
        return std::nullopt;
    DistinguishedName out;
    for (const Der::Element &rdn : rdns) {
        const auto pairs = Der::children(rdn, &ok);
        if (!ok || rdn.tag != Der::Set || pairs.isEmpty())
            return std::nullopt;
        out.m_rdnStarts.append(static_cast<int>(out.m_attributes.size()));
        for (const Der::Element &pair : pairs) {
            const auto members = Der::children(pair, &ok);
            if (!ok || pair.tag != Der::Sequence || members.size() != 2 || members[0].tag != Der::ObjectId
                || members[0].content.isEmpty())
                return std::nullopt;
            const QString oid = Der::oidToString(members[0].content);
            if (oid.isEmpty())
                return std::nullopt;
            const auto text = stringValue(members[1]);
            out.m_attributes.append({ oid, text ? *text : hexValue(members[1]) });
        }
    }
    return out;
}

QString DistinguishedName::shortName(const QString &oid)
{
    static const struct {
        const char *oid;
        const char *name;
    } known[] = {
        { "2.5.4.3", "CN" },
        { "2.5.4.4", "SN" },
        { "2.5.4.5", "serialNumber" },
        { "2.5.4.6", "C" },
        { "2.5.4.7", "L" },
        { "2.5.4.8", "ST" },
        { "2.5.4.9", "street" },
        { "2.5.4.10", "O" },
        { "2.5.4.11", "OU" },
        { "2.5.4.12", "title" },
        { "2.5.4.42", "GN" },
        { "1.2.840.113549.1.9.1", "emailAddress" },
        { "0.9.2342.19200300.100.1.25", "DC" },
        { "0.9.2342.19200300.100.1.1", "UID" },
    };
    for (const auto &k : known) {
        if (oid == QLatin1String(k.oid))
            return QString::fromLatin1(k.name);
    }
    return QStringLiteral("OID.") + oid;
}

QString DistinguishedName::toString() const
{
    QStringList rdns;
    for (qsizetype r = 0; r < m_rdnStarts.size(); ++r) {
        const qsizetype end = r + 1 < m_rdnStarts.size() ? m_rdnStarts[r + 1] : m_attributes.size();
        QStringList parts;
        for (qsizetype i = m_rdnStarts[r]; i < end; ++i)
            parts << shortName(m_attributes[i].oid) + QLatin1Char('=') + printable(m_attributes[i].value);
        rdns << parts.join(QLatin1Char('+'));
    }
    return rdns.join(QStringLiteral(", "));
}

QString DistinguishedName::commonName() const
{
    for (qsizetype i = m_attributes.size() - 1; i >= 0; --i) {
        if (m_attributes[i].oid == QLatin1String("2.5.4.3"))
            return printable(m_attributes[i].value);
    }
    return {};
}

} // namespace jwtflow
