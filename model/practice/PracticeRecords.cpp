#include "practice/PracticeRecords.h"

#include "practice/SalesforceId.h"

namespace jwtflow {

namespace {

struct Schema {
    const char *type;
    QList<const char *> fields;
};

// Salesforce's canonical names, in the order the sObject endpoint lists them here.
const QList<Schema> &schemas()
{
    static const QList<Schema> all = {
        { "Organization",
            { "Id", "Name", "InstanceName", "IsSandbox", "TrialExpirationDate", "NamespacePrefix", "OrganizationType",
                "LanguageLocaleKey", "DefaultLocaleSidKey", "TimeZoneSidKey", "Country" } },
        { "User",
            { "Id", "Username", "Name", "FirstName", "LastName", "Email", "IsActive", "UserType", "ProfileId", "TimeZoneSidKey",
                "LocaleSidKey" } },
        { "Profile", { "Id", "Name", "UserType" } },
        { "Account", { "Id", "Name", "Industry", "Type", "BillingCity", "OwnerId" } },
        { "Contact", { "Id", "Name", "FirstName", "LastName", "Email", "AccountId" } },
    };
    return all;
}

// Made-up ids for the profiles the users name, in order of first use.
QString profileId(int index)
{
    const QString serial = QString::number(index + 1);
    return SalesforceId::to18(QStringLiteral("00eJ9") + QString(10 - serial.size(), QLatin1Char('0')) + serial);
}

QJsonValue orNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

} // namespace

QJsonValue PracticeRecords::Record::value(const QString &canonicalName) const
{
    for (const Field &field : fields) {
        if (field.first == canonicalName)
            return field.second;
    }
    return QJsonValue::Null;
}

QString PracticeRecords::canonicalObject(const QString &object)
{
    for (const Schema &schema : schemas()) {
        if (object.compare(QLatin1String(schema.type), Qt::CaseInsensitive) == 0)
            return QString::fromLatin1(schema.type);
    }
    return {};
}

QStringList PracticeRecords::fieldNames(const QString &type)
{
    QStringList out;
    for (const Schema &schema : schemas()) {
        if (type == QLatin1String(schema.type)) {
            for (const char *name : schema.fields)
                out << QString::fromLatin1(name);
        }
    }
    return out;
}

QList<PracticeRecords::Relationship> PracticeRecords::relationships(const QString &type)
{
    if (type == QLatin1String("Account"))
        return { { QStringLiteral("Owner"), QStringLiteral("User"), QStringLiteral("OwnerId") } };
    if (type == QLatin1String("Contact"))
        return { { QStringLiteral("Account"), QStringLiteral("Account"), QStringLiteral("AccountId") } };
    if (type == QLatin1String("User"))
        return { { QStringLiteral("Profile"), QStringLiteral("Profile"), QStringLiteral("ProfileId") } };
    return {};
}

std::optional<QList<PracticeRecords::Record>> PracticeRecords::all(const QString &object) const
{
    const QString type = canonicalObject(object);
    if (type.isEmpty())
        return std::nullopt;
    const OrgDirectory &d = m_directory;
    QStringList profiles;
    for (const OrgDirectory::User &u : d.users) {
        if (!profiles.contains(u.profile))
            profiles << u.profile;
    }
    QList<Record> out;
    if (type == QLatin1String("Organization")) {
        out << Record { type, d.org.id,
            { { QStringLiteral("Id"), d.org.id }, { QStringLiteral("Name"), d.org.name },
                { QStringLiteral("InstanceName"), d.org.instanceName }, { QStringLiteral("IsSandbox"), d.org.sandbox },
                { QStringLiteral("TrialExpirationDate"), QJsonValue::Null },
                { QStringLiteral("NamespacePrefix"), QJsonValue::Null },
                { QStringLiteral("OrganizationType"), d.org.organizationType },
                { QStringLiteral("LanguageLocaleKey"), QStringLiteral("en_US") },
                { QStringLiteral("DefaultLocaleSidKey"), QStringLiteral("en_US") },
                { QStringLiteral("TimeZoneSidKey"), QStringLiteral("America/Los_Angeles") },
                { QStringLiteral("Country"), QStringLiteral("US") } } };
    } else if (type == QLatin1String("User")) {
        for (const OrgDirectory::User &u : d.users) {
            out << Record { type, u.id,
                { { QStringLiteral("Id"), u.id }, { QStringLiteral("Username"), u.username },
                    { QStringLiteral("Name"), u.name() }, { QStringLiteral("FirstName"), orNull(u.firstName) },
                    { QStringLiteral("LastName"), u.lastName }, { QStringLiteral("Email"), u.email },
                    { QStringLiteral("IsActive"), u.active }, { QStringLiteral("UserType"), QStringLiteral("Standard") },
                    { QStringLiteral("ProfileId"), profileId(int(profiles.indexOf(u.profile))) },
                    { QStringLiteral("TimeZoneSidKey"), u.timezone }, { QStringLiteral("LocaleSidKey"), u.locale } } };
        }
    } else if (type == QLatin1String("Profile")) {
        for (qsizetype i = 0; i < profiles.size(); ++i) {
            out << Record { type, profileId(int(i)),
                { { QStringLiteral("Id"), profileId(int(i)) }, { QStringLiteral("Name"), profiles.at(i) },
                    { QStringLiteral("UserType"), QStringLiteral("Standard") } } };
        }
    } else if (type == QLatin1String("Account")) {
        for (const OrgDirectory::Account &a : d.accounts) {
            out << Record { type, a.id,
                { { QStringLiteral("Id"), a.id }, { QStringLiteral("Name"), a.name },
                    { QStringLiteral("Industry"), orNull(a.industry) }, { QStringLiteral("Type"), orNull(a.type) },
                    { QStringLiteral("BillingCity"), orNull(a.billingCity) },
                    { QStringLiteral("OwnerId"), orNull(a.ownerId) } } };
        }
    } else if (type == QLatin1String("Contact")) {
        for (const OrgDirectory::Contact &c : d.contacts) {
            out << Record { type, c.id,
                { { QStringLiteral("Id"), c.id }, { QStringLiteral("Name"), c.name() },
                    { QStringLiteral("FirstName"), orNull(c.firstName) }, { QStringLiteral("LastName"), c.lastName },
                    { QStringLiteral("Email"), orNull(c.email) }, { QStringLiteral("AccountId"), orNull(c.accountId) } } };
        }
    }
    return out;
}

std::optional<PracticeRecords::Record> PracticeRecords::find(const QString &type, const QString &id) const
{
    const std::optional<QList<Record>> records = all(type);
    if (!records || id.isEmpty())
        return std::nullopt;
    for (const Record &r : *records) {
        if (SalesforceId::same(r.id, id))
            return r;
    }
    return std::nullopt;
}

} // namespace jwtflow
