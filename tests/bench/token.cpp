// Google Benchmark: parsing and editing tokens (run with packaging/dev bench).
#include "token/Jwt.h"

#include <benchmark/benchmark.h>

namespace {

const QString kToken
    = QStringLiteral("eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
                     ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
                     ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");

void BM_Parse(benchmark::State &state)
{
    for (auto _ : state)
        benchmark::DoNotOptimize(jwtflow::Jwt::parse(kToken).ok());
}
BENCHMARK(BM_Parse);

} // namespace

BENCHMARK_MAIN();
