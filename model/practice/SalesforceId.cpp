#include "practice/SalesforceId.h"

namespace jwtflow {

namespace {

bool isAlnum(QChar c)
{
    return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
}

} // namespace

QString SalesforceId::checksum(QStringView id15)
{
    // Each 5-character chunk gives one character: bit i set when character i is upper case,
    // read as an index into A..Z0..5 (Salesforce's documented algorithm).
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
    QString suffix;
    for (int chunk = 0; chunk < 3; ++chunk) {
        int bits = 0;
        for (int i = 0; i < 5; ++i) {
            const QChar c = id15.at(chunk * 5 + i);
            if (c >= u'A' && c <= u'Z')
                bits |= 1 << i;
        }
        suffix += QLatin1Char(kAlphabet[bits]);
    }
    return suffix;
}

bool SalesforceId::isValid(QStringView id)
{
    if (id.size() != 15 && id.size() != 18)
        return false;
    for (const QChar c : id) {
        if (!isAlnum(c))
            return false;
    }
    return id.size() == 15 || id.mid(15).compare(checksum(id.left(15)), Qt::CaseInsensitive) == 0;
}

QString SalesforceId::to18(QStringView id)
{
    if (id.size() != 15)
        return id.toString();
    return id.toString() + checksum(id);
}

QString SalesforceId::to15(QStringView id)
{
    return id.left(15).toString();
}

bool SalesforceId::same(QStringView a, QStringView b)
{
    return a.size() >= 15 && b.size() >= 15 && a.left(15) == b.left(15);
}

} // namespace jwtflow
