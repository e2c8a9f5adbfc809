#include "crypto/Fingerprint.h"

#include <QCryptographicHash>

namespace jwtflow {

QString Fingerprint::hex(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toHex(':').toUpper());
}

QString Fingerprint::sha1(const QByteArray &data)
{
    return hex(QCryptographicHash::hash(data, QCryptographicHash::Sha1));
}

QString Fingerprint::sha256(const QByteArray &data)
{
    return hex(QCryptographicHash::hash(data, QCryptographicHash::Sha256));
}

} // namespace jwtflow
