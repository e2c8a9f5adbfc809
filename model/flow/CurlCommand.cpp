#include "flow/CurlCommand.h"

#include "flow/FormBody.h"

#include <algorithm>

namespace jwtflow {

namespace {

// Headers curl derives itself from the arguments; repeating them adds nothing.
bool curlSetsItself(const QByteArray &name)
{
    const QByteArray lower = name.toLower();
    return lower == "content-length" || lower == "host";
}

} // namespace

QString CurlCommand::quote(const QString &text)
{
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString CurlCommand::variableFor(const QString &fieldName)
{
    const QString lower = fieldName.toLower();
    if (lower == QLatin1String("assertion") || lower == QLatin1String("client_assertion"))
        return QStringLiteral("JWTFLOW_ASSERTION");
    if (lower == QLatin1String("authorization"))
        return QStringLiteral("JWTFLOW_ACCESS_TOKEN");
    QString name = QStringLiteral("JWTFLOW_");
    for (const QChar c : lower)
        name += c.isLetterOrNumber() && c.unicode() < 0x80 ? c.toUpper() : QLatin1Char('_');
    return name;
}

QString CurlCommand::buildWithVariables(const HttpExchangeRecord::Request &request, Layout layout)
{
    return build(request, HttpExchangeRecord::Secrets::Mask, layout, true);
}

QString CurlCommand::build(const HttpExchangeRecord::Request &request, HttpExchangeRecord::Secrets secrets, Layout layout)
{
    return build(request, secrets, layout, false);
}

QString CurlCommand::build(
    const HttpExchangeRecord::Request &request, HttpExchangeRecord::Secrets secrets, Layout layout, bool variables)
{
    HttpExchangeRecord record;
    record.request = request;
    const SecretMasker masker = record.secrets();
    const auto shown
        = [&](const QString &text) { return secrets == HttpExchangeRecord::Secrets::Mask ? masker.apply(text) : text; };
    const auto isSecret = [&](const QString &text) { return !text.isEmpty() && masker.apply(text) != text; };
    // "name=$VARIABLE" in double quotes: the shell expands the variable, nothing else is special.
    const auto fromVariable = [](const QString &prefix, const QString &variable) {
        return QLatin1Char('"') + prefix + QStringLiteral("$") + variable + QLatin1Char('"');
    };

    QStringList parts { QStringLiteral("curl -sS") };
    const bool hasBody = !request.body.isEmpty();
    const bool methodImplied = (request.method == "GET" && !hasBody) || (request.method == "POST" && hasBody);
    if (!methodImplied)
        parts.last() += QStringLiteral(" -X ") + QString::fromLatin1(request.method);
    parts.last() += QLatin1Char(' ') + quote(shown(QString::fromUtf8(request.url.toEncoded())));

    QByteArray contentType;
    for (const auto &[name, value] : request.headers) {
        if (name.compare("Content-Type", Qt::CaseInsensitive) == 0)
            contentType = value;
        if (curlSetsItself(name))
            continue;
        const QString text = QString::fromUtf8(value);
        const qsizetype space = text.indexOf(QLatin1Char(' '));
        if (variables && name.compare("Authorization", Qt::CaseInsensitive) == 0 && space > 0 && isSecret(text)) {
            parts << QStringLiteral("-H ")
                    + fromVariable(QString::fromLatin1(name) + QStringLiteral(": ") + text.left(space + 1),
                        variableFor(QStringLiteral("authorization")));
            continue;
        }
        parts << QStringLiteral("-H ") + quote(shown(QString::fromLatin1(name) + QStringLiteral(": ") + text));
    }
    if (hasBody) {
        if (contentType.trimmed().toLower().startsWith("application/x-www-form-urlencoded")) {
            for (const auto &[name, value] : FormBody::decode(request.body)) {
                const bool plainName = !name.isEmpty()
                    && std::all_of(name.begin(), name.end(), [](QChar c) { return c.isLetterOrNumber() || c == u'_'; });
                if (variables && plainName && isSecret(value))
                    parts << QStringLiteral("--data-urlencode ") + fromVariable(name + QLatin1Char('='), variableFor(name));
                else
                    parts << QStringLiteral("--data-urlencode ") + quote(name + QLatin1Char('=') + shown(value));
            }
        } else {
            parts << QStringLiteral("--data-binary ") + quote(shown(QString::fromUtf8(request.body)));
        }
    }
    return parts.join(layout == Layout::MultiLine ? QStringLiteral(" \\\n  ") : QStringLiteral(" "));
}

} // namespace jwtflow
