// The ID token inspector against the practice org: ID tokens it mints (signed with the key it
// publishes at /id/keys) verified through OpenID discovery, and failed on a wrong aud, an
// expired token, another kid and a tampered payload.
#include "inspect/IdTokenVerifier.h"
#include "inspect/KeyDiscovery.h"
#include "practice/PracticeOrg.h"
#include "token/Base64Url.h"
#include "token/Jwt.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QTemporaryDir>
#include <QTimer>

#include <gtest/gtest.h>

#include <optional>

using namespace jwtflow;

namespace {

const QString kAccessToken = QStringLiteral("00Dxx0000001gPL!AQ4AQPracticeAccessToken.x");
const QString kNonce = QStringLiteral("practice-nonce-1");

class IdTokenPracticeOrgTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        ASSERT_TRUE(folder.isValid());
        PracticeOrg::Options options;
        options.dataFolder = folder.path();
        const auto started = org.start(options);
        ASSERT_TRUE(started.ok()) << started.error().text().toStdString();
        manager.setProxy(QNetworkProxy::NoProxy);
        discovery.setTimeout(10000);
        issuer = org.url().toString();
        if (issuer.endsWith(QLatin1Char('/')))
            issuer.chop(1);
    }

    std::optional<KeyDiscovery::IssuerKeys> fetchKeys(const QString &iss)
    {
        std::optional<KeyDiscovery::IssuerKeys> keys;
        QEventLoop loop;
        QObject::connect(&discovery, &KeyDiscovery::keysReady, &loop, [&](const KeyDiscovery::IssuerKeys &k, bool) {
            keys = k;
            loop.quit();
        });
        QObject::connect(&discovery, &KeyDiscovery::failed, &loop, [&](const QString &, const Error &error) {
            ADD_FAILURE() << error.text().toStdString();
            loop.quit();
        });
        QTimer::singleShot(15000, &loop, &QEventLoop::quit);
        const auto started = discovery.fetch(iss);
        EXPECT_TRUE(started.ok()) << (started.ok() ? std::string() : started.error().text().toStdString());
        if (started.ok())
            loop.exec();
        return keys;
    }

    QString mint(const IdTokenMinter::Options &options)
    {
        const auto token = org.mintIdToken(org.username(), options);
        EXPECT_TRUE(token.ok()) << (token.ok() ? std::string() : token.error().text().toStdString());
        return token.ok() ? token.value() : QString();
    }

    IdTokenVerifier::Report verify(const QString &token)
    {
        const auto jwt = Jwt::parse(token);
        EXPECT_TRUE(jwt.ok());
        const QString iss = jwt->claims().value(QStringLiteral("iss")).toString();
        const auto keys = fetchKeys(iss);
        IdTokenVerifier::Options options;
        if (keys) {
            options.keys = keys->material();
            options.expectedIssuer = keys->issuer;
        }
        options.clientId = org.consumerKey();
        options.nonce = kNonce;
        options.accessToken = kAccessToken;
        return IdTokenVerifier::verify(jwt.value(), options);
    }

    static IdTokenMinter::Options good()
    {
        IdTokenMinter::Options options;
        options.accessToken = kAccessToken;
        options.nonce = kNonce;
        return options;
    }

    static TokenCheck::Status statusOf(const IdTokenVerifier::Report &report, const char *name)
    {
        const TokenCheck *check = report.check(QString::fromLatin1(name));
        return check ? check->status : TokenCheck::Status::Skipped;
    }

    static std::string messageOf(const IdTokenVerifier::Report &report, const char *name)
    {
        const TokenCheck *check = report.check(QString::fromLatin1(name));
        return check ? check->message.toStdString() : std::string("(no check)");
    }

    QTemporaryDir folder;
    PracticeOrg org;
    QNetworkAccessManager manager;
    KeyDiscovery discovery { &manager };
    QString issuer;
};

} // namespace

TEST_F(IdTokenPracticeOrgTest, AMintedIdTokenVerifiesThroughDiscovery)
{
    const QString token = mint(good());
    ASSERT_FALSE(token.isEmpty());
    const auto report = verify(token);
    for (const char *name : { "signature", "iss", "aud", "exp", "iat", "nonce", "at_hash" })
        EXPECT_EQ(statusOf(report, name), TokenCheck::Status::Passed) << name << ": " << messageOf(report, name);
    EXPECT_EQ(report.kid, org.signingKid());
    EXPECT_TRUE(report.keyUsed.contains(QStringLiteral("/id/keys"))) << report.keyUsed.toStdString();
}

TEST_F(IdTokenPracticeOrgTest, WrongAudienceExpiredOtherKidAndTamperedTokensFail)
{
    IdTokenMinter::Options wrongAud = good();
    wrongAud.audience = QStringLiteral("3MVG9someOtherApp");
    auto report = verify(mint(wrongAud));
    EXPECT_EQ(statusOf(report, "aud"), TokenCheck::Status::Failed) << messageOf(report, "aud");
    EXPECT_EQ(statusOf(report, "signature"), TokenCheck::Status::Passed);

    IdTokenMinter::Options expired = good();
    expired.expired = true;
    report = verify(mint(expired));
    EXPECT_EQ(statusOf(report, "exp"), TokenCheck::Status::Failed) << messageOf(report, "exp");

    IdTokenMinter::Options otherKid = good();
    otherKid.kid = QStringLiteral("999");
    report = verify(mint(otherKid));
    EXPECT_EQ(statusOf(report, "signature"), TokenCheck::Status::Failed);
    EXPECT_TRUE(
        report.check(QStringLiteral("signature"))->message.contains(QLatin1Char('"') + org.signingKid() + QLatin1Char('"')))
        << messageOf(report, "signature");

    const QStringList parts = mint(good()).split(QLatin1Char('.'));
    ASSERT_EQ(parts.size(), 3);
    QJsonObject claims = QJsonDocument::fromJson(Base64Url::decode(parts[1].toLatin1()).value()).object();
    claims.insert(QStringLiteral("preferred_username"), QStringLiteral("admin@example.com"));
    const QString tampered = parts[0] + QLatin1Char('.')
        + QString::fromLatin1(Base64Url::encode(QJsonDocument(claims).toJson(QJsonDocument::Compact))) + QLatin1Char('.')
        + parts[2];
    report = verify(tampered);
    EXPECT_EQ(statusOf(report, "signature"), TokenCheck::Status::Failed) << messageOf(report, "signature");
}
