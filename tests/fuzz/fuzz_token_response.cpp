// What a token endpoint or an impostor may answer: any status, content type and body is sorted
// into an outcome and diagnosed, never a crash.
#include "core/Clock.h"
#include "flow/Diagnosis.h"
#include "flow/DiagnosisContext.h"
#include "flow/ExchangeResult.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    using namespace jwtflow;
    HttpExchangeRecord record;
    record.request.method = "POST";
    record.request.url = QUrl(QStringLiteral("https://login.salesforce.com/services/oauth2/token"));
    static const int statuses[] = { 200, 302, 400, 401, 403, 404, 500, 503 };
    static const char *const types[] = { "application/json", "text/html", "text/plain", "" };
    record.response.status = statuses[data[0] % 8];
    const QByteArray type(types[data[1] % 4]);
    if (!type.isEmpty())
        record.response.headers.append({ "Content-Type", type });
    record.response.body = QByteArray(reinterpret_cast<const char *>(data + 2), static_cast<qsizetype>(size - 2));
    const ExchangeResult result = ExchangeResult::fromRecord(record);
    (void)result.summary();
    (void)result.masked();
    const DiagnosisContext context = DiagnosisContext::fromAssertion(
        record.request.url, QString::fromLatin1(record.response.body.left(512)), SystemClock::instance());
    if (!result.ok())
        (void)Diagnosis::diagnose(result, context);
    return 0;
}
