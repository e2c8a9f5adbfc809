#include "flow/HttpExchangeRecord.h"
#include "flow/SecretMasker.h"

#include <QJsonArray>
#include <QJsonObject>

#include <gtest/gtest.h>

using namespace jwtflow;

namespace {

const QString kAssertion = QStringLiteral("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbm4ifQ.U2lnbmF0dXJlLXNlY3JldA");
const QString kAccess = QStringLiteral("00D5g000000abcd!AQ4AQSecretPart.with.dots");

HttpExchangeRecord tokenRecord()
{
    HttpExchangeRecord record;
    record.request.method = "POST";
    record.request.url = QUrl(QStringLiteral("https://login.salesforce.com/services/oauth2/token"));
    record.request.headers = { { "Content-Type", "application/x-www-form-urlencoded" } };
    record.request.body = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=" + kAssertion.toLatin1();
    record.response.status = 200;
    record.response.reason = "OK";
    record.response.headers = { { "Content-Type", "application/json" }, { "Set-Cookie", "sid=SessionCookieValue; path=/" } };
    record.response.body = "{\"access_token\":\"" + kAccess.toLatin1()
        + "\",\"refresh_token\":\"5Aep861RefreshSecret\",\"id_token\":\"eyJraWQiOiIyNDIifQ.eyJzdWIiOiJ4In0.aWRTaWduYXR1cmU\","
          "\"instance_url\":\"https:\\/\\/acme.my.salesforce.com\",\"signature\":\"notSecret=\"}";
    return record;
}

} // namespace

TEST(SecretMasker, MasksOnlyTheCredentialPartOfEachKindOfToken)
{
    EXPECT_EQ(SecretMasker::maskToken(kAssertion), QStringLiteral("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbm4ifQ.****"));
    EXPECT_EQ(SecretMasker::maskToken(kAccess), QStringLiteral("00D5g000000abcd!****"));
    EXPECT_EQ(SecretMasker::maskToken(QStringLiteral("opaque-secret-value")), QStringLiteral("****"));
    EXPECT_EQ(SecretMasker::maskToken(QStringLiteral("abc")), QStringLiteral("****"));
    EXPECT_EQ(SecretMasker::maskToken(QString()), QString());
}

TEST(SecretMasker, FindsPercentEncodedAndJsonEscapedForms)
{
    SecretMasker masker;
    masker.addWhole(QStringLiteral("a+b/c=="));
    EXPECT_EQ(
        masker.apply(QStringLiteral("x=a%2Bb%2Fc%3D%3D y=a+b/c== z=\"a+b\\/c==\"")), QStringLiteral("x=**** y=**** z=\"****\""));
}

TEST(HttpExchangeRecord, MaskedHidesSignatureTokensAndAuthorization)
{
    HttpExchangeRecord record = tokenRecord();
    const QString raw = record.raw();
    EXPECT_TRUE(raw.contains(QStringLiteral("U2lnbmF0dXJlLXNlY3JldA")));
    EXPECT_TRUE(raw.contains(QStringLiteral("AQ4AQSecretPart")));

    const QString masked = record.masked();
    EXPECT_TRUE(masked.startsWith(QStringLiteral("POST /services/oauth2/token HTTP/1.1\nHost: login.salesforce.com\n")))
        << masked.toStdString();
    for (const char *secret :
        { "U2lnbmF0dXJlLXNlY3JldA", "AQ4AQSecretPart", "5Aep861RefreshSecret", "aWRTaWduYXR1cmU", "SessionCookieValue" })
        EXPECT_FALSE(masked.contains(QLatin1String(secret))) << secret << '\n' << masked.toStdString();
    EXPECT_TRUE(masked.contains(QStringLiteral("assertion=eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbm4ifQ.****")));
    EXPECT_TRUE(masked.contains(QStringLiteral("\"access_token\":\"00D5g000000abcd!****\"")));
    EXPECT_TRUE(masked.contains(QStringLiteral("eyJraWQiOiIyNDIifQ.eyJzdWIiOiJ4In0.****"))); // id_token claims stay readable
    EXPECT_TRUE(masked.contains(QStringLiteral("notSecret="))); // Salesforce's response signature is not a credential
    EXPECT_TRUE(masked.contains(QStringLiteral("HTTP/1.1 200 OK\n")));

    HttpExchangeRecord call;
    call.request.url = QUrl(QStringLiteral("https://acme.my.salesforce.com/secur/frontdoor.jsp?sid=") + kAccess);
    call.request.headers = { { "Authorization", "Bearer " + kAccess.toLatin1() } };
    const QString maskedCall = call.masked();
    EXPECT_FALSE(maskedCall.contains(QStringLiteral("SecretPart"))) << maskedCall.toStdString();
    EXPECT_TRUE(maskedCall.contains(QStringLiteral("Authorization: Bearer 00D5g000000abcd!****")));
}

TEST(HttpExchangeRecord, PrettyIndentsJsonAndListsFormFields)
{
    const QString pretty = tokenRecord().pretty(HttpExchangeRecord::Secrets::Show);
    EXPECT_TRUE(pretty.contains(QStringLiteral("\ngrant_type=urn:ietf:params:oauth:grant-type:jwt-bearer\nassertion=eyJ")))
        << pretty.toStdString();
    EXPECT_TRUE(pretty.contains(QStringLiteral("    \"instance_url\": \"https://acme.my.salesforce.com\"")))
        << pretty.toStdString();
    EXPECT_EQ(HttpExchangeRecord::prettyBody("<html>x</html>", "text/html"), QStringLiteral("<html>x</html>"));
}

TEST(HttpExchangeRecord, JsonRenderingMasksToo)
{
    const QJsonObject json = tokenRecord().toJson(HttpExchangeRecord::Secrets::Mask);
    const QJsonObject response = json.value(QStringLiteral("response")).toObject();
    EXPECT_EQ(response.value(QStringLiteral("status")).toInt(), 200);
    EXPECT_FALSE(response.value(QStringLiteral("body")).toString().contains(QStringLiteral("SecretPart")));
    EXPECT_FALSE(json.value(QStringLiteral("request"))
            .toObject()
            .value(QStringLiteral("body"))
            .toString()
            .contains(QStringLiteral("LXNlY3JldA")));

    HttpExchangeRecord failed;
    failed.request.url = QUrl(QStringLiteral("https://x.example/"));
    failed.transport = HttpExchangeRecord::Transport::Timeout;
    failed.transportMessage = QStringLiteral("No complete answer within 300 ms.");
    const QJsonObject failedJson = failed.toJson(HttpExchangeRecord::Secrets::Mask);
    EXPECT_FALSE(failedJson.contains(QStringLiteral("response")));
    EXPECT_EQ(failedJson.value(QStringLiteral("transport")).toObject().value(QStringLiteral("kind")).toString(),
        QStringLiteral("timeout"));
    EXPECT_TRUE(failed.masked().contains(QStringLiteral("(no complete HTTP answer: No complete answer within 300 ms.)")));
}

// A server that echoes the request: every form of the assertion's signature and of the tokens
// it has seen is masked, wherever it appears.
TEST(SecretMasker, MasksEveryFormOfAnEchoedSecret)
{
    // A signature long enough for the prefix rule, with both base64url-only characters.
    const QString signature = QStringLiteral("QUJDREVGR0hJSktMTU5PUFFSU1RVVldY-_aBcDeFgHiJ");
    const QString assertion = QStringLiteral("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbm4ifQ.") + signature;
    SecretMasker masker;
    masker.addToken(assertion);
    masker.addToken(QStringLiteral("5Aep861RefreshSecretValue0123456789"));
    QString standard = signature;
    standard.replace(QLatin1Char('-'), QLatin1Char('+')).replace(QLatin1Char('_'), QLatin1Char('/'));
    const struct {
        const char *name;
        QString echo;
    } cases[] = {
        { "whole assertion", QStringLiteral("bad assertion: ") + assertion },
        { "signature alone", QStringLiteral("signature ") + signature + QStringLiteral(" invalid") },
        { "percent-encoded", QString::fromLatin1(QUrl::toPercentEncoding(assertion)) },
        { "standard base64", QStringLiteral("sig=") + standard },
        { "cut short", QStringLiteral("assertion=") + assertion.left(assertion.size() - 10) + QStringLiteral("...") },
        { "refresh token", QStringLiteral("refresh_token=5Aep861RefreshSecretValue0123456789") },
    };
    for (const auto &c : cases) {
        SCOPED_TRACE(c.name);
        const QString masked = masker.apply(c.echo);
        EXPECT_TRUE(masked.contains(SecretMasker::mask())) << masked.toStdString();
        EXPECT_FALSE(masked.contains(signature.left(16))) << masked.toStdString();
        EXPECT_FALSE(masked.contains(standard.left(16))) << masked.toStdString();
        EXPECT_FALSE(masked.contains(QStringLiteral("RefreshSecret"))) << masked.toStdString();
    }
    // What is not secret stays: the header and claims of the assertion.
    EXPECT_TRUE(masker.apply(assertion).startsWith(QStringLiteral("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbm4ifQ.")));
}
