#pragma once

// Internal to model/crypto: included only by model/crypto/*.cpp.

#include "core/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QtCrypto>

namespace jwtflow {

// Opens a PKCS#12 (PFX, RFC 7292) file with OpenSSL's libcrypto: checks the MAC, decrypts the
// safe contents and hands back each bag's raw bytes, without parsing a certificate or a key.
// Certificates are then read by jwtflow's own DER reader (Certificate::fromDer) and the key by
// QCA as PKCS#8: qca-ossl's own PKCS#12 import (KeyBundle::fromArray) reads every certificate of
// the chain with code that crashed on a damaged one, so that import is never used.
class Pkcs12Reader {
public:
    struct Contents {
        QList<QByteArray> certificates; // DER of each X.509 certBag, in file order
        QCA::SecureArray privateKeyInfo; // PKCS#8 DER of the first key bag, decrypted; empty if none
        int keyBags = 0;
        QStringList ignoredBags; // "CRL", "secret", or a bag type's OID
    };

    // `der` must already be one complete DER element (Der::checkComplete). Error codes:
    // key.wrong-passphrase (the MAC or a decryption fails), key.bad-pkcs12 (the structure is damaged).
    static Result<Contents> read(const QByteArray &der, const QCA::SecureArray &passphrase, const QString &source);
};

} // namespace jwtflow
