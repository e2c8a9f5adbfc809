#pragma once

#include "flow/HttpExchangeRecord.h"

#include <QString>

namespace jwtflow {

// A request as a curl command a user can paste into a POSIX shell: every argument single-quoted,
// headers as -H, a form body as one --data-urlencode per field (curl encodes it again, so the
// command shows readable values), secrets masked unless asked for.
class CurlCommand {
public:
    enum class Layout { MultiLine, SingleLine };

    static QString build(const HttpExchangeRecord::Request &request,
        HttpExchangeRecord::Secrets secrets = HttpExchangeRecord::Secrets::Mask, Layout layout = Layout::MultiLine);
    // The same with every secret the masker knows (the assertion, a token, a client secret) read
    // from an environment variable instead of written out, so it never becomes one of curl's
    // arguments (visible to every user in the process list): "assertion=$JWTFLOW_ASSERTION",
    // "Authorization: Bearer $JWTFLOW_ACCESS_TOKEN", "client_secret=$JWTFLOW_CLIENT_SECRET".
    static QString buildWithVariables(const HttpExchangeRecord::Request &request, Layout layout = Layout::MultiLine);
    // The variable a form field or header's secret is read from in buildWithVariables.
    static QString variableFor(const QString &fieldName);
    // 'text' with every ' written as '\'' (POSIX sh, bash, zsh).
    static QString quote(const QString &text);

private:
    static QString build(
        const HttpExchangeRecord::Request &request, HttpExchangeRecord::Secrets secrets, Layout layout, bool variables);
};

} // namespace jwtflow
