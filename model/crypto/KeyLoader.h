#pragma once

#include "core/Result.h"
#include "crypto/Certificate.h"
#include "crypto/KeyMaterial.h"
#include "crypto/PrivateKey.h"
#include "crypto/PublicKey.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <optional>

namespace jwtflow {

// Asked for the passphrase of an encrypted key or PKCS#12 file (the argument names the file).
// std::nullopt cancels. Called on the loading thread; keep the buffer only as long as needed.
using PassphraseCallback = std::function<std::optional<QByteArray>(const QString &source)>;

// Reads keys and certificates from files or bytes, recognising the format by content, never by
// extension: PEM (PKCS#1, PKCS#8, encrypted or not, certificates, public keys), DER, PKCS#12,
// JWK and JWKS. Every failure is an Error whose message names the file. Safe to call from a
// worker thread; QCA's own passphrase prompt is never used, so loading never blocks on it.
//
// Error codes (besides those of Pem, Jwk and Jwks): key.not-found, key.broken-link, key.not-a-file,
// key.unreadable, key.too-large, key.empty, key.truncated-der, key.utf16, key.unrecognised, key.pem-missing-header,
// key.openssh, key.putty, key.csr, key.pkcs7, key.unsupported-pem, key.ec-unsupported,
// key.dsa-unsupported, key.unsupported-type, key.json-not-jwk, key.passphrase-required,
// key.passphrase-cancelled, key.passphrase-empty, key.passphrase-nul, key.wrong-passphrase,
// key.bad-private-key, key.not-private-key, key.not-certificate, key.private-key-given, key.bad-pkcs12,
// key.pkcs12-cipher, key.pkcs12-empty, key.bad-certificate.
class KeyLoader {
public:
    static constexpr qint64 kMaxFileSize = 1024 * 1024; // key files are a few KiB; refuse disks and archives

    static Result<KeyMaterial> loadFile(const QString &path, const PassphraseCallback &passphrase = {});
    // `source` names the data in messages ("pasted text", a URL, …).
    static Result<KeyMaterial> loadData(const QByteArray &data, const QString &source, const PassphraseCallback &passphrase = {});
    // Key text the user pasted (PEM, JWK, JWKS), read as loadData() reads bytes. Whatever the
    // outcome, `text` and its UTF-8 copy are overwritten before this returns: a pasted private key
    // lives on only inside the loaded key (which OpenSSL wipes when it is freed). Error codes as
    // loadData(), and key.empty for blank text.
    static Result<KeyMaterial> loadPastedText(QString &text, const QString &source, const PassphraseCallback &passphrase = {});

    // The same, insisting on what the caller needs, with a specific error for the wrong kind of
    // file (a certificate where the private key belongs, and the reverse).
    static Result<PrivateKey> loadPrivateKey(const QString &path, const PassphraseCallback &passphrase = {});
    static Result<Certificate> loadCertificate(const QString &path);
    // A certificate, public key, JWK or JWKS (entry `kid`); never asks for a passphrase.
    static Result<PublicKey> loadPublicKey(const QString &path, const QString &kid = {});
};

} // namespace jwtflow
