#include "CryptoTestData.h"

#include "core/Clock.h"
#include "crypto/Certificate.h"

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
    EXPECT_EQ(c.x5t().size(), 27);     // 20 bytes
    EXPECT_EQ(c.x5tS256().size(), 43); // 32 bytes
    EXPECT_FALSE(c.x5t().contains(QLatin1Char('=')));
    EXPECT_EQ(c.sha1Fingerprint().size(), 20 * 3 - 1);
}

TEST(Certificate, ValidityIsJudgedByTheGivenClock)
{
    const Certificate c = load("rsa2048.crt").certificate;
    EXPECT_TRUE(c.warnings(FixedClock(utcSecs(2030, 6, 1))).isEmpty());
    EXPECT_EQ(codes(c.warnings(FixedClock(utcSecs(2036, 1, 1)))), QStringList{QStringLiteral("cert.expired")});
    EXPECT_EQ(codes(c.warnings(FixedClock(utcSecs(2024, 12, 31)))), QStringList{QStringLiteral("cert.not-yet-valid")});
    EXPECT_EQ(codes(c.warnings(FixedClock(utcSecs(2034, 12, 20)))), QStringList{QStringLiteral("cert.expires-soon")});
    // The last second of validity still counts as valid (notAfter is inclusive, RFC 5280 §4.1.2.5).
    EXPECT_EQ(codes(c.warnings(FixedClock(utcSecs(2035, 1, 1)))), QStringList{QStringLiteral("cert.expires-soon")});
    EXPECT_EQ(codes(c.warnings(FixedClock(utcSecs(2035, 1, 1) + 1))), QStringList{QStringLiteral("cert.expired")});
    const KeyWarning expired = c.warnings(FixedClock(utcSecs(2036, 1, 1))).constFirst();
    EXPECT_TRUE(expired.message.contains(QStringLiteral("2035-01-01")));
    EXPECT_TRUE(expired.message.contains(QStringLiteral("rsa2048.crt")));
}

TEST(Certificate, AWeakKeyShowsInItsCertificatesWarnings)
{
    const Certificate c = load("rsa1024.crt").certificate;
    EXPECT_EQ(codes(c.warnings(FixedClock(utcSecs(2030, 1, 1)))), QStringList{QStringLiteral("key.weak-rsa")});
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
