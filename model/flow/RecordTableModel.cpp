#include "RecordTableModel.h"

#include "SoqlColumnOrder.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>

namespace jwtflow {

namespace {

void flatten(const QJsonObject &record, const QString &prefix, QStringList &columns, QHash<QString, QString> &row)
{
    for (auto it = record.begin(); it != record.end(); ++it) {
        if (it.key() == QLatin1String("attributes"))
            continue;
        const QString name = prefix.isEmpty() ? it.key() : prefix + QLatin1Char('.') + it.key();
        const QJsonValue value = it.value();
        QString text;
        if (value.isObject()) {
            const QJsonObject object = value.toObject();
            if (object.value(QLatin1String("records")).isArray()) { // a child subquery
                const auto count = object.value(QLatin1String("records")).toArray().size();
                text = count == 1 ? QCoreApplication::translate("RecordTableModel", "1 record")
                                  : QCoreApplication::translate("RecordTableModel", "%1 records").arg(count);
            } else {
                flatten(object, name, columns, row);
                continue;
            }
        } else if (value.isString()) {
            text = value.toString();
        } else if (value.isDouble()) {
            text = value.toVariant().toString();
        } else if (value.isBool()) {
            text = value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        } else if (value.isArray()) {
            text = QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
        } // null: empty
        if (!columns.contains(name))
            columns.append(name);
        row.insert(name, text);
    }
}

} // namespace

RecordTableModel::RecordTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void RecordTableModel::setRecords(const QJsonArray &records, const QStringList &selectList, const QStringList &memberOrder)
{
    beginResetModel();
    m_columns.clear();
    m_rows.clear();
    for (const QJsonValue &record : records) {
        QHash<QString, QString> row;
        flatten(record.toObject(), {}, m_columns, row);
        m_rows.append(row);
    }
    // A relationship that is null here and a record there ("Owner" beside "Owner.Name"): its
    // dotted columns say it all, empty where it was null.
    const QStringList all = m_columns;
    m_columns.removeIf([this, &all](const QString &column) {
        const QString under = column + QLatin1Char('.');
        return std::any_of(all.begin(), all.end(), [&under](const QString &c) { return c.startsWith(under); })
            && std::all_of(m_rows.begin(), m_rows.end(), [&column](const auto &row) { return row.value(column).isEmpty(); });
    });
    if (selectList.isEmpty() && memberOrder.isEmpty()) {
        // QJsonObject keeps members by name; with nothing better known, the record's Id leads.
        if (const auto id = m_columns.indexOf(QStringLiteral("Id")); id > 0)
            m_columns.move(id, 0);
    } else {
        m_columns = SoqlColumnOrder::arrange(m_columns, selectList, memberOrder);
    }
    endResetModel();
}

QString RecordTableModel::text(int row, int column) const
{
    if (row < 0 || row >= m_rows.size() || column < 0 || column >= m_columns.size())
        return {};
    return m_rows.at(row).value(m_columns.at(column));
}

int RecordTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RecordTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QVariant RecordTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return {};
    return text(index.row(), index.column());
}

QVariant RecordTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Horizontal)
        return section >= 0 && section < m_columns.size() ? QVariant(m_columns.at(section)) : QVariant();
    return section + 1;
}

} // namespace jwtflow
