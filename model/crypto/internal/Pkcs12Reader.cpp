#include "crypto/internal/Pkcs12Reader.h"

#include "crypto/Der.h"

#include <cstring>
#include <memory>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>

namespace jwtflow {

namespace {

struct Pkcs12Free {
    void operator()(PKCS12 *p) const { PKCS12_free(p); }
};
struct AuthSafesFree {
    void operator()(STACK_OF(PKCS7) * p) const { sk_PKCS7_pop_free(p, PKCS7_free); }
};
struct BagsFree {
    void operator()(STACK_OF(PKCS12_SAFEBAG) * p) const { sk_PKCS12_SAFEBAG_pop_free(p, PKCS12_SAFEBAG_free); }
};
struct P8Free {
    void operator()(PKCS8_PRIV_KEY_INFO *p) const { PKCS8_PRIV_KEY_INFO_free(p); }
};

// Bags inside bags (safeContentsBag) are legal but rare; a file nesting deeper is refused.
const int kMaxNesting = 4;

bool usesLegacyRc2(const QByteArray &der)
{
    // pbeWithSHAAnd40BitRC2-CBC (RFC 7292 appendix C): old Windows and OpenSSL 1.x exports.
    return der.contains(Der::oid(QStringLiteral("1.2.840.113549.1.12.1.6")));
}

Error wrongPassphrase(const QString &source, bool legacy)
{
    return makeError(QStringLiteral("key.wrong-passphrase"),
        QStringLiteral("The passphrase does not open the PKCS#12 file %1.").arg(source),
        legacy ? QStringLiteral("Check the passphrase. The file also uses the legacy RC2-40 cipher, which needs OpenSSL's "
                                "legacy provider; if the passphrase is right, re-export it with AES "
                                "(openssl pkcs12 -export … without -legacy).")
               : QStringLiteral("Check the passphrase (it is case-sensitive) and try again."));
}

Error damaged(const QString &source, const QString &part)
{
    return makeError(QStringLiteral("key.bad-pkcs12"),
        QStringLiteral("%1: the PKCS#12 file could not be read: its %2 is damaged.").arg(source, part),
        QStringLiteral("The file may be damaged; export the key and certificate again (e.g. openssl pkcs12 -export)."));
}

// The DER of a PKCS#8 structure, in memory QCA wipes; OpenSSL's copy is cleansed before it is freed.
QCA::SecureArray privateKeyInfoDer(const PKCS8_PRIV_KEY_INFO *p8)
{
    unsigned char *out = nullptr;
    const int length = i2d_PKCS8_PRIV_KEY_INFO(p8, &out);
    if (length <= 0 || !out)
        return {};
    QCA::SecureArray der(length);
    memcpy(der.data(), out, static_cast<size_t>(length));
    OPENSSL_clear_free(out, static_cast<size_t>(length));
    return der;
}

// The certificate's bytes exactly as the file holds them, read with jwtflow's DER reader from the
// bag: SafeBag ::= SEQUENCE { bagId, [0] EXPLICIT CertBag ::= SEQUENCE { certId, [0] EXPLICIT
// OCTET STRING } } (RFC 7292 §4.2, §4.2.3). libcrypto never parses the certificate itself.
QByteArray certificateOf(const PKCS12_SAFEBAG *bag)
{
    unsigned char *out = nullptr;
    const int length = i2d_PKCS12_SAFEBAG(bag, &out);
    if (length <= 0 || !out)
        return {};
    const QByteArray der(reinterpret_cast<const char *>(out), length);
    OPENSSL_free(out);
    // The [0] EXPLICIT element of a SEQUENCE { OBJECT IDENTIFIER, [0] { … } }, as its one child.
    const auto valueOf = [](const Der::Element &sequence, Der::Element &value) {
        bool ok = true;
        const auto members = Der::children(sequence, &ok);
        if (!ok || sequence.tag != Der::Sequence || members.size() < 2 || members[0].tag != Der::ObjectId
            || members[1].tag != Der::ContextSpecific0)
            return false;
        const auto wrapped = Der::children(members[1], &ok);
        if (!ok || wrapped.size() != 1)
            return false;
        value = wrapped[0];
        return true;
    };
    Der::Element safeBag;
    Der::Element certBag;
    Der::Element octets;
    if (Der::read(der, 0, safeBag) != Der::Status::Ok || !valueOf(safeBag, certBag) || !valueOf(certBag, octets)
        || octets.tag != Der::OctetString)
        return {};
    return octets.content;
}

class BagWalker {
public:
    BagWalker(const QString &source, const char *pass, Pkcs12Reader::Contents &contents)
        : m_source(source)
        , m_pass(pass)
        , m_contents(contents)
    { }

    Result<void> walk(const STACK_OF(PKCS12_SAFEBAG) * bags, int depth)
    {
        if (depth > kMaxNesting)
            return damaged(m_source, QStringLiteral("nesting of safe contents"));
        for (int i = 0; i < sk_PKCS12_SAFEBAG_num(bags); ++i) {
            const PKCS12_SAFEBAG *bag = sk_PKCS12_SAFEBAG_value(bags, i);
            switch (PKCS12_SAFEBAG_get_nid(bag)) {
            case NID_keyBag:
                addKey(PKCS12_SAFEBAG_get0_p8inf(bag));
                break;
            case NID_pkcs8ShroudedKeyBag: {
                const std::unique_ptr<PKCS8_PRIV_KEY_INFO, P8Free> p8(PKCS12_decrypt_skey(bag, m_pass, -1));
                if (!p8)
                    return makeError(QStringLiteral("key.wrong-passphrase"),
                        QStringLiteral("The passphrase does not decrypt the private key in the PKCS#12 file %1.").arg(m_source),
                        QStringLiteral("Check the passphrase; a file whose key has a passphrase of its own must be "
                                       "exported again with one passphrase."));
                addKey(p8.get());
                break;
            }
            case NID_certBag: {
                if (PKCS12_SAFEBAG_get_bag_nid(bag) != NID_x509Certificate) {
                    m_contents.ignoredBags << QStringLiteral("certificate of a type other than X.509");
                    break;
                }
                const QByteArray certificate = certificateOf(bag);
                if (certificate.isEmpty())
                    return damaged(m_source, QStringLiteral("certificate bag"));
                m_contents.certificates.append(certificate);
                break;
            }
            case NID_safeContentsBag:
                if (auto r = walk(PKCS12_SAFEBAG_get0_safes(bag), depth + 1); !r)
                    return r;
                break;
            case NID_crlBag:
                m_contents.ignoredBags << QStringLiteral("CRL");
                break;
            default:
                m_contents.ignoredBags << QStringLiteral("secret");
                break;
            }
        }
        return {};
    }

private:
    void addKey(const PKCS8_PRIV_KEY_INFO *p8)
    {
        ++m_contents.keyBags;
        if (m_contents.privateKeyInfo.isEmpty() && p8)
            m_contents.privateKeyInfo = privateKeyInfoDer(p8);
    }

    const QString &m_source;
    const char *m_pass;
    Pkcs12Reader::Contents &m_contents;
};

} // namespace

Result<Pkcs12Reader::Contents> Pkcs12Reader::read(
    const QByteArray &der, const QCA::SecureArray &passphrase, const QString &source)
{
    const bool legacy = usesLegacyRc2(der);
    // OpenSSL takes the passphrase as a C string: a NUL-terminated copy in memory QCA wipes.
    QCA::SecureArray pass(passphrase);
    pass.append(QCA::SecureArray(1, '\0'));
    const char *p = pass.constData();

    const auto *bytes = reinterpret_cast<const unsigned char *>(der.constData());
    const std::unique_ptr<PKCS12, Pkcs12Free> p12(d2i_PKCS12(nullptr, &bytes, static_cast<long>(der.size())));
    ERR_clear_error();
    if (!p12)
        return damaged(source, QStringLiteral("structure"));
    if (PKCS12_mac_present(p12.get()) && !PKCS12_verify_mac(p12.get(), p, -1)) {
        ERR_clear_error();
        return wrongPassphrase(source, legacy);
    }
    const std::unique_ptr<STACK_OF(PKCS7), AuthSafesFree> authSafes(PKCS12_unpack_authsafes(p12.get()));
    if (!authSafes) {
        ERR_clear_error();
        return damaged(source, QStringLiteral("content"));
    }
    Contents contents;
    BagWalker walker(source, p, contents);
    for (int i = 0; i < sk_PKCS7_num(authSafes.get()); ++i) {
        PKCS7 *safe = sk_PKCS7_value(authSafes.get(), i);
        std::unique_ptr<STACK_OF(PKCS12_SAFEBAG), BagsFree> bags;
        if (PKCS7_type_is_data(safe)) {
            bags.reset(PKCS12_unpack_p7data(safe));
            if (!bags) {
                ERR_clear_error();
                return damaged(source, QStringLiteral("safe contents"));
            }
        } else if (PKCS7_type_is_encrypted(safe)) {
            bags.reset(PKCS12_unpack_p7encdata(safe, p, -1));
            if (!bags) {
                ERR_clear_error();
                // With a MAC already verified, the passphrase is right: the cipher is what fails.
                if (PKCS12_mac_present(p12.get()))
                    return makeError(QStringLiteral("key.pkcs12-cipher"),
                        QStringLiteral("The PKCS#12 file %1 is encrypted with a cipher this build cannot use.").arg(source),
                        legacy ? QStringLiteral("It uses the legacy RC2-40 cipher (old Windows and OpenSSL 1.x exports), which "
                                                "needs OpenSSL's legacy provider: export it again with AES (openssl pkcs12 "
                                                "-export … without -legacy).")
                               : QStringLiteral("Export it again with AES (openssl pkcs12 -export … without -legacy)."));
                return wrongPassphrase(source, legacy);
            }
        } else {
            contents.ignoredBags << QStringLiteral("public-key encrypted contents");
            continue;
        }
        if (auto r = walker.walk(bags.get(), 0); !r) {
            ERR_clear_error();
            return r.error();
        }
    }
    ERR_clear_error();
    return contents;
}

} // namespace jwtflow
