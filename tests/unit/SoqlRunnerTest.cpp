// The practice org's SOQL over its seeded records: filters, ordering, paging, COUNT(),
// relationship fields, and Salesforce's INVALID_FIELD / INVALID_TYPE bodies.
#include "practice/SoqlRunner.h"
#include "practice/OrgDirectory.h"
#include "practice/PracticeRecords.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <gtest/gtest.h>

using namespace jwtflow;

namespace {

class SoqlRunnerTest : public ::testing::Test {
protected:
    PracticeReply run(const QString &soql, bool columns = false)
    {
        SoqlQuery::Failure failure;
        const auto q = SoqlQuery::parse(soql, &failure);
        EXPECT_TRUE(q.has_value()) << failure.message.toStdString();
        if (!q)
            return PracticeReply::restError(400, failure.errorCode, failure.message);
        const PracticeRecords records(directory);
        return SoqlRunner(records, QStringLiteral("62.0")).run(*q, soql.trimmed(), columns);
    }

    QJsonArray records(const QString &soql)
    {
        const PracticeReply reply = run(soql);
        EXPECT_EQ(reply.status, 200) << reply.body.constData();
        return QJsonDocument::fromJson(reply.body).object().value(QStringLiteral("records")).toArray();
    }

    QStringList column(const QString &soql, const QString &field = QStringLiteral("Name"))
    {
        QStringList out;
        for (const QJsonValue &r : records(soql)) {
            const QJsonValue v = r.toObject().value(field);
            out << (v.isNull() ? QStringLiteral("<null>") : v.toString());
        }
        return out;
    }

    // The one error of a REST error array: {code, message}.
    QPair<QString, QString> error(const QString &soql)
    {
        const PracticeReply reply = run(soql);
        EXPECT_EQ(reply.status, 400) << reply.body.constData();
        const QJsonObject e = QJsonDocument::fromJson(reply.body).array().at(0).toObject();
        return { e.value(QStringLiteral("errorCode")).toString(), e.value(QStringLiteral("message")).toString() };
    }

    OrgDirectory directory = OrgDirectory::makeDefault(Certificate());
};

} // namespace

TEST_F(SoqlRunnerTest, WhereWithEveryOperator)
{
    EXPECT_EQ(column(QStringLiteral("SELECT Name FROM Account WHERE Industry = 'energy'")),
        QStringList { QStringLiteral("United Oil & Gas Corp.") });
    EXPECT_EQ(column(QStringLiteral("SELECT Name FROM Account WHERE Type != 'Customer - Direct'")),
        QStringList { QStringLiteral("GenePoint") });
    EXPECT_EQ(column(QStringLiteral("SELECT Name FROM Account WHERE Name LIKE '%gas%'")),
        QStringList { QStringLiteral("United Oil & Gas Corp.") });
    EXPECT_EQ(
        column(QStringLiteral("SELECT Name FROM Account WHERE Name LIKE 'G_neP%'")), QStringList { QStringLiteral("GenePoint") });
    EXPECT_EQ(column(QStringLiteral("SELECT Name FROM Account WHERE BillingCity IN ('Austin', 'new york')")),
        (QStringList { QStringLiteral("Edge Communications"), QStringLiteral("United Oil & Gas Corp.") }));
    EXPECT_EQ(column(QStringLiteral("SELECT Name FROM Account WHERE BillingCity NOT IN ('Austin', 'New York', 'Burlington')")),
        QStringList { QStringLiteral("GenePoint") });
    EXPECT_EQ(column(QStringLiteral(
                  "SELECT Name FROM Account WHERE (Industry = 'Energy' OR Industry = 'Apparel') AND BillingCity = 'Burlington'")),
        QStringList { QStringLiteral("Burlington Textiles Corp of America") });
    EXPECT_EQ(column(QStringLiteral(
                  "SELECT Name FROM Account WHERE Industry = 'Energy' OR (Industry = 'Apparel' AND BillingCity = 'Nowhere')")),
        QStringList { QStringLiteral("United Oil & Gas Corp.") });
    EXPECT_EQ(column(QStringLiteral("SELECT Name FROM Account WHERE NOT Name LIKE '%corp%'")),
        (QStringList { QStringLiteral("Edge Communications"), QStringLiteral("GenePoint") }));
    EXPECT_EQ(column(QStringLiteral("SELECT Username FROM User WHERE IsActive = false"), QStringLiteral("Username")),
        QStringList { QStringLiteral("inactive@practice.jwtflow.example") });
    EXPECT_EQ(
        column(QStringLiteral("SELECT Name FROM Contact WHERE AccountId = null")), QStringList { QStringLiteral("Sam Loner") });
    EXPECT_EQ(column(QStringLiteral("SELECT Name FROM Account WHERE Name > 'F' AND Name < 'H'")),
        QStringList { QStringLiteral("GenePoint") });
    // Ids in 15 or 18 characters.
    EXPECT_EQ(column(QStringLiteral("SELECT Name FROM Account WHERE Id = '%1'").arg(directory.accounts.at(2).id.left(15))),
        QStringList { QStringLiteral("GenePoint") });
}

TEST_F(SoqlRunnerTest, OrderByWithDirectionAndNulls)
{
    EXPECT_EQ(column(QStringLiteral("SELECT Name FROM Account ORDER BY Name")),
        (QStringList { QStringLiteral("Burlington Textiles Corp of America"), QStringLiteral("Edge Communications"),
            QStringLiteral("GenePoint"), QStringLiteral("United Oil & Gas Corp.") }));
    EXPECT_EQ(column(QStringLiteral("SELECT Name FROM Account ORDER BY Type DESC, Name ASC")),
        (QStringList { QStringLiteral("Burlington Textiles Corp of America"), QStringLiteral("Edge Communications"),
            QStringLiteral("United Oil & Gas Corp."), QStringLiteral("GenePoint") }));
    // Nulls first by default, whatever the direction; NULLS LAST moves them.
    EXPECT_EQ(column(QStringLiteral("SELECT Name, Account.Name FROM Contact ORDER BY Account.Name DESC")).constFirst(),
        QStringLiteral("Sam Loner"));
    EXPECT_EQ(column(QStringLiteral("SELECT Name FROM Contact ORDER BY Account.Name DESC NULLS LAST")).constLast(),
        QStringLiteral("Sam Loner"));
    EXPECT_EQ(column(QStringLiteral("SELECT Name FROM Contact ORDER BY Account.Name ASC NULLS LAST, LastName")),
        (QStringList { QStringLiteral("Jack Rogers"), QStringLiteral("Rose Gonzalez"), QStringLiteral("Edna Frank"),
            QStringLiteral("Lauren Boyle"), QStringLiteral("Avi Green"), QStringLiteral("Sam Loner") }));
}

TEST_F(SoqlRunnerTest, LimitOffsetAndCount)
{
    EXPECT_EQ(column(QStringLiteral("SELECT Name FROM Account ORDER BY Name LIMIT 2 OFFSET 1")),
        (QStringList { QStringLiteral("Edge Communications"), QStringLiteral("GenePoint") }));
    EXPECT_TRUE(records(QStringLiteral("SELECT Name FROM Account OFFSET 10")).isEmpty());
    EXPECT_EQ(
        run(QStringLiteral("SELECT COUNT() FROM Contact")).body, QByteArray("{\"totalSize\":6,\"done\":true,\"records\":[]}"));
    EXPECT_EQ(run(QStringLiteral("SELECT COUNT() FROM Contact WHERE Account.Name = 'United Oil & Gas Corp.'")).body,
        QByteArray("{\"totalSize\":2,\"done\":true,\"records\":[]}"));
    EXPECT_EQ(run(QStringLiteral("SELECT COUNT() FROM Account LIMIT 3")).body,
        QByteArray("{\"totalSize\":3,\"done\":true,\"records\":[]}"));
}

TEST_F(SoqlRunnerTest, RelationshipFieldsAreNestedRecords)
{
    const QJsonArray rows
        = records(QStringLiteral("SELECT Name, Account.Name, Account.Industry FROM Contact WHERE LastName = 'Frank'"));
    ASSERT_EQ(rows.size(), 1);
    const QJsonObject account = rows.at(0).toObject().value(QStringLiteral("Account")).toObject();
    EXPECT_EQ(account.value(QStringLiteral("attributes")).toObject().value(QStringLiteral("type")).toString(),
        QStringLiteral("Account"));
    EXPECT_EQ(account.value(QStringLiteral("Name")).toString(), QStringLiteral("GenePoint"));
    EXPECT_EQ(account.value(QStringLiteral("Industry")).toString(), QStringLiteral("Biotechnology"));
    // A contact without account: the relationship is null, as Salesforce sends it.
    const QJsonArray loner = records(QStringLiteral("select name, account.name from contact where lastname = 'Loner'"));
    ASSERT_EQ(loner.size(), 1);
    EXPECT_TRUE(loner.at(0).toObject().value(QStringLiteral("Account")).isNull());
    EXPECT_EQ(column(QStringLiteral("SELECT Username, Profile.Name FROM User WHERE Profile.Name = 'Standard User'"),
                  QStringLiteral("Username")),
        QStringList { QStringLiteral("standard@practice.jwtflow.example") });
    const PracticeReply reply = run(QStringLiteral("SELECT Id, Owner.Name FROM Account LIMIT 1"));
    EXPECT_TRUE(reply.body.contains("\"Owner\":{\"attributes\":{\"type\":\"User\",\"url\":\"/services/data/v62.0/sobjects/User/"))
        << reply.body.constData();
}

TEST_F(SoqlRunnerTest, RefusalsAreWordedLikeSalesforce)
{
    auto e = error(QStringLiteral("SELECT Nme FROM Account"));
    EXPECT_EQ(e.first, QStringLiteral("INVALID_FIELD"));
    EXPECT_EQ(e.second,
        QStringLiteral(
            "\nSELECT Nme FROM Account\n       ^\nERROR at Row:1:Column:8\nNo such column 'Nme' on entity 'Account'. If you are "
            "attempting to use a custom field, be sure to append the '__c' after the custom field name. Please "
            "reference your WSDL or the describe call for the appropriate names."));
    e = error(QStringLiteral("SELECT Ownr.Name FROM Account"));
    EXPECT_EQ(e.first, QStringLiteral("INVALID_FIELD"));
    EXPECT_TRUE(e.second.contains(QStringLiteral("Didn't understand relationship 'Ownr' in field path.")))
        << e.second.toStdString();
    e = error(QStringLiteral("SELECT Owner.Nickname FROM Account"));
    EXPECT_TRUE(e.second.contains(QStringLiteral("No such column 'Nickname' on entity 'User'."))) << e.second.toStdString();
    e = error(QStringLiteral("SELECT Id FROM Account WHERE Colour = 'red'"));
    EXPECT_TRUE(e.second.contains(QStringLiteral("ERROR at Row:1:Column:30\nNo such column 'Colour'"))) << e.second.toStdString();
    e = error(QStringLiteral("SELECT Id FROM Account ORDER BY Colour"));
    EXPECT_TRUE(e.second.contains(QStringLiteral("No such column 'Colour'")));
    e = error(QStringLiteral("SELECT Id FROM User WHERE IsActive = 'true'"));
    EXPECT_EQ(e.first, QStringLiteral("INVALID_FIELD"));
    EXPECT_TRUE(e.second.endsWith(
        QStringLiteral("ERROR at Row:1:Column:38\nvalue of filter criterion for field 'IsActive' must be of type boolean and "
                       "should not be enclosed in quotes")))
        << e.second.toStdString();
    e = error(QStringLiteral("SELECT Id FROM Account WHERE Name = 42"));
    EXPECT_TRUE(e.second.endsWith(
        QStringLiteral("value of filter criterion for field 'Name' must be of type string and should be enclosed in quotes")));
    e = error(QStringLiteral("SELECT Id FROM Opportunity"));
    EXPECT_EQ(e.first, QStringLiteral("INVALID_TYPE"));
}

TEST_F(SoqlRunnerTest, ColumnsForSfDataQuery)
{
    const PracticeReply count = run(QStringLiteral("SELECT COUNT() FROM Account"), true);
    EXPECT_EQ(QJsonDocument::fromJson(count.body).object().value(QStringLiteral("columnMetadata")).toArray().size(), 0);
    const QJsonObject columns
        = QJsonDocument::fromJson(run(QStringLiteral("SELECT Name, Account.Name FROM Contact"), true).body).object();
    EXPECT_EQ(columns.value(QStringLiteral("entityName")).toString(), QStringLiteral("Contact"));
    const QJsonArray meta = columns.value(QStringLiteral("columnMetadata")).toArray();
    ASSERT_EQ(meta.size(), 2);
    EXPECT_EQ(meta.at(1).toObject().value(QStringLiteral("columnName")).toString(), QStringLiteral("Account"));
    EXPECT_EQ(meta.at(1).toObject().value(QStringLiteral("joinColumns")).toArray().size(), 1);
}
