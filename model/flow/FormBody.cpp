#include "flow/FormBody.h"

#include <QUrl>

namespace jwtflow {

QByteArray FormBody::encodeValue(const QString &value)
{
    return QUrl::toPercentEncoding(value);
}

QByteArray FormBody::encode(const Fields &fields)
{
    QByteArray body;
    for (const auto &[name, value] : fields) {
        if (!body.isEmpty())
            body += '&';
        body += encodeValue(name) + '=' + encodeValue(value);
    }
    return body;
}

FormBody::Fields FormBody::decode(const QByteArray &body)
{
    Fields fields;
    if (body.isEmpty())
        return fields;
    const auto decodePart = [](QByteArray part) {
        part.replace('+', ' ');
        return QString::fromUtf8(QByteArray::fromPercentEncoding(part));
    };
    for (const QByteArray &pair : body.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        if (eq < 0)
            fields.append({ decodePart(pair), QString() });
        else
            fields.append({ decodePart(pair.left(eq)), decodePart(pair.mid(eq + 1)) });
    }
    return fields;
}

QString FormBody::value(const Fields &fields, const QString &name)
{
    for (const auto &[key, value] : fields) {
        if (key == name)
            return value;
    }
    return {};
}

} // namespace jwtflow
