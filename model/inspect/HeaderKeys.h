#pragma once

#include "crypto/PublicKey.h"

#include <QList>
#include <QString>

namespace jwtflow {

class Jwt;

// Keys a token carries about itself in its header (jwk, x5c, jku, x5u; RFC 7515 §4.1). They are
// never used to verify (CVE-2018-0114, "jwk header injection", RFC 8725bis §3.10): whoever forged
// a token put them there. Instead each one gets a plain statement of what verifying against it
// would and would not prove, and how it relates to the key the user does trust.
class HeaderKeys {
public:
    struct Statement {
        QString member; // "jwk", "x5c", "jku", "x5u"
        QString summary; // what it holds: a key and its thumbprint, a certificate, a URL
        QString wouldProve; // verifying against it would prove …
        QString wouldNotProve; // … and would not prove
        QString comparison; // against the trusted key, when one was given; else empty

        // One paragraph: summary, "Not used to verify", would / would not, comparison.
        QString text() const;
    };

    static const QStringList &members(); // jwk, x5c, jku, x5u

    // `trusted` is the key the user chose (may be null); `trustedSource` where it came from
    // (a file, a jwks_uri), to compare a jku/x5u with.
    static QList<Statement> describe(const Jwt &jwt, const PublicKey &trusted = {}, const QString &trustedSource = {});
};

} // namespace jwtflow
