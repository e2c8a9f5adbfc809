// jwtflow-cli verify, sign and keygen as scripts use them: exit codes, --json, no secret output.
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include "support/CliProcess.h"

#include <gtest/gtest.h>

#include <sys/stat.h>
#include <utility>

namespace {

const QString kKeys = QStringLiteral(JWTFLOW_TEST_DATA "/keys/");
// RFC 7515 A.1: an HS256 token and its key (base64url).
const QString kRfcToken
    = QStringLiteral("eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9."
                     "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
                     ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
const QString kRfcKey = QStringLiteral("AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow");

using CryptoCliRun = testsupport::ProcessRun;

CryptoCliRun cli(const QStringList &arguments, const QByteArray &input = {}, const QMap<QString, QString> &environment = {})
{
    // Secrets come from the test's own choices, never from whoever runs the suite.
    return testsupport::runProcess(QStringLiteral(JWTFLOW_CLI_PATH), arguments, input, environment,
        { QStringLiteral("JWTFLOW_PASSPHRASE"), QStringLiteral("JWTFLOW_SECRET"), QStringLiteral("JWTFLOW_ACCESS_TOKEN"),
            QStringLiteral("JWTFLOW_ASSERTION") });
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
{
    QFile file(dir.filePath(name));
    file.open(QIODevice::WriteOnly);
    file.write(content);
    return file.fileName();
}

QString signWithMainKey(const QStringList &extra = {})
{
    const CryptoCliRun r
        = cli(QStringList { QStringLiteral("sign"), QStringLiteral("--key"), kKeys + QStringLiteral("rsa2048-pkcs8.pem"),
                  QStringLiteral("--claim"), QStringLiteral("sub=ann@example.com"), QStringLiteral("--claim"),
                  QStringLiteral("exp=2000000000") }
            + extra);
    EXPECT_EQ(r.exitCode, 0) << r.err.toStdString();
    return r.out.trimmed();
}

} // namespace

TEST(CryptoCli, SignThenVerifyWithTheCertificate)
{
    const QString token = signWithMainKey({ QStringLiteral("--kid"), QStringLiteral("alpha") });
    ASSERT_EQ(token.count(QLatin1Char('.')), 2);
    const CryptoCliRun text
        = cli({ QStringLiteral("verify"), QStringLiteral("--cert"), kKeys + QStringLiteral("rsa2048.crt"), token });
    EXPECT_EQ(text.exitCode, 0) << text.err.toStdString();
    EXPECT_TRUE(text.out.startsWith(QStringLiteral("Signature: VERIFIED (RS256)"))) << text.out.toStdString();

    const CryptoCliRun json = cli(
        { QStringLiteral("verify"), QStringLiteral("--json"), QStringLiteral("--jwks"), kKeys + QStringLiteral("jwks.json") },
        token.toLatin1() + '\n'); // token on standard input, kid picks the key
    EXPECT_EQ(json.exitCode, 0) << json.out.toStdString();
    EXPECT_EQ(json.json().value(QStringLiteral("outcome")).toString(), QStringLiteral("verified"));
    EXPECT_EQ(json.json().value(QStringLiteral("kid")).toString(), QStringLiteral("alpha"));
    EXPECT_TRUE(json.json().value(QStringLiteral("ok")).toBool());
}

TEST(CryptoCli, VerifyExitCodes)
{
    const QString token = signWithMainKey();
    const QString cert = kKeys + QStringLiteral("rsa2048.crt");
    // 1: wrong key, and a tampered payload.
    const CryptoCliRun wrongKey = cli({ QStringLiteral("verify"), QStringLiteral("--json"), QStringLiteral("--cert"),
        kKeys + QStringLiteral("other2048.crt"), token });
    EXPECT_EQ(wrongKey.exitCode, 1);
    EXPECT_EQ(wrongKey.json().value(QStringLiteral("outcome")).toString(), QStringLiteral("invalid"));
    QStringList parts = token.split(QLatin1Char('.'));
    parts[1] = QString::fromLatin1(QByteArray("{\"sub\":\"admin@example.com\",\"exp\":2000000000}")
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    const QString tampered = parts.join(QLatin1Char('.'));
    EXPECT_EQ(cli({ QStringLiteral("verify"), QStringLiteral("--cert"), cert, tampered }).exitCode, 1);
    // 1: alg none is never verified.
    const CryptoCliRun none = cli({ QStringLiteral("verify"), QStringLiteral("--json"), QStringLiteral("--cert"), cert,
        QStringLiteral("eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbm4ifQ.") });
    EXPECT_EQ(none.exitCode, 1);
    EXPECT_EQ(none.json().value(QStringLiteral("outcome")).toString(), QStringLiteral("unsecured"));
    // 3: ES256K is not supported by this build ({"alg":"ES256K"}).
    const CryptoCliRun ps = cli({ QStringLiteral("verify"), QStringLiteral("--json"), QStringLiteral("--cert"), cert,
        QStringLiteral("eyJhbGciOiJFUzI1NksifQ.eyJzdWIiOiJhbm4ifQ.c2lnbmF0dXJl") });
    EXPECT_EQ(ps.exitCode, 3);
    EXPECT_EQ(ps.json().value(QStringLiteral("outcome")).toString(), QStringLiteral("unsupported"));
    // 2: bad token, no key, two keys, unreadable key.
    EXPECT_EQ(cli({ QStringLiteral("verify"), QStringLiteral("--cert"), cert, QStringLiteral("not-a-token") }).exitCode, 2);
    EXPECT_EQ(cli({ QStringLiteral("verify"), token }).exitCode, 2);
    EXPECT_EQ(
        cli({ QStringLiteral("verify"), QStringLiteral("--cert"), cert, QStringLiteral("--secret"), QStringLiteral("x"), token })
            .exitCode,
        2);
    const CryptoCliRun garbage = cli({ QStringLiteral("verify"), QStringLiteral("--json"), QStringLiteral("--pubkey"),
        kKeys + QStringLiteral("garbage.bin"), token });
    EXPECT_EQ(garbage.exitCode, 2);
    EXPECT_EQ(garbage.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
        QStringLiteral("key.unrecognised"));
    EXPECT_EQ(cli({ QStringLiteral("verify"), QStringLiteral("--bogus"), token }).exitCode, 2);
}

TEST(CryptoCli, VerifiesHmacTokensWithTextOrBase64Secrets)
{
    const CryptoCliRun rfc
        = cli({ QStringLiteral("verify"), QStringLiteral("--secret"), kRfcKey, QStringLiteral("--secret-base64"), kRfcToken });
    EXPECT_EQ(rfc.exitCode, 0) << rfc.out.toStdString() << rfc.err.toStdString();
    EXPECT_EQ(
        cli({ QStringLiteral("verify"), QStringLiteral("--secret"), kRfcKey, kRfcToken }).exitCode, 1); // the text is not the key
    const CryptoCliRun env = cli({ QStringLiteral("verify"), QStringLiteral("--secret-base64"), kRfcToken }, {},
        { { QStringLiteral("JWTFLOW_SECRET"), kRfcKey } });
    EXPECT_EQ(env.exitCode, 0) << env.err.toStdString();
}

TEST(CryptoCli, RefusesKeyConfusion)
{
    QFile pem(kKeys + QStringLiteral("rsa2048-public.pem"));
    ASSERT_TRUE(pem.open(QIODevice::ReadOnly));
    // An HS256 token "signed" with the public key as the secret must not verify with that key.
    QTemporaryDir dir;
    const QString secretFile = writeFile(dir, QStringLiteral("pub-as-secret"), pem.readAll());
    const CryptoCliRun asSecret
        = cli({ QStringLiteral("verify"), QStringLiteral("--json"), QStringLiteral("--secret-file"), secretFile, kRfcToken });
    EXPECT_EQ(asSecret.exitCode, 2);
    EXPECT_EQ(asSecret.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
        QStringLiteral("secret.looks-like-key"));
    const CryptoCliRun hsWithPublicKey
        = cli({ QStringLiteral("verify"), QStringLiteral("--json"), QStringLiteral("--pubkey"), pem.fileName(), kRfcToken });
    EXPECT_EQ(hsWithPublicKey.exitCode, 1);
    EXPECT_EQ(hsWithPublicKey.json().value(QStringLiteral("outcome")).toString(), QStringLiteral("key-mismatch"));
}

TEST(CryptoCli, SignTakesPassphrasesOnlyFromFilesOrTheEnvironment)
{
    QTemporaryDir dir;
    const QString key = kKeys + QStringLiteral("rsa2048-encrypted.pem");
    const QStringList base { QStringLiteral("sign"), QStringLiteral("--key"), key, QStringLiteral("--claim"),
        QStringLiteral("sub=ann") };

    const CryptoCliRun missing = cli(base + QStringList { QStringLiteral("--json") });
    EXPECT_EQ(missing.exitCode, 2);
    EXPECT_EQ(missing.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
        QStringLiteral("key.passphrase-required"));

    const CryptoCliRun argument = cli(base + QStringList { QStringLiteral("--passphrase"), QStringLiteral("correct horse") });
    EXPECT_EQ(argument.exitCode, 2);
    EXPECT_FALSE(argument.err.contains(QStringLiteral("correct horse")));

    const CryptoCliRun fromFile = cli(
        base + QStringList { QStringLiteral("--passphrase-file"), writeFile(dir, QStringLiteral("pass"), "correct horse\n") });
    EXPECT_EQ(fromFile.exitCode, 0) << fromFile.err.toStdString();
    EXPECT_FALSE(fromFile.out.contains(QStringLiteral("correct horse")));
    EXPECT_EQ(
        cli({ QStringLiteral("verify"), QStringLiteral("--cert"), kKeys + QStringLiteral("rsa2048.crt"), fromFile.out.trimmed() })
            .exitCode,
        0);

    EXPECT_EQ(cli(base, {}, { { QStringLiteral("JWTFLOW_PASSPHRASE"), QStringLiteral("correct horse") } }).exitCode, 0);
    const CryptoCliRun wrong = cli(base + QStringList { QStringLiteral("--json") }, {},
        { { QStringLiteral("JWTFLOW_PASSPHRASE"), QStringLiteral("wrong horse") } });
    EXPECT_EQ(wrong.exitCode, 2);
    EXPECT_EQ(wrong.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
        QStringLiteral("key.wrong-passphrase"));
    EXPECT_FALSE(wrong.out.contains(QStringLiteral("wrong horse")));
}

TEST(CryptoCli, SignJsonAndClaimsFromAFile)
{
    QTemporaryDir dir;
    const QString claims
        = writeFile(dir, QStringLiteral("claims.json"), "{\"iss\":\"3MVG9\",\"sub\":\"ann\",\"exp\":2000000000}");
    const CryptoCliRun r
        = cli({ QStringLiteral("sign"), QStringLiteral("--json"), QStringLiteral("--key"), kKeys + QStringLiteral("rsa2048.p12"),
                  QStringLiteral("--claims"), claims, QStringLiteral("--claim"), QStringLiteral("sub=bob"),
                  QStringLiteral("--alg"), QStringLiteral("RS512") },
            {}, { { QStringLiteral("JWTFLOW_PASSPHRASE"), QStringLiteral("correct horse") } });
    ASSERT_EQ(r.exitCode, 0) << r.out.toStdString() << r.err.toStdString();
    const QJsonObject json = r.json();
    EXPECT_TRUE(json.value(QStringLiteral("ok")).toBool());
    EXPECT_EQ(json.value(QStringLiteral("alg")).toString(), QStringLiteral("RS512"));
    EXPECT_EQ(json.value(QStringLiteral("claims")).toObject().value(QStringLiteral("sub")).toString(), QStringLiteral("bob"));
    EXPECT_EQ(json.value(QStringLiteral("claims")).toObject().value(QStringLiteral("exp")).toInteger(), 2000000000);
    EXPECT_EQ(cli({ QStringLiteral("verify"), QStringLiteral("--cert"), kKeys + QStringLiteral("rsa2048.crt"),
                      json.value(QStringLiteral("token")).toString() })
                  .exitCode,
        0);

    const QString secret = writeFile(dir, QStringLiteral("secret"), "a shared HS256 secret of more than 32 bytes\n");
    const CryptoCliRun hs = cli({ QStringLiteral("sign"), QStringLiteral("--alg"), QStringLiteral("HS256"),
        QStringLiteral("--secret-file"), secret, QStringLiteral("--claim"), QStringLiteral("sub=ann") });
    ASSERT_EQ(hs.exitCode, 0) << hs.err.toStdString();
    EXPECT_EQ(cli({ QStringLiteral("verify"), QStringLiteral("--secret-file"), secret, hs.out.trimmed() }).exitCode, 0);

    EXPECT_EQ(cli({ QStringLiteral("sign"), QStringLiteral("--alg"), QStringLiteral("ES256K"), QStringLiteral("--claim"),
                      QStringLiteral("a=1") })
                  .exitCode,
        3);
    EXPECT_EQ(cli({ QStringLiteral("sign"), QStringLiteral("--key"), kKeys + QStringLiteral("rsa2048.crt"),
                      QStringLiteral("--claim"), QStringLiteral("a=1") })
                  .exitCode,
        2);
    EXPECT_EQ(cli({ QStringLiteral("sign"), QStringLiteral("--key"), kKeys + QStringLiteral("rsa2048-pkcs8.pem") }).exitCode,
        2); // no claims
}

TEST(CryptoCli, KeygenWritesTheSetAndRefusesToOverwrite)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QStringList args { QStringLiteral("keygen"), QStringLiteral("--json"), QStringLiteral("--out"), dir.path(),
        QStringLiteral("--name"), QStringLiteral("app"), QStringLiteral("--cn"), QStringLiteral("CLI test"),
        QStringLiteral("--days"), QStringLiteral("30") };
    const CryptoCliRun r = cli(args);
    ASSERT_EQ(r.exitCode, 0) << r.out.toStdString() << r.err.toStdString();
    const QJsonObject json = r.json();
    EXPECT_TRUE(json.value(QStringLiteral("ok")).toBool());
    EXPECT_EQ(json.value(QStringLiteral("bits")).toInt(), 2048);
    EXPECT_EQ(json.value(QStringLiteral("subject")).toString(), QStringLiteral("CN=CLI test"));
    const QJsonObject files = json.value(QStringLiteral("files")).toObject();
    const QString key = files.value(QStringLiteral("privateKey")).toString();
    EXPECT_TRUE(key.endsWith(QStringLiteral("app.key")));
    EXPECT_EQ(QFileInfo(key).permissions() & ~(QFileDevice::ReadUser | QFileDevice::WriteUser),
        QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    EXPECT_TRUE(QFileInfo::exists(files.value(QStringLiteral("certificatePem")).toString()));
    EXPECT_TRUE(QFileInfo::exists(files.value(QStringLiteral("certificateDer")).toString()));
    EXPECT_FALSE(r.out.contains(QStringLiteral("PRIVATE KEY")));

    // The generated key signs, the generated certificate verifies.
    const CryptoCliRun token
        = cli({ QStringLiteral("sign"), QStringLiteral("--key"), key, QStringLiteral("--claim"), QStringLiteral("sub=ann") });
    ASSERT_EQ(token.exitCode, 0) << token.err.toStdString();
    EXPECT_EQ(cli({ QStringLiteral("verify"), QStringLiteral("--cert"), files.value(QStringLiteral("certificateDer")).toString(),
                      token.out.trimmed() })
                  .exitCode,
        0);

    const CryptoCliRun again = cli(args);
    EXPECT_EQ(again.exitCode, 2);
    EXPECT_EQ(again.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
        QStringLiteral("keygen.exists"));
    EXPECT_EQ(cli(args + QStringList { QStringLiteral("--force") }).exitCode, 0);
    EXPECT_EQ(
        cli({ QStringLiteral("keygen"), QStringLiteral("--bits"), QStringLiteral("1024"), QStringLiteral("--out"), dir.path() })
            .exitCode,
        2);

    const CryptoCliRun text = cli(
        { QStringLiteral("keygen"), QStringLiteral("--out"), dir.path(), QStringLiteral("--name"), QStringLiteral("human") });
    EXPECT_EQ(text.exitCode, 0);
    EXPECT_TRUE(text.out.contains(QStringLiteral("human.crt"))) << text.out.toStdString();
    EXPECT_TRUE(text.out.contains(QStringLiteral("SHA-256:")));
}

TEST(CryptoCli, TheOverviewListsTheCryptoCommands)
{
    const CryptoCliRun help = cli({ QStringLiteral("--help") });
    for (const char *name : { "verify", "sign", "keygen" })
        EXPECT_TRUE(help.out.contains(QLatin1String("  ") + QLatin1String(name))) << name;
    EXPECT_EQ(cli({ QStringLiteral("verify"), QStringLiteral("--help") }).exitCode, 0);
}

// The PKCS#12 file on which qca-ossl's own import crashed (a damaged certificate in its chain):
// sign and exchange end with the specific error, exit code 2, never a crash.
TEST(CryptoCli, Pkcs12WithADamagedChainIsAnErrorInSignAndExchange)
{
    const QString p12 = kKeys + QStringLiteral("rsa2048-damaged-chain.p12");
    const QMap<QString, QString> passphrase { { QStringLiteral("JWTFLOW_PASSPHRASE"), QStringLiteral("correct horse") } };
    const CryptoCliRun sign = cli({ QStringLiteral("sign"), QStringLiteral("--json"), QStringLiteral("--key"), p12,
                                      QStringLiteral("--claim"), QStringLiteral("sub=ann") },
        {}, passphrase);
    EXPECT_EQ(sign.exitCode, 2) << sign.out.toStdString() << sign.err.toStdString();
    EXPECT_EQ(sign.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
        QStringLiteral("key.bad-certificate"));
    const CryptoCliRun exchange
        = cli({ QStringLiteral("exchange"), QStringLiteral("--key"), p12, QStringLiteral("--client-id"), QStringLiteral("3MVG9x"),
                  QStringLiteral("--username"), QStringLiteral("ann@example.com"), QStringLiteral("--env"),
                  QStringLiteral("http://127.0.0.1:9") },
            {}, passphrase);
    EXPECT_EQ(exchange.exitCode, 2) << exchange.out.toStdString() << exchange.err.toStdString();
    EXPECT_TRUE(exchange.err.contains(QStringLiteral("certificate 2 of 2"))) << exchange.err.toStdString();
}

// exchange takes --passphrase-file like sign, reads only its first line, and without a passphrase
// its hint names the CLI's ways to give one, not the window's.
TEST(CryptoCli, ExchangeTakesThePassphraseFromTheFirstLineOfAFile)
{
    QTemporaryDir dir;
    const QStringList base { QStringLiteral("exchange"), QStringLiteral("--key"), kKeys + QStringLiteral("rsa2048-encrypted.pem"),
        QStringLiteral("--client-id"), QStringLiteral("3MVG9x"), QStringLiteral("--username"), QStringLiteral("ann@example.com"),
        QStringLiteral("--env"), QStringLiteral("http://127.0.0.1:9"), QStringLiteral("--curl") };
    const CryptoCliRun missing = cli(base);
    EXPECT_EQ(missing.exitCode, 2);
    EXPECT_TRUE(missing.err.contains(QStringLiteral("--passphrase-file"))) << missing.err.toStdString();
    const CryptoCliRun fromFile = cli(base
        + QStringList {
            QStringLiteral("--passphrase-file"), writeFile(dir, QStringLiteral("pass"), "correct horse\nsecond line\n") });
    EXPECT_EQ(fromFile.exitCode, 0) << fromFile.err.toStdString();
    EXPECT_TRUE(fromFile.out.contains(QStringLiteral("curl"))) << fromFile.out.toStdString();
}

// exchange warns as sign does: a weak key, and a --cert that is not the key's.
TEST(CryptoCli, ExchangeWarnsAboutAWeakKeyAndAForeignCertificate)
{
    const QStringList base { QStringLiteral("exchange"), QStringLiteral("--client-id"), QStringLiteral("3MVG9x"),
        QStringLiteral("--username"), QStringLiteral("ann@example.com"), QStringLiteral("--env"),
        QStringLiteral("http://127.0.0.1:9"), QStringLiteral("--curl") };
    const CryptoCliRun weak = cli(base + QStringList { QStringLiteral("--key"), kKeys + QStringLiteral("rsa1024.pem") });
    EXPECT_EQ(weak.exitCode, 0) << weak.err.toStdString();
    EXPECT_TRUE(weak.err.contains(QStringLiteral("warning:"))) << weak.err.toStdString();
    EXPECT_TRUE(weak.err.contains(QStringLiteral("1024"))) << weak.err.toStdString();
    const CryptoCliRun foreign = cli(base
        + QStringList { QStringLiteral("--key"), kKeys + QStringLiteral("rsa2048-pkcs8.pem"), QStringLiteral("--cert"),
            kKeys + QStringLiteral("other2048.crt") });
    EXPECT_EQ(foreign.exitCode, 0) << foreign.err.toStdString();
    EXPECT_TRUE(foreign.err.contains(QStringLiteral("does not belong"))) << foreign.err.toStdString();
}

// Secrets need never be arguments (visible in /proc/PID/cmdline): call takes --token-file and
// JWTFLOW_ACCESS_TOKEN, exchange --assertion-file and JWTFLOW_ASSERTION (first line of the file).
TEST(CryptoCli, TokensAndAssertionsComeFromFilesOrTheEnvironment)
{
    QTemporaryDir dir;
    const QByteArray token = "00Dxx0000001gPL!AR8AQJXg5oj8jXSgxJfA0lBog.39AsX";
    const QStringList call { QStringLiteral("call"), QStringLiteral("--instance"),
        QStringLiteral("https://acme.my.salesforce.com"), QStringLiteral("--curl"), QStringLiteral("versions") };
    const CryptoCliRun fromFile = cli(
        call + QStringList { QStringLiteral("--token-file"), writeFile(dir, QStringLiteral("token"), token + "\nnoise\n") });
    EXPECT_EQ(fromFile.exitCode, 0) << fromFile.err.toStdString();
    EXPECT_TRUE(fromFile.out.contains(QStringLiteral("00Dxx0000001gPL!****"))) << fromFile.out.toStdString();
    const CryptoCliRun fromEnvironment
        = cli(call, {}, { { QStringLiteral("JWTFLOW_ACCESS_TOKEN"), QString::fromLatin1(token) } });
    EXPECT_EQ(fromEnvironment.exitCode, 0) << fromEnvironment.err.toStdString();
    EXPECT_TRUE(fromEnvironment.out.contains(QStringLiteral("00Dxx0000001gPL!****"))) << fromEnvironment.out.toStdString();

    const QByteArray assertion = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbm4ifQ.c2lnbmF0dXJlLXNlY3JldA";
    const QStringList exchange { QStringLiteral("exchange"), QStringLiteral("--host"),
        QStringLiteral("https://login.salesforce.com"), QStringLiteral("--curl") };
    const CryptoCliRun assertionFile = cli(exchange
        + QStringList { QStringLiteral("--assertion-file"), writeFile(dir, QStringLiteral("assertion"), assertion + "\n") });
    EXPECT_EQ(assertionFile.exitCode, 0) << assertionFile.err.toStdString();
    EXPECT_TRUE(assertionFile.out.contains(QStringLiteral("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbm4ifQ.****")))
        << assertionFile.out.toStdString();
    const CryptoCliRun assertionEnvironment
        = cli(exchange, {}, { { QStringLiteral("JWTFLOW_ASSERTION"), QString::fromLatin1(assertion) } });
    EXPECT_EQ(assertionEnvironment.exitCode, 0) << assertionEnvironment.err.toStdString();
    EXPECT_TRUE(assertionEnvironment.out.contains(QStringLiteral("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbm4ifQ.****")))
        << assertionEnvironment.out.toStdString();
}

// A FIFO nobody writes to, given as a passphrase or token file, is refused at once (it would block).
TEST(CryptoCli, AFifoAsASecretFileIsRefusedNotWaitedOn)
{
    QTemporaryDir dir;
    const QString fifo = dir.filePath(QStringLiteral("fifo"));
    ASSERT_EQ(::mkfifo(fifo.toLocal8Bit().constData(), 0600), 0);
    const CryptoCliRun sign
        = cli({ QStringLiteral("sign"), QStringLiteral("--key"), kKeys + QStringLiteral("rsa2048-encrypted.pem"),
            QStringLiteral("--passphrase-file"), fifo, QStringLiteral("--claim"), QStringLiteral("sub=ann") });
    EXPECT_EQ(sign.exitCode, 2) << sign.err.toStdString();
    EXPECT_TRUE(sign.err.contains(QStringLiteral("not a regular file"))) << sign.err.toStdString();
    const CryptoCliRun call = cli({ QStringLiteral("call"), QStringLiteral("--token-file"), fifo, QStringLiteral("--instance"),
        QStringLiteral("https://acme.my.salesforce.com"), QStringLiteral("--curl"), QStringLiteral("versions") });
    EXPECT_EQ(call.exitCode, 2) << call.err.toStdString();
}

TEST(CryptoCli, KeygenSignAndVerifyWithEcAndEd25519Keys)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    for (const auto &[type, alg] : { std::pair { "ec-p256", "ES256" }, std::pair { "ed25519", "EdDSA" } }) {
        SCOPED_TRACE(type);
        const CryptoCliRun keygen
            = cli({ QStringLiteral("keygen"), QStringLiteral("--json"), QStringLiteral("--type"), QString::fromLatin1(type),
                QStringLiteral("--out"), dir.path(), QStringLiteral("--name"), QString::fromLatin1(type) });
        ASSERT_EQ(keygen.exitCode, 0) << keygen.out.toStdString() << keygen.err.toStdString();
        const QJsonObject json = keygen.json();
        EXPECT_EQ(json.value(QStringLiteral("algorithms")).toArray().first().toString(), QString::fromLatin1(alg));
        const QJsonObject files = json.value(QStringLiteral("files")).toObject();
        const QString key = files.value(QStringLiteral("privateKey")).toString();
        const CryptoCliRun token = cli({ QStringLiteral("sign"), QStringLiteral("--key"), key, QStringLiteral("--alg"),
            QString::fromLatin1(alg), QStringLiteral("--claim"), QStringLiteral("sub=ann") });
        ASSERT_EQ(token.exitCode, 0) << token.err.toStdString();
        const CryptoCliRun verified = cli({ QStringLiteral("verify"), QStringLiteral("--json"), QStringLiteral("--cert"),
            files.value(QStringLiteral("certificatePem")).toString(), token.out.trimmed() });
        EXPECT_EQ(verified.exitCode, 0) << verified.out.toStdString();
        EXPECT_EQ(verified.json().value(QStringLiteral("alg")).toString(), QString::fromLatin1(alg));
        // The key does not fit RS256 (the default alg): bad input, with the algorithm it does fit.
        const CryptoCliRun rs
            = cli({ QStringLiteral("sign"), QStringLiteral("--key"), key, QStringLiteral("--claim"), QStringLiteral("sub=ann") });
        EXPECT_EQ(rs.exitCode, 2);
        EXPECT_TRUE(rs.err.contains(QString::fromLatin1(alg))) << rs.err.toStdString();
    }
    // A PS256 token verifies with the RSA certificate; ES256 with a P-384 key is a key mismatch (1).
    const CryptoCliRun ps = cli({ QStringLiteral("sign"), QStringLiteral("--key"), kKeys + QStringLiteral("rsa2048-pkcs8.pem"),
        QStringLiteral("--alg"), QStringLiteral("PS256"), QStringLiteral("--claim"), QStringLiteral("sub=ann") });
    ASSERT_EQ(ps.exitCode, 0) << ps.err.toStdString();
    EXPECT_EQ(cli({ QStringLiteral("verify"), QStringLiteral("--cert"), kKeys + QStringLiteral("rsa2048.crt"), ps.out.trimmed() })
                  .exitCode,
        0);
    const CryptoCliRun es = cli({ QStringLiteral("sign"), QStringLiteral("--key"), kKeys + QStringLiteral("ec-p256-pkcs8.pem"),
        QStringLiteral("--alg"), QStringLiteral("ES256"), QStringLiteral("--claim"), QStringLiteral("sub=ann") });
    ASSERT_EQ(es.exitCode, 0) << es.err.toStdString();
    EXPECT_EQ(
        cli({ QStringLiteral("verify"), QStringLiteral("--pubkey"), kKeys + QStringLiteral("ec-p384.pem"), es.out.trimmed() })
            .exitCode,
        2)
        << "a private key given to verify is bad input";
    EXPECT_EQ(cli({ QStringLiteral("verify"), QStringLiteral("--jwk"), kKeys + QStringLiteral("ec.jwk.json"), es.out.trimmed() })
                  .exitCode,
        1);
    EXPECT_EQ(cli({ QStringLiteral("verify"), QStringLiteral("--pubkey"), kKeys + QStringLiteral("ec-p256-public.pem"),
                      es.out.trimmed() })
                  .exitCode,
        0);
    EXPECT_EQ(
        cli({ QStringLiteral("keygen"), QStringLiteral("--type"), QStringLiteral("dsa"), QStringLiteral("--out"), dir.path() })
            .exitCode,
        2);
    // --help lists every algorithm and key type.
    const CryptoCliRun signHelp = cli({ QStringLiteral("sign"), QStringLiteral("--help") });
    for (const char *name : { "PS256", "ES256", "ES384", "ES512", "EdDSA", "RS256", "HS256" })
        EXPECT_TRUE(signHelp.out.contains(QLatin1String(name))) << name;
    EXPECT_TRUE(cli({ QStringLiteral("verify"), QStringLiteral("--help") }).out.contains(QStringLiteral("ES256/384/512")));
    EXPECT_TRUE(cli({ QStringLiteral("keygen"), QStringLiteral("--help") }).out.contains(QStringLiteral("ed25519")));
}
