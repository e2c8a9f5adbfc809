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
    // 'text' with every ' written as '\'' (POSIX sh, bash, zsh).
    static QString quote(const QString &text);
};

} // namespace jwtflow
