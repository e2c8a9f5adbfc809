#include "CallAnswer.h"

#include "SoqlColumnOrder.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>
#include <algorithm>

namespace jwtflow {

namespace {

QString scalarText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double:
        return value.toVariant().toString();
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    default:
        return {};
    }
}

void flatten(const QJsonObject &object, const QString &prefix, QList<QPair<QString, QString>> &out)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString name = prefix.isEmpty() ? it.key() : prefix + QLatin1Char('.') + it.key();
        if (it.value().isObject())
            flatten(it.value().toObject(), name, out);
        else
            out.append({ name, scalarText(it.value()) });
    }
}

bool isVersionList(const QJsonArray &array)
{
    return !array.isEmpty() && std::all_of(array.begin(), array.end(), [](const QJsonValue &v) {
        return v.isObject() && v.toObject().value(QLatin1String("version")).isString();
    });
}

// Salesforce's REST errors: [{"message": "...", "errorCode": "INVALID_SESSION_ID"}].
bool isErrorList(const QJsonArray &array)
{
    return !array.isEmpty() && std::all_of(array.begin(), array.end(), [](const QJsonValue &v) {
        return v.isObject() && v.toObject().contains(QLatin1String("errorCode"));
    });
}

// The query the user ran, from the q parameter of …/query?q=… ('+' is a space there, as in a form).
QString soqlOf(const QUrl &url)
{
    const QString encoded = QUrlQuery(url).queryItemValue(QStringLiteral("q"), QUrl::FullyEncoded);
    return QUrl::fromPercentEncoding(encoded.toLatin1().replace('+', ' '));
}

} // namespace

CallAnswer CallAnswer::read(const HttpExchangeRecord &record)
{
    CallAnswer answer;
    const QByteArray body = record.response.body.trimmed();
    if (!record.answered() || body.isEmpty())
        return answer;
    QJsonParseError error {};
    const QJsonDocument json = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError) {
        answer.kind = Kind::Message;
        answer.message = QString::fromUtf8(body.left(4096));
        return answer;
    }
    if (json.isObject()) {
        const QJsonObject object = json.object();
        if (object.value(QLatin1String("records")).isArray()) {
            answer.kind = Kind::Records;
            answer.records = object.value(QLatin1String("records")).toArray();
            answer.totalSize = object.value(QLatin1String("totalSize")).toInteger(answer.records.size());
            answer.done = object.value(QLatin1String("done")).toBool(true);
            answer.columnOrder = SoqlColumnOrder::selectList(soqlOf(record.request.url));
            answer.memberOrder = SoqlColumnOrder::memberOrder(body);
            return answer;
        }
        answer.kind = Kind::Fields;
        flatten(object, {}, answer.fields);
        return answer;
    }
    const QJsonArray array = json.array();
    if (isVersionList(array)) {
        answer.kind = Kind::Versions;
        for (const QJsonValue &v : array) {
            const QJsonObject o = v.toObject();
            answer.versions.append({ o.value(QLatin1String("version")).toString(), o.value(QLatin1String("label")).toString(),
                o.value(QLatin1String("url")).toString() });
        }
        std::stable_sort(answer.versions.begin(), answer.versions.end(),
            [](const Version &a, const Version &b) { return a.version.toDouble() > b.version.toDouble(); });
        return answer;
    }
    answer.kind = Kind::Message;
    if (isErrorList(array)) {
        QStringList lines;
        for (const QJsonValue &v : array)
            lines << QStringLiteral("%1: %2").arg(v.toObject().value(QLatin1String("errorCode")).toString(),
                v.toObject().value(QLatin1String("message")).toString());
        answer.message = lines.join(QLatin1Char('\n'));
    } else {
        answer.message = QString::fromUtf8(json.toJson(QJsonDocument::Indented)).left(4096);
    }
    return answer;
}

QString CallAnswer::recordsCaption() const
{
    const qint64 shown = records.size();
    if (done && shown == totalSize)
        return shown == 1 ? QCoreApplication::translate("CallAnswer", "1 record")
                          : QCoreApplication::translate("CallAnswer", "%1 records").arg(shown);
    return QCoreApplication::translate("CallAnswer", "%1 of %2 records (more pages: nextRecordsUrl)").arg(shown).arg(totalSize);
}

} // namespace jwtflow
