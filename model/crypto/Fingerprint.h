#pragma once

#include <QByteArray>
#include <QString>

namespace jwtflow {

// Fingerprints as people compare them: uppercase hex pairs joined by colons ("AB:CD:…"),
// the form of `openssl x509 -fingerprint` and of Salesforce's certificate page.
class Fingerprint {
public:
    static QString hex(const QByteArray &bytes);
    static QString sha1(const QByteArray &data);
    static QString sha256(const QByteArray &data);
};

} // namespace jwtflow
