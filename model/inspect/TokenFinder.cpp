#include "inspect/TokenFinder.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

namespace jwtflow {

namespace {

// The fields of token responses, URLs and form bodies that carry tokens, in the order shown.
const char *const kTokenFields[] = { "id_token", "access_token", "refresh_token", "assertion", "client_assertion", "token" };

void fromPairs(const QList<std::pair<QString, QString>> &pairs, const QString &source, QList<TokenFinder::Found> &out)
{
    for (const char *field : kTokenFields) {
        for (const auto &[key, value] : pairs) {
            if (key == QLatin1String(field) && !value.trimmed().isEmpty())
                out.append({ key, value.trimmed(), source });
        }
    }
}

QList<std::pair<QString, QString>> queryPairs(const QString &query)
{
    QList<std::pair<QString, QString>> pairs;
    for (const QString &part : query.split(QLatin1Char('&'), Qt::SkipEmptyParts)) {
        const qsizetype eq = part.indexOf(QLatin1Char('='));
        if (eq <= 0)
            continue;
        // Form encoding: '+' is a space, then percent-decoding.
        QString value = part.mid(eq + 1);
        value.replace(QLatin1Char('+'), QLatin1Char(' '));
        pairs.append({ QUrl::fromPercentEncoding(part.left(eq).toUtf8()), QUrl::fromPercentEncoding(value.toUtf8()) });
    }
    return pairs;
}

} // namespace

QList<TokenFinder::Found> TokenFinder::find(const QString &input)
{
    QList<Found> found;
    const QString text = input.trimmed();
    if (text.isEmpty())
        return found;

    // A token response or any JSON object with token fields.
    if (text.startsWith(QLatin1Char('{'))) {
        const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
        if (doc.isObject()) {
            QList<std::pair<QString, QString>> pairs;
            const QJsonObject object = doc.object();
            for (auto it = object.begin(); it != object.end(); ++it) {
                if (it.value().isString())
                    pairs.append({ it.key(), it.value().toString() });
            }
            fromPairs(pairs, QStringLiteral("token response JSON"), found);
            return found;
        }
    }

    // An HTTP header line.
    static const QRegularExpression header(
        QStringLiteral("^(?:Authorization:\\s*)?(Bearer|OAuth)\\s+(\\S+)\\s*$"), QRegularExpression::CaseInsensitiveOption);
    if (const auto m = header.match(text); m.hasMatch()) {
        found.append({ QStringLiteral("Authorization header"), m.captured(2), QStringLiteral("header") });
        return found;
    }

    // A URL: the implicit/hybrid flows put tokens in the fragment, others in the query.
    if (text.startsWith(QStringLiteral("http://")) || text.startsWith(QStringLiteral("https://"))
        || text.contains(QStringLiteral("://"))) {
        const QUrl url(text);
        if (url.isValid()) {
            fromPairs(queryPairs(url.fragment(QUrl::FullyEncoded)), QStringLiteral("URL fragment"), found);
            fromPairs(queryPairs(url.query(QUrl::FullyEncoded)), QStringLiteral("URL query"), found);
            return found;
        }
    }

    // A form body (grant_type=…&assertion=…) or a bare fragment (#id_token=…).
    QString pairsText = text;
    if (pairsText.startsWith(QLatin1Char('#')) || pairsText.startsWith(QLatin1Char('?')))
        pairsText.remove(0, 1);
    if (pairsText.contains(QLatin1Char('=')) && !pairsText.contains(QLatin1Char(' ')) && pairsText.contains(QLatin1Char('&'))) {
        fromPairs(queryPairs(pairsText), QStringLiteral("form body"), found);
        if (!found.isEmpty())
            return found;
    }
    if (pairsText.contains(QLatin1Char('='))) {
        const auto pairs = queryPairs(pairsText);
        fromPairs(pairs, QStringLiteral("form body"), found);
        if (!found.isEmpty())
            return found;
    }

    found.append({ QStringLiteral("token"), text, QStringLiteral("text") });
    return found;
}

} // namespace jwtflow
