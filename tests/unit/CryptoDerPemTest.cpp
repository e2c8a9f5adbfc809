#include "crypto/Der.h"
#include "crypto/KeyFormat.h"
#include "crypto/Pem.h"

#include <QTimeZone>

#include <gtest/gtest.h>

using namespace jwtflow;

TEST(Der, WritesAndReadsBackNestedStructures)
{
    const QByteArray big(300, 'x');
    const QByteArray der
        = Der::sequence(Der::smallInteger(3) + Der::octetString(big) + Der::oid(QStringLiteral("1.2.840.113549.1.1.11")));
    EXPECT_EQ(Der::checkComplete(der), Der::Status::Ok);
    Der::Element top;
    ASSERT_EQ(Der::read(der, 0, top), Der::Status::Ok);
    EXPECT_EQ(top.tag, Der::Sequence);
    bool ok = false;
    const auto parts = Der::children(top, &ok);
    ASSERT_TRUE(ok);
    ASSERT_EQ(parts.size(), 3);
    EXPECT_EQ(parts[0].content, QByteArray(1, 3));
    EXPECT_EQ(parts[1].content, big);
    EXPECT_EQ(Der::oidToString(parts[2].content), QStringLiteral("1.2.840.113549.1.1.11"));
}

TEST(Der, IntegersGetASignByteOnlyWhenNeeded)
{
    EXPECT_EQ(Der::unsignedInteger(QByteArray::fromHex("0080")), QByteArray::fromHex("02020080"));
    EXPECT_EQ(Der::unsignedInteger(QByteArray::fromHex("80")), QByteArray::fromHex("02020080"));
    EXPECT_EQ(Der::unsignedInteger(QByteArray::fromHex("00007f")), QByteArray::fromHex("02017f"));
    EXPECT_EQ(Der::smallInteger(0), QByteArray::fromHex("020100"));
    EXPECT_EQ(Der::smallInteger(65537), QByteArray::fromHex("0203010001"));
}

TEST(Der, TellsTruncatedFromMalformed)
{
    const QByteArray der = Der::sequence(Der::octetString(QByteArray(200, 'a')));
    EXPECT_EQ(Der::checkComplete(der.left(100)), Der::Status::Truncated);
    EXPECT_EQ(Der::checkComplete(der + 'x'), Der::Status::Malformed);
    EXPECT_EQ(Der::checkComplete(QByteArray::fromHex("3080")), Der::Status::Malformed); // indefinite length is BER
    EXPECT_EQ(Der::checkComplete(QByteArray()), Der::Status::Malformed);
}

TEST(Der, WritesRfc5280Times)
{
    EXPECT_EQ(
        Der::time(QDateTime(QDate(2030, 1, 2), QTime(3, 4, 5), QTimeZone::utc())), Der::encode(Der::UtcTime, "300102030405Z"));
    EXPECT_EQ(Der::time(QDateTime(QDate(2050, 1, 2), QTime(3, 4, 5), QTimeZone::utc())),
        Der::encode(Der::GeneralizedTime, "20500102030405Z"));
}

TEST(Der, ReadsBothTimeFormsAsUtc)
{
    Der::Element e;
    ASSERT_EQ(Der::read(Der::encode(Der::UtcTime, "491231235959Z"), 0, e), Der::Status::Ok);
    EXPECT_EQ(Der::parseTime(e), QDateTime(QDate(2049, 12, 31), QTime(23, 59, 59), QTimeZone::utc()));
    ASSERT_EQ(Der::read(Der::encode(Der::UtcTime, "500101000000Z"), 0, e), Der::Status::Ok);
    EXPECT_EQ(Der::parseTime(e), QDateTime(QDate(1950, 1, 1), QTime(0, 0), QTimeZone::utc()));
    ASSERT_EQ(Der::read(Der::encode(Der::GeneralizedTime, "21261102180553Z"), 0, e), Der::Status::Ok);
    EXPECT_EQ(Der::parseTime(e), QDateTime(QDate(2126, 11, 2), QTime(18, 5, 53), QTimeZone::utc()));
    ASSERT_EQ(Der::read(Der::encode(Der::GeneralizedTime, "21261102180553"), 0, e), Der::Status::Ok);
    EXPECT_FALSE(Der::parseTime(e).isValid()); // no Z: not DER
}

TEST(KeyFormat, RecognisesStructuresByShape)
{
    const QByteArray rsaAlg = Der::sequence(Der::oid(QStringLiteral("1.2.840.113549.1.1.1")) + Der::null());
    const QByteArray ecAlg
        = Der::sequence(Der::oid(QStringLiteral("1.2.840.10045.2.1")) + Der::oid(QStringLiteral("1.2.840.10045.3.1.7")));
    const KeyFormat spki = KeyFormat::detect(Der::sequence(rsaAlg + Der::bitString("key")));
    EXPECT_EQ(spki.structure, KeyFormat::Structure::SubjectPublicKeyInfo);
    EXPECT_EQ(spki.keyType, KeyFormat::KeyType::Rsa);
    const KeyFormat ec = KeyFormat::detect(Der::sequence(Der::smallInteger(0) + ecAlg + Der::octetString("key")));
    EXPECT_EQ(ec.structure, KeyFormat::Structure::PrivateKeyInfo);
    EXPECT_EQ(ec.keyType, KeyFormat::KeyType::Ec);
    EXPECT_EQ(KeyFormat::detect(Der::sequence(Der::smallInteger(1) + Der::smallInteger(2))).structure,
        KeyFormat::Structure::RsaPublicKey);
    EXPECT_EQ(KeyFormat::detect(Der::sequence(Der::smallInteger(3) + Der::sequence({}) + Der::sequence({}))).structure,
        KeyFormat::Structure::Pkcs12);
    EXPECT_EQ(KeyFormat::detect("not der").structure, KeyFormat::Structure::Unknown);
}

TEST(Pem, ParsesBlocksWithHeadersAndCrlf)
{
    const QByteArray body = Der::sequence(Der::smallInteger(1));
    const QByteArray text = "junk before\r\n"
        + Pem::encode("THING", body, { { "Proc-Type", "4,ENCRYPTED" }, { "DEK-Info", "AES-256-CBC,00" } }).replace("\n", "\r\n")
        + Pem::encode("OTHER", body);
    const auto blocks = Pem::parse(text, QStringLiteral("t.pem"));
    ASSERT_TRUE(blocks.ok()) << blocks.error().text().toStdString();
    ASSERT_EQ(blocks->size(), 2);
    EXPECT_EQ(blocks->at(0).label, QByteArray("THING"));
    EXPECT_EQ(blocks->at(0).line, 2);
    EXPECT_TRUE(blocks->at(0).isLegacyEncrypted());
    EXPECT_EQ(blocks->at(0).header("dek-info"), QByteArray("AES-256-CBC,00"));
    EXPECT_EQ(blocks->at(1).body, body);
}

TEST(Pem, ReportsWhereItBreaks)
{
    const QByteArray good = Pem::encode("PRIVATE KEY", Der::sequence(Der::octetString(QByteArray(100, 'k'))));
    const auto mismatched = Pem::parse(QByteArray(good).replace("END PRIVATE", "END PUBLIC"), QStringLiteral("a.pem"));
    EXPECT_EQ(mismatched.error().code, QStringLiteral("key.bad-pem"));
    const auto stray = Pem::parse(QByteArray(good).insert(good.indexOf('\n') + 5, '*'), QStringLiteral("a.pem"));
    EXPECT_EQ(stray.error().code, QStringLiteral("key.bad-pem"));
    EXPECT_TRUE(stray.error().message.contains(QStringLiteral("line 2")));
    const auto twoBegins = Pem::parse(good.left(good.indexOf("-----END")) + good, QStringLiteral("a.pem"));
    EXPECT_EQ(twoBegins.error().code, QStringLiteral("key.truncated-pem"));
    EXPECT_TRUE(twoBegins.error().message.contains(QStringLiteral("a.pem")));
}
