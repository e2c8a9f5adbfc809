#include "crypto/Digest.h"

#include <QCryptographicHash>

namespace jwtflow {

QByteArray Digest::sha2(int bits, const QByteArray &data)
{
    switch (bits) {
    case 256:
        return QCryptographicHash::hash(data, QCryptographicHash::Sha256);
    case 384:
        return QCryptographicHash::hash(data, QCryptographicHash::Sha384);
    case 512:
        return QCryptographicHash::hash(data, QCryptographicHash::Sha512);
    default:
        break;
    }
    return {};
}

} // namespace jwtflow
