// The clear-text rule: (url, the user's opt-in) -> sent, sent with a warning, or refused.
#include "flow/ClearTextRule.h"

#include <gtest/gtest.h>

using namespace jwtflow;
using Verdict = ClearTextRule::Verdict;

namespace {

struct Row {
    const char *url;
    bool allow;
    Verdict verdict;
};

const Row kRows[] = {
    { "https://login.salesforce.com/services/oauth2/token", false, Verdict::Encrypted },
    { "https://acme.my.salesforce.com", true, Verdict::Encrypted },
    { "HTTPS://acme.my.salesforce.com", false, Verdict::Encrypted },
    { "http://127.0.0.1:8080/services/oauth2/token", false, Verdict::Loopback },
    { "http://127.8.9.10", false, Verdict::Loopback },
    { "http://localhost:1717", false, Verdict::Loopback },
    { "http://LOCALHOST.:1717", false, Verdict::Loopback },
    { "http://practice.localhost", false, Verdict::Loopback },
    { "http://[::1]:8443", false, Verdict::Loopback },
    { "http://[::ffff:127.0.0.1]:8443", false, Verdict::Loopback },
    { "http://127.0.0.1", true, Verdict::Loopback },
    { "http://acme.my.salesforce.com", false, Verdict::Refused },
    { "http://login.salesforce.com/services/oauth2/token", false, Verdict::Refused },
    { "HTTP://Evil.Example", false, Verdict::Refused },
    { "http://10.0.0.5:8080", false, Verdict::Refused },
    { "http://128.0.0.1", false, Verdict::Refused },
    { "http://localhost.evil.example", false, Verdict::Refused },
    { "http://[::2]", false, Verdict::Refused },
    { "http://acme.my.salesforce.com", true, Verdict::Warned },
    { "http://10.0.0.5:8080", true, Verdict::Warned },
    { "ftp://acme.my.salesforce.com", false, Verdict::NotWeb },
    { "ftp://acme.my.salesforce.com", true, Verdict::NotWeb },
};

} // namespace

TEST(ClearTextRule, TableOfUrlAndOptIn)
{
    for (const Row &row : kRows) {
        const QUrl url(QString::fromLatin1(row.url));
        EXPECT_EQ(ClearTextRule::judge(url, row.allow), row.verdict) << row.url << " allow=" << row.allow;
        const auto checked = ClearTextRule::check(url, row.allow, QStringLiteral("the assertion"));
        EXPECT_EQ(checked.ok(), row.verdict != Verdict::Refused) << row.url;
        if (!checked) {
            EXPECT_EQ(checked.error().code, QStringLiteral("net.clear-text"));
            EXPECT_TRUE(checked.error().hint.contains(QStringLiteral("--allow-insecure-http")))
                << checked.error().hint.toStdString();
            EXPECT_TRUE(checked.error().message.contains(url.host())) << checked.error().message.toStdString();
        } else {
            EXPECT_EQ(checked->isEmpty(), row.verdict != Verdict::Warned) << row.url;
        }
    }
}

TEST(ClearTextRule, ConsentCoversTheConfirmedHostsOnly)
{
    ClearTextRule::Consent consent;
    consent.hosts.insert(QStringLiteral("test.internal"));
    EXPECT_EQ(ClearTextRule::judge(QUrl(QStringLiteral("http://TEST.internal:8080")), consent), Verdict::Warned);
    EXPECT_EQ(ClearTextRule::judge(QUrl(QStringLiteral("http://other.internal")), consent), Verdict::Refused);
    consent.anyHost = true;
    EXPECT_EQ(ClearTextRule::judge(QUrl(QStringLiteral("http://other.internal")), consent), Verdict::Warned);
    const auto warned
        = ClearTextRule::check(QUrl(QStringLiteral("http://other.internal")), consent, QStringLiteral("the access token"));
    ASSERT_TRUE(warned.ok());
    EXPECT_TRUE(warned->contains(QStringLiteral("the access token goes to other.internal over plain http")))
        << warned->toStdString();
}
