// The order-keeping JSON re-layout never crashes and never changes what a JSON parser reads.
#include "token/JsonText.h"

#include <QJsonDocument>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const QByteArray pretty = jwtflow::JsonText::prettify(input);
    const QByteArray minified = jwtflow::JsonText::minify(input);
    QJsonParseError e1{}, e2{};
    const QJsonDocument original = QJsonDocument::fromJson(input, &e1);
    if (e1.error == QJsonParseError::NoError) {
        if (QJsonDocument::fromJson(pretty, &e2) != original || QJsonDocument::fromJson(minified) != original)
            std::abort();
        if (original.isObject())
            (void)jwtflow::JsonText::setMember(input, QStringLiteral("exp"), 42);
    }
    return 0;
}
