#pragma once

#include <QList>
#include <QString>

namespace jwtflow {

// Pulls tokens out of whatever a support engineer was handed: a bare token, a whole token
// response (JSON), an "Authorization: Bearer …" header, a URL whose query or fragment holds
// id_token= / access_token=, or a form body (assertion=, client_assertion=).
class TokenFinder {
public:
    struct Found {
        QString label; // where it came from: "id_token", "access_token", "Authorization header", "token" …
        QString token; // the token text, trimmed
        QString source; // "token response JSON", "URL fragment", "URL query", "form body", "header", "text"
    };

    static QList<Found> find(const QString &input);
};

} // namespace jwtflow
