#pragma once

#include <QList>
#include <QString>

namespace jwtflow {

// Something about a key, certificate or secret that works but deserves attention (a 1024-bit
// key, an expired certificate). Same three readers as Error: code, message, hint.
struct KeyWarning {
    QString code;
    QString message;
    QString hint;

    bool operator==(const KeyWarning &other) const = default;
};

using KeyWarnings = QList<KeyWarning>;

} // namespace jwtflow
