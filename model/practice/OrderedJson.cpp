#include "practice/OrderedJson.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace jwtflow {

QByteArray OrderedJson::quote(QStringView text)
{
    // Escaping the UTF-8 bytes is exact: multi-byte sequences never contain bytes below 0x80.
    const QByteArray utf8 = text.toUtf8();
    QByteArray out;
    out.reserve(utf8.size() + 2);
    out += '"';
    for (const char c : utf8) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                out += "\\u00";
                out += "0123456789abcdef"[(c >> 4) & 0xf];
                out += "0123456789abcdef"[c & 0xf];
            } else {
                out += c;
            }
        }
    }
    out += '"';
    return out;
}

QByteArray OrderedJson::value(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return "null";
    case QJsonValue::Bool:
        return value.toBool() ? "true" : "false";
    case QJsonValue::String:
        return quote(value.toString());
    default:
        break;
    }
    const QByteArray wrapped = QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

QByteArray OrderedJson::array(const QList<QByteArray> &jsonValues)
{
    QByteArray out = "[";
    for (qsizetype i = 0; i < jsonValues.size(); ++i) {
        if (i)
            out += ',';
        out += jsonValues.at(i);
    }
    return out + ']';
}

void OrderedJson::key(QStringView key)
{
    if (m_text.size() > 1)
        m_text += ',';
    m_text += quote(key);
    m_text += ':';
}

OrderedJson &OrderedJson::add(QStringView k, const QJsonValue &v)
{
    key(k);
    m_text += value(v);
    return *this;
}

OrderedJson &OrderedJson::add(QStringView k, const QString &v)
{
    key(k);
    m_text += quote(v);
    return *this;
}

OrderedJson &OrderedJson::add(QStringView k, bool v)
{
    key(k);
    m_text += v ? "true" : "false";
    return *this;
}

OrderedJson &OrderedJson::add(QStringView k, qint64 v)
{
    key(k);
    m_text += QByteArray::number(v);
    return *this;
}

OrderedJson &OrderedJson::addNull(QStringView k)
{
    key(k);
    m_text += "null";
    return *this;
}

OrderedJson &OrderedJson::addRaw(QStringView k, const QByteArray &json)
{
    key(k);
    m_text += json;
    return *this;
}

} // namespace jwtflow
