#include "flow/BearerFlowSession.h"

#include "crypto/JwsAlgorithm.h"
#include "crypto/KeyLoader.h"
#include "crypto/Signer.h"
#include "flow/TokenExchange.h"
#include "integration/PracticeOrgFixture.h"
#include "practice/PracticeOrg.h"
#include "token/Jwt.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTimer>
#include <gtest/gtest.h>
#include <memory>

// The bearer-flow session without a widget: each contradiction the window once showed is a
// test of the one object every view now binds to.

using jwtflow::BearerFlowSession;
using jwtflow::FixedClock;
using jwtflow::Jwt;
using jwtflow::KeyLoader;
using jwtflow::KeyMaterial;
using jwtflow::Lint;
using jwtflow::ScenarioSwitchboard;
using jwtflow::TokenDocument;
using Env = jwtflow::AssertionPreset::Environment;
using State = TokenDocument::SignatureState;

namespace {

constexpr qint64 kNow = 1767225600;
const QString kKey = QStringLiteral("3MVG9lKcPoNINVBIPJjdw1J9LLM82HnFVVX19KY1uA5mu0QqEWhqKpoW3svG3X2jrpQFBOcEqt4ZiR.rIBQ2w");
const QString kUser = QStringLiteral("integration@acme.com");

KeyMaterial load(const char *name)
{
    auto material = KeyLoader::loadFile(practicetest::fixture(name));
    EXPECT_TRUE(material.ok()) << name;
    return material.ok() ? material.value() : KeyMaterial();
}

// A token signed with `keyFile` (RS256), as someone else would have made it.
QString signedToken(const QJsonObject &claims, const char *keyFile)
{
    auto jwt = Jwt::compose(
        QByteArrayLiteral("{\"alg\":\"RS256\",\"typ\":\"JWT\"}"), QJsonDocument(claims).toJson(QJsonDocument::Compact));
    EXPECT_TRUE(jwt.ok());
    const auto key = KeyLoader::loadPrivateKey(practicetest::fixture(keyFile));
    EXPECT_TRUE(key.ok());
    EXPECT_TRUE(jwtflow::Signer::sign(jwt.value(), key.value(), QStringLiteral("RS256")).ok());
    return QString::fromLatin1(jwt->encoded());
}

QJsonObject idTokenClaims()
{
    return { { QStringLiteral("iss"), QStringLiteral("https://acme.my.salesforce.com") },
        { QStringLiteral("sub"), QStringLiteral("https://login.salesforce.com/id/00Dxx0000001gPLEAY/005xx000001SwiUAAS") },
        { QStringLiteral("aud"), QStringLiteral("3MVG9OtherApp") }, { QStringLiteral("exp"), kNow + 3600 } };
}

class SessionTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        session.setConnection({ Env::Production, {}, kKey, kUser, {} });
        session.setSigningKey(load("rsa2048-pkcs8.pem"));
        session.setCertificate(load("rsa2048.crt"));
    }

    FixedClock clock { kNow };
    BearerFlowSession session { clock };
};

// Counts a signal's emissions.
template<typename Signal> std::shared_ptr<int> count(BearerFlowSession *session, Signal signal)
{
    auto n = std::make_shared<int>(0);
    QObject::connect(session, signal, session, [n] { ++*n; });
    return n;
}

bool hasLint(const QList<Lint> &lints, const QString &code)
{
    for (const Lint &lint : lints) {
        if (lint.code == code)
            return true;
    }
    return false;
}

} // namespace

TEST_F(SessionTest, TheConnectionComposesASignedAssertion)
{
    const QJsonObject claims = session.document()->jwt().claims();
    EXPECT_EQ(claims.value(QStringLiteral("iss")).toString(), kKey);
    EXPECT_EQ(claims.value(QStringLiteral("sub")).toString(), kUser);
    EXPECT_EQ(claims.value(QStringLiteral("aud")).toString(), QStringLiteral("https://login.salesforce.com"));
    EXPECT_EQ(claims.value(QStringLiteral("exp")).toInteger(), kNow + 180);
    EXPECT_EQ(session.document()->signature().state, State::ReSigned);
    EXPECT_EQ(session.keyMatch(), jwtflow::ClaimsLinter::KeyMatch::Matches);
    EXPECT_FALSE(session.isForeignToken());
}

// Was: pasting a token overwrote Consumer key and Username, and Ctrl+Z did not bring them back.
TEST_F(SessionTest, APasteNeverRewritesTheConnection)
{
    const auto connectionChanged = count(&session, &BearerFlowSession::connectionChanged);
    session.pasteToken(signedToken(idTokenClaims(), "other2048.pem"));
    ASSERT_TRUE(session.document()->hasToken());
    EXPECT_EQ(*connectionChanged, 0);
    EXPECT_EQ(session.connection().clientId, kKey);
    EXPECT_EQ(session.connection().username, kUser);
    EXPECT_TRUE(session.isForeignToken());
    EXPECT_EQ(session.tokenDiffers().iss, QStringLiteral("https://acme.my.salesforce.com"));
    EXPECT_EQ(session.tokenDiffers().aud, QStringLiteral("3MVG9OtherApp"));
    // The connection changing afterwards leaves the pasted token as it was pasted.
    session.setUsername(QStringLiteral("someone@else.com"));
    EXPECT_TRUE(session.document()->isPasted());
    EXPECT_EQ(session.document()->jwt().claims().value(QStringLiteral("aud")).toString(), QStringLiteral("3MVG9OtherApp"));
}

TEST_F(SessionTest, UsingTheTokensClaimsIsOneUndoableStep)
{
    const QJsonObject claims { { QStringLiteral("iss"), QStringLiteral("3MVG9Another") },
        { QStringLiteral("sub"), QStringLiteral("ann@acme.com") },
        { QStringLiteral("aud"), QStringLiteral("https://test.salesforce.com") }, { QStringLiteral("exp"), kNow + 120 } };
    session.pasteToken(signedToken(claims, "rsa2048-pkcs8.pem"));
    ASSERT_FALSE(session.tokenDiffers().isEmpty());
    const auto before = session.connection();
    ASSERT_TRUE(session.adoptTokenConnection());
    EXPECT_EQ(session.connection().clientId, QStringLiteral("3MVG9Another"));
    EXPECT_EQ(session.connection().username, QStringLiteral("ann@acme.com"));
    EXPECT_EQ(session.audience(), QStringLiteral("https://test.salesforce.com"));
    EXPECT_TRUE(session.tokenDiffers().isEmpty());
    EXPECT_FALSE(session.isForeignToken());
    EXPECT_TRUE(session.canUndoConnection());
    session.undoConnection();
    EXPECT_EQ(session.connection(), before);
    EXPECT_FALSE(session.canUndoConnection());
    EXPECT_TRUE(session.isForeignToken());
    EXPECT_FALSE(session.tokenDiffers().isEmpty());
}

// Was: a foreign id_token showed "Signature INVALID … changed after signing", checked against the
// connected app's certificate.
TEST_F(SessionTest, AForeignTokenIsNotCheckedAgainstTheAppsCertificate)
{
    session.pasteToken(signedToken(idTokenClaims(), "other2048.pem"));
    EXPECT_EQ(session.document()->signature().state, State::NotChecked) << session.document()->signature().detail.toStdString();
    EXPECT_TRUE(session.document()->signature().detail.contains(QStringLiteral("Verify with")));
    // The key the user chose for verification is used.
    session.setVerificationKey(load("other2048.crt"));
    EXPECT_EQ(session.document()->signature().state, State::Verified);
    session.setVerificationKey(load("rsa2048.crt"));
    EXPECT_EQ(session.document()->signature().state, State::Invalid);
}

TEST_F(SessionTest, ThisAppsOwnPastedAssertionIsCheckedAgainstItsCertificate)
{
    QJsonObject claims = session.document()->jwt().claims();
    session.pasteToken(signedToken(claims, "rsa2048-pkcs8.pem"));
    EXPECT_FALSE(session.isForeignToken());
    EXPECT_EQ(session.document()->signature().state, State::Verified);
    // Same iss, signed with another key: now "invalid" is the truth.
    claims.insert(QStringLiteral("sub"), QStringLiteral("other@acme.com"));
    session.pasteToken(signedToken(claims, "other2048.pem"));
    EXPECT_EQ(session.document()->signature().state, State::Invalid);
}

TEST_F(SessionTest, EditingOwnClaimsFillsTheConnectionButAForeignTokensDoNot)
{
    QString payload = session.document()->payloadText();
    payload.replace(kUser, QStringLiteral("bob@acme.com"));
    session.document()->setPayloadText(payload);
    EXPECT_EQ(session.connection().username, QStringLiteral("bob@acme.com"));

    session.pasteToken(signedToken(idTokenClaims(), "other2048.pem"));
    QString foreign = session.document()->payloadText();
    foreign.replace(QStringLiteral("3MVG9OtherApp"), QStringLiteral("3MVG9Edited"));
    session.document()->setPayloadText(foreign);
    EXPECT_EQ(session.connection().username, QStringLiteral("bob@acme.com"));
    EXPECT_EQ(session.connection().clientId, kKey);
}

// Was: the Problems list said "expires in 36 s" after the countdown read expired.
TEST_F(SessionTest, ExpLintsFollowTheClock)
{
    session.document()->setClaim(QStringLiteral("exp"), kNow + 36);
    EXPECT_TRUE(hasLint(session.lints(), QStringLiteral("exp.soon"))) << "lints before the tick";
    const auto lintsChanged = count(&session, &BearerFlowSession::lintsChanged);
    clock.advance(40);
    session.tick();
    EXPECT_EQ(*lintsChanged, 1);
    EXPECT_FALSE(hasLint(session.lints(), QStringLiteral("exp.soon")));
    EXPECT_TRUE(hasLint(session.lints(), QStringLiteral("exp.expired")));
    // Nothing changed: no signal.
    session.tick();
    EXPECT_EQ(*lintsChanged, 1);
}

TEST_F(SessionTest, LegacySandboxHostLintsAsASandbox)
{
    session.setEnvironment(Env::MyDomain, QStringLiteral("https://acme--uat.my.salesforce.com"));
    session.setAudience(QStringLiteral("https://login.salesforce.com"));
    EXPECT_TRUE(hasLint(session.lints(), QStringLiteral("aud.environment-mixup")));
    session.setAudience(QStringLiteral("https://test.salesforce.com"));
    EXPECT_FALSE(hasLint(session.lints(), QStringLiteral("aud.environment-mixup")));
    EXPECT_EQ(session.document()->jwt().claims().value(QStringLiteral("aud")).toString(),
        QStringLiteral("https://test.salesforce.com"));
}

TEST_F(SessionTest, ComposeFromConnectionReplacesAPastedToken)
{
    session.pasteToken(signedToken(idTokenClaims(), "other2048.pem"));
    ASSERT_TRUE(session.isForeignToken());
    session.composeFromConnection();
    EXPECT_FALSE(session.isForeignToken());
    EXPECT_EQ(session.document()->jwt().claims().value(QStringLiteral("iss")).toString(), kKey);
    EXPECT_EQ(session.document()->signature().state, State::ReSigned);
}

TEST_F(SessionTest, SendWithoutANetworkSaysWhy)
{
    session.setEnvironment(Env::MyDomain, QStringLiteral("not a url at all"));
    const auto sent = session.send();
    ASSERT_FALSE(sent.ok());
    EXPECT_TRUE(sent.error().code.startsWith(QStringLiteral("preset."))) << sent.error().code.toStdString();
}

// Against the real practice org: a failure switched on is a fact of the session (the banner shows
// it, whether or not the trainer dock exists), Send reports it, Reset clears it.
TEST(SessionPracticeOrg, FailureSendAndResetThroughTheSession)
{
    QTemporaryDir dir;
    ASSERT_TRUE(practicetest::seedDataFolder(dir.path()));
    jwtflow::PracticeOrg org;
    jwtflow::PracticeOrg::Options options;
    options.dataFolder = dir.path();
    ASSERT_TRUE(org.start(options).ok());
    QNetworkAccessManager network;
    BearerFlowSession session(jwtflow::SystemClock::instance(), &network);
    session.setPracticeOrg(&org);
    session.setConnection({ Env::PracticeOrg, {}, org.consumerKey(), org.username(), {} });
    session.setSigningKey(load("rsa2048-pkcs8.pem"));
    session.setCertificate(load("rsa2048.crt"));

    const auto sendAndWait = [&] {
        QEventLoop loop;
        QObject::connect(&session, &BearerFlowSession::answerChanged, &loop, &QEventLoop::quit);
        QTimer::singleShot(10000, &loop, &QEventLoop::quit);
        const int serial = session.answerSerial();
        EXPECT_TRUE(session.send().ok());
        EXPECT_TRUE(session.isSending());
        loop.exec();
        EXPECT_EQ(session.answerSerial(), serial + 1);
        EXPECT_FALSE(session.isSending());
    };
    sendAndWait();
    ASSERT_TRUE(session.lastResult().has_value());
    EXPECT_TRUE(session.lastResult()->ok()) << session.lastResult()->summary().toStdString();
    EXPECT_EQ(session.answerSerial(), 1);

    const auto failureChanged = count(&session, &BearerFlowSession::failureChanged);
    ASSERT_TRUE(session.applyFailure(ScenarioSwitchboard::Switch::UserNotApproved).ok());
    EXPECT_GE(*failureChanged, 1);
    ASSERT_TRUE(session.activeFailure().has_value());
    EXPECT_FALSE(session.activeFailureChange().isEmpty());
    sendAndWait();
    EXPECT_FALSE(session.lastResult()->ok());
    EXPECT_FALSE(session.lastDiagnosis().title.isEmpty());
    EXPECT_EQ(session.answerSerial(), 2);

    EXPECT_FALSE(session.resetFailure().isEmpty());
    EXPECT_FALSE(session.activeFailure().has_value());
    sendAndWait();
    EXPECT_TRUE(session.lastResult()->ok());
}

// The algorithm picker: each choice either re-signs with a key that fits or says which key is
// needed, and the claims stay as typed.
TEST_F(SessionTest, PickingAnAlgorithmReSignsOrSaysWhichKeyIsNeeded)
{
    EXPECT_EQ(BearerFlowSession::algorithmChoices(), jwtflow::JwsAlgorithm::supportedNames());
    EXPECT_EQ(session.algorithm(), QStringLiteral("RS256"));
    session.document()->setClaim(QStringLiteral("jti"), QStringLiteral("typed by the user"));

    struct Row {
        const char *alg;
        const char *need; // empty: the loaded key signs it
    };
    const Row rows[] = {
        { "PS384", "" },
        { "RS512", "" },
        { "ES384", "ES384 needs an EC key on P-384; load one or pick RS256." },
        { "EdDSA", "EdDSA needs an Ed25519 or Ed448 key (kty OKP); load one or pick RS256." },
        { "HS256", "HS256 needs a shared secret; type one under Secret or pick RS256." },
    };
    for (const Row &row : rows) {
        SCOPED_TRACE(row.alg);
        const QString alg = QString::fromLatin1(row.alg);
        EXPECT_EQ(session.algorithmNeed(alg), QString::fromUtf8(row.need));
        session.setAlgorithm(alg);
        EXPECT_EQ(session.algorithm(), alg);
        EXPECT_EQ(
            session.document()->jwt().claims().value(QStringLiteral("jti")).toString(), QStringLiteral("typed by the user"));
        EXPECT_EQ(session.document()->signature().state, *row.need ? State::SigningFailed : State::ReSigned)
            << session.document()->signature().detail.toStdString();
    }

    // An EC P-384 key signs ES384 at once; the RSA choices are then what it needs.
    session.setAlgorithm(QStringLiteral("ES384"));
    session.setSigningKey(load("ec-p384.pem"));
    EXPECT_EQ(session.algorithmNeed(QStringLiteral("ES384")), QString());
    EXPECT_EQ(session.document()->signature().state, State::ReSigned);
    EXPECT_EQ(session.algorithmNeed(QStringLiteral("RS256")), QStringLiteral("RS256 needs an RSA key; load one or pick ES384."));
}
