#include "flow/TokenDocument.h"

#include <gtest/gtest.h>

using jwtflow::Jwt;
using jwtflow::TokenDocument;
using State = TokenDocument::SignatureState;
using Origin = TokenDocument::Origin;

namespace {
const QString kRfcHs256
    = QStringLiteral("eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
                     ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
                     ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
}

TEST(TokenDocument, PastedTokenFillsBothJsonPanesInOriginalOrder)
{
    TokenDocument doc;
    QList<Origin> changes;
    QObject::connect(&doc, &TokenDocument::tokenChanged, &doc, [&](Origin o) { changes << o; });
    doc.setEncodedText(kRfcHs256);
    ASSERT_TRUE(doc.hasToken());
    EXPECT_EQ(changes, QList<Origin> { Origin::Encoded });
    EXPECT_EQ(doc.headerText(), QStringLiteral("{\n  \"typ\": \"JWT\",\n  \"alg\": \"HS256\"\n}"));
    EXPECT_TRUE(doc.payloadText().startsWith(QStringLiteral("{\n  \"iss\": \"joe\"")));
    EXPECT_EQ(doc.signature().state, State::NotChecked);
    EXPECT_EQ(doc.encodedText(), kRfcHs256);
}

TEST(TokenDocument, BadEncodedTextKeepsLastGoodTokenAndReportsError)
{
    TokenDocument doc;
    doc.setEncodedText(kRfcHs256);
    doc.setEncodedText(kRfcHs256.left(30));
    ASSERT_TRUE(doc.error(Origin::Encoded).has_value());
    EXPECT_EQ(doc.jwt().claims().value(QStringLiteral("iss")).toString(), QStringLiteral("joe"));
    EXPECT_EQ(doc.encodedText(), kRfcHs256.left(30)); // what the user typed is kept
    doc.setEncodedText(kRfcHs256);
    EXPECT_FALSE(doc.error(Origin::Encoded).has_value());
}

TEST(TokenDocument, EditingPayloadReencodesAndDropsSignatureWithoutSigner)
{
    TokenDocument doc;
    doc.setEncodedText(kRfcHs256);
    doc.setPayloadText(QStringLiteral("{\n  \"iss\": \"ann\",\n  \"exp\": 1\n}"));
    EXPECT_FALSE(doc.error(Origin::Payload).has_value());
    EXPECT_EQ(doc.jwt().payloadJson(), QByteArray(R"({"iss":"ann","exp":1})"));
    EXPECT_TRUE(doc.encodedText().endsWith(QLatin1Char('.')));
    EXPECT_EQ(doc.signature().state, State::Unsigned);
    EXPECT_EQ(doc.payloadText(), QStringLiteral("{\n  \"iss\": \"ann\",\n  \"exp\": 1\n}")); // as typed
}

TEST(TokenDocument, InvalidJsonEditKeepsTokenAndReportsLineAndColumn)
{
    TokenDocument doc;
    doc.setEncodedText(kRfcHs256);
    const QString before = doc.encodedText();
    doc.setPayloadText(QStringLiteral("{\n  \"iss\": \"ann\",\n}"));
    ASSERT_TRUE(doc.error(Origin::Payload).has_value());
    // The trailing comma itself, at the end of line 2 (Qt named the brace after it).
    EXPECT_TRUE(doc.error(Origin::Payload)->message.contains(QStringLiteral("trailing comma at line 2, column 15")))
        << doc.error(Origin::Payload)->message.toStdString();
    EXPECT_EQ(doc.encodedText(), before);
}

TEST(TokenDocument, SignerReSignsEveryEditButNeverAPastedToken)
{
    TokenDocument doc;
    int signs = 0;
    doc.setEncodedText(kRfcHs256);
    doc.setSigner([&](Jwt &jwt) {
        ++signs;
        jwt.setSignature("sig");
        return jwtflow::Result<void>();
    });
    EXPECT_EQ(signs, 0);
    EXPECT_EQ(doc.encodedText(), kRfcHs256);
    doc.setClaim(QStringLiteral("exp"), 99);
    EXPECT_EQ(signs, 1);
    EXPECT_EQ(doc.signature().state, State::ReSigned);
    EXPECT_TRUE(doc.payloadText().contains(QStringLiteral("\"exp\": 99")));
    EXPECT_TRUE(doc.encodedText().endsWith(QStringLiteral(".c2ln")));
}

TEST(TokenDocument, VerifierDecidesPastedTokensAndNoneIsUnsecured)
{
    TokenDocument doc;
    doc.setVerifier([](const Jwt &) { return TokenDocument::SignatureStatus { State::Invalid, QStringLiteral("no") }; });
    doc.setEncodedText(kRfcHs256);
    EXPECT_EQ(doc.signature().state, State::Invalid);
    doc.setEncodedText(QStringLiteral("eyJhbGciOiJub25lIn0.e30."));
    EXPECT_EQ(doc.signature().state, State::Unsecured);
}

TEST(TokenDocument, SetClaimOnEmptyDocumentComposesAToken)
{
    TokenDocument doc;
    doc.setClaim(QStringLiteral("iss"), QStringLiteral("3MVG9x"));
    ASSERT_TRUE(doc.hasToken());
    EXPECT_EQ(doc.jwt().alg(), QStringLiteral("RS256"));
    EXPECT_EQ(doc.jwt().claims().value(QStringLiteral("iss")).toString(), QStringLiteral("3MVG9x"));
    doc.removeClaim(QStringLiteral("iss"));
    EXPECT_FALSE(doc.jwt().claims().contains(QStringLiteral("iss")));
}
