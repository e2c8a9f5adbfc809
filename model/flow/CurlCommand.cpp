#include "flow/CurlCommand.h"

#include "flow/FormBody.h"

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

QString CurlCommand::build(const HttpExchangeRecord::Request &request, HttpExchangeRecord::Secrets secrets, Layout layout)
{
    HttpExchangeRecord record;
    record.request = request;
    const SecretMasker masker = record.secrets();
    const auto shown = [&](const QString &text) { return secrets == HttpExchangeRecord::Secrets::Mask ? masker.apply(text) : text; };

    QStringList parts{QStringLiteral("curl -sS")};
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
        parts << QStringLiteral("-H ") + quote(shown(QString::fromLatin1(name) + QStringLiteral(": ") + QString::fromUtf8(value)));
    }
    if (hasBody) {
        if (contentType.trimmed().toLower().startsWith("application/x-www-form-urlencoded")) {
            for (const auto &[name, value] : FormBody::decode(request.body))
                parts << QStringLiteral("--data-urlencode ") + quote(name + QLatin1Char('=') + shown(value));
        } else {
            parts << QStringLiteral("--data-binary ") + quote(shown(QString::fromUtf8(request.body)));
        }
    }
    return parts.join(layout == Layout::MultiLine ? QStringLiteral(" \\\n  ") : QStringLiteral(" "));
}

} // namespace jwtflow
