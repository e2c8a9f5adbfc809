#include "practice/RestEndpoints.h"

#include "practice/OrderedJson.h"
#include "practice/PracticeRecords.h"
#include "practice/SalesforceId.h"
#include "practice/SoqlRunner.h"

#include <QRegularExpression>

namespace jwtflow {

namespace {

constexpr int kOldestVersion = 31; // Summer '14, where Salesforce's own version list starts (§4.3)

const QString kNotFound = QStringLiteral("The requested resource does not exist");

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
    static const char *seasons[] = { "Summer", "Winter", "Spring" };
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
    for (const char *name : { "tooling", "metadata", "folders", "eclair", "prechatForms", "chatter", "tabs", "appMenu",
             "quickActions", "queryAll", "commerce", "wave", "iot", "analytics", "search", "identity", "composite",
             "parameterizedSearch", "fingerprint", "theme", "nouns", "domino", "event", "serviceTemplates", "recent", "connect",
             "licensing", "limits", "process", "async-queries", "query", "match", "emailConnect", "compactLayouts",
             "knowledgeManagement", "sobjects", "actions", "support" }) {
        const QString key = QString::fromLatin1(name);
        if (key == QLatin1String("identity"))
            json.add(key, m_state.identityUrl(userId)); // the caller's identity URL, as Salesforce does
        else
            json.add(key, base + QLatin1Char('/') + key);
    }
    return PracticeReply::json(200, json.toJson());
}

PracticeReply RestEndpoints::query(const PracticeRequest &request, const QString &version, bool tooling)
{
    const QString soql = request.queryValue(QStringLiteral("q"));
    if (soql.trimmed().isEmpty())
        return PracticeReply::restError(
            400, QStringLiteral("MALFORMED_QUERY"), QStringLiteral("A query string has to be specified"));
    SoqlQuery::Failure failure;
    const std::optional<SoqlQuery> parsed = SoqlQuery::parse(soql, &failure);
    if (!parsed)
        return PracticeReply::restError(400, failure.errorCode, failure.message);
    if (tooling) {
        // sf asks the Tooling API for SandboxProcess records (§8.5): there are none here.
        return PracticeReply::json(200,
            OrderedJson()
                .add(u"size", 0)
                .add(u"totalSize", 0)
                .add(u"done", true)
                .addNull(u"queryLocator")
                .add(u"entityTypeName", parsed->object)
                .addRaw(u"records", "[]")
                .toJson());
    }
    const PracticeRecords records(m_state.directory);
    return SoqlRunner(records, version)
        .run(*parsed, soql.trimmed(), request.queryValue(QStringLiteral("columns")) == QLatin1String("true"));
}

PracticeReply RestEndpoints::record(const QString &version, const QString &type, const QString &id)
{
    const PracticeRecords records(m_state.directory);
    const QString canonical = PracticeRecords::canonicalObject(type);
    const std::optional<PracticeRecords::Record> r = canonical.isEmpty() ? std::nullopt : records.find(canonical, id);
    if (!r)
        return PracticeReply::restError(404, QStringLiteral("NOT_FOUND"), kNotFound);
    OrderedJson json;
    json.addRaw(u"attributes",
        OrderedJson()
            .add(u"type", r->type)
            .add(u"url", QStringLiteral("/services/data/v%1/sobjects/%2/%3").arg(version, r->type, r->id))
            .toJson());
    for (const PracticeRecords::Field &field : r->fields)
        json.add(field.first, field.second);
    return PracticeReply::json(200, json.toJson());
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
        return PracticeReply::restError(
            401, QStringLiteral("INVALID_SESSION_ID"), QStringLiteral("This session is not valid for use with the REST API"));
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
