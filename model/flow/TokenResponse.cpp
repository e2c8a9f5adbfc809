#include "flow/TokenResponse.h"

#include "flow/SalesforceHost.h"

#include <QUrl>

namespace jwtflow {

namespace {

QString stringField(const QJsonObject &json, const QString &name)
{
    const QJsonValue value = json.value(name);
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return QString::number(value.toInteger());
    return {};
}

QStringList idSegments(const QString &id)
{
    return QUrl(id).path().split(QLatin1Char('/'), Qt::SkipEmptyParts);
}

} // namespace

TokenResponse TokenResponse::fromJson(const QJsonObject &json)
{
    TokenResponse token;
    token.json = json;
    token.accessToken = stringField(json, QStringLiteral("access_token"));
    token.scope = stringField(json, QStringLiteral("scope"));
    token.instanceUrl = stringField(json, QStringLiteral("instance_url"));
    token.id = stringField(json, QStringLiteral("id"));
    token.tokenType = stringField(json, QStringLiteral("token_type"));
    token.issuedAt = stringField(json, QStringLiteral("issued_at"));
    token.signature = stringField(json, QStringLiteral("signature"));
    return token;
}

TokenResponse TokenResponse::fromSession(const QString &accessToken, const QString &instanceUrl, const QString &id)
{
    QJsonObject json { { QStringLiteral("access_token"), accessToken }, { QStringLiteral("instance_url"), instanceUrl } };
    if (!id.isEmpty())
        json.insert(QStringLiteral("id"), id);
    return fromJson(json);
}

QJsonObject TokenResponse::otherFields() const
{
    QJsonObject other = json;
    for (const char *known : { "access_token", "scope", "instance_url", "id", "token_type", "issued_at", "signature" })
        other.remove(QLatin1String(known));
    return other;
}

QString TokenResponse::orgId() const
{
    const QStringList segments = idSegments(id);
    return segments.size() >= 2 ? segments.at(segments.size() - 2) : QString();
}

QString TokenResponse::userId() const
{
    const QStringList segments = idSegments(id);
    return segments.size() >= 2 ? segments.constLast() : QString();
}

QStringList TokenResponse::warnings(bool salesforce) const
{
    QStringList list;
    if (!tokenType.isEmpty() && tokenType.compare(QLatin1String("Bearer"), Qt::CaseInsensitive) != 0)
        list << QStringLiteral("token_type is \"%1\", not \"Bearer\".").arg(tokenType);
    if (!salesforce)
        return list;
    if (instanceUrl.isEmpty())
        list << QStringLiteral("instance_url is missing: API calls have no host to go to.");
    else if (const QUrl url(instanceUrl); url.scheme() != QLatin1String("https") && !SalesforceHost::isLoopbackHost(url.host()))
        list << QStringLiteral("instance_url is not https (%1): a real org always is.").arg(instanceUrl);
    if (id.isEmpty())
        list << QStringLiteral("id (the identity URL) is missing: Salesforce CLI and jsforce need it.");
    else if (orgId().isEmpty())
        list << QStringLiteral("id does not end in /<orgId>/<userId>.");
    return list;
}

} // namespace jwtflow
