// Google Benchmark: the crypto side of editing a token (run with packaging/dev bench).
// Target (architecture.md, "Threads"): edit a claim → re-sign RS256-2048 → encode within 1 ms,
// so the composer can re-sign on every keystroke on the GUI thread.
#include "crypto/KeyGenerator.h"
#include "crypto/KeyLoader.h"
#include "crypto/Signer.h"
#include "crypto/Verifier.h"
#include "token/Jwt.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <benchmark/benchmark.h>

#include <iterator>

using namespace jwtflow;

namespace {

// Generated once and deliberately never destroyed: QCA objects must not be torn down by static
// destructors (see CryptoProvider.h), and the process ends right after the run.
const PrivateKey &key()
{
    static const PrivateKey *const generated = new PrivateKey(KeyGenerator::generateRsa(2048).value());
    return *generated;
}

// A typical Salesforce assertion plus extras: ten claims.
const QByteArray kClaims
    = R"({"iss":"3MVG9A2kN3Bn17hsWsLDatKX0vZ1wQvU5ep3hFpWm6vE3Q6gqzW2d9gXQ2qPNzNmFmVmO4fHL3oW1yG","sub":"integration.user@acme.example.com",)"
      R"("aud":"https://login.salesforce.com","exp":1767225780,"iat":1767225600,"nbf":1767225600,)"
      R"("jti":"5f1c3c1e-7d0a-4c35-a0a4-8a4e4a7e2b11","scope":"api refresh_token","tenant":"acme","env":"production"})";

Jwt signedToken()
{
    Jwt jwt = Jwt::compose(R"({"alg":"RS256","typ":"JWT"})", kClaims).value();
    if (!Signer::sign(jwt, key()).ok())
        std::abort();
    return jwt;
}

void BM_ParseRs256Token(benchmark::State &state)
{
    const QString token = QString::fromLatin1(signedToken().encoded());
    for (auto _ : state)
        benchmark::DoNotOptimize(Jwt::parse(token).ok());
}
BENCHMARK(BM_ParseRs256Token);

void BM_EditClaimResignEncode(benchmark::State &state)
{
    Jwt jwt = signedToken();
    qint64 exp = 1767225780;
    for (auto _ : state) {
        QJsonObject claims = jwt.claims();
        claims.insert(QStringLiteral("exp"), ++exp);
        if (!jwt.setPayloadJson(QJsonDocument(claims).toJson(QJsonDocument::Compact)).ok() || !Signer::sign(jwt, key()).ok())
            state.SkipWithError("edit or sign failed");
        benchmark::DoNotOptimize(jwt.encoded());
    }
}
BENCHMARK(BM_EditClaimResignEncode)->Unit(benchmark::kMicrosecond);

void BM_VerifyRs256(benchmark::State &state)
{
    const Jwt jwt = signedToken();
    const PublicKey publicKey = key().publicKey();
    for (auto _ : state) {
        Verification v = Verifier::verify(jwt, publicKey);
        if (!v.isVerified())
            state.SkipWithError("not verified");
        benchmark::DoNotOptimize(v.outcome);
    }
}
BENCHMARK(BM_VerifyRs256)->Unit(benchmark::kMicrosecond);

void BM_SignHs256(benchmark::State &state)
{
    const HmacSecret secret = HmacSecret::fromText(QStringLiteral("a shared HS256 secret of more than 32 bytes")).value();
    Jwt jwt = Jwt::compose(R"({"alg":"HS256","typ":"JWT"})", kClaims).value();
    for (auto _ : state) {
        if (!Signer::sign(jwt, secret).ok())
            state.SkipWithError("sign failed");
        benchmark::DoNotOptimize(jwt.encoded());
    }
}
BENCHMARK(BM_SignHs256)->Unit(benchmark::kMicrosecond);

// Sign and verify of one assertion per algorithm, beside RS256 (arg = index into kAlgorithms).
// Keys from tests/data/keys, loaded once and never destroyed (as key() above).
struct AlgorithmCase {
    const char *alg;
    const char *keyFile;
};
const AlgorithmCase kAlgorithms[] = {
    { "RS256", "rsa2048-pkcs8.pem" },
    { "PS256", "rsa2048-pkcs8.pem" },
    { "ES256", "ec-p256-pkcs8.pem" },
    { "ES384", "ec-p384.pem" },
    { "ES512", "ec-p521.pem" },
    { "EdDSA", "ed25519.pem" },
    { "EdDSA", "ed448.pem" },
};

const PrivateKey &keyFor(int index)
{
    static const PrivateKey *keys[std::size(kAlgorithms)] = {};
    if (!keys[index]) {
        const auto loaded = KeyLoader::loadPrivateKey(
            QStringLiteral(JWTFLOW_TEST_DATA "/keys/") + QString::fromLatin1(kAlgorithms[index].keyFile));
        if (!loaded)
            std::abort();
        keys[index] = new PrivateKey(loaded.value());
    }
    return *keys[index];
}

void BM_SignAlgorithm(benchmark::State &state)
{
    const int index = static_cast<int>(state.range(0));
    const PrivateKey &signer = keyFor(index);
    state.SetLabel(std::string(kAlgorithms[index].alg) + " " + signer.kindText().toStdString());
    Jwt jwt = Jwt::compose(R"({"typ":"JWT"})", kClaims).value();
    const QString alg = QString::fromLatin1(kAlgorithms[index].alg);
    for (auto _ : state) {
        if (!Signer::sign(jwt, signer, alg).ok())
            state.SkipWithError("sign failed");
        benchmark::DoNotOptimize(jwt.encoded());
    }
}
BENCHMARK(BM_SignAlgorithm)->DenseRange(0, std::size(kAlgorithms) - 1)->Unit(benchmark::kMicrosecond);

void BM_VerifyAlgorithm(benchmark::State &state)
{
    const int index = static_cast<int>(state.range(0));
    const PrivateKey &signer = keyFor(index);
    state.SetLabel(std::string(kAlgorithms[index].alg) + " " + signer.kindText().toStdString());
    Jwt jwt = Jwt::compose(R"({"typ":"JWT"})", kClaims).value();
    if (!Signer::sign(jwt, signer, QString::fromLatin1(kAlgorithms[index].alg)).ok())
        std::abort();
    const PublicKey publicKey = signer.publicKey();
    for (auto _ : state) {
        Verification v = Verifier::verify(jwt, publicKey);
        if (!v.isVerified())
            state.SkipWithError("not verified");
        benchmark::DoNotOptimize(v.outcome);
    }
}
BENCHMARK(BM_VerifyAlgorithm)->DenseRange(0, std::size(kAlgorithms) - 1)->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
