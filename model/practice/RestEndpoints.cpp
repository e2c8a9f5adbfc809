#include "practice/RestEndpoints.h"

#include "practice/OrderedJson.h"
#include "practice/SalesforceId.h"

#include <QRegularExpression>

namespace jwtflow {

namespace {

constexpr int kOldestVersion = 31; // Summer '14, where Salesforce's own version list starts (§4.3)

const QString kNotFound = QStringLiteral("The requested resource does not exist");

QString invalidTypeText(const QString &object)
{
    return QStringLiteral("sObject type '%1' is not supported. If you are attempting to use a custom object, be sure to append the '__c' "
                          "after the entity name. Please reference your WSDL or the describe call for the appropriate names.")
        .arg(object);
}

QString invalidFieldText(const QString &field, const QString &object)
{
    return QStringLiteral("No such column '%1' on entity '%2'. If you are attempting to use a custom field, be sure to append the '__c' "
                          "after the custom field name. Please reference your WSDL or the describe call for the appropriate names.")
        .arg(field, object);
}

// "v62.0" -> 62; anything else -> 0.
int majorOf(const QString &segment)
{
    static const QRegularExpression pattern(QStringLiteral("^v(\\d+)\\.0$"));
    const QRegularExpressionMatch match = pattern.match(segment);
    return match.hasMatch() ? match.captured(1).toInt() : 0;
}

} // namespace

QString RestEndpoints::releaseLabel(int major)
{
    const int k = major - kOldestVersion; // 31 = Summer '14, 32 = Winter '15, 33 = Spring '15, ...
    static const char *seasons[] = {"Summer", "Winter", "Spring"};
    const int year = 14 + (k + 2) / 3;
    return QStringLiteral("%1 '%2").arg(QLatin1String(seasons[((k % 3) + 3) % 3])).arg(year, 2, 10, QLatin1Char('0'));
}

QStringList RestEndpoints::versions() const
{
    QStringList out;
    const int newest = int(m_state.directory.org.apiVersion.toDouble());
    for (int v = kOldestVersion; v <= newest; ++v)
        out << QStringLiteral("%1.0").arg(v);
    return out;
}

PracticeReply RestEndpoints::versionList() const
{
    QList<QByteArray> items;
    for (const QString &version : versions()) {
        items << OrderedJson()
                     .add(u"label", releaseLabel(int(version.toDouble())))
                     .add(u"url", QStringLiteral("/services/data/v") + version)
                     .add(u"version", version)
                     .toJson();
    }
    return PracticeReply::json(200, OrderedJson::array(items));
}

PracticeReply RestEndpoints::resources(const QString &version, const QString &userId) const
{
    const QString base = QStringLiteral("/services/data/v") + version;
    OrderedJson json;
    for (const char *name : {"tooling", "metadata", "folders", "eclair", "prechatForms", "chatter", "tabs", "appMenu", "quickActions", "queryAll",
                             "commerce", "wave", "iot", "analytics", "search", "identity", "composite", "parameterizedSearch", "fingerprint",
                             "theme", "nouns", "domino", "event", "serviceTemplates", "recent", "connect", "licensing", "limits",
                             "process", "async-queries", "query", "match", "emailConnect", "compactLayouts", "knowledgeManagement",
                             "sobjects", "actions", "support"}) {
        const QString key = QString::fromLatin1(name);
        if (key == QLatin1String("identity"))
            json.add(key, m_state.identityUrl(userId)); // the caller's identity URL, as Salesforce does
        else
            json.add(key, base + QLatin1Char('/') + key);
    }
    return PracticeReply::json(200, json.toJson());
}

std::optional<QList<RestEndpoints::Record>> RestEndpoints::records(const QString &object) const
{
    const OrgDirectory &d = m_state.directory;
    QList<Record> out;
    if (object.compare(QLatin1String("Organization"), Qt::CaseInsensitive) == 0) {
        out << Record{QStringLiteral("Organization"), d.org.id,
                      {{QStringLiteral("Id"), d.org.id},
                       {QStringLiteral("Name"), d.org.name},
                       {QStringLiteral("InstanceName"), d.org.instanceName},
                       {QStringLiteral("IsSandbox"), d.org.sandbox},
                       {QStringLiteral("TrialExpirationDate"), QJsonValue::Null},
                       {QStringLiteral("NamespacePrefix"), QJsonValue::Null},
                       {QStringLiteral("OrganizationType"), d.org.organizationType},
                       {QStringLiteral("LanguageLocaleKey"), QStringLiteral("en_US")},
                       {QStringLiteral("DefaultLocaleSidKey"), QStringLiteral("en_US")},
                       {QStringLiteral("TimeZoneSidKey"), QStringLiteral("America/Los_Angeles")},
                       {QStringLiteral("Country"), QStringLiteral("US")}}};
        return out;
    }
    if (object.compare(QLatin1String("User"), Qt::CaseInsensitive) == 0) {
        for (const OrgDirectory::User &u : d.users) {
            out << Record{QStringLiteral("User"), u.id,
                          {{QStringLiteral("Id"), u.id},
                           {QStringLiteral("Username"), u.username},
                           {QStringLiteral("Name"), u.name()},
                           {QStringLiteral("FirstName"), u.firstName},
                           {QStringLiteral("LastName"), u.lastName},
                           {QStringLiteral("Email"), u.email},
                           {QStringLiteral("IsActive"), u.active},
                           {QStringLiteral("UserType"), QStringLiteral("Standard")},
                           {QStringLiteral("TimeZoneSidKey"), u.timezone},
                           {QStringLiteral("LocaleSidKey"), u.locale}}};
        }
        return out;
    }
    if (object.compare(QLatin1String("Account"), Qt::CaseInsensitive) == 0) {
        for (const OrgDirectory::Account &a : d.accounts) {
            out << Record{QStringLiteral("Account"), a.id,
                          {{QStringLiteral("Id"), a.id},
                           {QStringLiteral("Name"), a.name},
                           {QStringLiteral("Industry"), a.industry},
                           {QStringLiteral("Type"), a.type},
                           {QStringLiteral("BillingCity"), a.billingCity}}};
        }
        return out;
    }
    return std::nullopt;
}

QByteArray RestEndpoints::recordJson(const Record &record, const QStringList &fieldNames, const QString &version) const
{
    OrderedJson json;
    json.addRaw(u"attributes", OrderedJson()
                                   .add(u"type", record.type)
                                   .add(u"url", QStringLiteral("/services/data/v%1/sobjects/%2/%3").arg(version, record.type, record.id))
                                   .toJson());
    for (const QString &name : fieldNames) {
        for (const Field &field : record.fields) {
            if (field.first.compare(name, Qt::CaseInsensitive) == 0) {
                json.add(field.first, field.second);
                break;
            }
        }
    }
    return json.toJson();
}

PracticeReply RestEndpoints::query(const PracticeRequest &request, const QString &version, bool tooling)
{
    const QString soql = request.queryValue(QStringLiteral("q"));
    if (soql.trimmed().isEmpty())
        return PracticeReply::restError(400, QStringLiteral("MALFORMED_QUERY"), QStringLiteral("A query string has to be specified"));
    SoqlQuery::Failure failure;
    const std::optional<SoqlQuery> parsed = SoqlQuery::parse(soql, &failure);
    if (!parsed)
        return PracticeReply::restError(400, failure.errorCode, failure.message);
    const QString text = soql.trimmed();
    if (tooling) {
        // sf asks the Tooling API for SandboxProcess records (§8.5): there are none here.
        return PracticeReply::json(200, OrderedJson()
                                            .add(u"size", 0)
                                            .add(u"totalSize", 0)
                                            .add(u"done", true)
                                            .addNull(u"queryLocator")
                                            .add(u"entityTypeName", parsed->object)
                                            .addRaw(u"records", "[]")
                                            .toJson());
    }
    const std::optional<QList<Record>> all = records(parsed->object);
    if (!all)
        return PracticeReply::restError(400, QStringLiteral("INVALID_TYPE"), SoqlQuery::errorMessage(text, parsed->objectColumn, invalidTypeText(parsed->object)));
    const QString type = all->isEmpty() ? parsed->object : all->constFirst().type;
    const std::optional<QList<Record>> sample = records(type);
    const QList<Field> known = sample && !sample->isEmpty() ? sample->constFirst().fields : QList<Field>{};
    const auto canonical = [&known](const QString &name) -> QString {
        for (const Field &field : known) {
            if (field.first.compare(name, Qt::CaseInsensitive) == 0)
                return field.first;
        }
        return {};
    };
    QStringList fieldNames;
    for (qsizetype i = 0; i < parsed->fields.size(); ++i) {
        const QString name = canonical(parsed->fields.at(i));
        if (name.isEmpty())
            return PracticeReply::restError(400, QStringLiteral("INVALID_FIELD"),
                                            SoqlQuery::errorMessage(text, parsed->fieldColumns.at(i), invalidFieldText(parsed->fields.at(i), type)));
        fieldNames << name;
    }
    if (!parsed->whereField.isEmpty() && canonical(parsed->whereField).isEmpty())
        return PracticeReply::restError(400, QStringLiteral("INVALID_FIELD"),
                                        SoqlQuery::errorMessage(text, int(text.indexOf(parsed->whereField, 0, Qt::CaseInsensitive) + 1),
                                                                invalidFieldText(parsed->whereField, type)));

    if (request.queryValue(QStringLiteral("columns")) == QLatin1String("true")) {
        QList<QByteArray> columns;
        for (const QString &name : std::as_const(fieldNames)) {
            columns << OrderedJson()
                           .add(u"aggregate", false)
                           .add(u"apexType", name == QLatin1String("Id") ? QStringLiteral("Id") : QStringLiteral("String"))
                           .add(u"booleanType", false)
                           .add(u"columnName", name)
                           .add(u"custom", false)
                           .add(u"displayName", name)
                           .addNull(u"foreignKeyName")
                           .add(u"insertable", false)
                           .addRaw(u"joinColumns", "[]")
                           .add(u"numberType", false)
                           .add(u"textType", name != QLatin1String("Id"))
                           .add(u"updatable", false)
                           .toJson();
        }
        return PracticeReply::json(200, OrderedJson()
                                            .addRaw(u"columnMetadata", OrderedJson::array(columns))
                                            .add(u"entityName", type)
                                            .add(u"groupBy", false)
                                            .add(u"idSelected", fieldNames.contains(QStringLiteral("Id")))
                                            .add(u"keyPrefix", all->isEmpty() ? QString() : all->constFirst().id.left(3))
                                            .toJson());
    }

    QList<QByteArray> rows;
    for (const Record &record : *all) {
        if (!parsed->whereField.isEmpty()) {
            const QString whereName = canonical(parsed->whereField);
            bool match = false;
            for (const Field &field : record.fields) {
                if (field.first == whereName) {
                    const QJsonValue v = field.second;
                    const QString text = v.isBool() ? (v.toBool() ? QStringLiteral("true") : QStringLiteral("false")) : v.toString();
                    // SOQL compares text without regard to case; ids match in 15 or 18 characters.
                    match = text.compare(parsed->whereValue, Qt::CaseInsensitive) == 0 ||
                            (whereName == QLatin1String("Id") && SalesforceId::same(text, parsed->whereValue));
                    break;
                }
            }
            if (!match)
                continue;
        }
        if (parsed->limit && rows.size() >= *parsed->limit)
            break;
        rows << recordJson(record, fieldNames, version);
    }
    PracticeReply reply = PracticeReply::json(200, OrderedJson()
                                                       .add(u"totalSize", qint64(rows.size()))
                                                       .add(u"done", true)
                                                       .addRaw(u"records", OrderedJson::array(rows))
                                                       .toJson());
    reply.note = QStringLiteral("%1 record(s)").arg(rows.size());
    return reply;
}

PracticeReply RestEndpoints::record(const QString &version, const QString &type, const QString &id)
{
    const std::optional<QList<Record>> all = records(type);
    if (!all)
        return PracticeReply::restError(404, QStringLiteral("NOT_FOUND"), kNotFound);
    for (const Record &r : *all) {
        if (SalesforceId::same(r.id, id)) {
            QStringList names;
            for (const Field &field : r.fields)
                names << field.first;
            return PracticeReply::json(200, recordJson(r, names, version));
        }
    }
    return PracticeReply::restError(404, QStringLiteral("NOT_FOUND"), kNotFound);
}

PracticeReply RestEndpoints::handle(const PracticeRequest &request, const QString &rest)
{
    QStringList segments = rest.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (segments.isEmpty())
        return versionList(); // no token needed, as on Salesforce
    QString version;
    if (segments.constFirst() == QLatin1String("latest")) {
        version = m_state.directory.org.apiVersion;
    } else {
        const int major = majorOf(segments.constFirst());
        if (major < kOldestVersion || !versions().contains(QStringLiteral("%1.0").arg(major)))
            return PracticeReply::restError(404, QStringLiteral("NOT_FOUND"), kNotFound);
        version = QStringLiteral("%1.0").arg(major);
    }
    const SessionStore::Session *session = m_state.session(request);
    if (!session)
        return PracticeReply::restError(401, QStringLiteral("INVALID_SESSION_ID"), QStringLiteral("Session expired or invalid"));
    if (!session->scopes.contains(QStringLiteral("api")) && !session->scopes.contains(QStringLiteral("full")))
        return PracticeReply::restError(401, QStringLiteral("INVALID_SESSION_ID"), QStringLiteral("This session is not valid for use with the REST API"));
    segments.removeFirst();
    if (segments.isEmpty())
        return resources(version, session->userId);
    const QString resource = segments.constFirst();
    if ((resource == QLatin1String("query") || resource == QLatin1String("queryAll")) && segments.size() == 1)
        return query(request, version, false);
    if (resource == QLatin1String("tooling") && segments.size() == 2 && segments.at(1) == QLatin1String("query"))
        return query(request, version, true);
    if (resource == QLatin1String("sobjects") && segments.size() == 3)
        return record(version, segments.at(1), segments.at(2));
    return PracticeReply::restError(404, QStringLiteral("NOT_FOUND"), kNotFound);
}

} // namespace jwtflow
