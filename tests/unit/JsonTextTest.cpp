#include "token/JsonText.h"

#include <gtest/gtest.h>

using jwtflow::JsonText;

TEST(JsonText, PrettifyKeepsMemberOrderAndDuplicates)
{
    const QByteArray json = R"({"typ":"JWT","alg":"RS256","alg":"none"})";
    EXPECT_EQ(JsonText::prettify(json), QByteArray("{\n  \"typ\": \"JWT\",\n  \"alg\": \"RS256\",\n  \"alg\": \"none\"\n}"));
}

TEST(JsonText, MinifyLeavesStringsAlone)
{
    EXPECT_EQ(JsonText::minify("{ \"a b\" : \"x , { y\\\" }\" ,\n \"n\": [ 1 , 2 ] }"),
        QByteArray(R"({"a b":"x , { y\" }","n":[1,2]})"));
}

TEST(JsonText, RoundTripIsStable)
{
    const QByteArray json = R"({"iss":"3MVG9","aud":["a","b"],"ext":{"k":{}},"e":[]})";
    EXPECT_EQ(JsonText::minify(JsonText::prettify(json)), json);
    EXPECT_TRUE(JsonText::prettify(json).contains("\"ext\": {\n    \"k\": {}\n  }"));
}

TEST(JsonText, InvalidTextIsNotLost)
{
    EXPECT_EQ(JsonText::minify("{\"a\": tru"), QByteArray("{\"a\":tru"));
    EXPECT_EQ(JsonText::minify("{\"unterminated"), QByteArray("{\"unterminated"));
}

TEST(JsonText, SetMemberReplacesInPlaceOrAppends)
{
    const QByteArray json = R"({"iss":"a", "exp":1, "sub":"b"})";
    EXPECT_EQ(JsonText::setMember(json, QStringLiteral("exp"), 42), QByteArray(R"({"iss":"a","exp":42,"sub":"b"})"));
    EXPECT_EQ(JsonText::setMember(json, QStringLiteral("aud"), QStringLiteral("x")),
        QByteArray(R"({"iss":"a","exp":1,"sub":"b","aud":"x"})"));
    EXPECT_EQ(JsonText::setMember("{}", QStringLiteral("a"), true), QByteArray(R"({"a":true})"));
    EXPECT_EQ(JsonText::setMember(R"({"o":{"exp":1},"exp":[1,{"a":2}]})", QStringLiteral("exp"), 3),
        QByteArray(R"({"o":{"exp":1},"exp":3})"));
    EXPECT_TRUE(JsonText::setMember("[1]", QStringLiteral("a"), 1).isEmpty());
}

TEST(JsonText, RemoveMember)
{
    EXPECT_EQ(JsonText::removeMember(R"({"a":1,"b":2,"c":3})", QStringLiteral("b")), QByteArray(R"({"a":1,"c":3})"));
    EXPECT_EQ(JsonText::removeMember(R"({"a":1,"b":2})", QStringLiteral("b")), QByteArray(R"({"a":1})"));
    EXPECT_EQ(JsonText::removeMember(R"({"a":1})", QStringLiteral("a")), QByteArray("{}"));
}
