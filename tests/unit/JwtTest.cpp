#include "token/Jwt.h"

#include <gtest/gtest.h>

using jwtflow::Jwt;

namespace {
// RFC 7515 appendix A.1 (HS256), the token as the RFC prints it.
const char *const kRfcHs256 = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
                              ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
                              ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
} // namespace

TEST(Jwt, ParsesRfc7515A1AndKeepsOriginalBytes)
{
    const auto jwt = Jwt::parse(QString::fromLatin1(kRfcHs256));
    ASSERT_TRUE(jwt.ok()) << jwt.error().message.toStdString();
    EXPECT_EQ(jwt->kind(), Jwt::Kind::Signed);
    EXPECT_EQ(jwt->alg(), QStringLiteral("HS256"));
    EXPECT_EQ(jwt->claims().value(QStringLiteral("iss")).toString(), QStringLiteral("joe"));
    EXPECT_EQ(jwt->claims().value(QStringLiteral("exp")).toInteger(), 1300819380);
    EXPECT_EQ(jwt->headerJson(), QByteArray("{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}"));
    EXPECT_EQ(jwt->encoded(), QByteArray(kRfcHs256));
    EXPECT_EQ(jwt->signature().size(), 32);
    EXPECT_TRUE(jwt->notes().isEmpty());
}

TEST(Jwt, AcceptsPastedDecorationsAndSaysSo)
{
    const QString pasted = QStringLiteral("  Bearer \"") + QString::fromLatin1(kRfcHs256).insert(40, QStringLiteral("\n  "))
        + QStringLiteral("\"\n");
    const auto jwt = Jwt::parse(pasted);
    ASSERT_TRUE(jwt.ok()) << jwt.error().message.toStdString();
    EXPECT_EQ(jwt->encoded(), QByteArray(kRfcHs256));
    EXPECT_EQ(jwt->notes().size(), 4) << jwt->notes().join(QLatin1Char('|')).toStdString();
}

TEST(Jwt, ReportsSegmentCount)
{
    EXPECT_EQ(Jwt::parse(QStringLiteral("abc")).error().code, QStringLiteral("jwt.segments"));
    EXPECT_EQ(Jwt::parse(QStringLiteral("a.b.c.d")).error().code, QStringLiteral("jwt.segments"));
    EXPECT_EQ(Jwt::parse(QStringLiteral("")).error().code, QStringLiteral("jwt.empty"));
    EXPECT_EQ(Jwt::parse(QStringLiteral(".eyJ9.")).error().code, QStringLiteral("jwt.header.empty"));
}

TEST(Jwt, OpaqueSalesforceTokenIsExplained)
{
    const auto r = Jwt::parse(QStringLiteral("00D5g000000abcd!AQ4AQFakeSessionId"));
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(r.error().hint.contains(QStringLiteral("Salesforce access token")));
}

TEST(Jwt, ReportsJsonErrorsWithLineAndColumn)
{
    // header {"alg":"RS256",} — a trailing comma
    const auto r = Jwt::parse(QStringLiteral("eyJhbGciOiJSUzI1NiIsfQ.e30.c2ln"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, QStringLiteral("jwt.header.json"));
    EXPECT_TRUE(r.error().message.contains(QStringLiteral("line 1")));
}

TEST(Jwt, ReportsNonObjectPayload)
{
    // payload [1]
    EXPECT_EQ(Jwt::parse(QStringLiteral("e30.WzFd.")).error().code, QStringLiteral("jwt.payload.not-object"));
}

TEST(Jwt, ReportsBadBase64WithSegmentName)
{
    const auto r = Jwt::parse(QStringLiteral("e30.e3+.sig"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, QStringLiteral("base64url.illegal-character"));
    EXPECT_TRUE(r.error().message.startsWith(QStringLiteral("Payload:")));
}

TEST(Jwt, TwoSegmentsAndTrailingDotAreUnsecured)
{
    const auto two = Jwt::parse(QStringLiteral("eyJhbGciOiJub25lIn0.e30"));
    ASSERT_TRUE(two.ok());
    EXPECT_EQ(two->kind(), Jwt::Kind::Unsecured);
    const auto dot = Jwt::parse(QStringLiteral("eyJhbGciOiJub25lIn0.e30."));
    ASSERT_TRUE(dot.ok());
    EXPECT_EQ(dot->kind(), Jwt::Kind::Unsecured);
    EXPECT_EQ(dot->alg(), QStringLiteral("none"));
}

TEST(Jwt, FiveSegmentsAreEncryptedNotAnError)
{
    // {"alg":"RSA-OAEP","enc":"A256GCM"}
    auto jwe = Jwt::parse(QStringLiteral("eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a2V5.aXY.Y2lwaGVy.dGFn"));
    ASSERT_TRUE(jwe.ok()) << jwe.error().message.toStdString();
    EXPECT_EQ(jwe->kind(), Jwt::Kind::Encrypted);
    EXPECT_EQ(jwe->alg(), QStringLiteral("RSA-OAEP"));
    EXPECT_FALSE(jwe->setPayloadJson("{}").ok());
}

TEST(Jwt, EditingReencodesOnlyTheEditedPartAndDropsTheSignature)
{
    auto jwt = Jwt::parse(QString::fromLatin1(kRfcHs256));
    ASSERT_TRUE(jwt.ok());
    const QByteArray header = jwt->headerSegment();
    ASSERT_TRUE(jwt->setPayloadJson("{\"iss\":\"ann\"}").ok());
    EXPECT_EQ(jwt->headerSegment(), header);
    EXPECT_EQ(jwt->payloadSegment(), QByteArray("eyJpc3MiOiJhbm4ifQ"));
    EXPECT_TRUE(jwt->signature().isEmpty());
    EXPECT_EQ(jwt->kind(), Jwt::Kind::Unsecured);
    EXPECT_TRUE(jwt->encoded().endsWith('.'));
    EXPECT_FALSE(jwt->setPayloadJson("{\"iss\":").ok());
    EXPECT_EQ(jwt->claims().value(QStringLiteral("iss")).toString(), QStringLiteral("ann")); // unchanged by the bad edit
}

TEST(Jwt, SpansCoverEachSegment)
{
    const auto jwt = Jwt::parse(QString::fromLatin1(kRfcHs256));
    ASSERT_TRUE(jwt.ok());
    const QByteArray all = jwt->encoded();
    const auto s = jwt->span(Jwt::Part::Signature);
    EXPECT_EQ(all.mid(s.start, s.length), jwt->signatureSegment());
    const auto p = jwt->span(Jwt::Part::Payload);
    EXPECT_EQ(all.mid(p.start, p.length), jwt->payloadSegment());
}
