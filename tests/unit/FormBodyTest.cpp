#include "flow/FormBody.h"

#include <QUrlQuery>

#include <gtest/gtest.h>

using jwtflow::FormBody;

TEST(FormBody, PlusSlashAndEqualsSurviveTheRoundTrip)
{
    const QString value = QStringLiteral("a+b/c=d&e f%g");
    const QByteArray body = FormBody::encode({ { QStringLiteral("assertion"), value } });
    EXPECT_EQ(body, "assertion=a%2Bb%2Fc%3Dd%26e%20f%25g");
    EXPECT_EQ(FormBody::value(FormBody::decode(body), QStringLiteral("assertion")), value);
}

TEST(FormBody, QUrlQueryWouldHaveLostThePlus)
{
    // The trap this class exists for: QUrlQuery leaves '+', which a server decodes as a space.
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("x"), QStringLiteral("a+b"));
    EXPECT_EQ(query.toString(QUrl::FullyEncoded), QStringLiteral("x=a+b"));
    EXPECT_EQ(FormBody::value(FormBody::decode("x=a+b"), QStringLiteral("x")), QStringLiteral("a b"));
    EXPECT_EQ(FormBody::encode({ { QStringLiteral("x"), QStringLiteral("a+b") } }), "x=a%2Bb");
}

TEST(FormBody, GrantTypeIsEncodedLikeJsforce)
{
    EXPECT_EQ(FormBody::encode({ { QStringLiteral("grant_type"), QStringLiteral("urn:ietf:params:oauth:grant-type:jwt-bearer") },
                  { QStringLiteral("assertion"), QStringLiteral("h.p.s-_~") } }),
        "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=h.p.s-_~");
}

TEST(FormBody, DecodesUtf8EmptyValuesAndBareNames)
{
    const auto fields = FormBody::decode("a=&b&c=%C3%A9t%C3%A9&&d=1=2");
    ASSERT_EQ(fields.size(), 4);
    EXPECT_EQ(fields.at(0), qMakePair(QStringLiteral("a"), QString()));
    EXPECT_EQ(fields.at(1).first, QStringLiteral("b"));
    EXPECT_EQ(fields.at(2).second, QStringLiteral("été"));
    EXPECT_EQ(fields.at(3).second, QStringLiteral("1=2"));
    EXPECT_TRUE(FormBody::decode({}).isEmpty());
    EXPECT_EQ(FormBody::encode({ { QStringLiteral("n"), QStringLiteral("été") } }), "n=%C3%A9t%C3%A9");
}
