#include "flow/CurlCommand.h"
#include "flow/FormBody.h"

#include <gtest/gtest.h>

using namespace jwtflow;

TEST(CurlCommand, QuotesForPosixShells)
{
    EXPECT_EQ(CurlCommand::quote(QStringLiteral("plain")), QStringLiteral("'plain'"));
    EXPECT_EQ(CurlCommand::quote(QStringLiteral("it's $HOME `x` \"q\" \\ !")), QStringLiteral("'it'\\''s $HOME `x` \"q\" \\ !'"));
    EXPECT_EQ(CurlCommand::quote(QString()), QStringLiteral("''"));
    EXPECT_EQ(CurlCommand::quote(QStringLiteral("''")), QStringLiteral("''\\'''\\'''"));
}

TEST(CurlCommand, FormBodyBecomesDataUrlencodeAndSecretsAreMasked)
{
    HttpExchangeRecord::Request request;
    request.method = "POST";
    request.url = QUrl(QStringLiteral("https://login.salesforce.com/services/oauth2/token"));
    request.headers = { { "Content-Type", "application/x-www-form-urlencoded" }, { "Accept", "application/json" },
        { "Content-Length", "99" } };
    request.body
        = FormBody::encode({ { QStringLiteral("grant_type"), QStringLiteral("urn:ietf:params:oauth:grant-type:jwt-bearer") },
            { QStringLiteral("assertion"), QStringLiteral("eyJh.eyJz.c2ln+/=") } });
    EXPECT_EQ(CurlCommand::build(request, HttpExchangeRecord::Secrets::Show, CurlCommand::Layout::SingleLine),
        QStringLiteral(
            "curl -sS 'https://login.salesforce.com/services/oauth2/token' -H 'Content-Type: application/x-www-form-urlencoded' "
            "-H 'Accept: application/json' --data-urlencode 'grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer' "
            "--data-urlencode 'assertion=eyJh.eyJz.c2ln+/='"));
    const QString masked = CurlCommand::build(request);
    EXPECT_TRUE(masked.contains(QStringLiteral(" \\\n  --data-urlencode 'assertion=eyJh.eyJz.****'"))) << masked.toStdString();
    EXPECT_FALSE(masked.contains(QStringLiteral("c2ln")));
}

TEST(CurlCommand, GetWithBearerTokenAndOtherMethods)
{
    HttpExchangeRecord::Request request;
    request.url = QUrl::fromEncoded("https://acme.my.salesforce.com/services/data/v62.0/"
                                    "query?q=SELECT%20Id%20FROM%20Account%20WHERE%20Name%20%3D%20%27O%27%27Brien%27");
    request.headers = { { "Authorization", "Bearer 00D5g000000abcd!AQ4AQSecret" } };
    EXPECT_EQ(CurlCommand::build(request, HttpExchangeRecord::Secrets::Mask, CurlCommand::Layout::SingleLine),
        QStringLiteral("curl -sS "
                       "'https://acme.my.salesforce.com/services/data/v62.0/"
                       "query?q=SELECT%20Id%20FROM%20Account%20WHERE%20Name%20%3D%20%27O%27%27Brien%27' "
                       "-H 'Authorization: Bearer 00D5g000000abcd!****'"));
    request.method = "DELETE";
    EXPECT_TRUE(CurlCommand::build(request, HttpExchangeRecord::Secrets::Show)
            .startsWith(QStringLiteral("curl -sS -X DELETE 'https://")));
    request.method = "POST";
    request.headers = { { "Content-Type", "application/json" } };
    request.body = "{\"Name\":\"it's\"}";
    EXPECT_TRUE(CurlCommand::build(request, HttpExchangeRecord::Secrets::Show)
            .endsWith(QStringLiteral("--data-binary '{\"Name\":\"it'\\''s\"}'")));
}

// With secrets shown, the CLI prints a command that reads them from the environment, so they
// never become curl's arguments (visible in /proc/PID/cmdline).
TEST(CurlCommand, SecretsCanBeReadFromEnvironmentVariables)
{
    HttpExchangeRecord::Request token;
    token.method = "POST";
    token.url = QUrl(QStringLiteral("https://login.salesforce.com/services/oauth2/token"));
    token.headers = { { "Content-Type", "application/x-www-form-urlencoded" } };
    token.body
        = FormBody::encode({ { QStringLiteral("grant_type"), QStringLiteral("urn:ietf:params:oauth:grant-type:jwt-bearer") },
            { QStringLiteral("assertion"), QStringLiteral("eyJh.eyJz.c2lnbmF0dXJl") } });
    EXPECT_EQ(CurlCommand::buildWithVariables(token, CurlCommand::Layout::SingleLine),
        QStringLiteral(
            "curl -sS 'https://login.salesforce.com/services/oauth2/token' -H 'Content-Type: application/x-www-form-urlencoded' "
            "--data-urlencode 'grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer' --data-urlencode "
            "\"assertion=$JWTFLOW_ASSERTION\""));

    HttpExchangeRecord::Request api;
    api.method = "GET";
    api.url = QUrl(QStringLiteral("https://acme.my.salesforce.com/services/data"));
    api.headers = { { "Authorization", "Bearer 00Dxx0000001gPL!AR8AQsecret" } };
    const QString command = CurlCommand::buildWithVariables(api, CurlCommand::Layout::SingleLine);
    EXPECT_EQ(command,
        QStringLiteral(
            "curl -sS 'https://acme.my.salesforce.com/services/data' -H \"Authorization: Bearer $JWTFLOW_ACCESS_TOKEN\""));
    EXPECT_EQ(CurlCommand::variableFor(QStringLiteral("client_secret")), QStringLiteral("JWTFLOW_CLIENT_SECRET"));
}
