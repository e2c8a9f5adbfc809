#include "CryptoTestData.h"

#include "core/Clock.h"
#include "crypto/KeyLoader.h"

#include <QDir>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <thread>

using namespace jwtflow;
using namespace cryptotest;

namespace {

QString spkiOfMainKey()
{
    return recordedFacts().value(QStringLiteral("spki-sha256"));
}

std::string codeOf(const Result<KeyMaterial> &r)
{
    return r ? std::string("(loaded)") : r.error().code.toStdString();
}

} // namespace

TEST(KeyLoader, ReadsTheMainKeyInEveryUnencryptedContainer)
{
    ASSERT_FALSE(spkiOfMainKey().isEmpty());
    const struct {
        const char *file;
        const char *format;
    } cases[] = {
        { "rsa2048-pkcs8.pem", "PEM, PKCS#8" },
        { "rsa2048-pkcs1.pem", "PEM, PKCS#1" },
        { "rsa2048-pkcs8.der", "DER, PKCS#8" },
        { "rsa2048-pkcs1.der", "DER, PKCS#1" },
        { "rsa2048-crlf.pem", "PEM, PKCS#8" },
        { "rsa2048-oneline.pem", "PEM, PKCS#8" },
        { "rsa2048-bom.pem", "PEM, PKCS#8" },
    };
    for (const auto &c : cases) {
        SCOPED_TRACE(c.file);
        const KeyMaterial m = load(c.file);
        ASSERT_FALSE(m.privateKey.isNull());
        EXPECT_EQ(m.format, QString::fromLatin1(c.format));
        EXPECT_EQ(m.privateKey.typeName(), QStringLiteral("RSA"));
        EXPECT_EQ(m.privateKey.bits(), 2048);
        EXPECT_EQ(m.privateKey.publicKey().spkiSha256(), spkiOfMainKey());
        EXPECT_TRUE(m.privateKey.warnings().isEmpty());
        EXPECT_TRUE(m.certificate.isNull());
    }
}

TEST(KeyLoader, SaysWhenItSkippedAByteOrderMark)
{
    const KeyMaterial m = load("rsa2048-bom.pem");
    ASSERT_EQ(m.notes.size(), 1);
    EXPECT_TRUE(m.notes.constFirst().contains(QStringLiteral("byte order mark")));
}

TEST(KeyLoader, AsksOnceForThePassphraseOfEachEncryptedFormat)
{
    for (const char *file : { "rsa2048-encrypted.pem", "rsa2048-encrypted.der", "rsa2048-legacy-encrypted.pem" }) {
        SCOPED_TRACE(file);
        int calls = 0;
        const KeyMaterial m = load(file, answer(kPassphrase, &calls));
        EXPECT_EQ(calls, 1);
        ASSERT_FALSE(m.privateKey.isNull());
        EXPECT_EQ(m.privateKey.publicKey().spkiSha256(), spkiOfMainKey());
        EXPECT_TRUE(m.format.contains(QStringLiteral("encrypted"))) << m.format.toStdString();
    }
}

TEST(KeyLoader, WrongPassphraseHasItsOwnCodeAndNamesTheFile)
{
    for (const char *file : { "rsa2048-encrypted.pem", "rsa2048-encrypted.der", "rsa2048-legacy-encrypted.pem", "rsa2048.p12" }) {
        SCOPED_TRACE(file);
        const auto r = KeyLoader::loadFile(keyPath(file), answer("wrong horse"));
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code, QStringLiteral("key.wrong-passphrase"));
        EXPECT_TRUE(r.error().message.contains(QString::fromLatin1(file)));
        EXPECT_FALSE(r.error().text().contains(QStringLiteral("wrong horse"))); // never echo the secret
    }
}

TEST(KeyLoader, PassphraseProblemsAreDistinct)
{
    const QString file = keyPath("rsa2048-encrypted.pem");
    EXPECT_EQ(KeyLoader::loadFile(file).error().code, QStringLiteral("key.passphrase-required"));
    const PassphraseCallback cancel = [](const QString &) { return std::optional<QByteArray>(); };
    EXPECT_EQ(KeyLoader::loadFile(file, cancel).error().code, QStringLiteral("key.passphrase-cancelled"));
    EXPECT_EQ(KeyLoader::loadFile(file, answer(QByteArray())).error().code, QStringLiteral("key.passphrase-empty"));
    EXPECT_EQ(
        KeyLoader::loadFile(file, answer(QByteArray("correct\0horse", 13))).error().code, QStringLiteral("key.passphrase-nul"));
}

TEST(KeyLoader, UnencryptedKeysNeverAskForAPassphrase)
{
    int calls = 0;
    load("rsa2048-pkcs8.pem", answer(kPassphrase, &calls));
    EXPECT_EQ(calls, 0);
}

TEST(KeyLoader, ReadsPkcs12WithKeyAndCertificate)
{
    for (const char *file : { "rsa2048.p12", "rsa2048-legacy.p12" }) {
        SCOPED_TRACE(file);
        const auto r = KeyLoader::loadFile(keyPath(file), answer(kPassphrase));
        if (!r && std::string(file) == "rsa2048-legacy.p12") {
            // Without OpenSSL's legacy provider, RC2-40 cannot be read: the hint must say so.
            EXPECT_TRUE(r.error().hint.contains(QStringLiteral("RC2"))) << r.error().text().toStdString();
            continue;
        }
        ASSERT_TRUE(r.ok()) << r.error().text().toStdString();
        EXPECT_EQ(r->format, QStringLiteral("PKCS#12"));
        EXPECT_EQ(r->privateKey.publicKey().spkiSha256(), spkiOfMainKey());
        ASSERT_FALSE(r->certificate.isNull());
        EXPECT_TRUE(r->certificate.matches(r->privateKey));
        EXPECT_EQ(r->certificate.sha256Fingerprint(), recordedFacts().value(QStringLiteral("sha256")));
    }
}

TEST(KeyLoader, ReadsCertificatesFromPemAndDer)
{
    const KeyMaterial pem = load("rsa2048.crt");
    const KeyMaterial der = load("rsa2048.cer");
    ASSERT_FALSE(pem.certificate.isNull());
    ASSERT_FALSE(der.certificate.isNull());
    EXPECT_EQ(pem.format, QStringLiteral("PEM, X.509 certificate"));
    EXPECT_EQ(der.format, QStringLiteral("DER, X.509 certificate"));
    EXPECT_EQ(pem.certificate, der.certificate);
    EXPECT_TRUE(pem.privateKey.isNull());
}

TEST(KeyLoader, ReadsPublicKeysInBothPemForms)
{
    for (const char *file : { "rsa2048-public.pem", "rsa2048-rsapublic.pem", "rsa2048.jwk.json" }) {
        SCOPED_TRACE(file);
        const KeyMaterial m = load(file);
        ASSERT_FALSE(m.publicKey.isNull());
        EXPECT_EQ(m.publicKey.spkiSha256(), spkiOfMainKey());
        EXPECT_EQ(m.publicKey.bits(), 2048);
    }
}

TEST(KeyLoader, ReadsAKeyAndItsCertificateFromOneFile)
{
    const KeyMaterial m = load("rsa2048-key-and-cert.pem");
    ASSERT_FALSE(m.privateKey.isNull());
    ASSERT_FALSE(m.certificate.isNull());
    EXPECT_TRUE(m.certificate.matches(m.privateKey));
    EXPECT_TRUE(m.warnings(FixedClock(QDateTime(QDate(2030, 1, 1), QTime(0, 0), QTimeZone::utc()).toSecsSinceEpoch())).isEmpty());
}

TEST(KeyLoader, TruncatedPemIsReportedAsTruncated)
{
    for (const char *file : { "truncated-no-end.pem", "truncated-body.pem" }) {
        SCOPED_TRACE(file);
        const auto r = KeyLoader::loadFile(keyPath(file));
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code, QStringLiteral("key.truncated-pem"));
        EXPECT_TRUE(r.error().message.contains(QString::fromLatin1(file)));
    }
}

TEST(KeyLoader, GarbageIsNotAKey)
{
    const auto r = KeyLoader::loadFile(keyPath("garbage.bin"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, QStringLiteral("key.unrecognised"));
    EXPECT_TRUE(r.error().message.contains(QStringLiteral("garbage.bin")));
}

TEST(KeyLoader, EcAndEdKeysLoadAndOtherTypesAreNamedAsUnsupported)
{
    // EC (SEC1, PKCS#8, SPKI, JWK) and Ed25519 keys load since ES* and EdDSA are supported.
    for (const char *file : { "ec-p256-sec1.pem", "ec-p256-pkcs8.pem", "ec-p256-public.pem", "ed25519.pem", "ec.jwk.json" }) {
        SCOPED_TRACE(file);
        const auto r = KeyLoader::loadFile(keyPath(file));
        ASSERT_TRUE(r.ok()) << codeOf(r);
        EXPECT_TRUE(r->verificationKey().ok());
    }
    // What signs no JWS algorithm still says so, naming the file and the type.
    const struct {
        const char *name;
        QByteArray data;
        const char *code;
        const char *says;
    } cases[] = {
        { "x25519.jwk", R"({"kty":"OKP","crv":"X25519","x":"hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo"})",
            "key.jwk-unsupported-crv", "X25519" },
        { "oct.jwk", R"({"kty":"oct","k":"c2VjcmV0"})", "key.jwk-unsupported-kty", "not supported by this build" },
        { "params.pem", "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n", "key.ec-unsupported",
            "no EC key" },
    };
    for (const auto &c : cases) {
        SCOPED_TRACE(c.name);
        const auto r = KeyLoader::loadData(c.data, QString::fromLatin1(c.name));
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(codeOf(r), c.code);
        EXPECT_TRUE(r.error().message.contains(QString::fromLatin1(c.name))) << r.error().message.toStdString();
        EXPECT_TRUE(r.error().message.contains(QString::fromLatin1(c.says))) << r.error().message.toStdString();
    }
}

TEST(KeyLoader, PicksJwksEntriesByKid)
{
    const auto alpha = KeyLoader::loadPublicKey(keyPath("jwks.json"), QStringLiteral("alpha"));
    ASSERT_TRUE(alpha.ok()) << alpha.error().text().toStdString();
    EXPECT_EQ(alpha->spkiSha256(), spkiOfMainKey());
    const auto beta = KeyLoader::loadPublicKey(keyPath("jwks.json"), QStringLiteral("beta"));
    ASSERT_TRUE(beta.ok());
    EXPECT_EQ(beta.value(), load("other2048.crt").certificate.publicKey());

    const auto gamma = KeyLoader::loadPublicKey(keyPath("jwks.json"), QStringLiteral("gamma"));
    ASSERT_TRUE(gamma.ok()) << gamma.error().text().toStdString();
    EXPECT_EQ(gamma->kindText(), QStringLiteral("EC P-256"));

    const auto missing = KeyLoader::loadPublicKey(keyPath("jwks.json"), QStringLiteral("delta"));
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, QStringLiteral("key.jwks-kid-not-found"));
    for (const char *kid : { "\"alpha\"", "\"beta\"", "\"gamma\"", "\"delta\"" })
        EXPECT_TRUE(missing.error().message.contains(QString::fromLatin1(kid))) << missing.error().message.toStdString();

    EXPECT_EQ(KeyLoader::loadPublicKey(keyPath("jwks.json")).error().code, QStringLiteral("key.jwks-kid-required"));
}

TEST(KeyLoader, WorksOnAWorkerThread)
{
    Result<KeyMaterial> r = makeError(QStringLiteral("unset"), {});
    std::thread worker([&r] { r = KeyLoader::loadFile(keyPath("rsa2048-encrypted.pem"), answer(kPassphrase)); });
    worker.join();
    ASSERT_TRUE(r.ok()) << r.error().text().toStdString();
    EXPECT_EQ(r->privateKey.bits(), 2048);
}

// Found by fuzz_keys: damaged certificates on which qca-ossl crashed (a null key, a damaged
// basic-constraints value, an authority key identifier that is not a SEQUENCE). jwtflow reads
// certificates itself now; each must be a specific error naming the file and the damaged part.
TEST(KeyLoaderRegression, DamagedCertificatesAreErrorsNotCrashes)
{
    const struct {
        const char *file;
        const char *part;
    } cases[] = {
        { "fuzz-damaged-spki.cer", "public key" },
        { "fuzz-damaged-cert-2.cer", "basic constraints extension" },
        { "fuzz-damaged-aki.cer", "authority key identifier extension" },
    };
    for (const auto &c : cases) {
        SCOPED_TRACE(c.file);
        const auto material = jwtflow::KeyLoader::loadFile(keyPath(c.file));
        ASSERT_FALSE(material.ok());
        EXPECT_EQ(material.error().code, QStringLiteral("key.bad-certificate"));
        EXPECT_TRUE(material.error().message.contains(QString::fromLatin1(c.file))) << material.error().message.toStdString();
        EXPECT_TRUE(material.error().message.contains(QString::fromLatin1(c.part))) << material.error().message.toStdString();
    }
}

// qca-ossl's PKCS#12 import crashed on this file (a damaged certificate in the chain) in sign,
// exchange and the window's key picker, which all load through KeyLoader. PKCS#12 files are now
// opened with libcrypto and every certificate read by jwtflow's DER parser before QCA sees anything.
TEST(KeyLoader, Pkcs12WithADamagedCertificateInItsChainIsASpecificError)
{
    const auto material = KeyLoader::loadFile(keyPath("rsa2048-damaged-chain.p12"), answer(kPassphrase));
    const auto key = KeyLoader::loadPrivateKey(keyPath("rsa2048-damaged-chain.p12"), answer(kPassphrase));
    ASSERT_FALSE(material.ok());
    ASSERT_FALSE(key.ok());
    for (const Error &error : { material.error(), key.error() }) {
        EXPECT_EQ(error.code, QStringLiteral("key.bad-certificate"));
        EXPECT_TRUE(error.message.contains(QStringLiteral("certificate 2 of 2"))) << error.text().toStdString();
        EXPECT_TRUE(error.message.contains(QStringLiteral("authority key identifier"))) << error.text().toStdString();
    }
    // The same file with the wrong passphrase is still the passphrase's fault.
    const auto wrong = KeyLoader::loadFile(keyPath("rsa2048-damaged-chain.p12"), answer("wrong horse"));
    ASSERT_FALSE(wrong.ok());
    EXPECT_EQ(wrong.error().code, QStringLiteral("key.wrong-passphrase"));
}

TEST(KeyLoader, CertificateOnlyPkcs12OpensAndSaysItHoldsNoKey)
{
    const auto r = KeyLoader::loadFile(keyPath("rsa2048-cert-only.p12"), answer(kPassphrase));
    ASSERT_TRUE(r.ok()) << r.error().text().toStdString();
    EXPECT_TRUE(r->privateKey.isNull());
    ASSERT_FALSE(r->certificate.isNull());
    EXPECT_EQ(r->certificate.sha256Fingerprint(), recordedFacts().value(QStringLiteral("sha256")));
    EXPECT_EQ(r->format, QStringLiteral("PKCS#12, certificates only (no private key)"));
    const auto key = KeyLoader::loadPrivateKey(keyPath("rsa2048-cert-only.p12"), answer(kPassphrase));
    ASSERT_FALSE(key.ok());
    EXPECT_EQ(key.error().code, QStringLiteral("key.not-private-key")); // not "wrong passphrase"
}

TEST(KeyLoader, Pkcs12WithoutMacOrEncryptionLoads)
{
    const auto r = KeyLoader::loadFile(keyPath("rsa2048-unencrypted.p12"), answer(kPassphrase));
    ASSERT_TRUE(r.ok()) << r.error().text().toStdString();
    EXPECT_EQ(r->privateKey.publicKey().spkiSha256(), spkiOfMainKey());
    EXPECT_TRUE(r->certificate.matches(r->privateKey));
}

TEST(KeyLoader, ASymlinkLoopIsNamedAsSuch)
{
    QTemporaryDir dir;
    const QString a = dir.filePath(QStringLiteral("a.pem"));
    const QString b = dir.filePath(QStringLiteral("b.pem"));
    ASSERT_TRUE(QFile::link(b, a));
    ASSERT_TRUE(QFile::link(a, b));
    const auto r = KeyLoader::loadFile(a);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, QStringLiteral("key.broken-link"));
    EXPECT_TRUE(r.error().message.contains(QStringLiteral("loop"))) << r.error().text().toStdString();
}

// Pasted key text (the main tab's "Paste key…"): PEM, JWK and JWKS load, and the text given is
// overwritten whatever the outcome.
TEST(KeyLoader, PastedTextLoadsAndIsWipedWhateverTheOutcome)
{
    struct Row {
        const char *file;
        const char *code; // "" : loads
    };
    for (const Row &row : { Row { "rsa2048-pkcs8.pem", "" }, Row { "rsa2048.jwk.json", "" }, Row { "jwks.json", "" },
             Row { "rsa2048.crt", "" }, Row { "garbage.bin", "key.unrecognised" } }) {
        SCOPED_TRACE(row.file);
        QString text = QString::fromLatin1(readFixture(row.file));
        const QString original = text;
        const auto loaded = KeyLoader::loadPastedText(text, QStringLiteral("the pasted key"));
        EXPECT_TRUE(text.isEmpty());
        if (*row.code) {
            ASSERT_FALSE(loaded.ok());
            EXPECT_EQ(loaded.error().code, QString::fromLatin1(row.code));
        } else {
            ASSERT_TRUE(loaded.ok()) << loaded.error().text().toStdString();
        }
        EXPECT_FALSE(original.isEmpty());
    }
    QString blank = QStringLiteral("  \n ");
    EXPECT_EQ(KeyLoader::loadPastedText(blank, QStringLiteral("pasted")).error().code, QStringLiteral("key.empty"));
}
