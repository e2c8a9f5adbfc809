#include "CryptoTestData.h"

#include "core/Clock.h"
#include "crypto/Certificate.h"
#include "crypto/Der.h"

#include <QTimeZone>

#include <gtest/gtest.h>

using namespace jwtflow;
using namespace cryptotest;

namespace {

qint64 utcSecs(int year, int month, int day)
{
    return QDateTime(QDate(year, month, day), QTime(0, 0), QTimeZone::utc()).toSecsSinceEpoch();
}

QStringList codes(const KeyWarnings &warnings)
{
    QStringList list;
    for (const KeyWarning &w : warnings)
        list << w.code;
    return list;
}

} // namespace

TEST(Certificate, ReportsWhatOpenSslReports)
{
    const Certificate c = load("rsa2048.crt").certificate;
    ASSERT_FALSE(c.isNull());
    const auto facts = recordedFacts();
    EXPECT_EQ(c.sha1Fingerprint(), facts.value(QStringLiteral("sha1")));
    EXPECT_EQ(c.sha256Fingerprint(), facts.value(QStringLiteral("sha256")));
    EXPECT_EQ(c.x5t(), facts.value(QStringLiteral("x5t")));
    EXPECT_EQ(c.x5tS256(), facts.value(QStringLiteral("x5t#S256")));
    EXPECT_EQ(QString(c.serialNumber()).remove(QLatin1Char(':')), facts.value(QStringLiteral("serial")));
    EXPECT_EQ(c.publicKey().spkiSha256(), facts.value(QStringLiteral("spki-sha256")));
}

TEST(Certificate, ReportsSubjectIssuerAndValidity)
{
    const Certificate c = load("rsa2048.crt").certificate;
    EXPECT_EQ(c.commonName(), QStringLiteral("jwtflow test"));
    EXPECT_TRUE(c.subject().contains(QStringLiteral("CN=jwtflow test"))) << c.subject().toStdString();
    EXPECT_TRUE(c.subject().contains(QStringLiteral("O=jwtflow")));
    EXPECT_EQ(c.issuer(), c.subject());
    EXPECT_TRUE(c.isSelfIssued());
    EXPECT_EQ(c.notBefore(), QDateTime(QDate(2025, 1, 1), QTime(0, 0), QTimeZone::utc()));
    EXPECT_EQ(c.notAfter(), QDateTime(QDate(2035, 1, 1), QTime(0, 0), QTimeZone::utc()));
    EXPECT_EQ(c.publicKey().bits(), 2048);
    EXPECT_TRUE(c.description().contains(QStringLiteral("rsa2048.crt")));
}

TEST(Certificate, ThumbprintsAreBase64UrlOfTheDerDigests)
{
    const Certificate c = load("rsa2048.crt").certificate;
    EXPECT_EQ(c.x5t().size(), 27); // 20 bytes
    EXPECT_EQ(c.x5tS256().size(), 43); // 32 bytes
    EXPECT_FALSE(c.x5t().contains(QLatin1Char('=')));
    EXPECT_EQ(c.sha1Fingerprint().size(), 20 * 3 - 1);
}

TEST(Certificate, ValidityIsJudgedByTheGivenClock)
{
    const Certificate c = load("rsa2048.crt").certificate;
    EXPECT_TRUE(c.warnings(FixedClock(utcSecs(2030, 6, 1))).isEmpty());
    EXPECT_EQ(codes(c.warnings(FixedClock(utcSecs(2036, 1, 1)))), QStringList { QStringLiteral("cert.expired") });
    EXPECT_EQ(codes(c.warnings(FixedClock(utcSecs(2024, 12, 31)))), QStringList { QStringLiteral("cert.not-yet-valid") });
    EXPECT_EQ(codes(c.warnings(FixedClock(utcSecs(2034, 12, 20)))), QStringList { QStringLiteral("cert.expires-soon") });
    // The last second of validity still counts as valid (notAfter is inclusive, RFC 5280 §4.1.2.5).
    EXPECT_EQ(codes(c.warnings(FixedClock(utcSecs(2035, 1, 1)))), QStringList { QStringLiteral("cert.expires-soon") });
    EXPECT_EQ(codes(c.warnings(FixedClock(utcSecs(2035, 1, 1) + 1))), QStringList { QStringLiteral("cert.expired") });
    const KeyWarning expired = c.warnings(FixedClock(utcSecs(2036, 1, 1))).constFirst();
    EXPECT_TRUE(expired.message.contains(QStringLiteral("2035-01-01")));
    EXPECT_TRUE(expired.message.contains(QStringLiteral("rsa2048.crt")));
}

TEST(Certificate, AWeakKeyShowsInItsCertificatesWarnings)
{
    const Certificate c = load("rsa1024.crt").certificate;
    EXPECT_EQ(codes(c.warnings(FixedClock(utcSecs(2030, 1, 1)))), QStringList { QStringLiteral("key.weak-rsa") });
}

TEST(Certificate, MatchesOnlyItsOwnPrivateKey)
{
    const Certificate mine = load("rsa2048.crt").certificate;
    const Certificate other = load("other2048.crt").certificate;
    const PrivateKey key = load("rsa2048-pkcs8.pem").privateKey;
    EXPECT_TRUE(mine.matches(key));
    EXPECT_TRUE(mine.checkMatches(key).ok());
    EXPECT_FALSE(other.matches(key));
    const auto mismatch = other.checkMatches(key);
    ASSERT_FALSE(mismatch.ok());
    EXPECT_EQ(mismatch.error().code, QStringLiteral("cert.key-mismatch"));
    EXPECT_TRUE(mismatch.error().message.contains(QStringLiteral("other2048.crt")));
    EXPECT_TRUE(mismatch.error().message.contains(QStringLiteral("rsa2048-pkcs8.pem")));
    EXPECT_FALSE(mine.matches(PrivateKey()));
}

TEST(Certificate, PemRoundTripsThroughTheLoader)
{
    const Certificate c = load("rsa2048.cer").certificate;
    const auto again = KeyLoader::loadData(c.toPem(), QStringLiteral("memory"));
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->certificate.toDer(), readFixture("rsa2048.cer"));
}

namespace {

// A certificate around the main test key with the given names and dates. Its signature is not
// valid (jwtflow never checks a certificate's own signature: Salesforce compares keys only).
QByteArray makeCertificate(
    const QByteArray &issuer, const QByteArray &subject, const QByteArray &validity, const QByteArray &extensions = {})
{
    const QByteArray spki = load("rsa2048-public.pem").publicKey.toDer();
    const QByteArray algorithm = Der::sequence(Der::oid(QStringLiteral("1.2.840.113549.1.1.11")) + Der::null());
    QByteArray tbs = Der::encode(Der::ContextSpecific0, Der::smallInteger(2)) + Der::unsignedInteger(QByteArray::fromHex("0102"))
        + algorithm + issuer + validity + subject + spki;
    if (!extensions.isEmpty())
        tbs += Der::encode(Der::ContextSpecific3, Der::sequence(extensions));
    return Der::sequence(Der::sequence(tbs) + algorithm + Der::bitString(QByteArray(256, '\x5a')));
}

QByteArray attribute(const char *oid, quint8 tag, const QByteArray &value)
{
    return Der::sequence(Der::oid(QString::fromLatin1(oid)) + Der::encode(tag, value));
}

QByteArray rdn(const QByteArray &attributes)
{
    return Der::set(attributes);
}

QByteArray validity2025to2035()
{
    return Der::sequence(Der::time(QDateTime(QDate(2025, 1, 1), QTime(0, 0), QTimeZone::utc()))
        + Der::time(QDateTime(QDate(2035, 1, 1), QTime(0, 0), QTimeZone::utc())));
}

} // namespace

TEST(Certificate, NamesAreReadByJwtflowInTheirOrderWithShortTypeNames)
{
    const QByteArray subject = Der::sequence(rdn(attribute("2.5.4.6", Der::PrintableString, "US"))
        + rdn(attribute("2.5.4.8", Der::Utf8String, "CA")) + rdn(attribute("2.5.4.7", Der::TeletexString, "San Francisco"))
        + rdn(attribute("2.5.4.10", Der::Utf8String, "Salesforce.com"))
        + rdn(attribute("2.5.4.11", Der::BmpString,
            QByteArray("\0"
                       "0\0"
                       "0\0"
                       "D",
                6)))
        + rdn(attribute("2.5.4.3", Der::Utf8String, "SelfSignedCert_01Jan2025")
            + attribute("1.2.840.113549.1.9.1", Der::Ia5String, "ann@example.com"))
        + rdn(attribute("1.2.3.4", Der::Utf8String, "x")));
    const QByteArray issuer = Der::sequence(rdn(attribute("2.5.4.3", Der::Utf8String, "Example CA")));
    const auto c = Certificate::fromDer(makeCertificate(issuer, subject, validity2025to2035()), QStringLiteral("names.cer"));
    ASSERT_TRUE(c.ok()) << c.error().text().toStdString();
    EXPECT_EQ(c->subject(),
        QStringLiteral("C=US, ST=CA, L=San Francisco, O=Salesforce.com, OU=00D, "
                       "CN=SelfSignedCert_01Jan2025+emailAddress=ann@example.com, OID.1.2.3.4=x"));
    EXPECT_EQ(c->issuer(), QStringLiteral("CN=Example CA"));
    EXPECT_EQ(c->commonName(), QStringLiteral("SelfSignedCert_01Jan2025"));
    EXPECT_FALSE(c->isSelfIssued());
    EXPECT_EQ(c->serialNumber(), QStringLiteral("01:02"));
    EXPECT_EQ(c->signatureAlgorithm(), QStringLiteral("sha256WithRSAEncryption"));
    EXPECT_EQ(c->toDer(), makeCertificate(issuer, subject, validity2025to2035())); // the bytes given, not a re-encoding
}

TEST(Certificate, NamesCannotForgeLinesOrHideBytes)
{
    const QByteArray subject = Der::sequence(rdn(attribute("2.5.4.3", Der::Utf8String, "evil\nCN=trusted\x7f"))
        + rdn(attribute("2.5.4.10", Der::OctetString, "\x01\x02")) + rdn(attribute("2.5.4.11", Der::Utf8String, "\xff\xfe")));
    const auto c = Certificate::fromDer(makeCertificate(subject, subject, validity2025to2035()), QStringLiteral("evil.cer"));
    ASSERT_TRUE(c.ok()) << c.error().text().toStdString();
    EXPECT_FALSE(c->subject().contains(QLatin1Char('\n')));
    EXPECT_TRUE(c->subject().startsWith(QStringLiteral("CN=evil\\0ACN=trusted\\7F, O=#04020102, OU=")))
        << c->subject().toStdString();
    EXPECT_TRUE(c->isSelfIssued());
}

TEST(Certificate, DatesFrom2050AndLongSerialsAreKept)
{
    const QDateTime from(QDate(2049, 6, 1), QTime(12, 0), QTimeZone::utc());
    const QDateTime to(QDate(2151, 1, 1), QTime(0, 0), QTimeZone::utc());
    const QByteArray name = Der::sequence(rdn(attribute("2.5.4.3", Der::Utf8String, "far")));
    const auto c = Certificate::fromDer(
        makeCertificate(name, name, Der::sequence(Der::time(from) + Der::time(to))), QStringLiteral("far.cer"));
    ASSERT_TRUE(c.ok()) << c.error().text().toStdString();
    EXPECT_EQ(c->notBefore(), from);
    EXPECT_EQ(c->notAfter(), to);
}

TEST(Certificate, DamagedPartsAreNamed)
{
    const QByteArray name = Der::sequence(rdn(attribute("2.5.4.3", Der::Utf8String, "x")));
    const QByteArray good = makeCertificate(name, name, validity2025to2035());
    const struct {
        const char *what;
        QByteArray der;
        const char *part;
    } cases[] = {
        { "name not a SET of pairs", makeCertificate(name, Der::sequence(Der::sequence(Der::null())), validity2025to2035()),
            "subject name" },
        { "issuer with an empty RDN", makeCertificate(Der::sequence(Der::set({})), name, validity2025to2035()), "issuer name" },
        { "one date", makeCertificate(name, name, Der::sequence(Der::time(QDateTime::currentDateTimeUtc()))), "validity dates" },
        { "date text",
            makeCertificate(
                name, name, Der::sequence(Der::encode(Der::UtcTime, "2501010000Z") + Der::encode(Der::UtcTime, "350101000000Z"))),
            "validity dates" },
        { "key usage not a BIT STRING",
            makeCertificate(name, name, validity2025to2035(),
                Der::sequence(Der::oid(QStringLiteral("2.5.29.15")) + Der::octetString(Der::null()))),
            "key usage extension" },
        { "extension value not DER",
            makeCertificate(name, name, validity2025to2035(),
                Der::sequence(Der::oid(QStringLiteral("1.2.3")) + Der::octetString("\x30\x05\x01"))),
            "extension 1.2.3" },
        { "trailing byte", good + '\0', "structure" },
        { "no signature", Der::sequence(Der::sequence({}) + Der::sequence(Der::oid(QStringLiteral("1.2.840.113549.1.1.11")))),
            "structure" },
    };
    for (const auto &c : cases) {
        SCOPED_TRACE(c.what);
        const auto r = Certificate::fromDer(c.der, QStringLiteral("damaged.cer"));
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code, QStringLiteral("key.bad-certificate"));
        EXPECT_TRUE(r.error().message.contains(QStringLiteral("damaged.cer")));
        EXPECT_TRUE(r.error().message.contains(QString::fromLatin1(c.part))) << r.error().message.toStdString();
    }
    EXPECT_TRUE(Certificate::fromDer(good, QStringLiteral("good.cer")).ok());
}
