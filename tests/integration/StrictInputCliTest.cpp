// jwtflow-cli reads a token as a strict server does: the whole input whatever its source (a pipe
// delivers in chunks; a single read() used to cut it near 64 KiB), one size cap for every source,
// and the same answer every time. Also `sign` reproducing RFC 7515 A.2 byte for byte, and the
// verdicts and exit codes `verify` and `inspect` give for strict JSON, token kinds and kids.
#include "core/InputReader.h"
#include "support/CliProcess.h"
#include "token/Base64Url.h"
#include "token/Jwt.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QProcess>
#include <QTemporaryDir>
#include <gtest/gtest.h>
#include <sys/stat.h>

using jwtflow::Base64Url;
using testsupport::ProcessRun;

namespace {

const QByteArray kSecret = QByteArrayLiteral("strict-input-test-secret-32bytes");
// RFC 7515 A.2.1's RS256 token, as printed in the RFC.
const QByteArray kA2Token = "eyJhbGciOiJSUzI1NiJ9"
                            ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
                            ".cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_"
                            "O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAyn"
                            "RFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-"
                            "eOkHWEsqtFZESc6BfI7noOPqvhJ1ph"
                            "CnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw";

ProcessRun cli(const QStringList &arguments, const QByteArray &input = {}, const QString &inputFile = {})
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("JWTFLOW_PASSPHRASE"));
    env.insert(QStringLiteral("JWTFLOW_SECRET"), QString::fromLatin1(kSecret));
    process.setProcessEnvironment(env);
    if (!inputFile.isEmpty())
        process.setStandardInputFile(inputFile); // standard input is the file itself, not a pipe
    process.start(QStringLiteral(JWTFLOW_CLI_PATH), arguments);
    if (inputFile.isEmpty()) {
        process.write(input);
        process.closeWriteChannel();
    }
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        return { -1, {}, QStringLiteral("timed out") };
    }
    return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
        QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError()) };
}

QByteArray hs256(const QByteArray &header, const QByteArray &payload)
{
    const QByteArray input = Base64Url::encode(header) + '.' + Base64Url::encode(payload);
    return input + '.' + Base64Url::encode(QMessageAuthenticationCode::hash(input, kSecret, QCryptographicHash::Sha256));
}

// A valid HS256 token of about `bytes` characters.
QByteArray tokenOfSize(qsizetype bytes)
{
    const qsizetype padding = bytes * 3 / 4 - 80;
    return hs256(R"({"alg":"HS256","typ":"JWT"})", R"({"sub":"ann@acme.com","pad":")" + QByteArray(padding, 'p') + "\"}");
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &data)
{
    QFile file(dir.filePath(name));
    EXPECT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(data);
    return file.fileName();
}

// The outcome that matters, from --json: ok, outcome or error code.
QString answer(const ProcessRun &run)
{
    const QJsonObject json = run.json();
    const QString what = json.contains(QStringLiteral("error"))
        ? json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString()
        : json.value(QStringLiteral("outcome")).toString();
    return QStringLiteral("%1 %2").arg(run.exitCode).arg(what);
}

// The answer for a token given as an argument, reached in-process: Linux refuses a single
// argument longer than 128 KiB (MAX_ARG_STRLEN) before any program starts, so a 200 KB token
// cannot be an argument of jwtflow-cli at all; the reader and parser it would meet are these.
QString argumentAnswer(const QByteArray &token)
{
    const auto read = jwtflow::InputReader::fromArgument(token, jwtflow::InputReader::token());
    if (!read)
        return QStringLiteral("2 ") + read.error().code;
    const auto jwt = jwtflow::Jwt::parse(QString::fromUtf8(read.value()));
    return jwt ? QStringLiteral("0 verified") : QStringLiteral("2 ") + jwt.error().code;
}

} // namespace

TEST(StrictInputCli, SameAnswerFromPipeFileAndArgumentTwentyTimes)
{
    QTemporaryDir dir;
    struct Size {
        qsizetype bytes;
        QString expected;
    };
    for (const Size &size :
        { Size { 200 * 1000, QStringLiteral("0 verified") }, Size { 2 * 1000 * 1000, QStringLiteral("2 input.too-large") } }) {
        const QByteArray token = tokenOfSize(size.bytes);
        ASSERT_GT(token.size(), size.bytes * 9 / 10);
        const QString file = writeFile(dir, QStringLiteral("token-%1").arg(size.bytes), token + '\n');
        for (int i = 0; i < 20; ++i) {
            EXPECT_EQ(answer(cli({ QStringLiteral("verify"), QStringLiteral("--json") }, token + '\n')), size.expected)
                << "pipe, run " << i;
            EXPECT_EQ(answer(cli({ QStringLiteral("verify"), QStringLiteral("--json") }, {}, file)), size.expected)
                << "file, run " << i;
        }
        const QString viaArgument = argumentAnswer(token);
        EXPECT_EQ(viaArgument.section(u' ', 0, 0), size.expected.section(u' ', 0, 0));
        if (size.expected.startsWith(u'2')) {
            EXPECT_EQ(viaArgument, size.expected);
        }
    }
}

TEST(StrictInputCli, TrailingGarbageAfterSpacesIsRefusedFromEverySource)
{
    QTemporaryDir dir;
    const QByteArray text = hs256(R"({"alg":"HS256"})", R"({"sub":"ann"})") + QByteArray(100 * 1024, ' ') + ".garbage";
    const QString file = writeFile(dir, QStringLiteral("garbage"), text);
    const QString pipe = answer(cli({ QStringLiteral("verify"), QStringLiteral("--json") }, text));
    EXPECT_TRUE(pipe.startsWith(QStringLiteral("2 "))) << pipe.toStdString();
    EXPECT_EQ(answer(cli({ QStringLiteral("verify"), QStringLiteral("--json") }, {}, file)), pipe);
    EXPECT_EQ(argumentAnswer(text), pipe.section(u' ', 0, 0) + u' ' + pipe.section(u' ', 1));
}

TEST(StrictInputCli, HelpStatesTheCap)
{
    for (const char *command : { "decode", "verify", "inspect" }) {
        const ProcessRun run = cli({ QString::fromLatin1(command), QStringLiteral("--help") });
        EXPECT_EQ(run.exitCode, 0);
        EXPECT_TRUE(run.out.contains(QStringLiteral("1 MiB"))) << command;
    }
}

TEST(StrictInputCli, FifoSecretFileIsRefusedNotWaitedOn)
{
    QTemporaryDir dir;
    const QString fifo = dir.filePath(QStringLiteral("secret.fifo"));
    ASSERT_EQ(::mkfifo(fifo.toLocal8Bit().constData(), 0600), 0);
    const QByteArray token = hs256(R"({"alg":"HS256"})", R"({"sub":"ann"})");
    const ProcessRun run = cli({ QStringLiteral("verify"), QStringLiteral("--json"), QStringLiteral("--secret-file"), fifo,
        QString::fromLatin1(token) });
    EXPECT_EQ(run.exitCode, 2) << run.err.toStdString();
    EXPECT_TRUE(run.json()
            .value(QStringLiteral("error"))
            .toObject()
            .value(QStringLiteral("message"))
            .toString()
            .contains(QStringLiteral("pipe")))
        << run.out.toStdString();
    const QString claims = dir.filePath(QStringLiteral("claims.fifo"));
    ASSERT_EQ(::mkfifo(claims.toLocal8Bit().constData(), 0600), 0);
    EXPECT_EQ(
        cli({ QStringLiteral("sign"), QStringLiteral("--alg"), QStringLiteral("HS256"), QStringLiteral("--claims"), claims })
            .exitCode,
        2);
}

TEST(StrictInputCli, InvalidJsonUnderAValidSignatureIsNotVerified)
{
    const QByteArray token = hs256(R"({"alg":"HS\256"})", R"({"sub":"ann"})");
    const ProcessRun run = cli({ QStringLiteral("verify"), QStringLiteral("--json"), QString::fromLatin1(token) });
    EXPECT_EQ(run.exitCode, 1) << run.out.toStdString();
    EXPECT_EQ(run.json().value(QStringLiteral("outcome")).toString(), QStringLiteral("json-invalid"));
    EXPECT_TRUE(run.json()
            .value(QStringLiteral("message"))
            .toString()
            .startsWith(QStringLiteral("Signature valid, but the JSON is not valid; servers will reject it")));
    EXPECT_TRUE(run.json().value(QStringLiteral("message")).toString().contains(QStringLiteral("line 1, column 11")))
        << run.out.toStdString();
    // inspect, with no key, does not call it fine either.
    EXPECT_NE(cli({ QStringLiteral("inspect"), QStringLiteral("--json"), QString::fromLatin1(token) }).exitCode, 0);
}

TEST(StrictInputCli, InspectRefusesWhatVerifyRefusesWithoutAKey)
{
    const QByteArray claims = R"({"sub":"ann"})";
    const QByteArray none = Base64Url::encode(R"({"alg":"none"})") + '.' + Base64Url::encode(claims) + '.';
    const QByteArray stripped = Base64Url::encode(R"({"alg":"HS256"})") + '.' + Base64Url::encode(claims) + '.';
    const QByteArray duplicateAlg = hs256(R"({"alg":"none","alg":"HS256"})", claims);
    for (const QByteArray &token : { none, stripped, duplicateAlg }) {
        const ProcessRun inspect = cli({ QStringLiteral("inspect"), QStringLiteral("--json"), QString::fromLatin1(token) });
        EXPECT_EQ(inspect.exitCode, 1) << token.toStdString() << inspect.out.toStdString();
        EXPECT_FALSE(inspect.json().value(QStringLiteral("ok")).toBool(true));
    }
    const ProcessRun decode = cli({ QStringLiteral("decode"), QStringLiteral("--json"), QString::fromLatin1(none + "c2ln") });
    EXPECT_EQ(decode.json().value(QStringLiteral("form")).toString(), QStringLiteral("unsecured"));
    EXPECT_FALSE(decode.json().value(QStringLiteral("kind")).toString().startsWith(QStringLiteral("signed")));
}

TEST(StrictInputCli, UnsupportedAlgorithmsExitThreeWithTheirOwnName)
{
    // Algorithms this build does not verify are refused before any key file is read: exit 3, by
    // their own name (a key file that would be bad input for verify changes nothing).
    const QByteArray claims = Base64Url::encode(R"({"sub":"ann"})");
    for (const char *alg : { "ES256K", "Ed25519", "Ed448" }) {
        const QByteArray token = Base64Url::encode("{\"alg\":\"" + QByteArray(alg) + "\"}") + '.' + claims + '.'
            + Base64Url::encode(QByteArray(96, 1));
        const ProcessRun run = cli({ QStringLiteral("verify"), QStringLiteral("--json"), QStringLiteral("--pubkey"),
            QStringLiteral(JWTFLOW_TEST_DATA "/fuzz/fuzz_keys/ec-p256-pkcs8.pem"), QString::fromLatin1(token) });
        EXPECT_EQ(run.json().value(QStringLiteral("outcome")).toString(), QStringLiteral("unsupported"))
            << alg << ": " << run.out.toStdString();
        EXPECT_EQ(run.exitCode, 3) << alg;
        EXPECT_TRUE(run.json().value(QStringLiteral("message")).toString().contains(QLatin1String(alg))) << run.out.toStdString();
    }
}

TEST(StrictInputCli, FivePartsWithoutEncAndNestedTokensAreNamed)
{
    const QByteArray claims = R"({"sub":"ann"})";
    const QByteArray fivePart = Base64Url::encode(R"({"alg":"RS256"})") + '.' + Base64Url::encode(claims) + ".c2ln.YQ.Yg";
    const ProcessRun malformed = cli({ QStringLiteral("decode"), QStringLiteral("--json"), QString::fromLatin1(fivePart) });
    EXPECT_EQ(malformed.exitCode, 2);
    EXPECT_EQ(malformed.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
        QStringLiteral("jwt.malformed-five-part"));

    const QByteArray inner = Base64Url::encode(R"({"alg":"none"})") + '.' + Base64Url::encode(claims) + '.';
    const QByteArray nested = hs256(R"({"alg":"HS256","cty":"JWT"})", inner);
    const ProcessRun decode = cli({ QStringLiteral("decode"), QStringLiteral("--json"), QString::fromLatin1(nested) });
    EXPECT_EQ(decode.exitCode, 0) << decode.out.toStdString();
    EXPECT_EQ(decode.json().value(QStringLiteral("form")).toString(), QStringLiteral("nested-jwt"));
    EXPECT_TRUE(decode.json().value(QStringLiteral("inner")).toObject().value(QStringLiteral("unsigned")).toBool());
    EXPECT_EQ(decode.json()
                  .value(QStringLiteral("inner"))
                  .toObject()
                  .value(QStringLiteral("claims"))
                  .toObject()
                  .value(QStringLiteral("sub"))
                  .toString(),
        QStringLiteral("ann"));
    const ProcessRun verify = cli({ QStringLiteral("verify"), QStringLiteral("--json"), QString::fromLatin1(nested) });
    EXPECT_EQ(verify.exitCode, 0) << verify.out.toStdString();
    EXPECT_TRUE(verify.out.contains(QStringLiteral("inner token is unsigned")));
}

TEST(StrictInputCli, NonStringKidAndJwksWithoutKid)
{
    QTemporaryDir dir;
    const QByteArray claims = R"({"sub":"ann"})";
    const ProcessRun numericKid = cli(
        { QStringLiteral("verify"), QStringLiteral("--json"), QString::fromLatin1(hs256(R"({"alg":"HS256","kid":7})", claims)) });
    EXPECT_EQ(numericKid.exitCode, 1);
    EXPECT_TRUE(numericKid.json().value(QStringLiteral("message")).toString().contains(QStringLiteral("kid is not a string")));

    // RFC 7515 A.2's RS256 token has no kid. Its key in a set beside an HMAC key: one key fits
    // RS256, so it is used, and the answer says so. Beside a second RSA key: none is chosen.
    QFile jwkFile(QStringLiteral(JWTFLOW_TEST_DATA "/keys/rfc7515-a2.jwk.json"));
    ASSERT_TRUE(jwkFile.open(QIODevice::ReadOnly));
    const QJsonObject a2 = QJsonDocument::fromJson(jwkFile.readAll()).object();
    const QJsonObject a2Public { { QStringLiteral("kty"), QStringLiteral("RSA") },
        { QStringLiteral("n"), a2.value(QStringLiteral("n")) }, { QStringLiteral("e"), a2.value(QStringLiteral("e")) } };
    const QJsonObject oct { { QStringLiteral("kty"), QStringLiteral("oct") }, { QStringLiteral("kid"), QStringLiteral("hmac") },
        { QStringLiteral("k"), QStringLiteral("c2VjcmV0") } };
    QJsonObject otherRsa = a2Public;
    otherRsa.insert(QStringLiteral("kid"), QStringLiteral("other"));
    const QString oneFits = writeFile(dir, QStringLiteral("one.jwks"),
        QJsonDocument(QJsonObject { { QStringLiteral("keys"), QJsonArray { oct, a2Public } } }).toJson());
    const QString twoFit = writeFile(dir, QStringLiteral("two.jwks"),
        QJsonDocument(QJsonObject { { QStringLiteral("keys"), QJsonArray { a2Public, otherRsa } } }).toJson());
    const QString token = QString::fromLatin1(kA2Token);
    const ProcessRun one = cli({ QStringLiteral("verify"), QStringLiteral("--json"), QStringLiteral("--jwks"), oneFits, token });
    EXPECT_EQ(one.exitCode, 0) << one.out.toStdString();
    EXPECT_TRUE(one.json().value(QStringLiteral("keyChoice")).toString().contains(QStringLiteral("only key")))
        << one.out.toStdString();
    const ProcessRun two = cli({ QStringLiteral("verify"), QStringLiteral("--json"), QStringLiteral("--jwks"), twoFit, token });
    EXPECT_EQ(two.exitCode, 2) << two.out.toStdString();
    EXPECT_EQ(two.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
        QStringLiteral("key.jwks-kid-required"));
}

// RFC 7515 Appendix A.2: the header and payload as the RFC writes them, signed with its RSA key
// (tests/data/keys/rfc7515-a2.jwk.json), give the RFC's token byte for byte (RSASSA-PKCS1-v1_5 is deterministic).
TEST(StrictInputCli, SignReproducesRfc7515AppendixA2)
{
    const QByteArray header = R"({"alg":"RS256"})";
    const QByteArray payload = "{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}";
    const QByteArray expected = kA2Token;
    QTemporaryDir dir;
    const QString headerFile = writeFile(dir, QStringLiteral("header.json"), header + '\n');
    const QString payloadFile = writeFile(dir, QStringLiteral("payload.json"), payload);
    const ProcessRun run = cli({ QStringLiteral("sign"), QStringLiteral("--header"), headerFile, QStringLiteral("--claims"),
        payloadFile, QStringLiteral("--key"), QStringLiteral(JWTFLOW_TEST_DATA "/keys/rfc7515-a2.jwk.json") });
    ASSERT_EQ(run.exitCode, 0) << run.err.toStdString();
    EXPECT_EQ(run.out.trimmed().toLatin1(), expected);
}
