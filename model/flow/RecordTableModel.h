#pragma once

#include <QAbstractTableModel>
#include <QJsonArray>
#include <QStringList>

namespace jwtflow {

// SOQL records as a table: one row per record, one column per field, in the order of the query's
// SELECT list, then of the answer's bytes (SoqlColumnOrder; QJsonObject keeps members by name).
// A relationship (a nested record such as Owner) becomes dotted columns ("Owner.Name"), and one
// that is null in every record where it appears adds no column of its own beside them;
// Salesforce's "attributes" members (type and URL of each record) are left out; a child subquery
// shows as its record count. Values are shown as text, null as empty.
class RecordTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    explicit RecordTableModel(QObject *parent = nullptr);

    // `selectList` and `memberOrder` as CallAnswer reads them; without them, Id leads and the
    // others follow by name.
    void setRecords(const QJsonArray &records, const QStringList &selectList = {}, const QStringList &memberOrder = {});
    QStringList columns() const { return m_columns; }
    // The text of a cell, as data(DisplayRole) gives it.
    QString text(int row, int column) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QStringList m_columns;
    QList<QHash<QString, QString>> m_rows;
};

} // namespace jwtflow
