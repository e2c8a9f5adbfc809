#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace jwtflow {

// Re-layout of JSON text that keeps what QJsonDocument would lose: member order and duplicate
// members (QJsonObject sorts keys and keeps the last duplicate). Both functions only move
// whitespace outside strings; they never reject text, so invalid JSON stays as typed.
class JsonText {
public:
    static QByteArray minify(const QByteArray &json);
    static QByteArray prettify(const QByteArray &json, int indent = 2);

    // Sets (or appends) a top-level member of a JSON object text, keeping the other members and
    // their order; the result is minified. Returns an empty array when json is not an object text.
    static QByteArray setMember(const QByteArray &json, const QString &name, const QJsonValue &value);
    static QByteArray removeMember(const QByteArray &json, const QString &name);

    // Names that occur more than once among the top-level members of an object text, in order of
    // their second occurrence. RFC 7515 §4 / 7519 §4 let a parser take the last one, and
    // QJsonDocument silently does; another server may take the first, so a debugger must say so.
    static QStringList duplicateMembers(const QByteArray &json);
};

} // namespace jwtflow
