// The practice org's token endpoint over real loopback HTTP, through the same TokenExchange the
// GUI and CLI use: the grant, and every refusal it can produce with Salesforce's exact body
// (salesforce-wire.md §3).
#include "integration/PracticeOrgFixture.h"

#include "crypto/KeyLoader.h"
#include "practice/SalesforceId.h"
#include "practice/TokenEndpoint.h"

#include <QJsonArray>
#include <QRegularExpression>

using namespace jwtflow;
using practicetest::PracticeOrgTest;

namespace {

QByteArray body(const char *error, const char *description)
{
    return QByteArray(R"({"error":")") + error + R"(","error_description":")" + description + R"("})";
}

} // namespace

TEST_F(PracticeOrgTest, GrantsATokenShapedLikeSalesforces)
{
    const ExchangeResult result = exchange(sign(claims()));
    ASSERT_TRUE(result.ok()) << result.summary().toStdString() << result.record.raw().toStdString();
    EXPECT_EQ(result.status(), 200);
    EXPECT_EQ(result.record.responseHeader("Content-Type"), "application/json;charset=UTF-8");
    EXPECT_EQ(result.record.responseHeader("Cache-Control"), "no-cache,must-revalidate,max-age=0,no-store,private");

    const TokenResponse &t = result.token;
    // sfdx-core's own pattern for an opaque access token (salesforce-wire.md §2).
    EXPECT_TRUE(QRegularExpression(QStringLiteral("^(00D\\w{12,15})![.\\w]*$")).match(t.accessToken).hasMatch())
        << t.accessToken.toStdString();
    EXPECT_TRUE(t.accessToken.startsWith(SalesforceId::to15(org.orgId()) + QLatin1Char('!')));
    EXPECT_EQ(t.instanceUrl, origin());
    EXPECT_EQ(t.tokenType, QStringLiteral("Bearer"));
    EXPECT_EQ(t.scope, QStringLiteral("api web refresh_token openid"));
    EXPECT_EQ(t.orgId(), org.orgId());
    EXPECT_EQ(t.orgId().size(), 18);
    EXPECT_EQ(t.userId(), org.directory().users.constFirst().id);
    EXPECT_EQ(t.id, origin() + QStringLiteral("/id/") + org.orgId() + QLatin1Char('/') + t.userId());
    // The documented JWT bearer answer: five members, no id_token even though the app has openid.
    EXPECT_EQ(t.json.keys().size(), 5) << result.record.response.body.constData();
    EXPECT_FALSE(t.json.contains(QStringLiteral("id_token")));
    // Salesforce's JWT grant sends no issued_at/signature unless the app is configured to.
    EXPECT_TRUE(t.issuedAt.isEmpty());
    EXPECT_TRUE(t.signature.isEmpty());
    EXPECT_TRUE(t.warnings(true).isEmpty()) << t.warnings(true).join(QLatin1Char('\n')).toStdString();
    // Key order of the documented sample.
    const QByteArray raw = result.record.response.body;
    EXPECT_TRUE(raw.startsWith("{\"access_token\":\"")) << raw.constData();
    EXPECT_LT(raw.indexOf("\"scope\""), raw.indexOf("\"instance_url\""));
    EXPECT_LT(raw.indexOf("\"instance_url\""), raw.indexOf("\"id\":"));
    EXPECT_EQ(org.stats().tokensIssued, 1u);

    // Every exchange gets its own token.
    const TokenResponse second = token();
    EXPECT_NE(second.accessToken, t.accessToken);
    EXPECT_EQ(org.stats().activeSessions, 2);
}

TEST_F(PracticeOrgTest, AcceptsWhatRealClientsSend)
{
    QJsonObject c = claims();
    // sf: aud = --instance-url as URL.href (trailing slash), exp = Date.now() + 300 (milliseconds), iat.
    c[QStringLiteral("aud")] = origin() + QLatin1Char('/');
    c[QStringLiteral("exp")] = QDateTime::currentMSecsSinceEpoch() + 300;
    c[QStringLiteral("iat")] = QDateTime::currentSecsSinceEpoch();
    EXPECT_TRUE(exchange(sign(c)).ok());
    // jsforce recipes: aud = login.salesforce.com; no typ in the header.
    c[QStringLiteral("aud")] = QStringLiteral("https://login.salesforce.com");
    EXPECT_TRUE(exchange(sign(c, demoKey, QStringLiteral("RS256"), R"({"alg":"RS256"})")).ok());
    // simple-salesforce: exp as a string; the doc's own example.
    c[QStringLiteral("exp")] = QString::number(QDateTime::currentSecsSinceEpoch() + 60);
    EXPECT_TRUE(exchange(sign(c)).ok());
    // prn instead of sub (backward compatibility), and localhost for 127.0.0.1.
    c.remove(QStringLiteral("sub"));
    c[QStringLiteral("prn")] = org.username().toUpper(); // usernames match without regard to case
    c[QStringLiteral("aud")] = QStringLiteral("http://localhost:%1").arg(org.port());
    EXPECT_TRUE(exchange(sign(c)).ok());
    // Extra form fields (jsforce adds client_id when configured) are ignored.
    const practicetest::HttpAnswer extra = postForm(form(sign(claims())) + "&client_id=" + org.consumerKey().toLatin1());
    EXPECT_EQ(extra.status, 200) << extra.body.constData();
}

TEST_F(PracticeOrgTest, PrnWinsOverSub)
{
    QJsonObject c = claims();
    c[QStringLiteral("sub")] = QStringLiteral("nobody@example.com");
    c[QStringLiteral("prn")] = org.username();
    EXPECT_TRUE(exchange(sign(c)).ok());
    c[QStringLiteral("sub")] = org.username();
    c[QStringLiteral("prn")] = QStringLiteral("nobody@example.com");
    EXPECT_EQ(exchange(sign(c)).record.response.body, body("invalid_grant", "user hasn't approved this consumer"));
}

TEST_F(PracticeOrgTest, E1UnknownUserOrNoApproval)
{
    QJsonObject c = claims();
    c[QStringLiteral("sub")] = QStringLiteral("nobody@practice.jwtflow.example");
    ExchangeResult r = exchange(sign(c));
    EXPECT_EQ(r.status(), 400);
    EXPECT_EQ(r.record.response.body, body("invalid_grant", "user hasn't approved this consumer"));
    EXPECT_EQ(r.outcome, ExchangeResult::Outcome::OAuthError);
    EXPECT_EQ(r.error, QStringLiteral("invalid_grant"));

    // The self-authorize app: the demo user approved it, the standard user did not.
    c = claims();
    c[QStringLiteral("iss")] = QStringLiteral("3MVG9jwtflow.Practice.Org.SelfAuthorize.App");
    EXPECT_TRUE(exchange(sign(c)).ok());
    c[QStringLiteral("sub")] = QStringLiteral("standard@practice.jwtflow.example");
    r = exchange(sign(c));
    EXPECT_EQ(r.record.response.body, body("invalid_grant", "user hasn't approved this consumer"));
}

TEST_F(PracticeOrgTest, E2InvalidAssertion)
{
    const QByteArray expected = body("invalid_grant", "invalid assertion");
    // Signed with another key (the certificate in the app does not match).
    EXPECT_EQ(exchange(sign(claims(), otherKey)).record.response.body, expected);
    // RS512 with the right key: Salesforce takes RS256 only.
    EXPECT_EQ(exchange(sign(claims(), demoKey, QStringLiteral("RS512"), R"({"alg":"RS512"})")).record.response.body, expected);
    // PS256 with the right key, ES256 and EdDSA with keys jwtflow signs well: valid JWS all, and
    // Salesforce answers each with the same "invalid assertion" (RS256 only; salesforce-wire.md §1.3).
    EXPECT_EQ(exchange(sign(claims(), demoKey, QStringLiteral("PS256"), R"({"alg":"PS256"})")).record.response.body, expected);
    for (const auto &[file, alg] : { std::pair { "ec-p256-pkcs8.pem", "ES256" }, std::pair { "ed25519.pem", "EdDSA" } }) {
        const auto key = KeyLoader::loadPrivateKey(QStringLiteral(JWTFLOW_TEST_DATA "/keys/") + QString::fromLatin1(file));
        ASSERT_TRUE(key.ok()) << key.error().text().toStdString();
        const QString assertion
            = sign(claims(), key.value(), QString::fromLatin1(alg), QByteArray(R"({"alg":")") + alg + R"("})");
        ASSERT_FALSE(assertion.isEmpty()) << alg;
        const ExchangeResult refused = exchange(assertion);
        EXPECT_EQ(refused.status(), 400) << alg;
        EXPECT_EQ(refused.record.response.body, expected) << alg;
    }
    // A changed payload after signing.
    QString token = sign(claims());
    QStringList parts = token.split(QLatin1Char('.'));
    QJsonObject tampered = claims();
    tampered[QStringLiteral("sub")] = QStringLiteral("standard@practice.jwtflow.example");
    parts[1] = QString::fromLatin1(QJsonDocument(tampered)
            .toJson(QJsonDocument::Compact)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    EXPECT_EQ(exchange(parts.join(QLatin1Char('.'))).record.response.body, expected);
    // A private key pasted as the assertion, an unsigned token, garbage, nothing.
    EXPECT_EQ(postForm(form(QStringLiteral("-----BEGIN PRIVATE KEY-----\nMIIE...\n-----END PRIVATE KEY-----"))).body, expected);
    EXPECT_EQ(postForm(form(QStringLiteral("eyJhbGciOiJub25lIn0.e30."))).body, expected);
    EXPECT_EQ(postForm(form(QStringLiteral("not.a.jwt"))).body, expected);
    EXPECT_EQ(postForm("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer").body, expected);
    // exp missing: the assertion is unusable.
    QJsonObject noExp = claims();
    noExp.remove(QStringLiteral("exp"));
    EXPECT_EQ(exchange(sign(noExp)).record.response.body, expected);
}

TEST_F(PracticeOrgTest, E3AudienceIsInvalid)
{
    const QByteArray expected = body("invalid_grant", "audience is invalid");
    QJsonObject c = claims();
    for (const QString &aud : { QStringLiteral("https://test.salesforce.com"), QStringLiteral("https://acme.my.salesforce.com"),
             QStringLiteral("http://127.0.0.1:1"), origin() + QStringLiteral("/services/oauth2/token"), QString() }) {
        c[QStringLiteral("aud")] = aud;
        const ExchangeResult r = exchange(sign(c));
        EXPECT_EQ(r.status(), 400) << aud.toStdString();
        EXPECT_EQ(r.record.response.body, expected) << aud.toStdString();
    }
}

TEST_F(PracticeOrgTest, E4ExpiredAuthorizationCode)
{
    QJsonObject c = claims();
    c[QStringLiteral("exp")] = QDateTime::currentSecsSinceEpoch() - 5;
    EXPECT_EQ(exchange(sign(c)).record.response.body, body("invalid_grant", "expired authorization code"));
    // The Apex mistake: milliseconds divided twice lands in 1970.
    c[QStringLiteral("exp")] = QDateTime::currentSecsSinceEpoch() / 1000;
    EXPECT_EQ(exchange(sign(c)).record.response.body, body("invalid_grant", "expired authorization code"));
}

TEST_F(PracticeOrgTest, E5ClientIdentifierInvalid)
{
    QJsonObject c = claims();
    c[QStringLiteral("iss")] = QStringLiteral("3MVG9.not.a.known.key");
    const ExchangeResult r = exchange(sign(c));
    EXPECT_EQ(r.status(), 400);
    EXPECT_EQ(r.record.response.body, body("invalid_client_id", "client identifier invalid"));
    c.remove(QStringLiteral("iss"));
    EXPECT_EQ(exchange(sign(c)).record.response.body, body("invalid_client_id", "client identifier invalid"));
}

TEST_F(PracticeOrgTest, E7NotAdminApproved)
{
    QJsonObject c = claims();
    c[QStringLiteral("sub")] = QStringLiteral("standard@practice.jwtflow.example"); // profile Standard User
    EXPECT_EQ(
        exchange(sign(c)).record.response.body, body("invalid_app_access", "user is not admin approved to access this app"));
}

TEST_F(PracticeOrgTest, E9GrantTypeNotSupported)
{
    const QByteArray expected = body("unsupported_grant_type", "grant type not supported");
    const QByteArray good = form(sign(claims()));
    EXPECT_EQ(postForm(good, "").body, expected); // no Content-Type
    EXPECT_EQ(postForm(good, "application/json").body, expected); // the wrong one
    EXPECT_EQ(postForm(good, "text/plain").status, 400);
    EXPECT_EQ(postForm("grant_type=password&assertion=x").body, expected);
    EXPECT_EQ(postForm("assertion=x").body, expected);
    // A charset parameter is fine.
    EXPECT_EQ(postForm(good, "application/x-www-form-urlencoded; charset=UTF-8").status, 200);
}

TEST_F(PracticeOrgTest, E11InactiveUser)
{
    QJsonObject c = claims();
    c[QStringLiteral("sub")] = QStringLiteral("inactive@practice.jwtflow.example");
    EXPECT_EQ(exchange(sign(c)).record.response.body, body("invalid_grant", "inactive user"));
}

TEST_F(PracticeOrgTest, GetIsNotAPost)
{
    const practicetest::HttpAnswer answer = get(QStringLiteral("/services/oauth2/token"));
    EXPECT_EQ(answer.status, 400);
    EXPECT_EQ(answer.body, body("invalid_request", "Must use HTTP POST"));
}

TEST_F(PracticeOrgTest, DoubledSlashAndChunkedBodiesAreServed)
{
    // sf and jsforce POST with Transfer-Encoding: chunked, sometimes to //services/oauth2/token (§8.3).
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, org.port());
    ASSERT_TRUE(socket.waitForConnected(3000));
    const QByteArray payload = form(sign(claims()));
    QByteArray request
        = "POST //services/oauth2/token HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
    const qsizetype half = payload.size() / 2;
    request += QByteArray::number(half, 16) + "\r\n" + payload.left(half) + "\r\n";
    request += QByteArray::number(payload.size() - half, 16) + "\r\n" + payload.mid(half) + "\r\n0\r\n\r\n";
    socket.write(request);
    QByteArray answer;
    QEventLoop loop;
    QObject::connect(&socket, &QTcpSocket::readyRead, &loop, [&] {
        answer += socket.readAll();
        // Done when the headers and Content-Length bytes of body are in.
        const qsizetype end = answer.indexOf("\r\n\r\n");
        const QRegularExpressionMatch length
            = QRegularExpression(QStringLiteral("content-length: *(\\d+)"), QRegularExpression::CaseInsensitiveOption)
                  .match(QString::fromLatin1(answer.left(end)));
        if (end > 0 && length.hasMatch() && answer.size() >= end + 4 + length.captured(1).toLongLong())
            loop.quit();
    });
    QObject::connect(&socket, &QTcpSocket::disconnected, &loop, &QEventLoop::quit);
    QTimer::singleShot(5000, &loop, &QEventLoop::quit);
    loop.exec();
    answer += socket.readAll();
    EXPECT_TRUE(answer.startsWith("HTTP/1.1 200")) << answer.constData();
    EXPECT_TRUE(answer.contains("\"access_token\":\"00D")) << answer.constData();
}

TEST_F(PracticeOrgTest, IssuedAtAndSignatureWhenConfigured)
{
    OrgDirectory d = org.configuredDirectory();
    d.apps[0].issuedAtAndSignature = true;
    org.setDirectory(d);
    const TokenResponse t = token();
    ASSERT_FALSE(t.issuedAt.isEmpty());
    EXPECT_NEAR(t.issuedAt.toLongLong(), QDateTime::currentMSecsSinceEpoch(), 60000);
    // Salesforce's check: base64(HMAC-SHA256(consumer secret, id + issued_at)).
    EXPECT_EQ(t.signature, TokenEndpoint::signature(d.apps[0].consumerSecret, t.id, t.issuedAt));
    EXPECT_EQ(t.signature.size(), 44);
}

TEST_F(PracticeOrgTest, SessionStoreStaysBounded)
{
    org.stop();
    PracticeOrg::Options options;
    options.dataFolder = dataDir.path();
    options.maxSessions = 3;
    ASSERT_TRUE(org.start(options).ok());
    QStringList tokens;
    for (int i = 0; i < 5; ++i)
        tokens << token().accessToken;
    EXPECT_EQ(org.stats().activeSessions, 3);
    // The oldest went first.
    EXPECT_EQ(get(QStringLiteral("/services/data/v62.0/"), tokens.first()).status, 401);
    EXPECT_EQ(get(QStringLiteral("/services/data/v62.0/"), tokens.last()).status, 200);
}
