#pragma once

#include "practice/OrgDirectory.h"

#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace jwtflow {

// The practice org's records as SOQL and the sObject endpoint see them: Organization, User,
// Profile, Account and Contact, each a type, an id and its fields in Salesforce's canonical
// names and order, built from the OrgDirectory; and the lookups between them (Account.Owner,
// Contact.Account, User.Profile) that relationship fields such as Owner.Name follow.
class PracticeRecords {
public:
    using Field = QPair<QString, QJsonValue>; // canonical field name and value
    struct Record {
        QString type;
        QString id;
        QList<Field> fields;

        QJsonValue value(const QString &canonicalName) const;
    };
    struct Relationship {
        QString name; // "Owner"
        QString type; // "User"
        QString foreignKey; // "OwnerId"
    };

    explicit PracticeRecords(const OrgDirectory &directory)
        : m_directory(directory)
    { }

    // All records of an object (any case), or nullopt when the org has no such object.
    std::optional<QList<Record>> all(const QString &object) const;
    // The object's canonical name ("account" -> "Account"); empty when there is none.
    static QString canonicalObject(const QString &object);
    // Field names of an object, canonical, in order.
    static QStringList fieldNames(const QString &type);
    static QList<Relationship> relationships(const QString &type);
    std::optional<Record> find(const QString &type, const QString &id) const;

private:
    const OrgDirectory &m_directory;
};

} // namespace jwtflow
