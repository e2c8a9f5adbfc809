// The practice org's HTTP/1.1 framing (PracticeHttpParser) on any bytes, with small limits so the
// fuzzer reaches every refusal. Properties beyond "no crash": the body never exceeds its cap, a
// refusal has a 4xx/5xx status and a message, and feeding the same bytes in two pieces (split
// where the first input byte says) gives the same requests and the same verdict as feeding them
// whole.
#include "practice/internal/PracticeHttpParser.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace {

struct Outcome {
    QList<QByteArray> requests; // method, path and body of each, joined
    int status = 0;
};

jwtflow::PracticeServerLimits limits()
{
    jwtflow::PracticeServerLimits l;
    l.maxRequestLine = 256;
    l.maxHeaderBytes = 512;
    l.maxHeaderCount = 8;
    l.maxBodyBytes = 256;
    return l;
}

Outcome run(const QList<QByteArray> &pieces)
{
    Outcome outcome;
    jwtflow::PracticeHttpParser parser(limits());
    QByteArray buffer;
    for (const QByteArray &piece : pieces) {
        buffer += piece;
        while (true) {
            const auto step = parser.feed(buffer);
            if (step == jwtflow::PracticeHttpParser::Step::Failed) {
                if (parser.status() < 400 || parser.status() > 599 || parser.message().isEmpty())
                    std::abort();
                outcome.status = parser.status();
                return outcome;
            }
            if (step == jwtflow::PracticeHttpParser::Step::NeedMore)
                break;
            if (parser.request().body.size() > limits().maxBodyBytes)
                std::abort();
            outcome.requests << parser.request().method + ' ' + parser.request().path.toUtf8() + ' ' + parser.request().body;
            parser.reset();
        }
    }
    return outcome;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const QByteArray input(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    const qsizetype split = input.isEmpty() ? 0 : qsizetype(data[0]) % (input.size() + 1);
    const Outcome whole = run({ input });
    const Outcome pieces = run({ input.left(split), input.mid(split) });
    if (whole.requests != pieces.requests || whole.status != pieces.status)
        std::abort();
    return 0;
}
