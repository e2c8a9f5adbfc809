#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace jwtflow {

// application/x-www-form-urlencoded, written by hand: QUrlQuery leaves '+' unencoded, and a
// server decodes a bare '+' as a space, which silently corrupts a base64 value or a SOQL string.
class FormBody {
public:
    using Fields = QList<QPair<QString, QString>>;

    // Every byte outside the unreserved set (RFC 3986 §2.3) is percent-encoded, '+' included.
    static QByteArray encodeValue(const QString &value);
    static QByteArray encode(const Fields &fields);

    // Reads a form body as a server does: '+' means a space, %XX a byte, UTF-8 text.
    static Fields decode(const QByteArray &body);
    static QString value(const Fields &fields, const QString &name);
};

} // namespace jwtflow
