#pragma once

// Shared by the practice org's integration tests: a PracticeOrg on a loopback port with the
// fixture keys of tests/data/keys (copied into a temporary data folder, so no test generates
// keys or touches the user's folder), assertions signed like a client would, and the real
// TokenExchange / OrgClient / QNetworkAccessManager to talk to it.

#include "crypto/KeyLoader.h"
#include "crypto/Signer.h"
#include "flow/ExchangeResult.h"
#include "flow/FormBody.h"
#include "flow/OrgClient.h"
#include "flow/TokenExchange.h"
#include "practice/PracticeOrg.h"
#include "token/Jwt.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QTimer>

#include <gtest/gtest.h>

#include <optional>

namespace practicetest {

inline QString fixture(const char *name)
{
    return QStringLiteral(JWTFLOW_TEST_DATA "/keys/") + QString::fromLatin1(name);
}

// demo.* = rsa2048 (the app's key pair), org-signing.* = other2048 (the org's ID-token key).
inline bool seedDataFolder(const QString &folder)
{
    QDir().mkpath(folder);
    const struct {
        const char *from, *to;
    } files[] = { { "rsa2048-pkcs8.pem", "demo.key" }, { "rsa2048.crt", "demo.crt" }, { "rsa2048.cer", "demo.cer" },
        { "other2048.pem", "org-signing.key" }, { "other2048.crt", "org-signing.crt" } };
    for (const auto &file : files) {
        if (!QFile::copy(fixture(file.from), QDir(folder).filePath(QString::fromLatin1(file.to))))
            return false;
    }
    return true;
}

struct HttpAnswer {
    int status = 0;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
    QJsonObject object() const { return QJsonDocument::fromJson(body).object(); }
};

class PracticeOrgTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        manager.setProxy(QNetworkProxy::NoProxy);
        manager.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
        ASSERT_TRUE(dataDir.isValid());
        ASSERT_TRUE(seedDataFolder(dataDir.path()));
        jwtflow::PracticeOrg::Options options;
        options.dataFolder = dataDir.path();
        options.clock = clockForOrg();
        options.limits = limitsForOrg();
        const auto started = org.start(options);
        ASSERT_TRUE(started.ok()) << started.error().text().toStdString();
        auto key = jwtflow::KeyLoader::loadPrivateKey(fixture("rsa2048-pkcs8.pem"));
        ASSERT_TRUE(key.ok());
        demoKey = key.value();
        auto other = jwtflow::KeyLoader::loadPrivateKey(fixture("other2048.pem"));
        ASSERT_TRUE(other.ok());
        otherKey = other.value();
    }

    virtual const jwtflow::Clock *clockForOrg() { return nullptr; }
    virtual jwtflow::PracticeServerLimits limitsForOrg() { return {}; }

    QString origin() const { return org.url().toString(); }

    // The claims a client sends: iss, sub, aud = the org's URL, exp = now + 3 min.
    QJsonObject claims() const
    {
        return QJsonObject { { QStringLiteral("iss"), org.consumerKey() }, { QStringLiteral("sub"), org.username() },
            { QStringLiteral("aud"), origin() }, { QStringLiteral("exp"), QDateTime::currentSecsSinceEpoch() + 180 } };
    }

    QString sign(const QJsonObject &claims, const jwtflow::PrivateKey &key, const QString &alg = QStringLiteral("RS256"),
        const QByteArray &header = R"({"alg":"RS256","typ":"JWT"})") const
    {
        auto jwt = jwtflow::Jwt::compose(header, QJsonDocument(claims).toJson(QJsonDocument::Compact));
        EXPECT_TRUE(jwt.ok());
        if (!jwt)
            return {};
        const auto signedOk = jwtflow::Signer::sign(jwt.value(), key, alg);
        EXPECT_TRUE(signedOk.ok());
        return QString::fromLatin1(jwt->encoded());
    }
    QString sign(const QJsonObject &claims) const { return sign(claims, demoKey); }

    // The exchange as the GUI and CLI make it.
    jwtflow::ExchangeResult exchange(const QString &assertion, const QString &host = {})
    {
        jwtflow::TokenExchange exchanger(&manager);
        exchanger.setTimeout(5000);
        std::optional<jwtflow::ExchangeResult> result;
        QEventLoop loop;
        QObject::connect(&exchanger, &jwtflow::TokenExchange::finished, &loop, [&](const jwtflow::ExchangeResult &r) {
            result = r;
            loop.quit();
        });
        const auto sent = exchanger.exchange(host.isEmpty() ? origin() : host, assertion);
        EXPECT_TRUE(sent.ok());
        if (!sent)
            return {};
        if (!result)
            loop.exec();
        return result.value_or(jwtflow::ExchangeResult {});
    }

    jwtflow::TokenResponse token()
    {
        const jwtflow::ExchangeResult result = exchange(sign(claims()));
        EXPECT_TRUE(result.ok()) << result.summary().toStdString();
        return result.token;
    }

    // One raw request, redirects not followed.
    HttpAnswer http(const QByteArray &method, const QUrl &url, const QList<QPair<QByteArray, QByteArray>> &headers = {},
        const QByteArray &body = {})
    {
        QNetworkRequest request(url);
        request.setTransferTimeout(5000);
        for (const auto &[name, value] : headers)
            request.setRawHeader(name, value);
        QNetworkReply *reply = manager.sendCustomRequest(request, method, body);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        if (!reply->isFinished())
            loop.exec();
        HttpAnswer answer;
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.body = reply->readAll();
        answer.headers = reply->rawHeaderPairs();
        answer.error = reply->error();
        reply->deleteLater();
        return answer;
    }
    HttpAnswer get(const QString &pathOrUrl, const QString &accessToken = {})
    {
        const QUrl url = pathOrUrl.startsWith(QLatin1String("http")) ? QUrl(pathOrUrl) : QUrl(origin() + pathOrUrl);
        QList<QPair<QByteArray, QByteArray>> headers;
        if (!accessToken.isEmpty())
            headers.append({ "Authorization", "Bearer " + accessToken.toLatin1() });
        return http("GET", url, headers);
    }
    HttpAnswer postForm(const QByteArray &body, const QByteArray &contentType = "application/x-www-form-urlencoded",
        const QString &path = QStringLiteral("/services/oauth2/token"))
    {
        QList<QPair<QByteArray, QByteArray>> headers;
        if (!contentType.isEmpty())
            headers.append({ "Content-Type", contentType });
        return http("POST", QUrl(origin() + path), headers, body);
    }
    static QByteArray form(const QString &assertion)
    {
        return jwtflow::FormBody::encode(
            { { QStringLiteral("grant_type"), QStringLiteral("urn:ietf:params:oauth:grant-type:jwt-bearer") },
                { QStringLiteral("assertion"), assertion } });
    }

    QTemporaryDir dataDir;
    QNetworkAccessManager manager;
    jwtflow::PracticeOrg org;
    jwtflow::PrivateKey demoKey;
    jwtflow::PrivateKey otherKey;
};

} // namespace practicetest
