#include "practice/SoqlRunner.h"

#include "practice/OrderedJson.h"
#include "practice/SalesforceId.h"

#include <QRegularExpression>

#include <algorithm>

namespace jwtflow {

namespace {

QString invalidTypeText(const QString &object)
{
    return QStringLiteral(
        "sObject type '%1' is not supported. If you are attempting to use a custom object, be sure to append the '__c' "
        "after the entity name. Please reference your WSDL or the describe call for the appropriate names.")
        .arg(object);
}

QString invalidFieldText(const QString &field, const QString &object)
{
    return QStringLiteral(
        "No such column '%1' on entity '%2'. If you are attempting to use a custom field, be sure to append the '__c' "
        "after the custom field name. Please reference your WSDL or the describe call for the appropriate names.")
        .arg(field, object);
}

QString invalidRelationshipText(const QString &relationship)
{
    return QStringLiteral(
        "Didn't understand relationship '%1' in field path. If you are attempting to use a custom relationship, be sure to "
        "append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the "
        "appropriate names.")
        .arg(relationship);
}

// A field path resolved against the schema: the lookups to follow, then the field.
struct Path {
    QList<PracticeRecords::Relationship> hops;
    QString field; // canonical
    QString targetType; // the type that holds `field`
    QStringList segments() const
    {
        QStringList out;
        for (const auto &hop : hops)
            out << hop.name;
        out << field;
        return out;
    }
};

struct Refusal {
    QString errorCode;
    QString message;
};

bool isBooleanField(const QString &name)
{
    return name == QLatin1String("IsActive") || name == QLatin1String("IsSandbox");
}

bool isIdField(const QString &name)
{
    return name == QLatin1String("Id") || name.endsWith(QLatin1String("Id"));
}

QString textOf(const QJsonValue &v)
{
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.isDouble())
        return QString::number(v.toDouble());
    return v.toString();
}

// SOQL LIKE: % any run, _ one character, case-insensitive.
bool like(const QString &value, const QString &pattern)
{
    QString re;
    for (const QChar c : pattern) {
        if (c == u'%')
            re += QStringLiteral(".*");
        else if (c == u'_')
            re += u'.';
        else
            re += QRegularExpression::escape(QString(c));
    }
    const QRegularExpression expression(QRegularExpression::anchoredPattern(re),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::DotMatchesEverythingOption);
    return expression.match(value).hasMatch();
}

class Evaluation {
public:
    Evaluation(const PracticeRecords &records, const QString &type, const QString &text)
        : m_records(records)
        , m_type(type)
        , m_text(text)
    { }

    std::optional<Refusal> resolve(const QString &written, int column, Path *out) const
    {
        const QStringList parts = written.split(u'.');
        QString type = m_type;
        Path path;
        int offset = 0;
        for (qsizetype i = 0; i + 1 < parts.size(); ++i) {
            bool found = false;
            for (const auto &r : PracticeRecords::relationships(type)) {
                if (r.name.compare(parts.at(i), Qt::CaseInsensitive) == 0) {
                    path.hops << r;
                    type = r.type;
                    found = true;
                }
            }
            if (!found)
                return Refusal { QStringLiteral("INVALID_FIELD"),
                    SoqlQuery::errorMessage(m_text, column + offset, invalidRelationshipText(parts.at(i))) };
            offset += int(parts.at(i).size()) + 1;
        }
        for (const QString &name : PracticeRecords::fieldNames(type)) {
            if (name.compare(parts.constLast(), Qt::CaseInsensitive) == 0)
                path.field = name;
        }
        if (path.field.isEmpty())
            return Refusal { QStringLiteral("INVALID_FIELD"),
                SoqlQuery::errorMessage(m_text, column, invalidFieldText(parts.constLast(), type)) };
        path.targetType = type;
        *out = path;
        return std::nullopt;
    }

    // The record at the end of the path's lookups, or nullopt where a lookup is empty.
    std::optional<PracticeRecords::Record> follow(
        const PracticeRecords::Record &start, const QList<PracticeRecords::Relationship> &hops) const
    {
        std::optional<PracticeRecords::Record> r = start;
        for (const auto &hop : hops) {
            r = m_records.find(hop.type, r->value(hop.foreignKey).toString());
            if (!r)
                return std::nullopt;
        }
        return r;
    }

    QJsonValue value(const PracticeRecords::Record &record, const Path &path) const
    {
        const auto end = follow(record, path.hops);
        return end ? end->value(path.field) : QJsonValue(QJsonValue::Null);
    }

    // Resolves every field of the condition and checks the literals' types.
    std::optional<Refusal> check(const SoqlQuery::Condition &c, QList<Path> *paths) const
    {
        if (c.kind != SoqlQuery::Condition::Compare) {
            for (const auto &child : c.children) {
                if (auto refusal = check(child, paths))
                    return refusal;
            }
            return std::nullopt;
        }
        Path path;
        if (auto refusal = resolve(c.field.path, c.field.column, &path))
            return refusal;
        paths->append(path);
        const bool boolean = isBooleanField(path.field);
        for (const SoqlQuery::Literal &v : c.values) {
            if (v.kind == SoqlQuery::Literal::Null)
                continue;
            if (boolean && v.kind != SoqlQuery::Literal::Boolean)
                return Refusal { QStringLiteral("INVALID_FIELD"),
                    SoqlQuery::errorMessage(m_text, v.column,
                        QStringLiteral("value of filter criterion for field '%1' must be of type boolean and should not be "
                                       "enclosed in quotes")
                            .arg(path.field)) };
            if (!boolean && v.kind != SoqlQuery::Literal::String)
                return Refusal { QStringLiteral("INVALID_FIELD"),
                    SoqlQuery::errorMessage(m_text, v.column,
                        QStringLiteral(
                            "value of filter criterion for field '%1' must be of type string and should be enclosed in quotes")
                            .arg(path.field)) };
        }
        return std::nullopt;
    }

    bool matches(
        const PracticeRecords::Record &record, const SoqlQuery::Condition &c, const QList<Path> &paths, qsizetype *next) const
    {
        switch (c.kind) {
        case SoqlQuery::Condition::And: {
            bool all = true;
            for (const auto &child : c.children)
                all = matches(record, child, paths, next) && all; // every child consumes its paths
            return all;
        }
        case SoqlQuery::Condition::Or: {
            bool any = false;
            for (const auto &child : c.children)
                any = matches(record, child, paths, next) || any;
            return any;
        }
        case SoqlQuery::Condition::Not:
            return !matches(record, c.children.constFirst(), paths, next);
        case SoqlQuery::Condition::Compare:
            break;
        }
        const Path &path = paths.at((*next)++);
        const QJsonValue v = value(record, path);
        const auto equal = [&](const SoqlQuery::Literal &literal) {
            if (literal.kind == SoqlQuery::Literal::Null)
                return v.isNull();
            if (v.isNull())
                return false;
            const QString text = textOf(v);
            return text.compare(literal.text, Qt::CaseInsensitive) == 0
                || (isIdField(path.field) && SalesforceId::same(text, literal.text));
        };
        const auto compare
            = [&](const SoqlQuery::Literal &literal) { return textOf(v).compare(literal.text, Qt::CaseInsensitive); };
        const SoqlQuery::Literal &first = c.values.constFirst();
        switch (c.op) {
        case SoqlQuery::Condition::Equal:
            return equal(first);
        case SoqlQuery::Condition::NotEqual:
            return !equal(first);
        case SoqlQuery::Condition::In:
            return std::any_of(c.values.cbegin(), c.values.cend(), equal);
        case SoqlQuery::Condition::NotIn:
            return std::none_of(c.values.cbegin(), c.values.cend(), equal);
        case SoqlQuery::Condition::Like:
            return !v.isNull() && like(textOf(v), first.text);
        case SoqlQuery::Condition::Less:
            return !v.isNull() && first.kind != SoqlQuery::Literal::Null && compare(first) < 0;
        case SoqlQuery::Condition::LessOrEqual:
            return !v.isNull() && first.kind != SoqlQuery::Literal::Null && compare(first) <= 0;
        case SoqlQuery::Condition::Greater:
            return !v.isNull() && first.kind != SoqlQuery::Literal::Null && compare(first) > 0;
        case SoqlQuery::Condition::GreaterOrEqual:
            return !v.isNull() && first.kind != SoqlQuery::Literal::Null && compare(first) >= 0;
        }
        return false;
    }

    QByteArray recordJson(const PracticeRecords::Record &record, const QList<QStringList> &paths, const QString &version) const
    {
        OrderedJson json;
        json.addRaw(u"attributes",
            OrderedJson()
                .add(u"type", record.type)
                .add(u"url", QStringLiteral("/services/data/v%1/sobjects/%2/%3").arg(version, record.type, record.id))
                .toJson());
        QStringList done;
        for (const QStringList &path : paths) {
            const QString &head = path.constFirst();
            if (done.contains(head))
                continue;
            done << head;
            if (path.size() == 1) {
                json.add(head, record.value(head));
                continue;
            }
            QList<QStringList> rest;
            for (const QStringList &other : paths) {
                if (other.size() > 1 && other.constFirst() == head)
                    rest << other.mid(1);
            }
            std::optional<PracticeRecords::Record> target;
            for (const auto &r : PracticeRecords::relationships(record.type)) {
                if (r.name == head)
                    target = m_records.find(r.type, record.value(r.foreignKey).toString());
            }
            if (target)
                json.addRaw(head, recordJson(*target, rest, version));
            else
                json.addNull(head);
        }
        return json.toJson();
    }

    QByteArray columnJson(const QString &type, const QList<QStringList> &paths) const
    {
        QList<QByteArray> columns;
        QStringList done;
        for (const QStringList &path : paths) {
            const QString &head = path.constFirst();
            if (done.contains(head))
                continue;
            done << head;
            QByteArray joins = "[]";
            if (path.size() > 1) {
                QList<QStringList> rest;
                for (const QStringList &other : paths) {
                    if (other.size() > 1 && other.constFirst() == head)
                        rest << other.mid(1);
                }
                for (const auto &r : PracticeRecords::relationships(type)) {
                    if (r.name == head)
                        joins = columnJson(r.type, rest);
                }
            }
            const bool isId = head == QLatin1String("Id");
            columns << OrderedJson()
                           .add(u"aggregate", false)
                           .add(u"apexType",
                               path.size() > 1 ? QStringLiteral("SObject")
                                   : isId      ? QStringLiteral("Id")
                                               : QStringLiteral("String"))
                           .add(u"booleanType", isBooleanField(head))
                           .add(u"columnName", head)
                           .add(u"custom", false)
                           .add(u"displayName", head)
                           .addNull(u"foreignKeyName")
                           .add(u"insertable", false)
                           .addRaw(u"joinColumns", joins)
                           .add(u"numberType", false)
                           .add(u"textType", path.size() == 1 && !isId && !isBooleanField(head))
                           .add(u"updatable", false)
                           .toJson();
        }
        return OrderedJson::array(columns);
    }

private:
    const PracticeRecords &m_records;
    QString m_type;
    QString m_text;
};

PracticeReply refused(const Refusal &r)
{
    return PracticeReply::restError(400, r.errorCode, r.message);
}

} // namespace

PracticeReply SoqlRunner::run(const SoqlQuery &query, const QString &text, bool columnsOnly) const
{
    const QString type = PracticeRecords::canonicalObject(query.object);
    const std::optional<QList<PracticeRecords::Record>> all = m_records.all(type);
    if (type.isEmpty() || !all)
        return PracticeReply::restError(400, QStringLiteral("INVALID_TYPE"),
            SoqlQuery::errorMessage(text, query.objectColumn, invalidTypeText(query.object)));
    const Evaluation e(m_records, type, text);

    QList<Path> selected;
    for (qsizetype i = 0; i < query.fields.size(); ++i) {
        Path path;
        if (auto refusal = e.resolve(query.fields.at(i), query.fieldColumns.at(i), &path))
            return refused(*refusal);
        selected << path;
    }
    QList<Path> wherePaths;
    if (query.where) {
        if (auto refusal = e.check(*query.where, &wherePaths))
            return refused(*refusal);
    }
    QList<Path> orderPaths;
    for (const SoqlQuery::Ordering &o : query.orderBy) {
        Path path;
        if (auto refusal = e.resolve(o.field.path, o.field.column, &path))
            return refused(*refusal);
        orderPaths << path;
    }
    QList<QStringList> segments;
    for (const Path &p : std::as_const(selected))
        segments << p.segments();

    if (columnsOnly) {
        return PracticeReply::json(200,
            OrderedJson()
                .addRaw(u"columnMetadata", e.columnJson(type, segments))
                .add(u"entityName", type)
                .add(u"groupBy", false)
                .add(u"idSelected",
                    std::any_of(selected.cbegin(), selected.cend(),
                        [](const Path &p) { return p.hops.isEmpty() && p.field == QLatin1String("Id"); }))
                .add(u"keyPrefix", all->isEmpty() ? QString() : all->constFirst().id.left(3))
                .toJson());
    }

    QList<PracticeRecords::Record> rows;
    for (const PracticeRecords::Record &record : *all) {
        qsizetype next = 0;
        if (!query.where || e.matches(record, *query.where, wherePaths, &next))
            rows << record;
    }
    if (!query.orderBy.isEmpty()) {
        std::stable_sort(rows.begin(), rows.end(), [&](const PracticeRecords::Record &a, const PracticeRecords::Record &b) {
            for (qsizetype i = 0; i < query.orderBy.size(); ++i) {
                const SoqlQuery::Ordering &o = query.orderBy.at(i);
                const QJsonValue va = e.value(a, orderPaths.at(i));
                const QJsonValue vb = e.value(b, orderPaths.at(i));
                if (va.isNull() != vb.isNull())
                    return va.isNull() == o.nullsFirst; // nulls placed by NULLS FIRST|LAST, whatever the direction
                if (va.isNull())
                    continue;
                const int c = textOf(va).compare(textOf(vb), Qt::CaseInsensitive); // SOQL sorts text without regard to case
                if (c != 0)
                    return o.descending ? c > 0 : c < 0;
            }
            return false;
        });
    }
    const qsizetype offset = qMin<qsizetype>(query.offset.value_or(0), rows.size());
    rows = rows.mid(offset, query.limit ? qsizetype(*query.limit) : qsizetype(-1));

    QList<QByteArray> json;
    if (!query.count) {
        for (const PracticeRecords::Record &record : std::as_const(rows))
            json << e.recordJson(record, segments, m_version);
    }
    PracticeReply reply = PracticeReply::json(200,
        OrderedJson()
            .add(u"totalSize", qint64(rows.size()))
            .add(u"done", true)
            .addRaw(u"records", OrderedJson::array(json))
            .toJson());
    reply.note = query.count ? QStringLiteral("COUNT() = %1").arg(rows.size()) : QStringLiteral("%1 record(s)").arg(rows.size());
    return reply;
}

} // namespace jwtflow
