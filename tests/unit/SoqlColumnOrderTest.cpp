// SOQL result columns in the order of the query's SELECT list (SoqlColumnOrder, RecordTableModel
// through CallAnswer): the SELECT list's names for plain, relationship, subquery, aggregate and
// TYPEOF fields, the answer's own member order where the list names nothing, and the table a query
// becomes.
#include "flow/SoqlColumnOrder.h"

#include "flow/CallAnswer.h"
#include "flow/RecordTableModel.h"

#include <gtest/gtest.h>
#include <initializer_list>

using namespace jwtflow;

namespace {

QStringList names(std::initializer_list<const char *> list)
{
    QStringList out;
    for (const char *name : list)
        out.append(QString::fromUtf8(name));
    return out;
}

struct SelectCase {
    const char *query;
    QStringList columns;
};

HttpExchangeRecord queried(const QString &soql, const QByteArray &body)
{
    HttpExchangeRecord record;
    record.request.url
        = QUrl::fromEncoded("https://acme.my.salesforce.com/services/data/v62.0/query?q=" + QUrl::toPercentEncoding(soql));
    record.response.status = 200;
    record.response.body = body;
    return record;
}

QStringList columnsOf(const QString &soql, const QByteArray &body)
{
    const CallAnswer answer = CallAnswer::read(queried(soql, body));
    EXPECT_EQ(answer.kind, CallAnswer::Kind::Records);
    RecordTableModel model;
    model.setRecords(answer.records, answer.columnOrder, answer.memberOrder);
    return model.columns();
}

} // namespace

TEST(SoqlColumnOrder, TheSelectListNamesTheColumnsInOrder)
{
    const QList<SelectCase> cases {
        { "SELECT Name, Id FROM Account", names({ "Name", "Id" }) },
        { "select name,id from account", names({ "name", "id" }) },
        { "  SELECT   Owner.Name ,Id,Owner.Manager.Email FROM Account WHERE Name = 'a, FROM b' ",
            names({ "Owner.Name", "Id", "Owner.Manager.Email" }) },
        { "SELECT Name, (SELECT LastName FROM Contacts), Id FROM Account", names({ "Name", "Contacts", "Id" }) },
        { "SELECT Id, (SELECT Id FROM Opportunities WHERE StageName = 'Won') FROM Account LIMIT 5",
            names({ "Id", "Opportunities" }) },
        { "SELECT COUNT() FROM Account", names({}) },
        { "SELECT COUNT(Id), StageName FROM Opportunity GROUP BY StageName", names({ "expr0", "StageName" }) },
        { "SELECT StageName, MAX(Amount) biggest, SUM(Amount), COUNT(Id) FROM Opportunity GROUP BY StageName",
            names({ "StageName", "biggest", "expr0", "expr1" }) },
        { "SELECT CALENDAR_YEAR(CreatedDate), COUNT(Id) n FROM Lead GROUP BY CALENDAR_YEAR(CreatedDate)",
            names({ "expr0", "n" }) },
        { "SELECT toLabel(Status), convertCurrency(Amount) amt, FORMAT(CloseDate) FROM Opportunity",
            names({ "Status", "amt", "CloseDate" }) },
        { "SELECT Id, TYPEOF What WHEN Account THEN Phone WHEN Opportunity THEN Amount END FROM Event", names({ "Id", "What" }) },
        { "SELECT FIELDS(STANDARD), Id FROM Account LIMIT 200", names({ "Id" }) },
        { "SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Contact)", names({ "Id" }) },
        { "Id, Name FROM Account", names({}) },
        { "", names({}) },
        { "SELECT Id Name", names({}) },
    };
    for (const SelectCase &c : cases)
        EXPECT_EQ(SoqlColumnOrder::selectList(QString::fromUtf8(c.query)), c.columns) << c.query;
}

TEST(SoqlColumnOrder, TheAnswersBytesGiveTheMembersInTheirOrder)
{
    EXPECT_EQ(SoqlColumnOrder::memberOrder(R"({"totalSize":1,"done":true,"records":[
        {"attributes":{"type":"Account","url":"/x"},"Zeta":1,"Owner":{"attributes":{"type":"User"},"Name":"Ada"},"Alpha":"a\"b",
         "Contacts":null},{"attributes":{},"Beta":[1,{"x":2}],"Zeta":2,"N\u00e9":true}]})"),
        (names({ "Zeta", "Owner", "Owner.Name", "Alpha", "Contacts", "Beta", "Né" })));
    EXPECT_EQ(SoqlColumnOrder::memberOrder("[1,2]"), QStringList());
    EXPECT_EQ(SoqlColumnOrder::memberOrder(R"({"records":[{"A":1,"B":)"), (names({ "A", "B" }))) << "cut short: what it has";
    EXPECT_EQ(SoqlColumnOrder::memberOrder(QByteArray(4000, '[')), QStringList()) << "deep nesting stops, no overflow";
}

TEST(SoqlColumnOrder, ATableShowsTheColumnsAsTheQueryListsThem)
{
    const QByteArray account = R"({"totalSize":2,"done":true,"records":[
        {"attributes":{"type":"Account"},"Name":"Acme","Owner":{"attributes":{"type":"User"},"Name":"Ada"},"Id":"001A",
         "Contacts":{"totalSize":1,"done":true,"records":[{"attributes":{},"LastName":"Lovelace"}]}},
        {"attributes":{"type":"Account"},"Name":"Globex","Owner":null,"Id":"001B","Contacts":null}]})";
    EXPECT_EQ(columnsOf(QStringLiteral("SELECT Name, Owner.Name, Id, (SELECT LastName FROM Contacts) FROM Account"), account),
        (names({ "Name", "Owner.Name", "Id", "Contacts" })))
        << "Owner null in one record adds no column beside Owner.Name";
    EXPECT_EQ(columnsOf(QStringLiteral("select id, name from account"), R"({"totalSize":1,"done":true,"records":[
        {"attributes":{"type":"Account"},"Id":"001A","Name":"Acme"}]})"),
        (names({ "Id", "Name" })))
        << "the names compare without case";

    const QByteArray grouped = R"({"totalSize":2,"done":true,"records":[
        {"attributes":{"type":"AggregateResult"},"StageName":"Won","expr0":3,"biggest":900},
        {"attributes":{"type":"AggregateResult"},"StageName":"Lost","expr0":1,"biggest":10}]})";
    EXPECT_EQ(columnsOf(QStringLiteral("SELECT StageName, COUNT(Id), MAX(Amount) biggest FROM Opportunity GROUP BY StageName"),
                  grouped),
        (names({ "StageName", "expr0", "biggest" })));

    // FIELDS(ALL) names nothing: the bytes' order (Salesforce's) is kept, not the alphabet.
    const QByteArray all = R"({"totalSize":1,"done":true,"records":[
        {"attributes":{"type":"Account"},"Id":"001A","IsDeleted":false,"Name":"Acme","Type":null,"BillingCity":"Paris"}]})";
    EXPECT_EQ(columnsOf(QStringLiteral("SELECT FIELDS(ALL) FROM Account LIMIT 1"), all),
        (names({ "Id", "IsDeleted", "Name", "Type", "BillingCity" })));

    // TYPEOF: the polymorphic relationship's columns where the SELECT list names it.
    const QByteArray events = R"({"totalSize":1,"done":true,"records":[
        {"attributes":{"type":"Event"},"Subject":"Call","What":{"attributes":{"type":"Account"},"Phone":"555"},"Id":"00U1"}]})";
    EXPECT_EQ(columnsOf(QStringLiteral("SELECT Subject, TYPEOF What WHEN Account THEN Phone END, Id FROM Event"), events),
        (names({ "Subject", "What.Phone", "Id" })));
}

TEST(SoqlColumnOrder, ColumnsTheSelectListDoesNotNameFollowInTheAnswersOrder)
{
    EXPECT_EQ(SoqlColumnOrder::arrange(names({ "A", "B", "C", "D" }), names({ "C" }), names({ "D", "B" })),
        (names({ "C", "D", "B", "A" })));
    EXPECT_EQ(SoqlColumnOrder::arrange(names({ "A", "B" }), {}, {}), (names({ "A", "B" })));
}
