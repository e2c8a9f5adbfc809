#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QString>

namespace jwtflow {

// A JSON object written member by member in the order given. QJsonObject sorts its keys, and
// Salesforce's answers have a recognisable order (access_token first, records' attributes first)
// that people compare against documentation; clients do not care, readers do.
class OrderedJson {
public:
    OrderedJson &add(QStringView key, const QJsonValue &value);
    OrderedJson &add(QStringView key, const QString &value);
    OrderedJson &add(QStringView key, const char *value) { return add(key, QString::fromUtf8(value)); }
    OrderedJson &add(QStringView key, bool value);
    OrderedJson &add(QStringView key, qint64 value);
    OrderedJson &add(QStringView key, int value) { return add(key, qint64(value)); }
    OrderedJson &addNull(QStringView key);
    // `json` must already be one JSON value (an OrderedJson's toJson(), an array text).
    OrderedJson &addRaw(QStringView key, const QByteArray &json);

    QByteArray toJson() const { return m_text + '}'; }
    bool isEmpty() const { return m_text.size() <= 1; }

    static QByteArray quote(QStringView text); // a JSON string literal
    static QByteArray value(const QJsonValue &value);
    // "[a,b,c]" from JSON value texts.
    static QByteArray array(const QList<QByteArray> &jsonValues);

private:
    void key(QStringView key);
    QByteArray m_text = "{";
};

} // namespace jwtflow
