#pragma once

// The hostile-token catalogue (reliability.md, catalogue section A) as one table, shared by the
// unit test (tests/unit/HostileTokenTest.cpp: what each case must produce) and the benchmark
// (tests/bench/hostile_tokens.cpp: how long the whole paste path takes for each).

#include "crypto/Verification.h"
#include "token/Base64Url.h"

#include <QByteArray>
#include <QCryptographicHash>
#include <QFile>
#include <QList>
#include <QMessageAuthenticationCode>
#include <QString>

#include <optional>
#include <ostream>

namespace hostile {

// The fixed "now" of every case (2026-01-01T00:00:00Z), so exp/nbf cases never age.
inline constexpr qint64 kNow = 1767225600;
// The HMAC secret a verifying user holds (32 bytes: no short-secret warning).
inline const QByteArray kSecret = QByteArrayLiteral("hostile-test-secret-of-32-bytes!");

enum class Key { None, Hmac, Rsa }; // what the user verifies with, if anything

struct Case {
    QString name; // a gtest-safe name
    QString text; // what gets pasted
    // Jwt::parse error code; empty: it decodes.
    QString parseError;
    // When it decodes: a substring of one of Jwt::notes(), a ClaimsLinter code and its field.
    QString note;
    QString lintCode;
    QString lintField;
    // Verifier outcome with the user's key, and a substring of its message.
    Key key = Key::None;
    std::optional<jwtflow::Verification::Outcome> outcome;
    QString verifyMessage;
    // What kind of token it is (TokenForm code) when it decodes.
    QString form = QStringLiteral("jws");
    // `verify`'s last word (TokenVerdict: beforeKey, the signature, strict JSON) when it differs
    // from the bare Verifier's outcome, and a substring of its message.
    std::optional<jwtflow::Verification::Outcome> verdict;
    QString verdictMessage;
    // Empty when PyJWT (the build root's python3-jwt) reaches the same accept/refuse verdict;
    // otherwise why the two differ.
    QString pyjwtDiffers;

    jwtflow::Verification::Outcome finalOutcome() const { return verdict ? *verdict : *outcome; }
    // The exit code `jwtflow-cli verify` gives (its --help): 0 verified, 1 not verified, 2 bad input, 3 unsupported.
    int exitCode() const
    {
        using O = jwtflow::Verification::Outcome;
        if (!parseError.isEmpty())
            return 2;
        const O o = finalOutcome();
        return o == O::Verified ? 0 : o == O::Unsupported ? 3 : 1;
    }
};

// gtest names a failing case by this, not by its bytes.
inline void PrintTo(const Case &c, std::ostream *os)
{
    *os << c.name.toStdString();
}

inline QByteArray b64(const QByteArray &data)
{
    return jwtflow::Base64Url::encode(data);
}

inline QString token(const QByteArray &header, const QByteArray &payload, const QByteArray &signature = {})
{
    return QString::fromLatin1(b64(header) + '.' + b64(payload) + '.' + b64(signature));
}

// An HS-signed token (HMAC-SHA256 over the exact segments) with any key bytes.
inline QString hs256(const QByteArray &header, const QByteArray &payload, const QByteArray &key = kSecret)
{
    const QByteArray input = b64(header) + '.' + b64(payload);
    return QString::fromLatin1(input + '.' + b64(QMessageAuthenticationCode::hash(input, key, QCryptographicHash::Sha256)));
}

inline QByteArray readData(const char *name)
{
    QFile file(QStringLiteral(JWTFLOW_TEST_DATA "/") + QString::fromLatin1(name));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// A Salesforce-shaped assertion payload that passes every claim check at kNow, with `extra`
// members appended (raw JSON text, so duplicates and odd types survive).
inline QByteArray claims(const QByteArray &extra = {}, const QByteArray &exp = QByteArray::number(kNow + 120))
{
    QByteArray json = "{\"iss\":\"3MVG9A2kN3Bn17hsWsLDatw._IVMEUBoPKv.7ksp0tz.fake.consumer.key\",\"sub\":\"ann@acme.com\","
                      "\"aud\":\"https://login.salesforce.com\"";
    if (!exp.isEmpty())
        json += ",\"exp\":" + exp;
    if (!extra.isEmpty())
        json += ',' + extra;
    return json + '}';
}

inline QByteArray nested(int depth)
{
    return "{\"deep\":" + QByteArray(depth, '[') + QByteArray(depth, ']') + '}';
}

inline QList<Case> cases()
{
    using O = jwtflow::Verification::Outcome;
    const QByteArray hs = R"({"alg":"HS256","typ":"JWT"})";
    const QByteArray rs = R"({"alg":"RS256","typ":"JWT"})";
    const QByteArray c = claims();
    const QByteArray publicPem = readData("keys/rsa2048-public.pem");
    const QByteArray fakeRsaSig(256, '\x5a');
    const QString valid = hs256(hs, c);
    QList<Case> t;
    auto parseFails = [&t](const char *name, const QString &text, const char *code) {
        Case x;
        x.name = QString::fromLatin1(name);
        x.text = text;
        x.parseError = QString::fromLatin1(code);
        t << x;
    };
    auto decodes = [&t](const char *name, const QString &text, const char *lintCode, const char *lintField, Key key = Key::None,
                       std::optional<O> outcome = std::nullopt, const char *verifyMessage = "", const char *note = "") {
        Case x;
        x.name = QString::fromLatin1(name);
        x.text = text;
        x.lintCode = QString::fromLatin1(lintCode);
        x.lintField = QString::fromLatin1(lintField);
        x.key = key;
        x.outcome = outcome;
        x.verifyMessage = QString::fromUtf8(verifyMessage);
        x.note = QString::fromUtf8(note);
        t << x;
    };

    // The control: a well-formed HS256 token that verifies (the linter still says HS256 is no assertion alg).
    decodes("control_valid_hs256", valid, "alg.hmac", "header.alg", Key::Hmac, O::Verified);

    // alg none and its disguises (A2–A4).
    decodes(
        "alg_none_empty_signature", token(R"({"alg":"none"})", c), "alg.none", "header.alg", Key::Rsa, O::Unsecured, "unsecured");
    decodes("alg_none_with_signature", token(R"({"alg":"none"})", c, "forged"), "alg.none", "header.alg", Key::Hmac, O::Unsecured,
        "unsecured");
    decodes(
        "alg_None_capitalised", token(R"({"alg":"None"})", c, "x"), "alg.none", "header.alg", Key::Rsa, O::Invalid, "disguised");
    decodes("alg_NONE_upper", token(R"({"alg":"NONE"})", c, "x"), "alg.none", "header.alg", Key::Hmac, O::Invalid, "disguised");
    decodes("alg_nOnE_mixed", token(R"({"alg":"nOnE"})", c, "x"), "alg.none", "header.alg", Key::Rsa, O::Invalid, "disguised");
    decodes("alg_none_two_parts", QString::fromLatin1(b64(R"({"alg":"none"})") + '.' + b64(c)), "alg.none", "header.alg",
        Key::Rsa, O::Unsecured, "", "two parts");

    // Key confusion (A30, A31): the RSA public key PEM as an HMAC secret, and the other way round.
    decodes("key_confusion_public_pem_as_hmac", hs256(hs, c, publicPem), "alg.hmac", "header.alg", Key::Rsa, O::KeyMismatch,
        "key-confusion");
    decodes("key_confusion_pem_without_newline", hs256(hs, c, publicPem.trimmed()), "alg.hmac", "header.alg", Key::Rsa,
        O::KeyMismatch, "key-confusion");
    decodes("rs256_checked_with_hmac_secret", token(rs, c, fakeRsaSig), "key.unchecked", "key", Key::Hmac, O::KeyMismatch,
        "HMAC secret");

    // Algorithm names are exact (A28, A29).
    decodes("alg_missing", hs256(R"({"typ":"JWT"})", c), "alg.missing", "header.alg", Key::Hmac, O::Invalid, "no \"alg\"");
    decodes("alg_null", hs256(R"({"alg":null})", c), "alg.unsupported", "header.alg", Key::Hmac, O::Invalid, "no \"alg\"");
    decodes("alg_array", hs256(R"({"alg":["HS256"]})", c), "alg.unsupported", "header.alg", Key::Hmac, O::Invalid, "no \"alg\"");
    decodes("alg_with_nul", hs256("{\"alg\":\"HS256\\u0000\"}", c), "alg.hmac", "header.alg", Key::Hmac, O::Invalid,
        "not a JWS algorithm");
    decodes("alg_padded_with_spaces", hs256(R"({"alg":" HS256 "})", c), "alg.unsupported", "header.alg", Key::Hmac, O::Invalid,
        "not a JWS algorithm");
    decodes("alg_lower_case", hs256(R"({"alg":"hs256"})", c), "alg.hmac", "header.alg", Key::Hmac, O::Invalid, "case-sensitive");
    // ES256 checked with an RSA key: the token's alg decides, and the key does not fit it.
    decodes("alg_es256_zero_signature", token(R"({"alg":"ES256"})", c, QByteArray(64, '\0')), "alg.unsupported", "header.alg",
        Key::Rsa, O::KeyMismatch, "EC key on P-256");
    decodes(
        "alg_ps256", token(R"({"alg":"PS256"})", c, fakeRsaSig), "alg.unsupported", "header.alg", Key::Rsa, O::Invalid, "PS256");
    decodes("alg_es256k", token(R"({"alg":"ES256K"})", c, QByteArray(64, '\0')), "alg.unsupported", "header.alg", Key::Rsa,
        O::Unsupported, "not supported");
    decodes("hs256_signature_stripped", token(hs, c), "alg.hmac", "header.alg", Key::Hmac, O::Invalid, "no signature");
    decodes("hs256_signature_truncated", valid.left(valid.size() - 3), "alg.hmac", "header.alg", Key::Hmac, O::Invalid,
        "exactly 32 bytes");

    // crit (A33–A35) and zip (A50).
    decodes("crit_unknown_extension", hs256(R"({"alg":"HS256","crit":["x-custom"],"x-custom":1})", c), "header.crit",
        "header.crit", Key::Hmac, O::Invalid, "crit");
    decodes("crit_empty_array", hs256(R"({"alg":"HS256","crit":[]})", c), "header.crit", "header.crit", Key::Hmac, O::Invalid,
        "crit");
    decodes("crit_not_an_array", hs256(R"({"alg":"HS256","crit":"b64"})", c), "header.crit", "header.crit", Key::Hmac, O::Invalid,
        "crit");
    decodes("crit_b64_false", hs256(R"({"alg":"HS256","b64":false,"crit":["b64"]})", c), "header.crit", "header.crit", Key::Hmac,
        O::Invalid, "b64");
    decodes("zip_on_a_jws", hs256(R"({"alg":"HS256","zip":"DEF"})", c), "header.zip", "header.zip", Key::Hmac, O::Invalid, "zip");

    // Duplicate member names (A22–A24): shown, linted, never verified.
    decodes("duplicate_alg_none_then_hs256", hs256(R"({"alg":"none","alg":"HS256"})", c), "header.duplicate", "header.alg",
        Key::Hmac, O::Invalid, "more than once", "\"alg\" more than once");
    decodes("duplicate_alg_hs256_then_none", hs256(R"({"alg":"HS256","alg":"none"})", c), "header.duplicate", "header.alg",
        Key::Hmac, O::Invalid, "more than once", "\"alg\" more than once");
    decodes("duplicate_alg_by_escape", hs256(R"({"alg":"HS256","\u0061lg":"none"})", c), "header.duplicate", "header.alg",
        Key::Hmac, O::Invalid, "more than once");
    decodes("duplicate_claim_sub", hs256(hs, claims(R"("sub":"admin@acme.com")")), "claim.duplicate", "sub", Key::Hmac,
        O::Verified, "", "claim \"sub\" more than once");

    // Key hints that point elsewhere (A36–A41): linted, never fetched, never trusted.
    decodes("kid_path_traversal", hs256(R"({"alg":"HS256","kid":"../../../../../../dev/null"})", c, ""), "alg.hmac", "header.alg",
        Key::Hmac, O::Invalid, "does not match");
    decodes("kid_sql_and_crlf", hs256("{\"alg\":\"HS256\",\"kid\":\"x' UNION SELECT '1';--\\r\\nInjected: yes\"}", c, "1"),
        "alg.hmac", "header.alg", Key::Hmac, O::Invalid, "does not match");
    decodes("kid_number", hs256(R"({"alg":"HS256","kid":123})", c), "header.kid-type", "header.kid", Key::Hmac, O::Verified);
    decodes("kid_64k", hs256("{\"alg\":\"HS256\",\"kid\":\"" + QByteArray(65536, 'k') + "\"}", c, "other"), "alg.hmac",
        "header.alg", Key::Hmac, O::Invalid, "does not match");
    decodes("jku_to_attacker", token(R"({"alg":"RS256","jku":"https://attacker.example/jwks.json"})", c, fakeRsaSig),
        "header.key-hint", "header.jku", Key::Rsa, O::Invalid, "does not match");
    decodes("x5u_to_attacker", token(R"({"alg":"RS256","x5u":"http://169.254.169.254/cert.pem"})", c, fakeRsaSig),
        "header.key-hint", "header.x5u", Key::Rsa, O::Invalid, "does not match");
    decodes("embedded_jwk",
        token("{\"alg\":\"RS256\",\"jwk\":" + readData("keys/rfc7515-a2.jwk.json").simplified() + "}", c, fakeRsaSig),
        "header.key-hint", "header.jwk", Key::Rsa, O::Invalid, "does not match");
    decodes("embedded_x5c",
        token("{\"alg\":\"RS256\",\"x5c\":[\"" + readData("keys/rsa2048.cer").toBase64() + "\"]}", c, fakeRsaSig),
        "header.key-hint", "header.x5c", Key::Rsa, O::Invalid, "does not match");

    // Size and shape (A6–A10, A49, A50): refused before the work they would cost.
    parseFails("ten_megabytes", QString::fromLatin1(b64(hs) + '.' + QByteArray(10 * 1024 * 1024, 'A') + ".sig"), "jwt.too-large");
    parseFails("a_million_dots", QString(1000000, u'.'), "jwt.segments");
    parseFails("half_a_million_a_dot", QString::fromLatin1(QByteArray("a.").repeated(500000)), "jwt.segments");
    parseFails("json_nested_10000_deep", hs256(hs, nested(10000)), "jwt.payload.json");
    decodes("json_nested_1000_deep", hs256(hs, claims("\"deep\":" + QByteArray(1000, '[') + QByteArray(1000, ']'))), "alg.hmac",
        "header.alg", Key::Hmac, O::Verified);
    parseFails("empty_text", QString(), "jwt.empty");
    parseFails("only_whitespace", QStringLiteral(" \n\t "), "jwt.empty");
    parseFails("two_dots_only", QStringLiteral(".."), "jwt.header.empty");
    parseFails("three_dots_only", QStringLiteral("..."), "jwt.segments");
    parseFails("no_dot", QString::fromLatin1(b64(hs)), "jwt.segments");
    parseFails("four_segments", valid + QStringLiteral(".extra"), "jwt.segments");
    parseFails("six_segments", valid + QStringLiteral(".a.b.c"), "jwt.segments");
    parseFails("empty_payload_segment", QString::fromLatin1(b64(hs) + "..sig"), "jwt.payload.empty");
    parseFails("jws_json_serialization",
        QString::fromLatin1("{\"payload\":\"" + b64(c) + "\",\"protected\":\"" + b64(hs) + "\",\"signature\":\"c2ln\"}"),
        "jwt.json-serialization");
    decodes("jwe_five_segments", QString::fromLatin1(b64(R"({"alg":"RSA-OAEP","enc":"A256GCM"})") + ".a.b.c.d"),
        "alg.unsupported", "header.alg", Key::Rsa, O::Unsupported, "encrypted");

    // base64url form (A11–A17).
    parseFails("padding", QString::fromLatin1(b64(R"({"alg":"HS256"})") + "=." + b64(c) + ".c2ln"), "base64url.padding");
    parseFails("standard_base64_plus", valid.left(10) + u'+' + valid.mid(11), "base64url.illegal-character");
    parseFails("standard_base64_slash", valid.left(10) + u'/' + valid.mid(11), "base64url.illegal-character");
    parseFails("non_canonical_trailing_bits", QString::fromLatin1(b64("{\"alg\":\"none\"}").chopped(1) + "1." + b64(c) + '.'),
        "base64url.trailing-bits");
    parseFails("length_one_mod_four", QString::fromLatin1(b64(hs) + ".MTIzN.c2ln"), "base64url.length");
    parseFails("embedded_nul", valid.left(20) + QChar(u'\0') + valid.mid(20), "base64url.illegal-character");
    parseFails("non_ascii_letter", valid.left(20) + QChar(0xe9) + valid.mid(20), "jwt.non-ascii");
    parseFails("right_to_left_override", QChar(0x202e) + valid, "jwt.non-ascii");
    decodes("embedded_newline_and_spaces", valid.left(30) + QStringLiteral("\r\n   ") + valid.mid(30), "alg.hmac", "header.alg",
        Key::Hmac, O::Verified, "", "whitespace");
    decodes("bearer_prefix_and_quotes", QStringLiteral("Bearer \"") + valid + u'"', "alg.hmac", "header.alg", Key::Hmac,
        O::Verified, "", "Bearer");

    // JSON text (A18–A27).
    parseFails("header_is_a_number", QString::fromLatin1(b64("1") + '.' + b64(c) + '.'), "jwt.header.not-object");
    parseFails("header_is_an_array", QString::fromLatin1(b64("[]") + '.' + b64(c) + '.'), "jwt.header.not-object");
    parseFails("payload_is_null", QString::fromLatin1(b64(hs) + '.' + b64("null") + '.'), "jwt.payload.not-object");
    parseFails("payload_truncated_json", QString::fromLatin1(b64(hs) + '.' + b64("{\"a\":") + '.'), "jwt.payload.json");
    parseFails("header_invalid_utf8", QString::fromLatin1(b64("{\"alg\":\"\xc0\xaf\"}") + '.' + b64(c) + '.'), "jwt.header.json");
    parseFails(
        "payload_invalid_utf8", QString::fromLatin1(b64(hs) + '.' + b64("{\"sub\":\"\xff\xfe\"}") + '.'), "jwt.payload.json");
    parseFails(
        "header_utf8_bom", QString::fromLatin1(b64("\xef\xbb\xbf{\"alg\":\"HS256\"}") + '.' + b64(c) + '.'), "jwt.header.bom");
    parseFails("header_utf16",
        QString::fromLatin1(b64(QByteArray("{\0\"\0a\0\"\0:\0"
                                           "1\0}\0",
                                14))
            + '.' + b64(c) + '.'),
        "jwt.header.json");

    // exp and the other NumericDates (A44–A48).
    decodes("exp_numeric_string", hs256(hs, claims({}, "\"1767225720\"")), "exp.string", "exp");
    decodes("exp_word_string", hs256(hs, claims({}, "\"tomorrow\"")), "exp.invalid", "exp");
    decodes("exp_float", hs256(hs, claims({}, "1767225720.5")), "exp.fraction", "exp");
    decodes("exp_negative", hs256(hs, claims({}, "-1")), "exp.invalid", "exp");
    decodes("exp_zero", hs256(hs, claims({}, "0")), "exp.expired", "exp");
    decodes("exp_equals_now", hs256(hs, claims({}, QByteArray::number(kNow))), "exp.expired", "exp");
    decodes("exp_milliseconds", hs256(hs, claims({}, "1767225720000")), "exp.milliseconds", "exp");
    decodes("exp_int64_max", hs256(hs, claims({}, "9223372036854775807")), "exp.invalid", "exp");
    decodes("exp_above_int64", hs256(hs, claims({}, "99999999999999999999")), "exp.invalid", "exp");
    decodes("exp_1e300", hs256(hs, claims({}, "1e300")), "exp.invalid", "exp");
    decodes("exp_500_digit_string", hs256(hs, claims({}, '"' + QByteArray(500, '9') + '"')), "exp.invalid", "exp");
    decodes("exp_null", hs256(hs, claims({}, "null")), "exp.invalid", "exp");
    decodes("exp_true", hs256(hs, claims({}, "true")), "exp.invalid", "exp");
    decodes("exp_object", hs256(hs, claims({}, "{}")), "exp.invalid", "exp");
    decodes("exp_missing", hs256(hs, claims({}, {})), "claim.missing", "exp");
    decodes("nbf_in_the_future", hs256(hs, claims("\"nbf\":" + QByteArray::number(kNow + 3600))), "nbf.future", "nbf");
    decodes("aud_number",
        hs256(hs,
            "{\"iss\":\"3MVG9A2kN3Bn17hsWsLDatw._IVMEUBoPKv.7ksp0tz.fake.consumer.key\",\"sub\":\"ann@acme.com\","
            "\"aud\":42,\"exp\":"
                + QByteArray::number(kNow + 120) + "}"),
        "claim.not-string", "aud");
    decodes("iss_number",
        hs256(hs,
            "{\"iss\":7,\"sub\":\"ann@acme.com\",\"aud\":\"https://login.salesforce.com\",\"exp\":"
                + QByteArray::number(kNow + 120) + "}"),
        "claim.not-string", "iss");

    // Strict JSON (RFC 8259): what Qt reads but a strict server refuses. The signature is valid,
    // and `verify` still says no (issue: "signature valid, but the JSON is not valid").
    auto strict = [&t, &decodes](const char *name, const QString &text, const char *note, const char *pyjwtDiffers = "") {
        decodes(name, text, "alg.hmac", "header.alg", Key::Hmac, O::Verified, "", note);
        t.last().verdict = O::JsonInvalid;
        t.last().verdictMessage = QStringLiteral("Signature valid, but the JSON is not valid; servers will reject it");
        t.last().pyjwtDiffers = QString::fromUtf8(pyjwtDiffers);
    };
    strict("header_alg_with_unknown_escape", hs256(R"({"alg":"HS\256"})", c), "invalid escape \\2");
    strict("header_kid_with_escape_a", hs256(R"({"alg":"HS256","kid":"k\a"})", c), "invalid escape \\a");
    strict("payload_escape_a", hs256(hs, claims(R"("note":"x\ay")")), "invalid escape \\a");
    strict("payload_escape_x41", hs256(hs, claims(R"("note":"\x41")")), "invalid escape \\x");
    strict("payload_escape_single_quote", hs256(hs, claims(R"("note":"it\'s")")), "invalid escape \\'");
    strict("payload_raw_tab", hs256(hs, claims("\"note\":\"a\tb\"")), "control character U+0009");
    strict("payload_raw_line_feed", hs256(hs, claims("\"note\":\"a\nb\"")), "control character U+000A");
    strict("payload_raw_nul", hs256(hs, claims(QByteArray("\"note\":\"a\0b\"", 12))), "control character U+0000");
    strict("header_raw_carriage_return", hs256("{\"alg\":\"HS256\",\"kid\":\"a\rb\"}", c), "control character U+000D");
    strict("payload_lone_high_surrogate", hs256(hs, claims(R"("note":"\ud800")")), "lone surrogate",
        "Python's json reads a lone surrogate into a str; RFC 8259 §8.2 leaves such strings to unpredictable behaviour");
    strict("payload_lone_low_surrogate", hs256(hs, claims(R"("note":"x\udc00y")")), "lone surrogate",
        "Python's json reads a lone surrogate into a str; RFC 8259 §8.2 leaves such strings to unpredictable behaviour");
    strict("header_lone_surrogate_kid", hs256(R"({"alg":"HS256","kid":"\ud83d"})", c), "lone surrogate",
        "Python's json reads a lone surrogate into a str; RFC 8259 §8.2 leaves such strings to unpredictable behaviour");
    strict("payload_nested_duplicate_member", hs256(hs, claims(R"("obj":{"a":1,"a":2})")), "\"a\" a second time",
        "Python's json keeps the last of duplicate members silently; RFC 7519 §4 lets a parser reject them, and jwtflow does");
    strict("payload_bare_fraction", hs256(hs, claims({}, ".5")), "invalid number (.5");
    strict("payload_dangling_point", hs256(hs, claims({}, "1767225720.")), "invalid number (1767225720.");
    parseFails("payload_trailing_comma", hs256(hs, "{\"sub\":\"ann@acme.com\",}"), "jwt.payload.json");
    parseFails("payload_array_trailing_comma", hs256(hs, claims(R"("aud2":["a","b",])")), "jwt.payload.json");
    parseFails("payload_nan", hs256(hs, claims({}, "NaN")), "jwt.payload.json");
    t.last().pyjwtDiffers
        = QStringLiteral("Python's json takes NaN and Infinity by default (an extension); RFC 8259 §6 has no such numbers");
    parseFails("payload_infinity", hs256(hs, claims({}, "Infinity")), "jwt.payload.json");
    t.last().pyjwtDiffers
        = QStringLiteral("Python's json takes NaN and Infinity by default (an extension); RFC 8259 §6 has no such numbers");
    parseFails("payload_minus_infinity", hs256(hs, claims({}, "-Infinity")), "jwt.payload.json");
    t.last().pyjwtDiffers
        = QStringLiteral("Python's json takes NaN and Infinity by default (an extension); RFC 8259 §6 has no such numbers");
    parseFails("payload_leading_zero", hs256(hs, claims({}, "01767225720")), "jwt.payload.json");
    parseFails("payload_plus_sign_number", hs256(hs, claims({}, "+1767225720")), "jwt.payload.json");
    parseFails("payload_single_quotes", hs256(hs, "{'sub':'ann@acme.com'}"), "jwt.payload.json");
    parseFails("payload_comment", hs256(hs, "{/* admin */\"sub\":\"ann@acme.com\"}"), "jwt.payload.json");
    parseFails("payload_trailing_garbage", hs256(hs, c + " x"), "jwt.payload.json");
    parseFails("payload_utf8_bom", hs256(hs, "\xef\xbb\xbf" + c), "jwt.payload.bom");
    // Escapes RFC 8259 allows are no problem.
    decodes("valid_escapes_and_pairs", hs256(hs, claims(R"("note":"a\/b \"q\" \\ \u00e9 \ud83d\ude00 \t")")), "alg.hmac",
        "header.alg", Key::Hmac, O::Verified);

    // Token kinds: unsecured, JWE only with enc, nested, malformed five parts.
    parseFails("five_parts_without_enc", QString::fromLatin1(b64(hs) + ".a.b.c.d"), "jwt.malformed-five-part");
    parseFails(
        "five_parts_signing_alg_rs256", QString::fromLatin1(b64(rs) + '.' + b64(c) + ".c2ln.YQ.Yg"), "jwt.malformed-five-part");
    decodes("jwe_dir_with_enc", QString::fromLatin1(b64(R"({"alg":"dir","enc":"A128GCM"})") + "..aXY.Y3Q.dGFn"),
        "alg.unsupported", "header.alg", Key::Hmac, O::Unsupported, "encrypted");
    t.last().form = QStringLiteral("jwe");
    {
        const QString inner = hs256(hs, c);
        decodes("nested_jwt_signed_inner", hs256(R"({"alg":"HS256","cty":"JWT"})", inner.toLatin1()), "alg.hmac", "header.alg",
            Key::Hmac, O::Verified, "", "nested JWT");
        t.last().form = QStringLiteral("nested-jwt");
        t.last().pyjwtDiffers = QStringLiteral("PyJWT has no nested JWT (RFC 7519 §5.2): jwt.decode wants a JSON payload");
        const QString innerNone = token(R"({"alg":"none"})", c);
        decodes("nested_jwt_unsigned_inner", hs256(R"({"alg":"HS256","cty":"JWT"})", innerNone.toLatin1()), "alg.hmac",
            "header.alg", Key::Hmac, O::Verified, "", "nested JWT");
        t.last().form = QStringLiteral("nested-jwt");
        t.last().pyjwtDiffers = QStringLiteral("PyJWT has no nested JWT (RFC 7519 §5.2): jwt.decode wants a JSON payload");
        decodes("nested_jwt_lower_case_cty", hs256(R"({"alg":"HS256","cty":"jwt"})", inner.toLatin1()), "alg.hmac", "header.alg",
            Key::Hmac, O::Verified, "", "nested JWT");
        t.last().form = QStringLiteral("nested-jwt");
        t.last().pyjwtDiffers = QStringLiteral("PyJWT has no nested JWT (RFC 7519 §5.2): jwt.decode wants a JSON payload");
    }

    // kid must be a string (RFC 7515 §4.1.4); verify refuses before any key is chosen.
    for (const char *kid : { "null", "{}", "[\"a\"]", "true" }) {
        decodes(("kid_" + QByteArray(kid).replace("{}", "object").replace("[\"a\"]", "array")).constData(),
            hs256("{\"alg\":\"HS256\",\"kid\":" + QByteArray(kid) + "}", c), "header.kid-type", "header.kid", Key::Hmac,
            O::Verified);
        t.last().verdict = O::Invalid;
        t.last().verdictMessage = QStringLiteral("kid is not a string");
    }

    // ES384, ES512, EdDSA and PS512 (verified since libcrypto is behind the crypto facade) checked
    // with an RSA key: the token's alg decides, the key does not fit it, and the message names the
    // algorithm as written (never "ES256" for ES384). What stays unsupported (ES256K) is above.
    decodes("alg_es384", token(R"({"alg":"ES384"})", c, QByteArray(96, '\x01')), "alg.unsupported", "header.alg", Key::Rsa,
        O::KeyMismatch, "ES384 needs an EC key on P-384");
    decodes("alg_es512", token(R"({"alg":"ES512"})", c, QByteArray(132, '\x01')), "alg.unsupported", "header.alg", Key::Rsa,
        O::KeyMismatch, "ES512 needs an EC key on P-521");
    decodes("alg_eddsa", token(R"({"alg":"EdDSA"})", c, QByteArray(64, '\x01')), "alg.unsupported", "header.alg", Key::Rsa,
        O::KeyMismatch, "EdDSA");
    decodes(
        "alg_ps512", token(R"({"alg":"PS512"})", c, fakeRsaSig), "alg.unsupported", "header.alg", Key::Rsa, O::Invalid, "PS512");

    // A signature cut short says so (not "someone altered the last character").
    parseFails("hs256_signature_cut_to_41_chars", valid.left(valid.size() - 2), "jwt.signature.truncated");
    parseFails("rs256_signature_cut_to_341_chars", token(rs, c, fakeRsaSig).chopped(1), "jwt.signature.truncated");

    // The verdicts `verify` adds to the bare Verifier's.
    for (Case &x : t) {
        if (x.name == QLatin1String("kid_number")) {
            x.verdict = O::Invalid;
            x.verdictMessage = QStringLiteral("kid is not a string");
        }
        if (x.name == QLatin1String("duplicate_claim_sub")) {
            x.verdict = O::JsonInvalid;
            x.verdictMessage = QStringLiteral("Signature valid, but the JSON is not valid; servers will reject it");
            x.pyjwtDiffers = QStringLiteral("Python's json keeps the last of duplicate members silently; RFC 7519 §4 lets a "
                                            "parser reject them, and jwtflow does");
        }
        if (x.name == QLatin1String("zip_on_a_jws"))
            x.pyjwtDiffers = QStringLiteral(
                "PyJWT ignores zip on a JWS; zip is a JWE parameter (RFC 7516 §4.1.3), and jwtflow refuses a JWS "
                "that carries it");
        if (x.name == QLatin1String("duplicate_alg_none_then_hs256"))
            x.pyjwtDiffers = QStringLiteral(
                "Python's json keeps the last alg (HS256) silently; a server that keeps the first reads none, so "
                "jwtflow refuses duplicate header members");
        if (x.name == QLatin1String("embedded_newline_and_spaces") || x.name == QLatin1String("bearer_prefix_and_quotes"))
            x.pyjwtDiffers = QStringLiteral(
                "jwtflow is a debugger: it strips what a paste adds (Bearer, quotes, line breaks) and says so in a "
                "note; PyJWT is handed the raw text");
        if (x.name == QLatin1String("payload_utf8_bom"))
            x.pyjwtDiffers = QStringLiteral(
                "json.loads on bytes takes a UTF-8 BOM as an encoding mark; RFC 8259 §8.1 forbids adding one, and "
                "a server that does not skip it reads no JSON");
        if (x.name == QLatin1String("duplicate_alg_hs256_then_none") || x.name == QLatin1String("duplicate_alg_by_escape"))
            x.form = QStringLiteral("unsecured"); // the last alg, which is what the panes show, is none
        if (x.name.startsWith(QLatin1String("alg_none")))
            x.form = QStringLiteral("unsecured");
        if (x.name == QLatin1String("jwe_five_segments"))
            x.form = QStringLiteral("jwe");
        if (x.name == QLatin1String("crit_empty_array"))
            x.verifyMessage = QStringLiteral("crit must not be empty");
    }
    return t;
}

} // namespace hostile
