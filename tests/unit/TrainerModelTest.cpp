// The trainer's model: the walkthrough's steps and ticks, the sequence log's labels and masking,
// the lesson recorder's Markdown and HTML (escaped, secrets masked).
#include "core/Clock.h"
#include "core/ErrorRed.h"
#include "flow/Diagnosis.h"
#include "flow/ExchangeResult.h"
#include "practice/OrgDirectory.h"
#include "trainer/LessonRecorder.h"
#include "trainer/SequenceLog.h"
#include "trainer/Walkthrough.h"

#include <QFile>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace jwtflow;

namespace {

const QString kAccessToken = QStringLiteral("00DJ900000PRACTICE!AQ8AQSecretPartOfTheAccessToken.xyz");
const QString kSignature = QStringLiteral("c2lnbmF0dXJlLXRoYXQtbXVzdC1uZXZlci1zaG93");
const QString kAssertion = QStringLiteral("eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJrZXkifQ.") + kSignature;

HttpExchangeRecord tokenRecord(int status, const QByteArray &body)
{
    HttpExchangeRecord record;
    record.request.method = "POST";
    record.request.url = QUrl(QStringLiteral("http://127.0.0.1:8999/services/oauth2/token"));
    record.request.headers = { { "Content-Type", "application/x-www-form-urlencoded" } };
    record.request.body = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=" + kAssertion.toLatin1();
    record.response.status = status;
    record.response.reason = status == 200 ? "OK" : "Bad Request";
    record.response.headers = { { "Content-Type", "application/json;charset=UTF-8" } };
    record.response.body = body;
    return record;
}

ExchangeResult success()
{
    return ExchangeResult::fromRecord(tokenRecord(200,
        R"({"access_token":")" + kAccessToken.toLatin1()
            + R"(","scope":"api","instance_url":"http://127.0.0.1:8999","id":"http://127.0.0.1:8999/id/00D/005","token_type":"Bearer"})"));
}

ExchangeResult refusal()
{
    return ExchangeResult::fromRecord(tokenRecord(400, R"({"error":"invalid_grant","error_description":"audience is invalid"})"));
}

HttpExchangeRecord apiCall(const QString &path, int status, const QByteArray &body)
{
    HttpExchangeRecord record;
    record.request.url = QUrl(QStringLiteral("http://127.0.0.1:8999") + path);
    record.request.headers = { { "Authorization", "Bearer " + kAccessToken.toLatin1() } };
    record.response.status = status;
    record.response.headers = { { "Content-Type", "application/json" } };
    record.response.body = body;
    return record;
}

} // namespace

TEST(TrainerWalkthrough, EightStepsInTheFlowsOrderEachWithTextTargetAndEvent)
{
    Walkthrough walk;
    ASSERT_EQ(walk.count(), 8);
    QStringList ids;
    QList<Walkthrough::Event> events;
    for (const Walkthrough::Step &step : walk.steps()) {
        SCOPED_TRACE(step.id.toStdString());
        ids << step.id;
        EXPECT_FALSE(step.title.isEmpty());
        EXPECT_GE(step.explanation.count(QLatin1Char('.')), 2) << "two or three sentences";
        EXPECT_FALSE(step.lookAt.isEmpty());
        EXPECT_FALSE(step.target.isEmpty());
        EXPECT_FALSE(step.done);
        EXPECT_FALSE(events.contains(step.completesOn)) << "one step per event";
        events << step.completesOn;
    }
    EXPECT_EQ(ids,
        (QStringList { QStringLiteral("key"), QStringLiteral("connected-app"), QStringLiteral("pre-authorise"),
            QStringLiteral("compose"), QStringLiteral("sign"), QStringLiteral("exchange"), QStringLiteral("api"),
            QStringLiteral("frontdoor") }));
}

TEST(TrainerWalkthrough, EventsTickTheirStepOnceAndNextBackStayInRange)
{
    Walkthrough walk;
    QList<int> done;
    int current = 0;
    QObject::connect(&walk, &Walkthrough::stepDone, &walk, [&done](int index) { done << index; });
    QObject::connect(&walk, &Walkthrough::currentChanged, &walk, [&current](int) { ++current; });
    EXPECT_TRUE(walk.record(Walkthrough::Event::TokenReceived));
    EXPECT_FALSE(walk.record(Walkthrough::Event::TokenReceived)) << "already ticked";
    EXPECT_EQ(done, QList<int> { 5 });
    EXPECT_TRUE(walk.step(5).done);
    EXPECT_EQ(walk.doneCount(), 1);
    EXPECT_EQ(walk.current(), 0) << "ticking does not move the trainer's place";

    EXPECT_FALSE(walk.back());
    for (int i = 1; i < walk.count(); ++i)
        EXPECT_TRUE(walk.next());
    EXPECT_FALSE(walk.next());
    EXPECT_EQ(walk.current(), 7);
    EXPECT_EQ(current, 7);
    EXPECT_TRUE(walk.back());
    EXPECT_EQ(walk.current(), 6);

    for (const Walkthrough::Step &step : walk.standardSteps())
        walk.record(step.completesOn);
    EXPECT_TRUE(walk.isComplete());
    walk.reset();
    EXPECT_EQ(walk.doneCount(), 0);
    EXPECT_EQ(walk.current(), 0);
}

TEST(TrainerWalkthrough, WhatIsInPlaceBeforeTheLessonWaitsForTheClassToMovePastIt)
{
    Walkthrough walk;
    QList<int> done;
    QObject::connect(&walk, &Walkthrough::stepDone, &walk, [&done](int index) { done << index; });
    // The window's state when the lesson starts, reported in any order.
    for (auto event : { Walkthrough::Event::AssertionSigned, Walkthrough::Event::ClaimsComposed,
             Walkthrough::Event::UserPreAuthorised, Walkthrough::Event::KeyReady, Walkthrough::Event::CertificateUploaded })
        EXPECT_FALSE(walk.record(event));
    EXPECT_EQ(walk.doneCount(), 0);
    EXPECT_EQ(walk.current(), 0);
    EXPECT_FALSE(walk.isUnderWay());
    EXPECT_TRUE(walk.step(0).inPlace);
    EXPECT_FALSE(walk.record(Walkthrough::Event::KeyReady)) << "still waiting for the class";

    EXPECT_TRUE(walk.next());
    EXPECT_EQ(done, QList<int> { 0 });
    walk.setCurrent(4); // a step clicked further down: what was passed is ticked in order
    EXPECT_EQ(done, (QList<int> { 0, 1, 2, 3 }));
    EXPECT_FALSE(walk.step(4).done) << "the class is at it, not past it";
    EXPECT_TRUE(walk.record(Walkthrough::Event::TokenReceived)) << "an action always ticks";
    EXPECT_EQ(done, (QList<int> { 0, 1, 2, 3, 5 }));

    walk.reset();
    EXPECT_EQ(walk.doneCount(), 0);
    EXPECT_FALSE(walk.step(0).inPlace);
    EXPECT_FALSE(walk.isUnderWay());
    // An action first puts the lesson under way: later facts tick at once.
    EXPECT_TRUE(walk.record(Walkthrough::Event::TokenReceived));
    EXPECT_TRUE(walk.record(Walkthrough::Event::KeyReady));
}

TEST(TrainerLessonRecorder, StepsExportInTheLessonsOrderWithWhatTheClassSawAndTheOneErrorRed)
{
    FixedClock clock(1700000000);
    LessonRecorder lesson(clock);
    for (int n : { 3, 4, 5, 1, 2 })
        lesson.recordStep(
            n, QStringLiteral("Title %1").arg(n), QStringLiteral("Explanation %1").arg(n), QStringLiteral("Seen %1").arg(n));
    lesson.recordScenario(QStringLiteral("Sandbox aud"), QStringLiteral("aud changed"));
    const QString md = lesson.toMarkdown();
    const QString html = lesson.toHtml();
    qsizetype last = -1;
    for (int n = 1; n <= 5; ++n) {
        const qsizetype at = md.indexOf(QStringLiteral("### Step %1: Title %1").arg(n));
        EXPECT_GT(at, last) << n;
        last = at;
        EXPECT_TRUE(md.contains(QStringLiteral("**What the class saw:** Seen %1").arg(n)));
        EXPECT_TRUE(html.contains(QStringLiteral("<strong>What the class saw:</strong> Seen %1").arg(n)));
    }
    EXPECT_GT(md.indexOf(QStringLiteral("## What happened")), last);
    EXPECT_TRUE(html.contains(ErrorRed::onLightName()));
    EXPECT_EQ(ErrorRed::onLightName(), QStringLiteral("#b00020"));
}

TEST(TrainerWalkthrough, FactsFromThePracticeOrgsDirectory)
{
    OrgDirectory directory;
    OrgDirectory::App admin;
    admin.consumerKey = QStringLiteral("admin-key");
    admin.policy = OrgDirectory::Policy::AdminApproved;
    admin.profiles = { QStringLiteral("System Administrator") };
    OrgDirectory::App self;
    self.consumerKey = QStringLiteral("self-key");
    self.policy = OrgDirectory::Policy::SelfAuthorize;
    directory.apps = { admin, self };
    OrgDirectory::User user;
    user.username = QStringLiteral("Demo@Example.com");
    user.profile = QStringLiteral("System Administrator");
    directory.users = { user };

    EXPECT_TRUE(Walkthrough::userPreAuthorised(directory, QStringLiteral("admin-key"), QStringLiteral("demo@example.com")));
    EXPECT_FALSE(Walkthrough::userPreAuthorised(directory, QStringLiteral("self-key"), QStringLiteral("demo@example.com")))
        << "self-authorize without a prior approval";
    directory.users[0].approvedApps = { QStringLiteral("self-key") };
    EXPECT_TRUE(Walkthrough::userPreAuthorised(directory, QStringLiteral("self-key"), QStringLiteral("demo@example.com")));
    directory.users[0].profile = QStringLiteral("Standard User");
    EXPECT_FALSE(Walkthrough::userPreAuthorised(directory, QStringLiteral("admin-key"), QStringLiteral("demo@example.com")));
    EXPECT_FALSE(Walkthrough::userPreAuthorised(directory, QStringLiteral("nope"), QStringLiteral("demo@example.com")));
    EXPECT_FALSE(Walkthrough::userPreAuthorised(directory, QStringLiteral("admin-key"), QStringLiteral("nobody")));
    EXPECT_FALSE(Walkthrough::certificateUploaded(directory, QStringLiteral("admin-key"), Certificate()))
        << "no certificate on either side";

    const QJsonObject full { { QStringLiteral("iss"), QStringLiteral("k") }, { QStringLiteral("sub"), QStringLiteral("u") },
        { QStringLiteral("aud"), QStringLiteral("https://login.salesforce.com") }, { QStringLiteral("exp"), 1700000000 } };
    EXPECT_TRUE(Walkthrough::claimsComposed(full));
    for (const char *name : { "iss", "sub", "aud", "exp" }) {
        QJsonObject missing = full;
        missing.remove(QLatin1String(name));
        EXPECT_FALSE(Walkthrough::claimsComposed(missing)) << name;
    }
    QJsonObject blank = full;
    blank[QStringLiteral("sub")] = QStringLiteral("  ");
    EXPECT_FALSE(Walkthrough::claimsComposed(blank));
}

TEST(TrainerSequenceLog, ExchangeAndCallsBecomeLabelledArrowsWithMaskedText)
{
    SequenceLog log;
    int changed = 0;
    QObject::connect(&log, &SequenceLog::changed, &log, [&changed] { ++changed; });
    log.addServerNote(
        QStringLiteral("/services/oauth2/token"), 400, QStringLiteral("aud is https://test.salesforce.com; this org accepts …"));
    log.addExchange(refusal());
    log.addExchange(success());
    log.addCall(
        apiCall(QStringLiteral("/id/00DJ900000PRACTEAA/005J9000000DEMOAA"), 200, R"({"user_id":"005","organization_id":"00D"})"));
    log.addCall(apiCall(QStringLiteral("/services/data/v62.0/query?q=SELECT%20Name%20FROM%20Account"), 401,
        R"([{"message":"This session is not valid for use with the REST API","errorCode":"INVALID_SESSION_ID"}])"));
    log.addFrontdoor(QUrl(QStringLiteral("http://127.0.0.1:8999/secur/frontdoor.jsp?sid=")
                         + QString::fromLatin1(QUrl::toPercentEncoding(kAccessToken))),
        kAccessToken);
    ASSERT_EQ(log.count(), 9);
    EXPECT_EQ(changed, 5);

    const auto &m = log.messages();
    EXPECT_EQ(m[0].label, QStringLiteral("POST /services/oauth2/token (assertion)"));
    EXPECT_EQ(m[0].from, SequenceLog::Lifeline::Client);
    EXPECT_EQ(m[0].to, SequenceLog::Lifeline::TokenEndpoint);
    EXPECT_FALSE(m[0].reply);
    EXPECT_EQ(m[1].label, QStringLiteral("400 invalid_grant"));
    EXPECT_EQ(m[1].detail, QStringLiteral("audience is invalid"));
    EXPECT_TRUE(m[1].reply);
    EXPECT_TRUE(m[1].error);
    EXPECT_TRUE(m[1].serverNote.startsWith(QStringLiteral("aud is"))) << "the org's own note joins its reply";
    EXPECT_EQ(m[3].label, QStringLiteral("200 access_token"));
    EXPECT_FALSE(m[3].error);
    EXPECT_TRUE(m[3].serverNote.isEmpty());
    EXPECT_EQ(m[4].to, SequenceLog::Lifeline::Api);
    EXPECT_EQ(m[4].label, QStringLiteral("GET /id/…"));
    EXPECT_EQ(m[5].label, QStringLiteral("200 identity"));
    EXPECT_EQ(m[6].detail, QStringLiteral("SELECT Name FROM Account"));
    EXPECT_EQ(m[7].label, QStringLiteral("401 INVALID_SESSION_ID"));
    EXPECT_TRUE(m[7].error);
    EXPECT_EQ(m[8].to, SequenceLog::Lifeline::Api);
    EXPECT_TRUE(m[8].label.startsWith(QStringLiteral("GET /secur/frontdoor.jsp")));

    // The request text is the request only, the reply text the response only; never a secret.
    EXPECT_TRUE(m[0].text.startsWith(QStringLiteral("POST /services/oauth2/token HTTP/1.1")));
    EXPECT_FALSE(m[0].text.contains(QStringLiteral("HTTP/1.1 400")));
    EXPECT_TRUE(m[1].text.startsWith(QStringLiteral("HTTP/1.1 400"))) << m[1].text.toStdString();
    EXPECT_TRUE(m[3].text.contains(QStringLiteral("access_token")));
    for (const SequenceLog::Message &message : m) {
        EXPECT_FALSE(message.text.contains(kSignature)) << message.text.toStdString();
        EXPECT_FALSE(message.text.contains(QStringLiteral("SecretPartOfTheAccessToken"))) << message.text.toStdString();
    }
    log.clear();
    EXPECT_EQ(log.count(), 0);
}

TEST(TrainerSequenceLog, NoAnswerIsARedArrowSayingWhy)
{
    HttpExchangeRecord record = tokenRecord(0, {});
    record.transport = HttpExchangeRecord::Transport::ConnectionRefused;
    record.transportMessage = QStringLiteral("Connection refused");
    SequenceLog log;
    log.addExchange(ExchangeResult::fromRecord(record));
    ASSERT_EQ(log.count(), 2);
    EXPECT_TRUE(log.messages()[1].error);
    EXPECT_TRUE(log.messages()[1].label.startsWith(QStringLiteral("no answer"))) << log.messages()[1].label.toStdString();
    EXPECT_TRUE(log.messages()[1].text.contains(QStringLiteral("Connection refused"))) << log.messages()[1].text.toStdString();
}

TEST(TrainerLessonRecorder, MarkdownAndHtmlCarryStepsRequestsAndDiagnosesWithSecretsMasked)
{
    FixedClock clock(1700000000);
    LessonRecorder lesson(clock);
    lesson.recordStep(1, QStringLiteral("Create a key and a certificate"), QStringLiteral("The client proves who it is."));
    lesson.recordScenario(
        QStringLiteral("Sandbox aud on production"), QStringLiteral("Assertion: aud → https://test.salesforce.com"));
    Diagnosis diagnosis;
    diagnosis.code = QStringLiteral("E3");
    diagnosis.title = QStringLiteral("The audience is refused");
    diagnosis.serverMessage = QStringLiteral("audience is invalid");
    diagnosis.causes = { Diagnosis::Cause { QStringLiteral("aud.sandbox"), QStringLiteral("aud <test> on production"),
        QStringLiteral("aud"), { QStringLiteral("Use https://login.salesforce.com") }, {}, 1 } };
    lesson.recordExchange(refusal(), diagnosis);
    lesson.recordExchange(success());
    lesson.recordCall(apiCall(QStringLiteral("/services/data"), 200, R"([{"version":"62.0"}])"));
    lesson.recordFrontdoor(QUrl(QStringLiteral("http://127.0.0.1:8999/secur/frontdoor.jsp?sid=") + kAccessToken));
    lesson.recordNote(QStringLiteral("Trainer <b>note</b> & *stars*"), QStringLiteral("x < y"));
    ASSERT_EQ(lesson.entries().size(), 7);
    EXPECT_EQ(lesson.entries().first().time, 1700000000);

    const QString md = lesson.toMarkdown();
    const QString html = lesson.toHtml();
    for (const QString &text : { md, html }) {
        EXPECT_FALSE(text.contains(QStringLiteral("SecretPartOfTheAccessToken"))) << text.toStdString();
        EXPECT_FALSE(text.contains(kSignature));
        EXPECT_TRUE(text.contains(QStringLiteral("POST /services/oauth2/token HTTP/1.1")));
        EXPECT_TRUE(text.contains(QStringLiteral("audience is invalid")));
        EXPECT_TRUE(text.contains(QStringLiteral("Use https://login.salesforce.com")));
        EXPECT_TRUE(text.contains(QStringLiteral("Step 1: Create a key and a certificate")));
    }
    EXPECT_TRUE(md.startsWith(QStringLiteral("# JWT bearer flow lesson\n")));
    EXPECT_TRUE(md.contains(QStringLiteral(R"(sid=\*\*\*\*)"))) << "the mask, escaped as Markdown text";
    EXPECT_TRUE(html.contains(QStringLiteral("sid=****")));
    EXPECT_TRUE(md.contains(QStringLiteral("```http\nPOST /services/oauth2/token")));
    EXPECT_TRUE(md.contains(QStringLiteral(R"(Trainer \<b\>note\</b\> & \*stars\*)"))) << md.toStdString();
    EXPECT_TRUE(html.startsWith(QStringLiteral("<!DOCTYPE html>")));
    EXPECT_TRUE(html.contains(QStringLiteral("Trainer &lt;b&gt;note&lt;/b&gt; &amp; *stars*")));
    EXPECT_TRUE(html.contains(QStringLiteral("<p>x &lt; y</p>")));
    EXPECT_FALSE(html.contains(QStringLiteral("<b>note")));
    EXPECT_TRUE(html.contains(QStringLiteral("aud &lt;test&gt; on production")));
}

TEST(TrainerLessonRecorder, AFenceInABodyCannotCloseTheMarkdownBlock)
{
    LessonRecorder lesson;
    lesson.recordCall(apiCall(QStringLiteral("/services/data"), 200, "```\n# not a heading"));
    const QString md = lesson.toMarkdown();
    EXPECT_TRUE(md.contains(QStringLiteral("````http\n"))) << md.toStdString();
}

TEST(TrainerLessonRecorder, SavesByExtensionAndSaysWhyItCannot)
{
    EXPECT_EQ(LessonRecorder::formatForPath(QStringLiteral("a/lesson.HTML")), LessonRecorder::Format::Html);
    EXPECT_EQ(LessonRecorder::formatForPath(QStringLiteral("lesson.htm")), LessonRecorder::Format::Html);
    EXPECT_EQ(LessonRecorder::formatForPath(QStringLiteral("lesson.md")), LessonRecorder::Format::Markdown);
    EXPECT_EQ(LessonRecorder::formatForPath(QStringLiteral("lesson")), LessonRecorder::Format::Markdown);

    QTemporaryDir dir;
    LessonRecorder lesson;
    lesson.recordExchange(success());
    const QString path = dir.filePath(QStringLiteral("lesson.html"));
    ASSERT_TRUE(lesson.save(path).ok());
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QByteArray written = file.readAll();
    EXPECT_TRUE(written.startsWith("<!DOCTYPE html>"));
    EXPECT_FALSE(written.contains("SecretPartOfTheAccessToken"));

    const auto refused = lesson.save(dir.filePath(QStringLiteral("missing/folder/lesson.md")));
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, QStringLiteral("lesson.write"));
}
