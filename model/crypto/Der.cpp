#include "crypto/Der.h"

#include <QStringList>
#include <QTimeZone>

namespace jwtflow {

Der::Status Der::read(QByteArrayView data, qsizetype pos, Element &out)
{
    const qsizetype available = data.size() - pos;
    if (pos < 0 || available < 2)
        return available <= 0 ? Status::Malformed : Status::Truncated;
    const auto tag = static_cast<quint8>(data[pos]);
    if ((tag & 0x1f) == 0x1f)
        return Status::Malformed; // multi-byte tags never occur in the structures we read
    auto first = static_cast<quint8>(data[pos + 1]);
    qsizetype header = 2;
    qsizetype length = 0;
    if (first < 0x80) {
        length = first;
    } else {
        const int count = first & 0x7f;
        if (count == 0 || count > 4)
            return Status::Malformed; // indefinite length is BER, not DER; > 4 GiB is nonsense here
        if (available < 2 + count)
            return Status::Truncated;
        for (int i = 0; i < count; ++i)
            length = (length << 8) | static_cast<quint8>(data[pos + 2 + i]);
        header += count;
    }
    if (length > available - header)
        return Status::Truncated;
    out.tag = tag;
    out.content = data.sliced(pos + header, length).toByteArray();
    out.size = header + length;
    return Status::Ok;
}

QList<Der::Element> Der::children(const Element &parent, bool *ok)
{
    QList<Element> list;
    qsizetype pos = 0;
    bool good = (parent.tag & 0x20) != 0; // constructed
    while (good && pos < parent.content.size()) {
        Element child;
        if (read(parent.content, pos, child) != Status::Ok) {
            good = false;
            break;
        }
        pos += child.size;
        list.append(child);
    }
    if (ok)
        *ok = good;
    return good ? list : QList<Element> {};
}

QString Der::oidToString(QByteArrayView content)
{
    QStringList parts;
    quint64 value = 0;
    bool first = true;
    for (const char c : content) {
        const auto byte = static_cast<quint8>(c);
        if (value > (quint64(1) << 56))
            return {};
        value = (value << 7) | (byte & 0x7f);
        if (byte & 0x80)
            continue;
        if (first) {
            const quint64 top = value < 40 ? 0 : value < 80 ? 1 : 2;
            parts << QString::number(top) << QString::number(value - top * 40);
            first = false;
        } else {
            parts << QString::number(value);
        }
        value = 0;
    }
    return parts.join(QLatin1Char('.'));
}

Der::Status Der::checkComplete(QByteArrayView data)
{
    Element element;
    const Status status = read(data, 0, element);
    if (status != Status::Ok)
        return status;
    return element.size == data.size() ? Status::Ok : Status::Malformed;
}

QByteArray Der::encode(quint8 tag, const QByteArray &content)
{
    QByteArray out(1, static_cast<char>(tag));
    const qsizetype n = content.size();
    if (n < 0x80) {
        out.append(static_cast<char>(n));
    } else {
        QByteArray length;
        for (qsizetype v = n; v > 0; v >>= 8)
            length.prepend(static_cast<char>(v & 0xff));
        out.append(static_cast<char>(0x80 | length.size()));
        out.append(length);
    }
    return out + content;
}

QByteArray Der::unsignedInteger(QByteArrayView bigEndian)
{
    qsizetype start = 0;
    while (start < bigEndian.size() - 1 && bigEndian[start] == '\0')
        ++start;
    QByteArray bytes = bigEndian.sliced(start).toByteArray();
    if (bytes.isEmpty())
        bytes = QByteArray(1, '\0');
    if (static_cast<quint8>(bytes[0]) & 0x80)
        bytes.prepend('\0');
    return encode(Integer, bytes);
}

QByteArray Der::smallInteger(int value)
{
    QByteArray bytes;
    for (unsigned v = static_cast<unsigned>(value); v > 0; v >>= 8)
        bytes.prepend(static_cast<char>(v & 0xff));
    return unsignedInteger(bytes);
}

QByteArray Der::oid(const QString &dotted)
{
    const QStringList parts = dotted.split(QLatin1Char('.'));
    QList<quint64> arcs;
    for (const QString &part : parts)
        arcs << part.toULongLong();
    QByteArray out;
    auto put = [&out](quint64 v) {
        QByteArray chunk(1, static_cast<char>(v & 0x7f));
        for (v >>= 7; v > 0; v >>= 7)
            chunk.prepend(static_cast<char>(0x80 | (v & 0x7f)));
        out.append(chunk);
    };
    put(arcs.value(0) * 40 + arcs.value(1));
    for (qsizetype i = 2; i < arcs.size(); ++i)
        put(arcs[i]);
    return encode(ObjectId, out);
}

QByteArray Der::time(const QDateTime &when)
{
    const QDateTime utc = when.toTimeZone(QTimeZone::utc());
    const int year = utc.date().year();
    if (year >= 1950 && year < 2050)
        return encode(UtcTime, utc.toString(QStringLiteral("yyMMddHHmmss'Z'")).toLatin1());
    return encode(GeneralizedTime, utc.toString(QStringLiteral("yyyyMMddHHmmss'Z'")).toLatin1());
}

QDateTime Der::parseTime(const Element &element)
{
    // Fields are read separately and joined in UTC, so no local-time rule can shift or reject them.
    const QString text = QString::fromLatin1(element.content);
    if (!text.endsWith(QLatin1Char('Z')))
        return {};
    QDate date;
    QString time;
    if (element.tag == UtcTime && text.size() == 13) {
        const int yy = text.left(2).toInt();
        date = QDate::fromString(QString::number(yy < 50 ? 2000 + yy : 1900 + yy) + text.mid(2, 4), QStringLiteral("yyyyMMdd"));
        time = text.mid(6, 6);
    } else if (element.tag == GeneralizedTime && text.size() == 15) {
        date = QDate::fromString(text.left(8), QStringLiteral("yyyyMMdd"));
        time = text.mid(8, 6);
    }
    const QTime clock = QTime::fromString(time, QStringLiteral("HHmmss"));
    if (!date.isValid() || !clock.isValid())
        return {};
    return QDateTime(date, clock, QTimeZone::utc());
}

QByteArray Der::integerMagnitude(const QByteArray &content)
{
    qsizetype start = 0;
    while (start < content.size() - 1 && content[start] == '\0')
        ++start;
    return content.mid(start);
}

} // namespace jwtflow
