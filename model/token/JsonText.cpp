#include "token/JsonText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace jwtflow {

namespace {

bool isJsonSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Copies a string literal starting at json[i] == '"'; returns the index after its closing quote.
qsizetype copyString(const QByteArray &json, qsizetype i, QByteArray &out)
{
    out.append(json[i++]);
    while (i < json.size()) {
        const char c = json[i++];
        out.append(c);
        if (c == '\\' && i < json.size())
            out.append(json[i++]);
        else if (c == '"')
            break;
    }
    return i;
}

// Skips one JSON value of the minified text starting at i; returns the index after it.
qsizetype skipValue(const QByteArray &json, qsizetype i)
{
    int depth = 0;
    while (i < json.size()) {
        const char c = json[i];
        if (c == '"') {
            QByteArray sink;
            i = copyString(json, i, sink);
        } else if (c == '{' || c == '[') {
            ++depth;
            ++i;
        } else if (c == '}' || c == ']') {
            if (depth == 0)
                return i;
            --depth;
            ++i;
        } else if (c == ',' && depth == 0) {
            return i;
        } else {
            ++i;
        }
        if (depth == 0 && i < json.size() && (json[i] == ',' || json[i] == '}' || json[i] == ']'))
            return i;
    }
    return i;
}

QByteArray valueText(const QJsonValue &value)
{
    // Wrap in an array to serialise any value type, then strip the brackets.
    const QByteArray wrapped = QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

struct MemberSpan {
    qsizetype start = -1; // index of the key's opening quote
    qsizetype end = -1; // index after the value
};

// Finds a top-level member in a minified object text.
MemberSpan findMember(const QByteArray &json, const QString &name)
{
    const QByteArray key = valueText(QJsonValue(name));
    qsizetype i = 1;
    while (i < json.size() && json[i] == '"') {
        const qsizetype start = i;
        QByteArray keyText;
        i = copyString(json, i, keyText);
        if (i >= json.size() || json[i] != ':')
            return {};
        const qsizetype end = skipValue(json, i + 1);
        // Compare decoded keys so escapes such as \u0061 match too.
        const QJsonDocument probe = QJsonDocument::fromJson("{" + keyText + ":0}");
        if (keyText == key || (probe.isObject() && probe.object().contains(name)))
            return { start, end };
        i = end;
        if (i < json.size() && json[i] == ',')
            ++i;
    }
    return {};
}

} // namespace

QByteArray JsonText::setMember(const QByteArray &json, const QString &name, const QJsonValue &value)
{
    const QByteArray text = minify(json);
    if (!QJsonDocument::fromJson(text).isObject())
        return {};
    const QByteArray member = valueText(QJsonValue(name)) + ':' + valueText(value);
    const MemberSpan span = findMember(text, name);
    if (span.start >= 0)
        return text.left(span.start) + member + text.mid(span.end);
    const qsizetype close = text.lastIndexOf('}');
    return text.left(close) + (close > 1 ? "," : "") + member + text.mid(close);
}

QByteArray JsonText::removeMember(const QByteArray &json, const QString &name)
{
    const QByteArray text = minify(json);
    if (!QJsonDocument::fromJson(text).isObject())
        return {};
    const MemberSpan span = findMember(text, name);
    if (span.start < 0)
        return text;
    qsizetype start = span.start, end = span.end;
    if (end < text.size() && text[end] == ',')
        ++end; // drop the following comma
    else if (start > 1 && text[start - 1] == ',')
        --start; // last member: drop the preceding comma
    return text.left(start) + text.mid(end);
}

QStringList JsonText::duplicateMembers(const QByteArray &json)
{
    const QByteArray text = minify(json);
    QSet<QString> seen; // a set: a claims set can have 10^5 members
    QStringList duplicates;
    if (!text.startsWith('{'))
        return duplicates;
    qsizetype i = 1;
    while (i < text.size() && text[i] == '"') {
        QByteArray keyText;
        i = copyString(text, i, keyText);
        if (i >= text.size() || text[i] != ':')
            break;
        // Decoded, so "alg" and "\u0061lg" are the same name (as they are to every parser).
        const QJsonDocument probe = QJsonDocument::fromJson('[' + keyText + ']');
        const QString name = probe.isArray() ? probe.array().at(0).toString() : QString::fromUtf8(keyText);
        if (seen.contains(name)) {
            if (!duplicates.contains(name))
                duplicates << name;
        } else {
            seen.insert(name);
        }
        i = skipValue(text, i + 1);
        if (i < text.size() && text[i] == ',')
            ++i;
    }
    return duplicates;
}

QByteArray JsonText::minify(const QByteArray &json)
{
    QByteArray out;
    out.reserve(json.size());
    for (qsizetype i = 0; i < json.size();) {
        const char c = json[i];
        if (c == '"')
            i = copyString(json, i, out);
        else {
            if (!isJsonSpace(c))
                out.append(c);
            ++i;
        }
    }
    return out;
}

QByteArray JsonText::prettify(const QByteArray &json, int indent)
{
    const QByteArray compact = minify(json);
    QByteArray out;
    out.reserve(compact.size() * 2);
    int depth = 0;
    auto newline = [&] {
        out.append('\n');
        out.append(QByteArray(qMax(depth, 0) * indent, ' '));
    };
    for (qsizetype i = 0; i < compact.size();) {
        const char c = compact[i];
        switch (c) {
        case '"':
            i = copyString(compact, i, out);
            continue;
        case '{':
        case '[': {
            const char close = c == '{' ? '}' : ']';
            out.append(c);
            if (i + 1 < compact.size() && compact[i + 1] == close) { // keep {} and [] on one line
                out.append(close);
                i += 2;
                continue;
            }
            ++depth;
            newline();
            break;
        }
        case '}':
        case ']':
            --depth;
            newline();
            out.append(c);
            break;
        case ',':
            out.append(c);
            newline();
            break;
        case ':':
            out.append(": ");
            break;
        default:
            out.append(c);
        }
        ++i;
    }
    return out;
}

} // namespace jwtflow
