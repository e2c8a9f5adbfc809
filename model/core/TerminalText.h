#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

namespace jwtflow {

// Untrusted text (a server's error_description, a token response's fields, a claim value, a
// request a client sent to the practice org) made safe for a terminal: the one rule every text
// output of jwtflow-cli applies. Control characters would otherwise reach the terminal as they
// came: an escape sequence can clear the screen, recolour or retitle it, and a CR or LF lets a
// server forge a line of jwtflow's own ("Access token issued."). They are shown escaped, as
// \e, \r, \n, \t or \xHH / \uHHHH, so the user still sees exactly what was sent.
// Escaped: C0 controls, DEL, C1 controls (U+0080–U+009F; U+009B starts a sequence on some
// terminals), the Unicode line and paragraph separators, and the bidirectional formatting
// characters (U+202A–U+202E, U+2066–U+2069, "Trojan Source", CVE-2021-42574), which reorder
// what the terminal shows.
class TerminalText {
public:
    // One field on one line: every character above escaped, line breaks included.
    static QString line(QStringView untrusted);
    // A multi-line text (a response body, a rendered exchange): LF kept as the line break,
    // a CR before it dropped, everything else as in line().
    static QString block(QStringView untrusted);
    // The last guard on everything a program writes (UTF-8): C0 controls but LF and TAB, and DEL,
    // escaped as above. Exact JSON never holds them raw, so --json output passes unchanged.
    static QByteArray output(QByteArrayView utf8);
};

} // namespace jwtflow
