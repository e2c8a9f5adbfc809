// The order-keeping JSON re-layout never crashes and never changes what a JSON parser reads; the
// strict RFC 8259 reader never crashes, keeps its problems in text order inside the text, and
// never passes text that QJsonDocument refuses.
#include "token/JsonText.h"
#include "token/StrictJson.h"

#include <QJsonDocument>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const QByteArray pretty = jwtflow::JsonText::prettify(input);
    const QByteArray minified = jwtflow::JsonText::minify(input);
    QJsonParseError e1 {}, e2 {};
    const QJsonDocument original = QJsonDocument::fromJson(input, &e1);
    const auto problems = jwtflow::StrictJson::check(input);
    qsizetype last = 0;
    for (const auto &problem : problems) {
        if (problem.offset < last || problem.offset > input.size() || problem.line < 1 || problem.column < 1)
            std::abort();
        last = problem.offset;
    }
    // Strict passes only objects and arrays Qt reads too (Qt refuses top-level scalars, and numbers
    // beyond a double such as 1e400, which are valid RFC 8259 syntax).
    const QByteArray trimmed = input.trimmed();
    if (problems.isEmpty() && (trimmed.startsWith('{') || trimmed.startsWith('[')) && e1.error != QJsonParseError::NoError
        && e1.error != QJsonParseError::IllegalNumber)
        std::abort();
    if (e1.error == QJsonParseError::NoError) {
        if (QJsonDocument::fromJson(pretty, &e2) != original || QJsonDocument::fromJson(minified) != original)
            std::abort();
        if (original.isObject())
            (void)jwtflow::JsonText::setMember(input, QStringLiteral("exp"), 42);
    }
    return 0;
}
