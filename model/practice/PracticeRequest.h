#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

namespace jwtflow {

// One HTTP request as the practice org's endpoints see it, independent of the HTTP server
// library (so endpoints are testable without sockets). `path` is already normalised: runs of
// slashes collapsed, as Salesforce tolerates "//services/oauth2/token" (salesforce-wire.md §8.3).
struct PracticeRequest {
    QByteArray method = "GET";
    QString path = QStringLiteral("/");
    QUrlQuery query;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QHostAddress remoteAddress = QHostAddress(QHostAddress::LocalHost);

    QByteArray header(QByteArrayView name) const
    {
        for (const auto &[key, value] : headers) {
            if (name.compare(key, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
    // A query parameter decoded as servlet containers do: '+' is a space (curl users and form
    // encoders send "q=SELECT+Id+FROM+User"), %XX a UTF-8 byte.
    QString queryValue(const QString &name) const
    {
        const auto items = query.queryItems(QUrl::FullyEncoded);
        for (const auto &[key, value] : items) {
            if (QUrl::fromPercentEncoding(key.toLatin1()) == name)
                return QUrl::fromPercentEncoding(value.toLatin1().replace('+', "%20"));
        }
        return {};
    }

    // "/a//b/" -> "/a/b/"; an empty path becomes "/".
    static QString normalisePath(const QString &path)
    {
        QString out;
        out.reserve(path.size() + 1);
        for (const QChar c : path) {
            if (c == u'/' && out.endsWith(u'/'))
                continue;
            out += c;
        }
        if (!out.startsWith(u'/'))
            out.prepend(u'/');
        return out;
    }
};

} // namespace jwtflow
