// Catalogue section A of reliability.md: every hostile token goes down the whole path a paste takes
// (Jwt::parse, TokenDocument, ClaimsLinter, Verifier, TokenClassifier, ClaimDictionary,
// TokenInspection, HeaderKeys) and must end in its own error code or lint, never a crash. How long
// each takes is measured in tests/bench/hostile_tokens.cpp, not here.
#include "support/HostileTokens.h"

#include "core/Clock.h"
#include "crypto/HmacSecret.h"
#include "crypto/PublicKey.h"
#include "crypto/Verifier.h"
#include "flow/ClaimsLinter.h"
#include "flow/TokenDocument.h"
#include "inspect/ClaimDictionary.h"
#include "inspect/HeaderKeys.h"
#include "inspect/TokenClassifier.h"
#include "inspect/TokenInspection.h"
#include "inspect/TokenVerdict.h"
#include "token/Jwt.h"
#include "token/TokenForm.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

#include <gtest/gtest.h>

using namespace jwtflow;

namespace {

std::string describe(const QList<Lint> &lints)
{
    QStringList out;
    for (const Lint &l : lints)
        out << l.code + u'@' + l.field;
    return out.join(QStringLiteral(", ")).toStdString();
}

class HostileToken : public ::testing::TestWithParam<hostile::Case> {
protected:
    static void SetUpTestSuite()
    {
        const auto key = PublicKey::fromPem(hostile::readData("keys/rsa2048-public.pem"), QStringLiteral("rsa2048-public.pem"));
        ASSERT_TRUE(key.ok()) << key.error().text().toStdString();
        s_rsa = new PublicKey(key.value());
    }
    static void TearDownTestSuite()
    {
        delete s_rsa;
        s_rsa = nullptr;
    }
    static PublicKey *s_rsa;
};

PublicKey *HostileToken::s_rsa = nullptr;

} // namespace

TEST_P(HostileToken, EndsInItsOwnErrorOrLint)
{
    const hostile::Case &c = GetParam();
    const FixedClock clock(hostile::kNow);

    // The encoded pane: the parse error, or the token, and the last good token is kept on error.
    TokenDocument document;
    document.setEncodedText(c.text);
    const auto parsed = Jwt::parse(c.text);
    if (!c.parseError.isEmpty()) {
        ASSERT_FALSE(parsed.ok()) << "decoded, expected " << c.parseError.toStdString();
        EXPECT_EQ(parsed.error().code, c.parseError) << parsed.error().text().toStdString();
        EXPECT_FALSE(parsed.error().message.isEmpty());
        EXPECT_FALSE(parsed.error().hint.isEmpty()) << "every bad input says what to do";
        if (!c.text.trimmed().isEmpty()) {
            ASSERT_TRUE(document.error(TokenDocument::Origin::Encoded).has_value());
            EXPECT_EQ(document.error(TokenDocument::Origin::Encoded)->code, c.parseError);
        }
        EXPECT_FALSE(document.hasToken());
        EXPECT_EQ(document.encodedText(), c.text) << "nothing typed is lost";
        // The inspector is handed the same text: it finds no token in it, without crashing.
        for (const auto &item : TokenInspection::inspect(c.text, clock)) {
            EXPECT_FALSE(item.jwt.has_value() && item.jwt->encoded() == c.text.toLatin1());
        }
        EXPECT_EQ(TokenClassifier::classify(c.text).kind, TokenClassifier::Kind::NotAToken);
        return;
    }

    ASSERT_TRUE(parsed.ok()) << parsed.error().code.toStdString() << ": " << parsed.error().text().toStdString();
    const Jwt &jwt = parsed.value();
    EXPECT_FALSE(document.error(TokenDocument::Origin::Encoded).has_value());
    ASSERT_TRUE(document.hasToken());
    EXPECT_EQ(document.jwt().encoded(), jwt.encoded());
    if (!c.note.isEmpty()) {
        EXPECT_TRUE(jwt.notes().join(u'|').contains(c.note)) << jwt.notes().join(u'|').toStdString();
    }

    // The Problems list.
    const ClaimsLinter linter(clock);
    const QList<Lint> lints = linter.lint(jwt, ClaimsLinter::Context {});
    const bool found
        = std::any_of(lints.begin(), lints.end(), [&](const Lint &l) { return l.code == c.lintCode && l.field == c.lintField; });
    EXPECT_TRUE(found) << "expected " << c.lintCode.toStdString() << "@" << c.lintField.toStdString() << ", got "
                       << describe(lints);
    for (const Lint &l : lints) {
        EXPECT_FALSE(l.message.isEmpty()) << l.code.toStdString();
        EXPECT_FALSE(l.fix.isEmpty()) << l.code.toStdString();
    }

    // The Signature pane, with the key the user chose (never one the token names).
    if (c.key != hostile::Key::None) {
        const Verification v = c.key == hostile::Key::Rsa
            ? Verifier::verify(jwt, *s_rsa)
            : Verifier::verify(jwt, HmacSecret::fromBytes(hostile::kSecret, QStringLiteral("text")).value());
        ASSERT_TRUE(c.outcome.has_value());
        EXPECT_EQ(static_cast<int>(v.outcome), static_cast<int>(*c.outcome))
            << v.outcomeName().toStdString() << ": " << v.message.toStdString();
        EXPECT_TRUE(v.message.contains(c.verifyMessage)) << v.message.toStdString();
        EXPECT_FALSE(v.message.isEmpty());
    }

    // The inspector: what the token is, its members in words, the keys it carries about itself.
    const auto classification = TokenClassifier::classify(jwt);
    EXPECT_NE(classification.kind, TokenClassifier::Kind::NotAToken);
    EXPECT_FALSE(classification.title.isEmpty());
    const auto header = ClaimDictionary::explainHeader(jwt.header());
    EXPECT_EQ(header.size(), jwt.header().size());
    const auto explained = ClaimDictionary::explain(jwt.claims(), clock);
    EXPECT_EQ(explained.size(), jwt.claims().size());
    for (const auto &statement : HeaderKeys::describe(jwt, *s_rsa)) {
        EXPECT_TRUE(statement.text().contains(QStringLiteral("Not used to verify"))) << statement.text().toStdString();
    }
    const auto items = TokenInspection::inspect(c.text, clock);
    EXPECT_TRUE(std::any_of(items.begin(), items.end(), [](const TokenInspection::Item &i) { return i.jwt.has_value(); }));
}

namespace {

// `verify`'s whole verdict for a case, as VerifyCommand reaches it (RSA cases with the test key,
// the others with the HMAC secret).
Verification verdictFor(const Jwt &jwt, hostile::Key key, const PublicKey &rsa)
{
    if (const auto early = TokenVerdict::beforeKey(jwt))
        return *early;
    return TokenVerdict::strict(jwt,
        key == hostile::Key::Rsa
            ? Verifier::verify(jwt, rsa)
            : Verifier::verify(jwt, HmacSecret::fromBytes(hostile::kSecret, QStringLiteral("text")).value()));
}

} // namespace

TEST_P(HostileToken, HasItsKindVerdictAndExitCode)
{
    const hostile::Case &c = GetParam();
    const auto parsed = Jwt::parse(c.text);
    if (!c.parseError.isEmpty()) {
        EXPECT_EQ(c.exitCode(), 2);
        return;
    }
    ASSERT_TRUE(parsed.ok()) << parsed.error().text().toStdString();
    const TokenForm form = TokenForm::of(parsed.value());
    EXPECT_EQ(form.code, c.form) << form.title.toStdString();
    if (form.kind == TokenForm::Kind::Unsecured) {
        EXPECT_FALSE(form.title.contains(QStringLiteral("signed (JWS)")));
    }
    if (!c.outcome)
        return;
    const Verification v = verdictFor(parsed.value(), c.key, *s_rsa);
    Verification expected;
    expected.outcome = c.finalOutcome();
    EXPECT_EQ(v.outcomeName().toStdString(), expected.outcomeName().toStdString()) << v.message.toStdString();
    EXPECT_TRUE(v.message.contains(c.verdict ? c.verdictMessage : c.verifyMessage)) << v.message.toStdString();
    const int exit = v.isVerified() ? 0 : v.outcome == Verification::Outcome::Unsupported ? 3 : 1;
    EXPECT_EQ(exit, c.exitCode());
    // inspect (no key) never calls fine what verify refuses whatever the key.
    if (const auto refusal = TokenVerdict::refusalWithoutKey(parsed.value())) {
        EXPECT_NE(c.exitCode(), 0) << refusal->message.toStdString();
    }
}

INSTANTIATE_TEST_SUITE_P(CatalogueA, HostileToken, ::testing::ValuesIn(hostile::cases()),
    [](const ::testing::TestParamInfo<hostile::Case> &info) { return info.param.name.toStdString(); });

// Every row against PyJWT 2.x (python3-jwt in the build root): the same accept/refuse verdict, or
// the row says why not (Case::pyjwtDiffers). A disagreement that is not listed fails, and so does
// a listed one that has gone away.
TEST(HostileTokenCatalogue, AgreesWithPyJwtOrSaysWhyNot)
{
    QProcess probe;
    probe.start(QStringLiteral("python3"), { QStringLiteral("-c"), QStringLiteral("import jwt") });
    if (!probe.waitForFinished(30000) || probe.exitCode() != 0)
        GTEST_SKIP() << "python3 with PyJWT (python3-jwt) is not installed here; the build root has it";

    const auto cases = hostile::cases();
    QByteArray input;
    for (const auto &c : cases) {
        // PyJWT reads the bare token a server receives: ours strips a paste's decorations first.
        input += QJsonDocument(
                     QJsonObject { { QStringLiteral("name"), c.name }, { QStringLiteral("token"), c.text },
                         { QStringLiteral("key"), c.key == hostile::Key::Rsa ? QStringLiteral("rsa") : QStringLiteral("hmac") } })
                     .toJson(QJsonDocument::Compact)
            + '\n';
    }
    QProcess oracle;
    oracle.start(QStringLiteral("python3"),
        { QStringLiteral(JWTFLOW_TEST_DATA "/../support/pyjwt_oracle.py"),
            QStringLiteral(JWTFLOW_TEST_DATA "/keys/rsa2048-public.pem") });
    ASSERT_TRUE(oracle.waitForStarted());
    oracle.write(input);
    oracle.closeWriteChannel();
    ASSERT_TRUE(oracle.waitForFinished(120000));
    ASSERT_EQ(oracle.exitCode(), 0) << oracle.readAllStandardError().toStdString();
    const QJsonObject verdicts = QJsonDocument::fromJson(oracle.readAllStandardOutput()).object();

    const auto rsa = PublicKey::fromPem(hostile::readData("keys/rsa2048-public.pem"), QStringLiteral("rsa2048-public.pem"));
    ASSERT_TRUE(rsa.ok());
    int compared = 0, differ = 0;
    for (const auto &c : cases) {
        const QString theirs = verdicts.value(c.name).toString();
        ASSERT_FALSE(theirs.isEmpty()) << c.name.toStdString();
        const bool pyjwtAccepts = theirs == QLatin1String("ok");
        const auto parsed = Jwt::parse(c.text);
        const bool weAccept = parsed.ok() && verdictFor(parsed.value(), c.key, rsa.value()).isVerified();
        ++compared;
        if (c.pyjwtDiffers.isEmpty()) {
            EXPECT_EQ(weAccept, pyjwtAccepts) << c.name.toStdString() << ": PyJWT says " << theirs.toStdString();
        } else {
            ++differ;
            EXPECT_NE(weAccept, pyjwtAccepts) << c.name.toStdString() << " is listed as a disagreement, but both say "
                                              << (weAccept ? "accept" : "refuse") << " (PyJWT: " << theirs.toStdString() << ")";
        }
    }
    EXPECT_GE(compared, 80);
    RecordProperty("compared", compared);
    RecordProperty("disagreements", differ);
}

TEST(HostileTokenCatalogue, HasAtLeastFortyDistinctCases)
{
    const auto cases = hostile::cases();
    QStringList names;
    for (const auto &c : cases)
        names << c.name;
    names.removeDuplicates();
    EXPECT_EQ(names.size(), cases.size());
    EXPECT_GE(cases.size(), 80);
}

TEST(HostileTokenCatalogue, KeyHintsAreStatedNeverFollowed)
{
    // jku / x5u name URLs; the statement says so and that they were not fetched.
    const auto jwt
        = Jwt::parse(hostile::token(R"({"alg":"RS256","jku":"https://attacker.example/jwks.json"})", hostile::claims(), "x"));
    ASSERT_TRUE(jwt.ok());
    const auto statements = HeaderKeys::describe(jwt.value());
    ASSERT_EQ(statements.size(), 1);
    EXPECT_EQ(statements.constFirst().member, QStringLiteral("jku"));
    EXPECT_TRUE(statements.constFirst().text().contains(QStringLiteral("attacker.example")));
    EXPECT_TRUE(statements.constFirst().text().contains(QStringLiteral("Not used to verify")));
}
