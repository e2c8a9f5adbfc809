// An API call's answer read as data (CallAnswer) and SOQL records as a table (RecordTableModel):
// the shapes Salesforce sends for the identity URL, /services/data, a query with relationship
// fields and a child subquery, and its error list.
#include "flow/CallAnswer.h"

#include "flow/RecordTableModel.h"

#include <gtest/gtest.h>

using namespace jwtflow;

namespace {

HttpExchangeRecord answered(const QByteArray &body, int status = 200)
{
    HttpExchangeRecord record;
    record.request.url = QUrl(QStringLiteral("https://acme.my.salesforce.com/services/data"));
    record.response.status = status;
    record.response.body = body;
    return record;
}

const QByteArray kQuery = R"({"totalSize":2,"done":true,"records":[
  {"attributes":{"type":"Account","url":"/services/data/v62.0/sobjects/Account/001A"},"Id":"001A","Name":"Acme",
   "Owner":{"attributes":{"type":"User"},"Name":"Ada","Manager":{"attributes":{"type":"User"},"Email":"m@acme.example"}},
   "Contacts":{"totalSize":2,"done":true,"records":[{"Id":"003A"},{"Id":"003B"}]},"AnnualRevenue":1500000.5},
  {"attributes":{"type":"Account"},"Id":"001B","Name":"Globex","Owner":null,"Rating":"Hot","IsDeleted":false}]})";

} // namespace

TEST(CallAnswer, IdentityIsFieldsWithDottedNamesByName)
{
    const CallAnswer a = CallAnswer::read(answered(
        R"({"id":"https://login.salesforce.com/id/00D/005","user_id":"005","urls":{"rest":"https://acme/services/data/v{version}/"},"active":true,"photos":null})"));
    ASSERT_EQ(a.kind, CallAnswer::Kind::Fields);
    ASSERT_EQ(a.fields.size(), 5);
    EXPECT_EQ(a.fields.at(0), qMakePair(QStringLiteral("active"), QStringLiteral("true")));
    EXPECT_EQ(a.fields.at(2), qMakePair(QStringLiteral("photos"), QStringLiteral("null")));
    EXPECT_EQ(a.fields.at(3).first, QStringLiteral("urls.rest"));
    EXPECT_EQ(a.fields.at(3).second, QStringLiteral("https://acme/services/data/v{version}/"));
    EXPECT_EQ(a.fields.at(4).second, QStringLiteral("005"));
}

TEST(CallAnswer, VersionsAreAListNewestFirst)
{
    const CallAnswer a = CallAnswer::read(answered(
        R"([{"label":"Spring '24","url":"/services/data/v60.0","version":"60.0"},{"label":"Winter '25","url":"/services/data/v62.0","version":"62.0"},{"label":"Summer '24","url":"/services/data/v61.0","version":"61.0"}])"));
    ASSERT_EQ(a.kind, CallAnswer::Kind::Versions);
    ASSERT_EQ(a.versions.size(), 3);
    EXPECT_EQ(a.versions.first().version, QStringLiteral("62.0"));
    EXPECT_EQ(a.versions.first().label, QStringLiteral("Winter '25"));
    EXPECT_EQ(a.versions.last().url, QStringLiteral("/services/data/v60.0"));
}

TEST(CallAnswer, AQueryKeepsItsRecordsAndCounts)
{
    const CallAnswer a = CallAnswer::read(answered(kQuery));
    ASSERT_EQ(a.kind, CallAnswer::Kind::Records);
    EXPECT_EQ(a.records.size(), 2);
    EXPECT_EQ(a.totalSize, 2);
    EXPECT_EQ(a.recordsCaption(), QStringLiteral("2 records"));
    const CallAnswer paged
        = CallAnswer::read(answered(R"({"totalSize":2500,"done":false,"nextRecordsUrl":"/x","records":[{"Id":"1"}]})"));
    EXPECT_FALSE(paged.done);
    EXPECT_EQ(paged.recordsCaption(), QStringLiteral("1 of 2500 records (more pages: nextRecordsUrl)"));
}

TEST(CallAnswer, ErrorsTextAndFailuresAreMessagesOrNothing)
{
    const CallAnswer error
        = CallAnswer::read(answered(R"([{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}])", 401));
    ASSERT_EQ(error.kind, CallAnswer::Kind::Message);
    EXPECT_EQ(error.message, QStringLiteral("INVALID_SESSION_ID: Session expired or invalid"));
    const CallAnswer html = CallAnswer::read(answered("<html>Maintenance</html>", 503));
    EXPECT_EQ(html.kind, CallAnswer::Kind::Message);
    EXPECT_EQ(html.message, QStringLiteral("<html>Maintenance</html>"));
    HttpExchangeRecord none;
    none.transport = HttpExchangeRecord::Transport::Timeout;
    EXPECT_EQ(CallAnswer::read(none).kind, CallAnswer::Kind::None);
    EXPECT_EQ(CallAnswer::read(answered("")).kind, CallAnswer::Kind::None);
}

TEST(RecordTableModel, RelationshipsFlattenToDottedColumnsWithoutAttributes)
{
    RecordTableModel model;
    model.setRecords(CallAnswer::read(answered(kQuery)).records);
    EXPECT_EQ(model.columns(),
        (QStringList { QStringLiteral("Id"), QStringLiteral("AnnualRevenue"), QStringLiteral("Contacts"), QStringLiteral("Name"),
            QStringLiteral("Owner.Manager.Email"), QStringLiteral("Owner.Name"), QStringLiteral("IsDeleted"),
            QStringLiteral("Rating") }))
        << "Globex's null Owner adds no column beside Owner.Name";
    ASSERT_EQ(model.rowCount(), 2);
    EXPECT_EQ(model.headerData(4, Qt::Horizontal).toString(), QStringLiteral("Owner.Manager.Email"));
    EXPECT_EQ(model.headerData(0, Qt::Vertical).toInt(), 1);
    EXPECT_EQ(model.text(0, 4), QStringLiteral("m@acme.example"));
    EXPECT_EQ(model.text(0, 2), QStringLiteral("2 records"));
    EXPECT_EQ(model.text(0, 1), QStringLiteral("1500000.5"));
    EXPECT_EQ(model.data(model.index(1, 3)).toString(), QStringLiteral("Globex"));
    EXPECT_EQ(model.text(1, 5), QString()) << "Globex has no owner: empty, not the other row's";
    EXPECT_EQ(model.text(1, 4), QString()) << "null shows empty";
    EXPECT_EQ(model.text(1, 6), QStringLiteral("false"));
    EXPECT_EQ(model.text(5, 0), QString());
    model.setRecords({});
    EXPECT_EQ(model.rowCount(), 0);
    EXPECT_EQ(model.columnCount(), 0);
}
