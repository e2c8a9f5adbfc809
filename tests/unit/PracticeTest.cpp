// The practice org's parts without sockets: ids, JSON writing, SOQL, the session store, the
// token endpoint's decisions at their boundaries (a fixed clock), the config file, the keys.
#include "core/Clock.h"
#include "crypto/KeyLoader.h"
#include "crypto/Signer.h"
#include "flow/FormBody.h"
#include "practice/AssertionValidator.h"
#include "practice/DemoCredentials.h"
#include "practice/OrderedJson.h"
#include "practice/OrgDirectory.h"
#include "practice/PracticeRequest.h"
#include "practice/RestEndpoints.h"
#include "practice/SalesforceId.h"
#include "practice/SessionStore.h"
#include "practice/SoqlQuery.h"
#include "token/Jwt.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace jwtflow;

namespace {

QString fixture(const char *name)
{
    return QStringLiteral(JWTFLOW_TEST_DATA "/keys/") + QString::fromLatin1(name);
}

} // namespace

TEST(PracticeSalesforceId, EighteenCharacterIds)
{
    EXPECT_EQ(SalesforceId::to18(u"00Dxx0000001gPL"), QStringLiteral("00Dxx0000001gPLEAY")); // salesforce-wire.md §2
    EXPECT_EQ(SalesforceId::to18(u"005xx000001SwiU"), QStringLiteral("005xx000001SwiUAAS"));
    EXPECT_EQ(SalesforceId::to18(u"001A0000006Vm9r"), QStringLiteral("001A0000006Vm9rIAC"));
    EXPECT_TRUE(SalesforceId::isValid(u"00Dxx0000001gPLEAY"));
    EXPECT_TRUE(SalesforceId::isValid(u"00Dxx0000001gPLeay")); // the suffix is read without regard to case
    EXPECT_FALSE(SalesforceId::isValid(u"00Dxx0000001gPLAAA"));
    EXPECT_FALSE(SalesforceId::isValid(u"00Dxx0000001gP"));
    EXPECT_FALSE(SalesforceId::isValid(u"00Dxx0000001gP!"));
    EXPECT_TRUE(SalesforceId::same(u"00Dxx0000001gPL", u"00Dxx0000001gPLEAY"));
    EXPECT_FALSE(SalesforceId::same(u"00Dxx0000001gPl", u"00Dxx0000001gPLEAY"));
}

TEST(PracticeOrderedJson, KeepsOrderAndEscapes)
{
    const QByteArray json = OrderedJson()
                                .add(u"z", QStringLiteral("a\"b\\c\nd\u00e9\U0001F600"))
                                .add(u"a", true)
                                .add(u"n", qint64(-5))
                                .addNull(u"x")
                                .addRaw(u"arr", OrderedJson::array({ "1", "\"two\"" }))
                                .add(u"ctl", QString(QChar(0x01)))
                                .toJson();
    EXPECT_EQ(json,
        QByteArray("{\"z\":\"a\\\"b\\\\c\\nd\xc3\xa9\xf0\x9f\x98\x80\",\"a\":true,\"n\":-5,\"x\":null,\"arr\":[1,\"two\"],"
                   "\"ctl\":\"\\u0001\"}"));
    const QJsonObject parsed = QJsonDocument::fromJson(json).object();
    EXPECT_EQ(parsed.value(QStringLiteral("z")).toString(), QStringLiteral("a\"b\\c\nd\u00e9\U0001F600"));
    EXPECT_EQ(OrderedJson().toJson(), "{}");
}

TEST(PracticeSoql, ParsesTheSupportedShape)
{
    SoqlQuery::Failure failure;
    auto q = SoqlQuery::parse(QStringLiteral("  select Id, Name FROM Account where Name = 'O\\'Brien & Co' limit 5 "), &failure);
    ASSERT_TRUE(q.has_value()) << failure.message.toStdString();
    EXPECT_EQ(q->fields, (QStringList { QStringLiteral("Id"), QStringLiteral("Name") }));
    EXPECT_EQ(q->object, QStringLiteral("Account"));
    ASSERT_TRUE(q->where.has_value());
    EXPECT_EQ(q->where->kind, SoqlQuery::Condition::Compare);
    EXPECT_EQ(q->where->field.path, QStringLiteral("Name"));
    EXPECT_EQ(q->where->values.constFirst().text, QStringLiteral("O'Brien & Co"));
    EXPECT_EQ(q->limit, 5);
    EXPECT_EQ(q->objectColumn, 22); // columns count in the trimmed query
    EXPECT_EQ(q->fieldColumns, (QList<int> { 8, 12 }));

    q = SoqlQuery::parse(QStringLiteral("SELECT Id FROM ScratchOrgInfo limit 1"), &failure);
    ASSERT_TRUE(q.has_value());
    EXPECT_EQ(q->objectColumn, 16); // where Salesforce's INVALID_TYPE caret points

    q = SoqlQuery::parse(QStringLiteral("SELECT COUNT() FROM Account"), &failure);
    ASSERT_TRUE(q.has_value());
    EXPECT_TRUE(q->count);
    EXPECT_TRUE(q->fields.isEmpty());

    // sf's SandboxProcess question and a query with every clause.
    q = SoqlQuery::parse(
        QStringLiteral("SELECT Id, Owner.Name FROM Account WHERE (Name LIKE 'A%' OR Industry IN ('Energy', 'Apparel')) "
                       "AND NOT Type != null AND Status NOT IN ('D','E') ORDER BY Owner.Name DESC NULLS LAST, Name "
                       "LIMIT 10 OFFSET 2"),
        &failure);
    ASSERT_TRUE(q.has_value()) << failure.message.toStdString();
    EXPECT_EQ(q->fields.at(1), QStringLiteral("Owner.Name"));
    EXPECT_EQ(q->where->kind, SoqlQuery::Condition::And);
    ASSERT_EQ(q->where->children.size(), 3);
    EXPECT_EQ(q->where->children.at(0).kind, SoqlQuery::Condition::Or);
    EXPECT_EQ(q->where->children.at(0).children.at(1).op, SoqlQuery::Condition::In);
    EXPECT_EQ(q->where->children.at(0).children.at(1).values.size(), 2);
    EXPECT_EQ(q->where->children.at(1).kind, SoqlQuery::Condition::Not);
    EXPECT_EQ(q->where->children.at(1).children.at(0).values.at(0).kind, SoqlQuery::Literal::Null);
    EXPECT_EQ(q->where->children.at(2).op, SoqlQuery::Condition::NotIn);
    ASSERT_EQ(q->orderBy.size(), 2);
    EXPECT_TRUE(q->orderBy.at(0).descending);
    EXPECT_FALSE(q->orderBy.at(0).nullsFirst);
    EXPECT_FALSE(q->orderBy.at(1).descending);
    EXPECT_TRUE(q->orderBy.at(1).nullsFirst); // SOQL's default
    EXPECT_EQ(q->limit, 10);
    EXPECT_EQ(q->offset, 2);

    for (const char *ok : { "SELECT Id FROM User WHERE IsActive = true", "SELECT Id FROM User WHERE Name <> 'x' AND Name >= 'a'",
             "select count() from contact where account.name = null order by name asc nulls first" }) {
        EXPECT_TRUE(SoqlQuery::parse(QString::fromUtf8(ok), &failure).has_value()) << ok << failure.message.toStdString();
    }
}

TEST(PracticeSoql, RefusesWithSalesforcesWording)
{
    SoqlQuery::Failure failure;
    const auto refused = [&failure](const char *soql) {
        EXPECT_FALSE(SoqlQuery::parse(QString::fromUtf8(soql), &failure).has_value()) << soql;
        EXPECT_EQ(failure.errorCode, QStringLiteral("MALFORMED_QUERY"));
        return failure.message;
    };
    EXPECT_EQ(refused("SELECT Name FORM Account"),
        QStringLiteral("\nSELECT Name FORM Account\n            ^\nERROR at Row:1:Column:13\nunexpected token: 'FORM'"));
    EXPECT_TRUE(refused("SELECT FROM Account").endsWith(QStringLiteral("unexpected token: 'FROM'")));
    EXPECT_TRUE(refused("SELECT Id FROM").endsWith(QStringLiteral("unexpected token: '<EOF>'")));
    EXPECT_TRUE(refused("SELECT Id FROM Account LIMIT x").endsWith(QStringLiteral("unexpected token: 'x'")));
    EXPECT_TRUE(refused("SELECT Id FROM Account WHERE Name = 'open").contains(QStringLiteral("unexpected token: ''open'")));
    EXPECT_TRUE(refused("SELECT Id FROM Account WHERE Name ~ 'a'").endsWith(QStringLiteral("unexpected token: '~'")));
    EXPECT_TRUE(refused("SELECT Id, FROM Account").endsWith(QStringLiteral("unexpected token: 'FROM'")));
    EXPECT_TRUE(refused("DELETE FROM Account").endsWith(QStringLiteral("unexpected token: 'DELETE'")));
    EXPECT_TRUE(refused("SELECT Id FROM Account OFFSET 2 LIMIT 1").endsWith(QStringLiteral("unexpected token: 'LIMIT'")));
    // AND and OR together need parentheses in SOQL; the caret points at the second joiner.
    EXPECT_EQ(refused("SELECT Id FROM Account WHERE Name = 'a' AND Name = 'b' OR Name = 'c'"),
        QStringLiteral(
            "\nSELECT Id FROM Account WHERE Name = 'a' AND Name = 'b' OR Name = 'c'\n"
            "                                                       ^\nERROR at Row:1:Column:56\nunexpected token: 'OR'"));
    EXPECT_TRUE(
        refused("SELECT Id FROM Account ORDER BY Name SIDEWAYS").endsWith(QStringLiteral("unexpected token: 'SIDEWAYS'")));
    EXPECT_TRUE(
        refused("SELECT Id FROM Account ORDER BY Name NULLS MIDDLE").endsWith(QStringLiteral("unexpected token: 'MIDDLE'")));
    EXPECT_TRUE(refused("SELECT Id FROM Account WHERE Name IN 'a'").endsWith(QStringLiteral("unexpected token: ''a''")));
    EXPECT_TRUE(refused("SELECT COUNT(), Id FROM Account").endsWith(QStringLiteral("unexpected token: ','")));
    EXPECT_TRUE(refused("SELECT Id FROM Account WHERE (Name = 'a'").endsWith(QStringLiteral("unexpected token: '<EOF>'")));
    EXPECT_TRUE(
        refused("SELECT Industry, COUNT(Id) FROM Account GROUP BY Industry").endsWith(QStringLiteral("unexpected token: '('")));
}

TEST(PracticeSessionStore, IssuesExpiresAndStaysBounded)
{
    SessionStore store(3);
    SessionStore::Session s;
    s.userId = QStringLiteral("005J90000000001IAA");
    s.expiresAt = 1000;
    const QString first = store.issue(QStringLiteral("00DJ900000PRACT"), s, 100);
    EXPECT_TRUE(first.startsWith(QStringLiteral("00DJ900000PRACT!AQ")));
    EXPECT_EQ(first.size(), 15 + 3 + 96);
    EXPECT_TRUE(QRegularExpression(QStringLiteral("^00D\\w{12}![.\\w]+$")).match(first).hasMatch()) << first.toStdString();
    ASSERT_NE(store.find(first, 999), nullptr);
    EXPECT_EQ(store.find(first, 1000), nullptr); // expired at exp, and dropped
    EXPECT_EQ(store.size(), 0);

    QStringList tokens;
    for (int i = 0; i < 10; ++i)
        tokens << store.issue(QStringLiteral("00DJ900000PRACT"), s, 100);
    EXPECT_EQ(store.size(), 3);
    EXPECT_EQ(store.find(tokens.first(), 100), nullptr);
    EXPECT_NE(store.find(tokens.last(), 100), nullptr);
    // Expired tokens go before live ones.
    SessionStore::Session late = s;
    late.expiresAt = 5000;
    store.issue(QStringLiteral("00DJ900000PRACT"), late, 2000);
    EXPECT_EQ(store.size(), 1);
    store.revokeUser(s.userId);
    EXPECT_EQ(store.size(), 0);
    // Revoke-and-issue cycles do not grow the order queue without bound.
    for (int i = 0; i < 100; ++i)
        store.revoke(store.issue(QStringLiteral("00DJ900000PRACT"), late, 2000));
    EXPECT_EQ(store.size(), 0);
}

TEST(PracticeRequest, PathsAndQueries)
{
    EXPECT_EQ(
        PracticeRequest::normalisePath(QStringLiteral("/services//data///v62.0/")), QStringLiteral("/services/data/v62.0/"));
    EXPECT_EQ(PracticeRequest::normalisePath(QString()), QStringLiteral("/"));
    PracticeRequest request;
    request.query = QUrlQuery(QStringLiteral("q=SELECT+Id%2C+Name+FROM+Account&x=a%2Bb&oauth_token=00D!a.b"));
    EXPECT_EQ(request.queryValue(QStringLiteral("q")), QStringLiteral("SELECT Id, Name FROM Account"));
    EXPECT_EQ(request.queryValue(QStringLiteral("x")), QStringLiteral("a+b"));
    EXPECT_EQ(request.queryValue(QStringLiteral("oauth_token")), QStringLiteral("00D!a.b"));
    EXPECT_TRUE(request.queryValue(QStringLiteral("missing")).isEmpty());
}

TEST(PracticeRestEndpoints, ReleaseLabels)
{
    EXPECT_EQ(RestEndpoints::releaseLabel(31), QStringLiteral("Summer '14"));
    EXPECT_EQ(RestEndpoints::releaseLabel(32), QStringLiteral("Winter '15"));
    EXPECT_EQ(RestEndpoints::releaseLabel(50), QStringLiteral("Winter '21"));
    EXPECT_EQ(RestEndpoints::releaseLabel(62), QStringLiteral("Winter '25"));
    EXPECT_EQ(RestEndpoints::releaseLabel(64), QStringLiteral("Summer '25"));
    EXPECT_EQ(RestEndpoints::releaseLabel(66), QStringLiteral("Spring '26"));
}

class PracticeValidatorTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        auto cert = KeyLoader::loadCertificate(fixture("rsa2048.crt"));
        auto key = KeyLoader::loadPrivateKey(fixture("rsa2048-pkcs8.pem"));
        ASSERT_TRUE(cert.ok() && key.ok());
        demoKey = key.value();
        directory = OrgDirectory::makeDefault(cert.value());
    }

    QString sign(const QJsonObject &claims) const
    {
        auto jwt = Jwt::compose(R"({"alg":"RS256"})", QJsonDocument(claims).toJson(QJsonDocument::Compact));
        EXPECT_TRUE(Signer::sign(jwt.value(), demoKey).ok());
        return QString::fromLatin1(jwt->encoded());
    }

    QJsonObject claims(const QJsonValue &exp) const
    {
        return { { QStringLiteral("iss"), directory.apps.first().consumerKey },
            { QStringLiteral("sub"), directory.users.first().username },
            { QStringLiteral("aud"), QStringLiteral("https://login.salesforce.com") }, { QStringLiteral("exp"), exp } };
    }

    AssertionValidator::Outcome validate(
        const QJsonObject &claims, const QHostAddress &from = QHostAddress(QHostAddress::LocalHost))
    {
        AssertionValidator::Request request;
        request.contentType = "application/x-www-form-urlencoded";
        request.body = FormBody::encode({ { QStringLiteral("grant_type"), QString::fromLatin1(AssertionValidator::kGrantType) },
            { QStringLiteral("assertion"), sign(claims) } });
        request.remoteAddress = from;
        return AssertionValidator(directory, clock, QUrl(QStringLiteral("http://127.0.0.1:8443"))).validate(request);
    }

    OrgDirectory directory;
    PrivateKey demoKey;
    FixedClock clock { 1'800'000'000 };
};

TEST_F(PracticeValidatorTest, ExpBoundariesAndSkew)
{
    EXPECT_TRUE(validate(claims(1'800'000'001)).granted);
    const auto atExp = validate(claims(1'800'000'000));
    EXPECT_FALSE(atExp.granted);
    EXPECT_EQ(atExp.refusal.code, QStringLiteral("E4"));
    EXPECT_EQ(atExp.refusal.description, QStringLiteral("expired authorization code"));
    EXPECT_TRUE(atExp.refusal.reason.contains(QStringLiteral("in the past"))) << atExp.refusal.reason.toStdString();
    directory.org.expSkewSeconds = 30;
    EXPECT_TRUE(validate(claims(1'799'999'971)).granted);
    EXPECT_FALSE(validate(claims(1'799'999'970)).granted);
    // Milliseconds: accepted, with a note; a string of seconds: accepted.
    const auto ms = validate(claims(qint64(1'800'000'000'300)));
    EXPECT_TRUE(ms.granted);
    EXPECT_TRUE(ms.grant.notes.join(QLatin1Char(' ')).contains(QStringLiteral("milliseconds")));
    EXPECT_TRUE(validate(claims(QStringLiteral("1800000100"))).granted);
    EXPECT_EQ(validate(claims(QStringLiteral("soon"))).refusal.code, QStringLiteral("E2"));
}

TEST_F(PracticeValidatorTest, AudiencesAndAddresses)
{
    AssertionValidator validator(directory, clock, QUrl(QStringLiteral("http://127.0.0.1:8443")));
    EXPECT_EQ(validator.acceptedAudiences(),
        (QStringList { QStringLiteral("https://login.salesforce.com"), QStringLiteral("http://127.0.0.1:8443"),
            QStringLiteral("http://localhost:8443") }));
    EXPECT_EQ(AssertionValidator::normaliseAudience(QStringLiteral("HTTPS://Acme.My.Site.com/Customers/")),
        QStringLiteral("https://acme.my.site.com/Customers"));
    directory.org.acceptMyDomainAudience = false;
    directory.org.audiences = { QStringLiteral("https://acme.my.site.com/customers") };
    QJsonObject c = claims(1'800'000'100);
    c[QStringLiteral("aud")] = QStringLiteral("http://127.0.0.1:8443");
    EXPECT_EQ(validate(c).refusal.code, QStringLiteral("E3"));
    c[QStringLiteral("aud")] = QStringLiteral("https://acme.my.site.com/customers/");
    EXPECT_TRUE(validate(c).granted);
    c[QStringLiteral("aud")] = QJsonArray { QStringLiteral("https://other"), QStringLiteral("https://login.salesforce.com") };
    EXPECT_TRUE(validate(c).granted);

    directory.users.first().loginIpRanges = { QStringLiteral("10.0.0.0/8") };
    EXPECT_TRUE(validate(claims(1'800'000'100), QHostAddress(QStringLiteral("10.1.2.3"))).granted);
    EXPECT_TRUE(validate(claims(1'800'000'100), QHostAddress(QStringLiteral("::ffff:10.1.2.3"))).granted);
    const auto outside = validate(claims(1'800'000'100));
    EXPECT_EQ(outside.refusal.code, QStringLiteral("E10"));
    EXPECT_EQ(outside.refusal.description, QStringLiteral("IP restricted or invalid login hours"));
}

TEST_F(PracticeValidatorTest, OrderFollowsSalesforce)
{
    // Unknown iss wins over a bad aud and a past exp; a bad signature wins over aud; aud over exp.
    QJsonObject c = claims(1);
    c[QStringLiteral("aud")] = QStringLiteral("https://nowhere");
    c[QStringLiteral("iss")] = QStringLiteral("unknown");
    EXPECT_EQ(validate(c).refusal.code, QStringLiteral("E5"));
    c[QStringLiteral("iss")] = directory.apps.first().consumerKey;
    EXPECT_EQ(validate(c).refusal.code, QStringLiteral("E3"));
    c[QStringLiteral("aud")] = QStringLiteral("https://login.salesforce.com");
    EXPECT_EQ(validate(c).refusal.code, QStringLiteral("E4"));
    c[QStringLiteral("exp")] = 1'800'000'100;
    c[QStringLiteral("sub")] = QStringLiteral("inactive@practice.jwtflow.example");
    EXPECT_EQ(validate(c).refusal.code, QStringLiteral("E11"));
    directory.users[2].locked = true;
    EXPECT_EQ(validate(c).refusal.code, QStringLiteral("E11")); // inactive before locked
    directory.users[2].active = true;
    EXPECT_EQ(validate(c).refusal.code, QStringLiteral("E14"));
    directory.users[2].locked = false;
    directory.apps.first().scopes = { QStringLiteral("api") };
    EXPECT_EQ(validate(c).refusal.code, QStringLiteral("E8"));
    directory.apps.first().scopes << QStringLiteral("offline_access");
    EXPECT_TRUE(validate(c).granted);
}

TEST(PracticeOrgDirectory, ConfigFileReadsWritesAndRefuses)
{
    auto cert = KeyLoader::loadCertificate(fixture("rsa2048.crt"));
    ASSERT_TRUE(cert.ok());
    const OrgDirectory defaults = OrgDirectory::makeDefault(cert.value());
    EXPECT_EQ(defaults.org.id, QStringLiteral("00DJ900000PRACTMA5"));
    EXPECT_TRUE(SalesforceId::isValid(defaults.org.id));
    for (const auto &user : defaults.users)
        EXPECT_TRUE(SalesforceId::isValid(user.id)) << user.id.toStdString();

    // A round trip through JSON keeps everything, certificates included (as PEM).
    auto again = OrgDirectory::fromJson(defaults.toJson(), QString(), Certificate());
    ASSERT_TRUE(again.ok()) << again.error().text().toStdString();
    EXPECT_EQ(again->toJson(), defaults.toJson());
    EXPECT_EQ(again->apps.first().certificate, cert.value());

    QTemporaryDir dir;
    QFile::copy(fixture("other2048.crt"), dir.filePath(QStringLiteral("other.crt")));
    const QJsonObject config {
        { QStringLiteral("org"),
            QJsonObject { { QStringLiteral("id"), QStringLiteral("00Dxx0000001gPL") }, { QStringLiteral("sandbox"), true } } },
        { QStringLiteral("apps"),
            QJsonArray { QJsonObject { { QStringLiteral("consumerKey"), QStringLiteral("3MVG9custom") },
                { QStringLiteral("certificate"), QStringLiteral("other.crt") },
                { QStringLiteral("policy"), QStringLiteral("self-authorize") },
                { QStringLiteral("scopes"), QJsonArray { QStringLiteral("api") } } } } },
        { QStringLiteral("users"),
            QJsonArray { QJsonObject { { QStringLiteral("username"), QStringLiteral("ann@acme.com") },
                { QStringLiteral("approvedApps"), QJsonArray { QStringLiteral("3MVG9custom") } } } } }
    };
    auto custom = OrgDirectory::fromJson(config, dir.path(), cert.value());
    ASSERT_TRUE(custom.ok()) << custom.error().text().toStdString();
    EXPECT_EQ(custom->org.id, QStringLiteral("00Dxx0000001gPLEAY"));
    EXPECT_TRUE(custom->org.sandbox);
    ASSERT_EQ(custom->apps.size(), 1);
    EXPECT_EQ(custom->apps.first().policy, OrgDirectory::Policy::SelfAuthorize);
    EXPECT_FALSE(custom->apps.first().certificate == cert.value());
    EXPECT_EQ(custom->users.first().id, QStringLiteral("005J90000000001IAA"));
    EXPECT_EQ(custom->accounts.size(), defaults.accounts.size()); // not given: the default records

    const auto refused = [&](const QJsonObject &json) {
        const auto r = OrgDirectory::fromJson(json, dir.path(), cert.value());
        EXPECT_FALSE(r.ok());
        return r.ok() ? QString() : r.error().code;
    };
    EXPECT_EQ(refused({ { QStringLiteral("apps"), QJsonArray { QJsonObject {} } } }), QStringLiteral("practice.config.invalid"));
    EXPECT_EQ(refused({ { QStringLiteral("apps"),
                  QJsonArray { QJsonObject { { QStringLiteral("consumerKey"), QStringLiteral("k") },
                      { QStringLiteral("policy"), QStringLiteral("everyone") } } } } }),
        QStringLiteral("practice.config.invalid"));
    EXPECT_EQ(refused({ { QStringLiteral("org"), QJsonObject { { QStringLiteral("id"), QStringLiteral("001xx0000001gPL") } } } }),
        QStringLiteral("practice.config.invalid"));
    EXPECT_EQ(refused({ { QStringLiteral("users"),
                  QJsonArray { QJsonObject { { QStringLiteral("username"), QStringLiteral("a@b") },
                      { QStringLiteral("loginIpRanges"), QJsonArray { QStringLiteral("nope") } } } } } }),
        QStringLiteral("practice.config.invalid"));
    EXPECT_EQ(refused({ { QStringLiteral("apps"),
                  QJsonArray { QJsonObject { { QStringLiteral("consumerKey"), QStringLiteral("k") },
                      { QStringLiteral("certificate"), QStringLiteral("missing.crt") } } } } }),
        QStringLiteral("key.not-found"));
    EXPECT_EQ(OrgDirectory::loadFile(dir.filePath(QStringLiteral("other.crt")), cert.value()).error().code,
        QStringLiteral("practice.config.invalid"));
}

TEST(PracticeDemoCredentials, CreatedOnceWithAPrivateKeyFileAndReloaded)
{
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("practice-org"));
    auto created = DemoCredentials::loadOrCreate(folder);
    ASSERT_TRUE(created.ok()) << created.error().text().toStdString();
    EXPECT_TRUE(created->demoCertificate.matches(created->demoKey));
    EXPECT_TRUE(created->signingCertificate.matches(created->signingKey));
    EXPECT_FALSE(created->demoCertificate.matches(created->signingKey));
    EXPECT_EQ(created->demoKeyPath, QDir(folder).filePath(QStringLiteral("demo.key")));
    // Mode 0600: nobody but the owner reads a private key.
    const auto others = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther
        | QFileDevice::WriteOther | QFileDevice::ExeOther;
    for (const QString &key : { created->demoKeyPath, QDir(folder).filePath(QStringLiteral("org-signing.key")) }) {
        EXPECT_TRUE(QFile::permissions(key) & QFileDevice::ReadOwner) << key.toStdString();
        EXPECT_FALSE(QFile::permissions(key) & others) << key.toStdString();
    }
    auto loaded = DemoCredentials::loadOrCreate(folder);
    ASSERT_TRUE(loaded.ok());
    EXPECT_EQ(loaded->demoCertificate, created->demoCertificate);
    EXPECT_EQ(loaded->signingKey.publicKey(), created->signingKey.publicKey());
    // The default folder is under QStandardPaths, which test binaries put in test mode.
    EXPECT_TRUE(DemoCredentials::defaultFolder().endsWith(QStringLiteral("/jwtflow/practice-org")));
    EXPECT_TRUE(DemoCredentials::defaultFolder().contains(QStringLiteral(".qttest")))
        << DemoCredentials::defaultFolder().toStdString();
}

// A folder the org creates is 0700; an existing one given with --data-dir keeps the mode it has.
TEST(PracticeDemoCredentials, AnExistingFolderKeepsItsMode)
{
    QTemporaryDir dir;
    const auto owner = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;
    const QString created = dir.filePath(QStringLiteral("new"));
    ASSERT_TRUE(DemoCredentials::loadOrCreate(created).ok());
    EXPECT_EQ(QFile::permissions(created) & ~(QFileDevice::ReadUser | QFileDevice::WriteUser | QFileDevice::ExeUser), owner);
    const QString existing = dir.filePath(QStringLiteral("shared"));
    ASSERT_TRUE(QDir().mkpath(existing));
    const auto mode = owner | QFileDevice::ReadGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::ExeOther;
    ASSERT_TRUE(QFile::setPermissions(existing, mode));
    ASSERT_TRUE(DemoCredentials::loadOrCreate(existing).ok());
    EXPECT_EQ(QFile::permissions(existing) & ~(QFileDevice::ReadUser | QFileDevice::WriteUser | QFileDevice::ExeUser), mode);
}
