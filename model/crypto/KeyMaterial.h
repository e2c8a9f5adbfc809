#pragma once

#include "core/Clock.h"
#include "core/Result.h"
#include "crypto/Certificate.h"
#include "crypto/Jwks.h"
#include "crypto/KeyWarning.h"
#include "crypto/PrivateKey.h"
#include "crypto/PublicKey.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace jwtflow {

// Everything one key file held: a PEM may carry a key and its certificate, a PKCS#12 both plus a
// chain, a JWKS several public keys.
struct KeyMaterial {
    QString source; // the file path, or a label such as "pasted text"
    QString filePath; // the file it was read from; empty when pasted, generated or given as bytes
    QString format; // for people: "PEM, PKCS#8, encrypted", "PKCS#12", "JWKS", …
    PrivateKey privateKey;
    Certificate certificate; // the first certificate (the leaf)
    QList<Certificate> chain; // further certificates, in file order
    PublicKey publicKey; // a bare public key (PEM, DER, JWK)
    Jwks jwks; // when the file is a JWK Set
    QStringList notes; // what was tolerated, e.g. a UTF-8 byte order mark

    // The key that verifies: the certificate's, the bare public key, the JWKS entry named `kid`,
    // or the private key's public half, in that order. Error code "key.no-public-key", or Jwks's.
    Result<PublicKey> verificationKey(const QString &kid = {}) const;

    // The key's and certificate's warnings, plus "cert.key-mismatch" when the file holds a key
    // and a certificate that do not belong together.
    KeyWarnings warnings(const Clock &clock) const;
};

} // namespace jwtflow
