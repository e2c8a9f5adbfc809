// Google Benchmark: the whole path a paste takes (parse, the editor document, the linter, the
// verifier, the inspector) for every hostile token of tests/support/HostileTokens.h. The target:
// no case keeps the UI thread busy for more than 100 ms (issue 7). One benchmark per case:
//   packaging/dev shell -c 'build/ci/tests/bench/hostile_tokens_bench --benchmark_min_time=0.2s'
#include "support/HostileTokens.h"

#include "core/Clock.h"
#include "crypto/HmacSecret.h"
#include "crypto/PublicKey.h"
#include "crypto/Verifier.h"
#include "flow/ClaimsLinter.h"
#include "flow/TokenDocument.h"
#include "inspect/ClaimDictionary.h"
#include "inspect/TokenClassifier.h"
#include "inspect/TokenInspection.h"
#include "token/Jwt.h"

#include <QCoreApplication>

#include <benchmark/benchmark.h>

namespace {

void pastePath(const hostile::Case &c, const jwtflow::PublicKey &rsa, const jwtflow::HmacSecret &secret)
{
    using namespace jwtflow;
    const FixedClock clock(hostile::kNow);
    TokenDocument document;
    document.setEncodedText(c.text);
    benchmark::DoNotOptimize(document.headerText());
    if (document.hasToken()) {
        const Jwt &jwt = document.jwt();
        benchmark::DoNotOptimize(ClaimsLinter(clock).lint(jwt, ClaimsLinter::Context {}));
        benchmark::DoNotOptimize(Verifier::verify(jwt, rsa));
        benchmark::DoNotOptimize(Verifier::verify(jwt, secret));
        benchmark::DoNotOptimize(TokenClassifier::classify(jwt));
        benchmark::DoNotOptimize(ClaimDictionary::explain(jwt.claims(), clock));
        benchmark::DoNotOptimize(ClaimDictionary::explainHeader(jwt.header()));
    }
    benchmark::DoNotOptimize(TokenInspection::inspect(c.text, clock));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const auto rsa = jwtflow::PublicKey::fromPem(hostile::readData("keys/rsa2048-public.pem"), QStringLiteral("rsa"));
    const auto secret = jwtflow::HmacSecret::fromBytes(hostile::kSecret, QStringLiteral("text"));
    if (!rsa || !secret)
        return 1;
    static const QList<hostile::Case> cases = hostile::cases();
    for (const hostile::Case &c : cases) {
        benchmark::RegisterBenchmark((QStringLiteral("BM_PastePath/") + c.name).toStdString(),
            [&c, key = rsa.value(), hmac = secret.value()](benchmark::State &state) {
                for (auto _ : state)
                    pastePath(c, key, hmac);
            })
            ->Unit(benchmark::kMillisecond);
    }
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
