#include "crypto/internal/OpenSsl.h"

#include <QStringList>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/param_build.h>
#include <openssl/params.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

namespace jwtflow::ossl {

namespace {

const unsigned char *bytes(const QByteArray &data)
{
    return reinterpret_cast<const unsigned char *>(data.constData());
}

struct MdCtxFree {
    void operator()(EVP_MD_CTX *ctx) const { EVP_MD_CTX_free(ctx); }
};
struct PkeyCtxFree {
    void operator()(EVP_PKEY_CTX *ctx) const { EVP_PKEY_CTX_free(ctx); }
};
struct BioFree {
    void operator()(BIO *bio) const { BIO_free(bio); }
};
struct BnClearFree {
    void operator()(BIGNUM *bn) const { BN_clear_free(bn); }
};
struct SigFree {
    void operator()(ECDSA_SIG *sig) const { ECDSA_SIG_free(sig); }
};
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree>;
using Bio = std::unique_ptr<BIO, BioFree>;
using Bn = std::unique_ptr<BIGNUM, BnClearFree>;
using Sig = std::unique_ptr<ECDSA_SIG, SigFree>;

const EVP_MD *digestFor(int hashBits)
{
    return hashBits == 512 ? EVP_sha512() : hashBits == 384 ? EVP_sha384() : EVP_sha256();
}

// The passphrase for PEM_read_bio_PrivateKey; -1 (refuse) instead of OpenSSL's terminal prompt.
int passphraseCallback(char *buffer, int size, int, void *user)
{
    const auto *passphrase = static_cast<const QByteArray *>(user);
    if (!passphrase || passphrase->isEmpty() || passphrase->size() > size)
        return -1;
    memcpy(buffer, passphrase->constData(), static_cast<size_t>(passphrase->size()));
    return static_cast<int>(passphrase->size());
}

int fieldBytes(const QString &curve)
{
    return curve == QLatin1String("P-256") ? 32 : curve == QLatin1String("P-384") ? 48 : curve == QLatin1String("P-521") ? 66 : 0;
}

// Runs sign or verify set-up common to both: the digest (none for EdDSA) and PSS's parameters.
bool initDigest(EVP_MD_CTX *ctx, EVP_PKEY *key, const JwsAlgorithm &alg, bool sign)
{
    const EVP_MD *md = alg.family() == JwsAlgorithm::Family::EdDsa ? nullptr : digestFor(alg.hashBits());
    EVP_PKEY_CTX *pctx = nullptr;
    const int ok = sign ? EVP_DigestSignInit(ctx, &pctx, md, nullptr, key) : EVP_DigestVerifyInit(ctx, &pctx, md, nullptr, key);
    if (ok != 1)
        return false;
    if (alg.family() == JwsAlgorithm::Family::RsaPss) {
        // RFC 7518 §3.5: MGF1 with the same hash, salt length = hash length (verify insists on it too).
        if (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1
            || EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) != 1 || EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, md) != 1)
            return false;
    }
    return true;
}

Result<QByteArray> digestSign(EVP_PKEY *key, const JwsAlgorithm &alg, const QByteArray &data)
{
    MdCtx ctx(EVP_MD_CTX_new());
    size_t length = 0;
    if (!ctx || !initDigest(ctx.get(), key, alg, true)
        || EVP_DigestSign(ctx.get(), nullptr, &length, bytes(data), static_cast<size_t>(data.size())) != 1)
        return error(QStringLiteral("sign.failed"), QStringLiteral("Signing with %1 failed.").arg(alg.name()),
            QStringLiteral("The key may not suit %1; load the key again or generate a new one.").arg(alg.name()));
    QByteArray signature(static_cast<qsizetype>(length), '\0');
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(signature.data()), &length, bytes(data),
            static_cast<size_t>(data.size()))
        != 1)
        return error(QStringLiteral("sign.failed"), QStringLiteral("Signing with %1 failed.").arg(alg.name()),
            QStringLiteral("The key may not suit %1; load the key again or generate a new one.").arg(alg.name()));
    signature.resize(static_cast<qsizetype>(length));
    return signature;
}

} // namespace

Pkey adopt(EVP_PKEY *key)
{
    return key ? Pkey(key, EVP_PKEY_free) : Pkey();
}

QString drainErrors()
{
    QStringList parts;
    char buffer[256];
    while (const unsigned long code = ERR_get_error()) {
        ERR_error_string_n(code, buffer, sizeof buffer);
        parts << QString::fromLatin1(buffer);
    }
    return parts.join(QStringLiteral("; "));
}

Error error(const QString &code, const QString &message, const QString &hint)
{
    const QString detail = drainErrors();
    return makeError(code, detail.isEmpty() ? message : QStringLiteral("%1 (OpenSSL: %2)").arg(message, detail), hint);
}

Result<Pkey> publicFromSpki(const QByteArray &spki, const QString &source)
{
    const unsigned char *p = bytes(spki);
    Pkey key = adopt(d2i_PUBKEY(nullptr, &p, static_cast<long>(spki.size())));
    if (!key || p != bytes(spki) + spki.size())
        return error(QStringLiteral("key.bad-public-key"), QStringLiteral("%1: the public key could not be read.").arg(source),
            QStringLiteral("The file may be damaged; export the public key again."));
    return key;
}

// A SEC1 or PKCS#8 EC key carries its public point beside the private scalar, and libcrypto takes
// that point as written; a damaged file could then sign with one key and claim another. Checked
// here so such a file is refused by name (found by fuzz_ec_pem).
Result<Pkey> checkedPair(Pkey key, const QString &source)
{
    if (EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_EC)
        return key;
    PkeyCtx check(EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr));
    if (!check || EVP_PKEY_pairwise_check(check.get()) != 1)
        return error(QStringLiteral("key.mismatched-pair"),
            QStringLiteral("%1: the public key stored in the file does not belong to its private key.").arg(source),
            QStringLiteral("The file is damaged; export the key again, or generate a new key pair."));
    return key;
}

Result<Pkey> privateFromPem(const QByteArray &pem, const QByteArray &passphrase, const QString &source)
{
    Bio bio(BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size())));
    Pkey key = adopt(
        bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, passphraseCallback, const_cast<QByteArray *>(&passphrase)) : nullptr);
    if (!key)
        return error(QStringLiteral("key.bad-private-key"), QStringLiteral("%1: the private key could not be read.").arg(source),
            QStringLiteral("The file may be damaged, or the passphrase is wrong."));
    return checkedPair(std::move(key), source);
}

Result<Pkey> privateFromPkcs8Der(const QByteArray &der, const QString &source)
{
    const unsigned char *p = bytes(der);
    Pkey key = adopt(d2i_AutoPrivateKey(nullptr, &p, static_cast<long>(der.size())));
    if (!key)
        return error(QStringLiteral("key.bad-private-key"), QStringLiteral("%1: the private key could not be read.").arg(source),
            QStringLiteral("The key may be damaged; load it again."));
    return checkedPair(std::move(key), source);
}

QByteArray spkiOf(EVP_PKEY *key)
{
    const int length = key ? i2d_PUBKEY(key, nullptr) : 0;
    if (length <= 0)
        return {};
    QByteArray der(length, '\0');
    auto *p = reinterpret_cast<unsigned char *>(der.data());
    i2d_PUBKEY(key, &p);
    return der;
}

QByteArray pkcs8PemOf(EVP_PKEY *key)
{
    // Secure-heap memory BIO: the clear key is wiped when the BIO goes.
    Bio bio(BIO_new(BIO_s_secmem()));
    if (!bio || !key || PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
        drainErrors();
        return {};
    }
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, static_cast<qsizetype>(length));
}

KeyFormat::KeyType typeOf(EVP_PKEY *key)
{
    switch (key ? EVP_PKEY_get_base_id(key) : EVP_PKEY_NONE) {
    case EVP_PKEY_RSA:
        return KeyFormat::KeyType::Rsa;
    case EVP_PKEY_RSA_PSS:
        return KeyFormat::KeyType::RsaPss;
    case EVP_PKEY_EC:
        return KeyFormat::KeyType::Ec;
    case EVP_PKEY_ED25519:
        return KeyFormat::KeyType::Ed25519;
    case EVP_PKEY_ED448:
        return KeyFormat::KeyType::Ed448;
    case EVP_PKEY_X25519:
        return KeyFormat::KeyType::X25519;
    case EVP_PKEY_X448:
        return KeyFormat::KeyType::X448;
    case EVP_PKEY_DSA:
        return KeyFormat::KeyType::Dsa;
    case EVP_PKEY_DH:
        return KeyFormat::KeyType::Dh;
    default:
        return KeyFormat::KeyType::Unknown;
    }
}

QString curveOf(EVP_PKEY *key)
{
    switch (typeOf(key)) {
    case KeyFormat::KeyType::Ed25519:
        return QStringLiteral("Ed25519");
    case KeyFormat::KeyType::Ed448:
        return QStringLiteral("Ed448");
    case KeyFormat::KeyType::Ec:
        break;
    default:
        return {};
    }
    char name[80] = {};
    size_t length = 0;
    if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, name, sizeof name, &length) != 1) {
        drainErrors();
        return QStringLiteral("explicit parameters"); // no named curve: no JOSE algorithm uses it
    }
    const QString group = QString::fromLatin1(name, static_cast<qsizetype>(length));
    if (group == QLatin1String("prime256v1") || group == QLatin1String("P-256"))
        return QStringLiteral("P-256");
    if (group == QLatin1String("secp384r1") || group == QLatin1String("P-384"))
        return QStringLiteral("P-384");
    if (group == QLatin1String("secp521r1") || group == QLatin1String("P-521"))
        return QStringLiteral("P-521");
    return group;
}

int bitsOf(EVP_PKEY *key)
{
    return key ? EVP_PKEY_get_bits(key) : 0;
}

QByteArray ecCoordinate(EVP_PKEY *key, bool y)
{
    BIGNUM *raw = nullptr;
    if (!key || EVP_PKEY_get_bn_param(key, y ? OSSL_PKEY_PARAM_EC_PUB_Y : OSSL_PKEY_PARAM_EC_PUB_X, &raw) != 1) {
        drainErrors();
        return {};
    }
    Bn value(raw);
    const int size = fieldBytes(curveOf(key));
    if (size == 0)
        return {};
    QByteArray out(size, '\0');
    BN_bn2binpad(value.get(), reinterpret_cast<unsigned char *>(out.data()), size);
    return out;
}

QByteArray rawPublic(EVP_PKEY *key)
{
    size_t length = 0;
    if (!key || EVP_PKEY_get_raw_public_key(key, nullptr, &length) != 1) {
        drainErrors();
        return {};
    }
    QByteArray out(static_cast<qsizetype>(length), '\0');
    EVP_PKEY_get_raw_public_key(key, reinterpret_cast<unsigned char *>(out.data()), &length);
    return out;
}

Result<Pkey> ecFromJwk(const QString &curve, const QByteArray &x, const QByteArray &y, const QByteArray &d, const QString &source)
{
    const int size = fieldBytes(curve);
    const QString what = QStringLiteral("The EC JWK in %1").arg(source);
    if (size == 0)
        return makeError(QStringLiteral("key.jwk-unsupported-crv"),
            QStringLiteral("%1 is on curve \"%2\", which no supported algorithm uses (P-256, P-384, P-521).").arg(what, curve),
            QStringLiteral("ES256 uses P-256, ES384 P-384 and ES512 P-521 (RFC 7518 §3.4)."));
    // RFC 7518 §6.2.1.2/§6.2.2.1: x, y and d are exactly as long as the field.
    if (x.size() != size || y.size() != size || (!d.isEmpty() && d.size() != size))
        return makeError(QStringLiteral("key.bad-jwk"),
            QStringLiteral("%1: on %2, \"x\", \"y\"%3 must be exactly %4 bytes each (they are %5, %6%7).")
                .arg(what, curve, d.isEmpty() ? QString() : QStringLiteral(" and \"d\""))
                .arg(size)
                .arg(x.size())
                .arg(y.size())
                .arg(d.isEmpty() ? QString() : QStringLiteral(", %1").arg(d.size())),
            QStringLiteral("RFC 7518 §6.2.1 requires the full length, leading zero bytes included."));
    QByteArray point = QByteArray(1, '\x04') + x + y;
    Bn priv(d.isEmpty() ? nullptr : BN_secure_new());
    if (priv && !BN_bin2bn(bytes(d), static_cast<int>(d.size()), priv.get()))
        priv.reset();
    std::unique_ptr<OSSL_PARAM_BLD, decltype(&OSSL_PARAM_BLD_free)> builder(OSSL_PARAM_BLD_new(), OSSL_PARAM_BLD_free);
    const QByteArray group = curve.toLatin1();
    bool ok = builder && OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME, group.constData(), 0) == 1
        && OSSL_PARAM_BLD_push_octet_string(
               builder.get(), OSSL_PKEY_PARAM_PUB_KEY, point.constData(), static_cast<size_t>(point.size()))
            == 1;
    if (ok && priv)
        ok = OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_PRIV_KEY, priv.get()) == 1;
    OSSL_PARAM *params = ok ? OSSL_PARAM_BLD_to_param(builder.get()) : nullptr;
    PkeyCtx ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
    EVP_PKEY *made = nullptr;
    ok = params && ctx && EVP_PKEY_fromdata_init(ctx.get()) == 1
        && EVP_PKEY_fromdata(ctx.get(), &made, priv ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, params) == 1;
    OSSL_PARAM_free(params); // the private scalar sat in the secure heap (BN_secure_new), which is cleared
    Pkey key = adopt(made);
    if (!ok || !key)
        return error(QStringLiteral("key.bad-jwk"),
            QStringLiteral("%1 is not a valid %2 key: x and y are not a point on the curve.").arg(what, curve),
            QStringLiteral("Copy the whole JWK again; x and y must belong to the same key."));
    PkeyCtx check(EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr));
    if (!check || EVP_PKEY_public_check(check.get()) != 1)
        return error(QStringLiteral("key.bad-jwk"),
            QStringLiteral("%1 is not a valid %2 key: x and y are not a point on the curve.").arg(what, curve),
            QStringLiteral("Copy the whole JWK again; x and y must belong to the same key."));
    if (priv && EVP_PKEY_pairwise_check(check.get()) != 1)
        return error(QStringLiteral("key.bad-jwk"),
            QStringLiteral("%1: \"d\" is not the private key of the point x, y.").arg(what),
            QStringLiteral("Check that x, y and d all come from the same key."));
    return key;
}

Result<Pkey> okpFromJwk(const QString &curve, const QByteArray &x, const QByteArray &d, const QString &source)
{
    const QString what = QStringLiteral("The OKP JWK in %1").arg(source);
    int type = 0;
    int size = 0;
    if (curve == QLatin1String("Ed25519")) {
        type = EVP_PKEY_ED25519;
        size = 32;
    } else if (curve == QLatin1String("Ed448") && hasEd448()) {
        type = EVP_PKEY_ED448;
        size = 57;
    } else {
        return makeError(QStringLiteral("key.jwk-unsupported-crv"),
            QStringLiteral("%1 is on curve \"%2\", which does not sign JWS (EdDSA uses Ed25519 or Ed448).").arg(what, curve),
            curve.startsWith(QLatin1Char('X'))
                ? QStringLiteral("X25519 and X448 keys agree on secrets (ECDH-ES); they do not sign.")
                : QStringLiteral("Use an Ed25519 key for EdDSA (RFC 8037)."));
    }
    if (x.size() != size || (!d.isEmpty() && d.size() != size))
        return makeError(QStringLiteral("key.bad-jwk"),
            QStringLiteral("%1: an %2 key's \"x\"%3 is exactly %4 bytes.")
                .arg(what, curve, d.isEmpty() ? QString() : QStringLiteral(" and \"d\""))
                .arg(size),
            QStringLiteral("Copy the whole JWK again."));
    if (d.isEmpty()) {
        Pkey key = adopt(EVP_PKEY_new_raw_public_key(type, nullptr, bytes(x), static_cast<size_t>(x.size())));
        if (!key)
            return error(QStringLiteral("key.bad-jwk"), QStringLiteral("%1 is not a valid %2 public key.").arg(what, curve),
                QStringLiteral("Copy the whole JWK again."));
        return key;
    }
    Pkey key = adopt(EVP_PKEY_new_raw_private_key(type, nullptr, bytes(d), static_cast<size_t>(d.size())));
    if (!key)
        return error(QStringLiteral("key.bad-jwk"), QStringLiteral("%1 is not a valid %2 private key.").arg(what, curve),
            QStringLiteral("Copy the whole JWK again."));
    if (rawPublic(key.get()) != x)
        return makeError(QStringLiteral("key.bad-jwk"), QStringLiteral("%1: \"x\" is not the public key of \"d\".").arg(what),
            QStringLiteral("Check that x and d come from the same key."));
    return key;
}

Result<Pkey> generate(KeyFormat::KeyType type, const QString &curve)
{
    EVP_PKEY *made = nullptr;
    if (type == KeyFormat::KeyType::Ec) {
        const QByteArray group = curve.toLatin1();
        made = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", group.constData());
    } else if (type == KeyFormat::KeyType::Ed25519) {
        made = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
    } else if (type == KeyFormat::KeyType::Ed448) {
        made = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED448");
    }
    Pkey key = adopt(made);
    if (!key)
        return error(QStringLiteral("keygen.failed"),
            QStringLiteral("Generating a %1 key failed.").arg(curve.isEmpty() ? KeyFormat::keyTypeName(type) : curve),
            QStringLiteral("OpenSSL's libcrypto may be incomplete; reinstall libssl3t64."));
    return key;
}

bool hasEd448()
{
    static const bool present = [] {
        PkeyCtx ctx(EVP_PKEY_CTX_new_from_name(nullptr, "ED448", nullptr));
        drainErrors();
        return ctx != nullptr;
    }();
    return present;
}

Result<QByteArray> signJws(EVP_PKEY *key, const JwsAlgorithm &alg, const QByteArray &data)
{
    auto signature = digestSign(key, alg, data);
    if (!signature || alg.family() != JwsAlgorithm::Family::Ecdsa)
        return signature;
    // RFC 7518 §3.4: JWS carries R || S, each as long as the curve's order, not OpenSSL's DER.
    const QByteArray raw = derToRaw(signature.value(), alg.ecdsaSignatureBytes() / 2);
    if (raw.isEmpty())
        return makeError(QStringLiteral("sign.failed"),
            QStringLiteral("Signing with %1 gave a signature that does not fit the curve.").arg(alg.name()),
            QStringLiteral("The key is on another curve than %1 needs (%2).").arg(alg.name(), alg.curve()));
    return raw;
}

bool verifyJws(EVP_PKEY *key, const JwsAlgorithm &alg, const QByteArray &data, const QByteArray &signature)
{
    QByteArray bytesToCheck = signature;
    if (alg.family() == JwsAlgorithm::Family::Ecdsa) {
        if (signature.size() != alg.ecdsaSignatureBytes())
            return false;
        bytesToCheck = rawToDer(signature);
        if (bytesToCheck.isEmpty())
            return false;
    }
    MdCtx ctx(EVP_MD_CTX_new());
    const bool good = ctx && initDigest(ctx.get(), key, alg, false)
        && EVP_DigestVerify(ctx.get(), bytes(bytesToCheck), static_cast<size_t>(bytesToCheck.size()), bytes(data),
               static_cast<size_t>(data.size()))
            == 1;
    drainErrors(); // a bad signature leaves errors queued; this thread's next call must not see them
    return good;
}

Result<QByteArray> signX509(EVP_PKEY *key, const QByteArray &data)
{
    const KeyFormat::KeyType type = typeOf(key);
    // Any JwsAlgorithm with SHA-256 gives EVP_DigestSign the digest; EdDSA none. ECDSA keeps DER here.
    const JwsAlgorithm alg
        = JwsAlgorithm::fromName(type == KeyFormat::KeyType::Ec ? QStringLiteral("ES256") : QStringLiteral("EdDSA"));
    return digestSign(key, alg, data);
}

QByteArray derToRaw(const QByteArray &der, int half)
{
    const unsigned char *p = bytes(der);
    Sig sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size())));
    if (!sig || half <= 0)
        return {};
    const BIGNUM *r = nullptr;
    const BIGNUM *s = nullptr;
    ECDSA_SIG_get0(sig.get(), &r, &s);
    QByteArray raw(2 * half, '\0');
    auto *out = reinterpret_cast<unsigned char *>(raw.data());
    if (BN_bn2binpad(r, out, half) != half || BN_bn2binpad(s, out + half, half) != half)
        return {};
    return raw;
}

QByteArray rawToDer(const QByteArray &raw)
{
    const int half = static_cast<int>(raw.size() / 2);
    if (raw.isEmpty() || raw.size() % 2 != 0)
        return {};
    BIGNUM *r = BN_bin2bn(bytes(raw), half, nullptr);
    BIGNUM *s = BN_bin2bn(bytes(raw) + half, half, nullptr);
    Sig sig(ECDSA_SIG_new());
    if (!r || !s || !sig || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
        BN_free(r);
        BN_free(s);
        return {};
    }
    const int length = i2d_ECDSA_SIG(sig.get(), nullptr);
    if (length <= 0)
        return {};
    QByteArray der(length, '\0');
    auto *p = reinterpret_cast<unsigned char *>(der.data());
    i2d_ECDSA_SIG(sig.get(), &p);
    return der;
}

bool looksLikeDerEcdsa(const QByteArray &signature)
{
    if (signature.isEmpty() || static_cast<quint8>(signature[0]) != 0x30)
        return false;
    const unsigned char *p = bytes(signature);
    Sig sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(signature.size())));
    drainErrors();
    return sig && p == bytes(signature) + signature.size();
}

} // namespace jwtflow::ossl
