// The practice org's HTTP/1.1 framing within its limits, without sockets.
#include "practice/internal/PracticeHttpParser.h"

#include <gtest/gtest.h>

using namespace jwtflow;
using Step = PracticeHttpParser::Step;

namespace {

PracticeServerLimits smallLimits()
{
    PracticeServerLimits limits;
    limits.maxRequestLine = 64;
    limits.maxHeaderBytes = 128;
    limits.maxHeaderCount = 4;
    limits.maxBodyBytes = 32;
    return limits;
}

// Feeds `input` one byte at a time (the worst split) and returns the last step.
Step feedBytewise(PracticeHttpParser &parser, const QByteArray &input, QByteArray &rest)
{
    Step step = Step::NeedMore;
    for (const char c : input) {
        rest.append(c);
        step = parser.feed(rest);
        if (step != Step::NeedMore)
            return step;
    }
    return step;
}

} // namespace

TEST(PracticeHttpParser, ReadsARequestWithAContentLengthBodyInAnySplit)
{
    const QByteArray input
        = "POST //services/oauth2/token?x=1&q=a+b HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhelloGET /next";
    PracticeHttpParser parser(smallLimits());
    QByteArray rest;
    ASSERT_EQ(feedBytewise(parser, input.left(input.indexOf("GET")), rest), Step::Ready);
    EXPECT_EQ(parser.request().method, "POST");
    EXPECT_EQ(parser.request().path, QStringLiteral("/services/oauth2/token"));
    EXPECT_EQ(parser.request().queryValue(QStringLiteral("q")), QStringLiteral("a b"));
    EXPECT_EQ(parser.request().header("host"), "h");
    EXPECT_EQ(parser.request().body, "hello");
    EXPECT_TRUE(parser.keepAlive());

    PracticeHttpParser whole(smallLimits());
    QByteArray buffer = input;
    ASSERT_EQ(whole.feed(buffer), Step::Ready);
    EXPECT_EQ(buffer, "GET /next"); // the next request stays in the buffer
}

TEST(PracticeHttpParser, ReadsChunkedBodiesAndDropsTrailers)
{
    PracticeHttpParser parser(smallLimits());
    QByteArray rest;
    ASSERT_EQ(
        feedBytewise(parser,
            "POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n3\r\n123\r\n0\r\nX-T: 1\r\n\r\n", rest),
        Step::Ready);
    EXPECT_EQ(parser.request().body, "hello123");
}

TEST(PracticeHttpParser, RefusesWhatPassesALimitOrIsAmbiguous)
{
    const struct {
        QByteArray input;
        int status;
    } rows[] = {
        { "GET /" + QByteArray(80, 'a') + " HTTP/1.1\r\n", 414 },
        { "GET /" + QByteArray(80, 'a'), 414 }, // no line end yet, already too long
        { "GET / HTTP/1.1\r\nX: " + QByteArray(200, 'b') + "\r\n\r\n", 431 },
        { "GET / HTTP/1.1\r\nA: 1\r\nB: 1\r\nC: 1\r\nD: 1\r\nE: 1\r\n\r\n", 431 },
        { "POST / HTTP/1.1\r\nContent-Length: 33\r\n\r\n", 413 },
        { "POST / HTTP/1.1\r\nContent-Length: 1073741824\r\n\r\n", 413 },
        { "POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n", 400 },
        { "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n40000000\r\n", 413 },
        { "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n0123456789abcdef\r\n11\r\n", 413 },
        { "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400 },
        { "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n", 400 },
        { "POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n", 400 },
        { "POST / HTTP/1.1\r\nContent-Length: -3\r\n\r\n", 400 },
        { "POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", 501 },
        { "GET / HTTP/2.0\r\n\r\n", 505 },
        { "GET /\r\n\r\n", 400 },
        { "GET / HTTP/1.1\r\n folded\r\n\r\n", 400 },
        { "GET / HTTP/1.1\r\nNo colon\r\n\r\n", 400 },
    };
    for (const auto &row : rows) {
        PracticeHttpParser parser(smallLimits());
        QByteArray buffer = row.input;
        EXPECT_EQ(parser.feed(buffer), Step::Failed) << row.input.left(60).toStdString();
        EXPECT_EQ(parser.status(), row.status) << row.input.left(60).toStdString();
        EXPECT_FALSE(parser.message().isEmpty());
    }
}

TEST(PracticeHttpParser, KeepAliveAndExpectContinueFollowTheHeaders)
{
    PracticeHttpParser parser(smallLimits());
    QByteArray buffer = "GET / HTTP/1.0\r\n\r\n";
    ASSERT_EQ(parser.feed(buffer), Step::Ready);
    EXPECT_FALSE(parser.keepAlive());
    parser.reset();
    buffer = "GET / HTTP/1.1\r\nConnection: Keep-Alive, close\r\n\r\n";
    ASSERT_EQ(parser.feed(buffer), Step::Ready);
    EXPECT_FALSE(parser.keepAlive());
    parser.reset();
    buffer = "POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n";
    ASSERT_EQ(parser.feed(buffer), Step::NeedMore);
    EXPECT_TRUE(parser.expectsContinue());
    buffer = "body";
    ASSERT_EQ(parser.feed(buffer), Step::Ready);
    EXPECT_EQ(parser.request().body, "body");
}
