// Hostile key and certificate files (reliability.md, catalogue section B), each loaded the way
// the GUI's key pickers and the CLI load them: KeyLoader from a file path. Every case ends in a
// specific error code whose message names the file and whose hint says what to do, or loads with
// the specific warning (weak key, expired or mismatching certificate) or note it deserves.
#include "CryptoTestData.h"

#include "core/Clock.h"
#include "crypto/KeyGenerator.h"
#include "crypto/KeyLoader.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTimeZone>

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <optional>
#include <vector>

#include <sys/stat.h>

using namespace jwtflow;
using namespace cryptotest;

namespace {

// 2030-06-01, when the fixtures' certificates (2025 to 2035) are valid.
const qint64 kNow = QDateTime(QDate(2030, 6, 1), QTime(0, 0), QTimeZone::utc()).toSecsSinceEpoch();

enum class Load { File, PrivateKey, Certificate, PublicKey, KeyWithCertificate };

struct Expect {
    enum Kind { Error, Warning, Loads } kind;
    const char *code; // the error or warning code; for Loads, a note's text or nullptr
    const char *phrase; // further words the message must contain, or nullptr
};

struct Case {
    const char *name;
    // Makes the file (in `dir`, or returns a fixture's path) and returns its path.
    std::function<QString(const QTemporaryDir &dir)> make;
    Load load;
    std::optional<QByteArray> passphrase; // nullopt: no passphrase callback
    Expect expect;
    QString otherFile = {}; // the certificate, for Load::KeyWithCertificate
};

QString write(const QTemporaryDir &dir, const char *name, const QByteArray &bytes)
{
    const QString path = dir.filePath(QString::fromLatin1(name));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        ADD_FAILURE() << "cannot write " << path.toStdString();
    return path;
}

std::function<QString(const QTemporaryDir &)> fixture(const char *name)
{
    return [name](const QTemporaryDir &) { return keyPath(name); };
}

std::function<QString(const QTemporaryDir &)> bytes(const char *name, std::function<QByteArray()> content)
{
    return [name, content](const QTemporaryDir &dir) { return write(dir, name, content()); };
}

QByteArray toCrlf(QByteArray text)
{
    return text.replace("\r\n", "\n").replace("\n", "\r\n");
}

// A certificate of the main test key valid from `from` for `days` days, made now.
QByteArray certificateValidFrom(qint64 from, int days)
{
    const PrivateKey key = load("rsa2048-pkcs8.pem").privateKey;
    const auto certificate = KeyGenerator::selfSignedCertificate(key, QStringLiteral("hostile test"), days, FixedClock(from));
    if (!certificate)
        ADD_FAILURE() << certificate.error().text().toStdString();
    return certificate ? certificate->toPem() : QByteArray();
}

QString bigFile(const QTemporaryDir &dir)
{
    // 100 MiB, sparse: a PEM header, then a hole. The loader must refuse it by size alone.
    const QString path = write(dir, "huge.pem", "-----BEGIN PRIVATE KEY-----\n");
    QFile file(path);
    if (!file.open(QIODevice::ReadWrite) || !file.resize(qint64(100) * 1024 * 1024))
        ADD_FAILURE() << "cannot grow " << path.toStdString();
    return path;
}

QString fifo(const QTemporaryDir &dir)
{
    const QString path = dir.filePath(QStringLiteral("key.fifo"));
    if (::mkfifo(QFile::encodeName(path).constData(), 0600) != 0)
        ADD_FAILURE() << "mkfifo failed";
    return path;
}

std::vector<Case> cases()
{
    const Expect::Kind E = Expect::Error, W = Expect::Warning, L = Expect::Loads;
    return {
        // Passphrases (B5, B6, B8, B9).
        { "wrong passphrase, PKCS#8", fixture("rsa2048-encrypted.pem"), Load::PrivateKey, QByteArray("wrong horse"),
            { E, "key.wrong-passphrase", "passphrase" } },
        { "wrong passphrase, Proc-Type", fixture("rsa2048-legacy-encrypted.pem"), Load::PrivateKey, QByteArray("wrong horse"),
            { E, "key.wrong-passphrase", nullptr } },
        { "wrong passphrase, encrypted DER", fixture("rsa2048-encrypted.der"), Load::PrivateKey, QByteArray("wrong horse"),
            { E, "key.wrong-passphrase", nullptr } },
        { "wrong passphrase, PKCS#12", fixture("rsa2048.p12"), Load::File, QByteArray("wrong horse"),
            { E, "key.wrong-passphrase", "PKCS#12" } },
        { "no passphrase given", fixture("rsa2048-encrypted.pem"), Load::PrivateKey, std::nullopt,
            { E, "key.passphrase-required", "encrypted" } },
        { "empty passphrase", fixture("rsa2048-encrypted.pem"), Load::PrivateKey, QByteArray(),
            { E, "key.passphrase-empty", nullptr } },
        { "passphrase with NUL", fixture("rsa2048-encrypted.pem"), Load::PrivateKey, QByteArray("correct\0horse", 13),
            { E, "key.passphrase-nul", "NUL" } },
        // Damaged and truncated files (B19, B23).
        { "truncated PEM, no END line", fixture("truncated-no-end.pem"), Load::PrivateKey, std::nullopt,
            { E, "key.truncated-pem", "truncated" } },
        { "truncated PEM, body cut", fixture("truncated-body.pem"), Load::PrivateKey, std::nullopt,
            { E, "key.truncated-pem", "truncated" } },
        { "truncated DER", bytes("cut.der", [] { return readFixture("rsa2048-pkcs8.der").left(600); }), Load::PrivateKey,
            std::nullopt, { E, "key.truncated-der", "truncated" } },
        { "binary garbage", fixture("garbage.bin"), Load::File, std::nullopt, { E, "key.unrecognised", nullptr } },
        { "random bytes after a DER tag",
            bytes("noise.der", [] { return QByteArray("\x30\x82\x01\x00", 4) + QByteArray(256, '\xa5'); }), Load::File,
            std::nullopt, { E, "key.unrecognised", nullptr } },
        { "empty file", bytes("empty.pem", [] { return QByteArray(); }), Load::File, std::nullopt, { E, "key.empty", "empty" } },
        { "only whitespace", bytes("blank.pem", [] { return QByteArray(" \r\n\t\n"); }), Load::File, std::nullopt,
            { E, "key.empty", "empty" } },
        { "damaged certificate (fuzz finding)", fixture("fuzz-damaged-aki.cer"), Load::Certificate, std::nullopt,
            { E, "key.bad-certificate", "damaged" } },
        { "PEM body without BEGIN/END",
            bytes("body.txt",
                [] {
                    const QByteArray p = readFixture("rsa2048-pkcs8.pem");
                    return p.mid(p.indexOf('\n') + 1, 300);
                }),
            Load::File, std::nullopt, { E, "key.pem-missing-header", "BEGIN" } },
        // Wrong key types (B12, B13).
        { "EC JWK whose point is off the curve",
            bytes("off-curve.jwk.json",
                [] {
                    return QByteArray(
                        R"({"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU"})");
                }),
            Load::PublicKey, std::nullopt, { E, "key.bad-jwk", "curve" } },
        { "OKP JWK on X25519 (key agreement, not signing)",
            bytes("x25519.jwk.json",
                [] { return QByteArray(R"({"kty":"OKP","crv":"X25519","x":"hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo"})"); }),
            Load::PublicKey, std::nullopt, { E, "key.jwk-unsupported-crv", "X25519" } },
        { "EC key, wrong passphrase", fixture("ec-p256-encrypted.pem"), Load::PrivateKey, QByteArray("wrong horse"),
            { E, "key.wrong-passphrase", nullptr } },
        { "EC SEC1 key, wrong passphrase", fixture("ec-p256-legacy-encrypted.pem"), Load::PrivateKey, QByteArray("wrong horse"),
            { E, "key.wrong-passphrase", nullptr } },
        { "Ed25519 key where a certificate is needed", fixture("ed25519.pem"), Load::Certificate, std::nullopt,
            { E, "key.not-certificate", "private key" } },
        // Weak keys, certificates that do not fit (B14, B17, B18).
        { "1024-bit RSA key", fixture("rsa1024.pem"), Load::File, std::nullopt, { W, "key.weak-rsa", "1024 bits" } },
        { "1024-bit RSA certificate", fixture("rsa1024.crt"), Load::File, std::nullopt, { W, "key.weak-rsa", "1024 bits" } },
        { "certificate not matching the key, one file",
            bytes("key-and-foreign-cert.pem", [] { return readFixture("rsa2048-pkcs8.pem") + readFixture("other2048.crt"); }),
            Load::File, std::nullopt, { W, "cert.key-mismatch", "does not belong" } },
        { "certificate not matching the key, two files", fixture("rsa2048-pkcs8.pem"), Load::KeyWithCertificate, std::nullopt,
            { E, "cert.key-mismatch", "does not belong" }, keyPath("other2048.crt") },
        { "expired certificate", bytes("expired.crt", [] { return certificateValidFrom(kNow - 400 * 86400, 365); }), Load::File,
            std::nullopt, { W, "cert.expired", "expired on" } },
        { "certificate not yet valid", bytes("future.crt", [] { return certificateValidFrom(kNow + 86400, 365); }), Load::File,
            std::nullopt, { W, "cert.not-yet-valid", "not valid before" } },
        { "certificate expiring in 10 days", bytes("soon.crt", [] { return certificateValidFrom(kNow - 355 * 86400, 365); }),
            Load::File, std::nullopt, { W, "cert.expires-soon", "expires on" } },
        // Text encodings (B20, B21, B22).
        { "CRLF line endings, key", fixture("rsa2048-crlf.pem"), Load::PrivateKey, std::nullopt, { L, nullptr, nullptr } },
        { "CRLF line endings, certificate", bytes("crlf.crt", [] { return toCrlf(readFixture("rsa2048.crt")); }),
            Load::Certificate, std::nullopt, { L, nullptr, nullptr } },
        { "CRLF line endings, encrypted key",
            bytes("crlf-encrypted.pem", [] { return toCrlf(readFixture("rsa2048-encrypted.pem")); }), Load::PrivateKey,
            QByteArray("correct horse"), { L, nullptr, nullptr } },
        { "UTF-8 BOM", fixture("rsa2048-bom.pem"), Load::PrivateKey, std::nullopt, { L, "byte order mark", nullptr } },
        { "UTF-8 BOM and CRLF, certificate",
            bytes("bom-crlf.crt", [] { return "\xef\xbb\xbf" + toCrlf(readFixture("rsa2048.crt")); }), Load::Certificate,
            std::nullopt, { L, "byte order mark", nullptr } },
        { "UTF-16 text (Notepad \"Unicode\")",
            bytes("utf16.pem",
                [] {
                    QByteArray out("\xff\xfe");
                    for (const char c : readFixture("rsa2048-pkcs8.pem"))
                        out += QByteArray(1, c) + '\0';
                    return out;
                }),
            Load::File, std::nullopt, { E, "key.utf16", "UTF-16" } },
        // Size and file-system oddities (B23, B24).
        { "100 MiB file", bigFile, Load::PrivateKey, std::nullopt, { E, "key.too-large", "at most 1.0 MiB" } },
        { "a FIFO", fifo, Load::File, std::nullopt, { E, "key.not-a-file", "pipe" } },
        { "a folder", [](const QTemporaryDir &dir) { return dir.path(); }, Load::File, std::nullopt,
            { E, "key.not-a-file", "folder" } },
        { "/dev/zero", [](const QTemporaryDir &) { return QStringLiteral("/dev/zero"); }, Load::File, std::nullopt,
            { E, "key.not-a-file", nullptr } },
        { "missing file", [](const QTemporaryDir &dir) { return dir.filePath(QStringLiteral("missing.pem")); }, Load::File,
            std::nullopt, { E, "key.not-found", "does not exist" } },
        // What people mistake for keys (B15, B16).
        { "OpenSSH private key",
            bytes("id_rsa",
                [] {
                    return QByteArray(
                        "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n");
                }),
            Load::PrivateKey, std::nullopt, { E, "key.openssh", "ssh-keygen" } },
        { "OpenSSH public key",
            bytes("id_rsa.pub", [] { return QByteArray("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ user@host\n"); }), Load::File,
            std::nullopt, { E, "key.openssh", nullptr } },
        { "PuTTY key", bytes("key.ppk", [] { return QByteArray("PuTTY-User-Key-File-3: ssh-rsa\nEncryption: none\n"); }),
            Load::File, std::nullopt, { E, "key.putty", "PuTTYgen" } },
        { "certificate signing request",
            bytes("req.csr",
                [] { return QByteArray("-----BEGIN CERTIFICATE REQUEST-----\nMAA=\n-----END CERTIFICATE REQUEST-----\n"); }),
            Load::File, std::nullopt, { E, "key.csr", "CSR" } },
        { "PKCS#7 bundle", bytes("chain.p7b", [] { return QByteArray("-----BEGIN PKCS7-----\nMAA=\n-----END PKCS7-----\n"); }),
            Load::File, std::nullopt, { E, "key.pkcs7", "openssl pkcs7" } },
        { "JSON that is no JWK", bytes("config.json", [] { return QByteArray("{\"hello\": 1}"); }), Load::File, std::nullopt,
            { E, "key.json-not-jwk", nullptr } },
        { "certificate where the private key belongs", fixture("rsa2048.crt"), Load::PrivateKey, std::nullopt,
            { E, "key.not-private-key", "certificate" } },
        { "private key where the certificate belongs", fixture("rsa2048-pkcs8.pem"), Load::Certificate, std::nullopt,
            { E, "key.not-certificate", "private key" } },
        { "private key given to verify", fixture("rsa2048-pkcs8.pem"), Load::PublicKey, std::nullopt,
            { E, "key.private-key-given", nullptr } },
    };
}

// The outcome as one shape: an error, or the warnings and notes of what loaded.
struct Outcome {
    std::optional<Error> error;
    KeyWarnings warnings;
    QStringList notes;
};

Outcome run(const Case &c, const QString &path)
{
    PassphraseCallback passphrase;
    if (c.passphrase)
        passphrase = answer(*c.passphrase);
    const FixedClock clock(kNow);
    Outcome out;
    auto fromMaterial = [&out, &clock](const Result<KeyMaterial> &r) {
        if (!r) {
            out.error = r.error();
            return;
        }
        out.warnings = r->warnings(clock);
        out.notes = r->notes;
    };
    switch (c.load) {
    case Load::File:
        fromMaterial(KeyLoader::loadFile(path, passphrase));
        break;
    case Load::PrivateKey:
        if (const auto r = KeyLoader::loadPrivateKey(path, passphrase); !r)
            out.error = r.error();
        else
            fromMaterial(KeyLoader::loadFile(path, passphrase)); // for its notes
        break;
    case Load::Certificate:
        if (const auto r = KeyLoader::loadCertificate(path); !r)
            out.error = r.error();
        else
            fromMaterial(KeyLoader::loadFile(path));
        break;
    case Load::PublicKey:
        if (const auto r = KeyLoader::loadPublicKey(path); !r)
            out.error = r.error();
        break;
    case Load::KeyWithCertificate: {
        // The GUI's signing key picker and certificate picker: two files that must belong together.
        const auto key = KeyLoader::loadPrivateKey(path, passphrase);
        const auto certificate = KeyLoader::loadCertificate(c.otherFile);
        if (!key)
            out.error = key.error();
        else if (!certificate)
            out.error = certificate.error();
        else if (const auto match = certificate->checkMatches(key.value()); !match)
            out.error = match.error();
        break;
    }
    }
    return out;
}

} // namespace

TEST(HostileKeyFiles, EachGetsASpecificAnswerNamingTheFile)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    int errors = 0, warnings = 0, loads = 0;
    const std::vector<Case> table = cases();
    for (const Case &c : table) {
        SCOPED_TRACE(c.name);
        const QString path = c.make(dir);
        const QString fileName = QFileInfo(path).fileName();
        const Outcome out = run(c, path);
        const QString code = QString::fromLatin1(c.expect.code);
        const QString phrase = QString::fromLatin1(c.expect.phrase);
        switch (c.expect.kind) {
        case Expect::Error: {
            ++errors;
            ASSERT_TRUE(out.error.has_value()) << "loaded, but should fail with " << c.expect.code;
            const Error &e = *out.error;
            EXPECT_EQ(e.code, code) << e.text().toStdString();
            EXPECT_TRUE(e.message.contains(fileName)) << "the message does not name the file: " << e.message.toStdString();
            EXPECT_FALSE(e.hint.isEmpty()) << "no hint: " << e.message.toStdString();
            if (!phrase.isEmpty()) {
                EXPECT_TRUE(e.text().contains(phrase)) << e.text().toStdString();
            }
            break;
        }
        case Expect::Warning: {
            ++warnings;
            ASSERT_FALSE(out.error.has_value()) << out.error->text().toStdString();
            const auto it = std::find_if(
                out.warnings.cbegin(), out.warnings.cend(), [&code](const KeyWarning &w) { return w.code == code; });
            ASSERT_NE(it, out.warnings.cend()) << "no warning " << c.expect.code;
            EXPECT_TRUE(it->message.contains(fileName)) << it->message.toStdString();
            EXPECT_FALSE(it->hint.isEmpty());
            if (!phrase.isEmpty()) {
                EXPECT_TRUE(it->message.contains(phrase)) << it->message.toStdString();
            }
            break;
        }
        case Expect::Loads:
            ++loads;
            ASSERT_FALSE(out.error.has_value()) << out.error->text().toStdString();
            EXPECT_TRUE(out.warnings.isEmpty()) << out.warnings.constFirst().message.toStdString();
            if (!code.isEmpty()) {
                EXPECT_TRUE(out.notes.join(QLatin1Char('\n')).contains(code)) << out.notes.join(QLatin1Char('\n')).toStdString();
            }
            break;
        }
    }
    // The count the robustness note quotes; a case removed by mistake shows here.
    EXPECT_EQ(table.size(), 48u);
    EXPECT_EQ(errors, 37);
    EXPECT_EQ(warnings, 6);
    EXPECT_EQ(loads, 5);
}

// B24: the size cap is checked before anything is read, so a huge file costs nothing. (Timing is
// not asserted here, per the project's rules; the file is sparse, so reading it would still be
// visible as a different error, not as a slow test.)
TEST(HostileKeyFiles, AHugeFileIsRefusedBySizeAndTheMessageSaysTheCap)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = bigFile(dir);
    const auto r = KeyLoader::loadFile(path);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, QStringLiteral("key.too-large"));
    EXPECT_TRUE(r.error().message.contains(path));
    EXPECT_TRUE(r.error().message.contains(QStringLiteral("100.0 MiB"))) << r.error().message.toStdString();
    EXPECT_TRUE(r.error().message.contains(QStringLiteral("1.0 MiB"))) << r.error().message.toStdString();
}
