#include "token/Base64Url.h"

#include <gtest/gtest.h>

using jwtflow::Base64Url;

TEST(Base64Url, EncodesWithoutPaddingInUrlAlphabet)
{
    EXPECT_EQ(Base64Url::encode(QByteArray("\xfb\xff", 2)), QByteArray("-_8"));
    EXPECT_EQ(Base64Url::encode("f"), QByteArray("Zg"));
    EXPECT_EQ(Base64Url::encode("fo"), QByteArray("Zm8"));
    EXPECT_EQ(Base64Url::encode("foo"), QByteArray("Zm9v"));
}

TEST(Base64Url, RoundTripsEveryLength)
{
    QByteArray data;
    for (int i = 0; i < 64; ++i) {
        const auto decoded = Base64Url::decode(Base64Url::encode(data));
        ASSERT_TRUE(decoded.ok()) << i;
        EXPECT_EQ(decoded.value(), data);
        data.append(static_cast<char>(i * 37));
    }
}

TEST(Base64Url, RejectsPaddingWithPosition)
{
    const auto r = Base64Url::decode("Zg==");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, QStringLiteral("base64url.padding"));
    EXPECT_TRUE(r.error().message.contains(QStringLiteral("position 2")));
}

TEST(Base64Url, RejectsStandardBase64Characters)
{
    const auto r = Base64Url::decode("ab+c");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, QStringLiteral("base64url.illegal-character"));
    EXPECT_TRUE(r.error().message.contains(QStringLiteral("position 2")));
}

TEST(Base64Url, RejectsWhitespaceAndNul)
{
    EXPECT_EQ(Base64Url::decode("ab c").error().code, QStringLiteral("base64url.illegal-character"));
    EXPECT_EQ(Base64Url::decode(QByteArrayView("ab\0c", 4)).error().code, QStringLiteral("base64url.illegal-character"));
    EXPECT_TRUE(Base64Url::decode(QByteArrayView("ab\0c", 4)).error().message.contains(QStringLiteral("0x00")));
}

TEST(Base64Url, RejectsImpossibleLength)
{
    EXPECT_EQ(Base64Url::decode("abcde").error().code, QStringLiteral("base64url.length"));
}

TEST(Base64Url, RejectsNonCanonicalTrailingBits)
{
    // "Zg" is canonical for "f"; "Zh" decodes to the same byte with a stray low bit.
    EXPECT_TRUE(Base64Url::decode("Zg").ok());
    const auto r = Base64Url::decode("Zh");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, QStringLiteral("base64url.trailing-bits"));
}
