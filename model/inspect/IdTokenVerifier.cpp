#include "inspect/IdTokenVerifier.h"

#include "crypto/Digest.h"
#include "crypto/JwsAlgorithm.h"
#include "crypto/Verifier.h"
#include "flow/ClearTextRule.h"
#include "inspect/TokenVerdict.h"
#include "token/Base64Url.h"
#include "token/Jwt.h"
#include "token/TimeClaim.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QUrl>

namespace jwtflow {

namespace {

using Status = TokenCheck::Status;

TokenCheck passed(const QString &name, const QString &message)
{
    return { name, Status::Passed, message };
}

TokenCheck failed(const QString &name, const QString &message)
{
    return { name, Status::Failed, message };
}

TokenCheck skipped(const QString &name, const QString &message)
{
    return { name, Status::Skipped, message };
}

QString quoted(const QString &text)
{
    return QLatin1Char('"') + text + QLatin1Char('"');
}

// "; the allowed clock skew is 1 min" — every time verdict states the skew it was made with.
QString skewIs(qint64 skew)
{
    return skew > 0 ? QStringLiteral("; the allowed clock skew is %1").arg(TimeClaim::durationText(skew))
                    : QStringLiteral("; no clock skew is allowed");
}

QString withinSkew(qint64 skew)
{
    return QStringLiteral(", within the allowed clock skew of %1").arg(TimeClaim::durationText(skew));
}

// ---- signature -------------------------------------------------------------------------------

struct ChosenKey {
    PublicKey key;
    Certificate certificate;
    QString description; // which key, in words
    QString kid;
};

QString jwksKeyText(const PublicKey &key, const QString &kid, const QString &source)
{
    const QString what = kid.isEmpty() ? QStringLiteral("the only key") : QStringLiteral("the key with kid %1").arg(quoted(kid));
    return QStringLiteral("%1 (%2) of %3").arg(what, key.kindText(), source);
}

// Returns the key that was tried (null when none was), for comparing header-carried keys with it.
PublicKey checkSignature(const Jwt &jwt, const IdTokenVerifier::Options &options, IdTokenVerifier::Report &report)
{
    const QString name = QStringLiteral("signature");
    if (jwt.kind() == Jwt::Kind::Encrypted) {
        report.signatureUnsupported = true;
        report.checks.append(
            skipped(name, QStringLiteral("The token is encrypted (JWE); this build checks signed tokens (JWS) only.")));
        return {};
    }
    // What verify refuses whatever the key is refused here too, with or without one, so inspect
    // never reports ok for a token verify would refuse.
    if (const auto refusal = TokenVerdict::refusalWithoutKey(jwt)) {
        report.signature = *refusal;
        report.checks.append(failed(name, refusal->message));
        return {};
    }
    if (options.keysError && !options.keys) {
        const Error &error = *options.keysError;
        report.checks.append(IdTokenVerifier::keysErrorFails(error)
                ? failed(name, QStringLiteral("No trusted key for this issuer: %1").arg(error.text()))
                : skipped(name,
                      QStringLiteral("The issuer's keys could not be fetched, so the signature was not "
                                     "checked: %1")
                          .arg(error.text())));
        return {};
    }
    if (!options.keys) {
        report.checks.append(skipped(name,
            QStringLiteral("No key given, so the signature was not checked. Give the issuer's keys (a "
                           "certificate, public key, JWK or JWKS) or fetch them from the issuer "
                           "(OpenID discovery).")));
        return {};
    }
    const KeyMaterial &material = *options.keys;
    ChosenKey chosen;
    if (!material.certificate.isNull()) {
        chosen.certificate = material.certificate;
        chosen.key = material.certificate.publicKey();
        chosen.description = material.certificate.description();
    } else if (!material.publicKey.isNull()) {
        chosen.key = material.publicKey;
        chosen.description = material.publicKey.description();
    } else if (!material.jwks.isEmpty()) {
        if (!JwsAlgorithm::fromName(jwt.alg()).isSupported()) {
            // none, unknown or unsupported algorithms are refused before any key is looked up.
            const Verification v = Verifier::verify(jwt, PublicKey {});
            report.signature = v;
            report.signatureUnsupported = v.outcome == Verification::Outcome::Unsupported;
            report.checks.append(report.signatureUnsupported ? skipped(name, v.message) : failed(name, v.message));
            return {};
        }
        // The token's kid picks the entry (never "try each key"): an exact lookup key, nothing more.
        const QJsonValue kidValue = jwt.header().value(QStringLiteral("kid"));
        if (jwt.header().contains(QStringLiteral("kid")) && !kidValue.isString()) {
            report.checks.append(failed(name,
                QStringLiteral("The header's kid is not a string, so no key of %1 can be chosen for it.").arg(material.source)));
            return {};
        }
        const QString kid = kidValue.toString();
        const auto selected = material.jwks.select(kid);
        if (!selected) {
            const Error &error = selected.error();
            if (error.code == QStringLiteral("key.jwk-unsupported-kty")) {
                report.signatureUnsupported = true;
                report.checks.append(skipped(name, error.text()));
            } else {
                report.checks.append(failed(name, error.text()));
            }
            return {};
        }
        chosen.key = selected.value();
        chosen.kid = kid.isEmpty() ? material.jwks.kids().value(0) : kid;
        chosen.description = jwksKeyText(chosen.key, chosen.kid, material.source);
    } else if (!material.privateKey.isNull()) {
        chosen.key = material.privateKey.publicKey();
        chosen.description = QStringLiteral("the public half of the %1").arg(material.privateKey.description());
    } else {
        report.checks.append(failed(name, QStringLiteral("%1 holds no key that can verify a signature.").arg(material.source)));
        return {};
    }

    const Verification v = TokenVerdict::strict(
        jwt, chosen.certificate.isNull() ? Verifier::verify(jwt, chosen.key) : Verifier::verify(jwt, chosen.certificate));
    report.signature = v;
    report.keyUsed = chosen.description;
    report.kid = chosen.kid;

    QString message;
    switch (v.outcome) {
    case Verification::Outcome::Verified:
        message = QStringLiteral("%1 Verified with %2.").arg(v.message, chosen.description);
        break;
    case Verification::Outcome::Unsupported:
        report.signatureUnsupported = true;
        report.checks.append(skipped(name, v.message));
        return chosen.key;
    case Verification::Outcome::Invalid:
    case Verification::Outcome::Unsecured:
    case Verification::Outcome::KeyMismatch:
    case Verification::Outcome::JsonInvalid:
        message = QStringLiteral("%1 Key tried: %2.").arg(v.message, chosen.description);
        break;
    }
    // A key given directly (not a JWKS) is used whatever the token's kid says: when it does not
    // verify, that kid is the hint to the right key.
    if (!v.isVerified() && material.jwks.isEmpty() && !jwt.kid().isEmpty())
        message += QStringLiteral(" (The token names kid %1; the key was given directly, so the kid played no part.)")
                       .arg(quoted(jwt.kid()));
    for (const KeyWarning &warning : v.warnings)
        message += QStringLiteral(" Warning: %1").arg(warning.message);
    report.checks.append(v.isVerified() ? passed(name, message) : failed(name, message));
    return chosen.key;
}

void describeHeaderKeys(
    const Jwt &jwt, const PublicKey &trusted, const IdTokenVerifier::Options &options, IdTokenVerifier::Report &report)
{
    report.headerKeys = HeaderKeys::describe(jwt, trusted, options.keys ? options.keys->source : QString());
    for (const HeaderKeys::Statement &statement : std::as_const(report.headerKeys))
        report.checks.append(skipped(QStringLiteral("header.") + statement.member, statement.text()));
}

// ---- claims ----------------------------------------------------------------------------------

bool isIdToken(const IdTokenVerifier::Options &options)
{
    return options.profile == IdTokenVerifier::Profile::IdToken;
}

// OIDC Core §2: iss is a case-sensitive https URL with scheme and host, no query or fragment.
// http is accepted for loopback hosts only (a local practice org).
QString issuerFormProblem(const QString &iss)
{
    const QUrl url(iss, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return QStringLiteral("it is not a URL");
    const ClearTextRule::Verdict verdict = ClearTextRule::judge(url, false);
    if (verdict != ClearTextRule::Verdict::Encrypted && verdict != ClearTextRule::Verdict::Loopback)
        return QStringLiteral("it is not an https URL");
    if (url.hasQuery() || url.hasFragment())
        return QStringLiteral("it has a query or fragment");
    return {};
}

void checkIssuer(const QJsonObject &claims, const IdTokenVerifier::Options &options, IdTokenVerifier::Report &report)
{
    const QString name = QStringLiteral("iss");
    const QJsonValue value = claims.value(name);
    if (!value.isString() || value.toString().isEmpty()) {
        const QString what
            = claims.contains(name) ? QStringLiteral("iss is not a non-empty string") : QStringLiteral("The token has no iss");
        if (isIdToken(options))
            report.checks.append(failed(name, QStringLiteral("%1; an ID token must name its issuer.").arg(what)));
        else if (!options.expectedIssuer.isEmpty())
            report.checks.append(
                failed(name, QStringLiteral("%1, but the issuer %2 was expected.").arg(what, quoted(options.expectedIssuer))));
        else
            report.checks.append(skipped(name, QStringLiteral("%1.").arg(what)));
        return;
    }
    const QString iss = value.toString();
    if (!options.expectedIssuer.isEmpty()) {
        if (iss == options.expectedIssuer) {
            report.checks.append(passed(name, QStringLiteral("iss is %1, the expected issuer.").arg(quoted(iss))));
            return;
        }
        QString message
            = QStringLiteral("iss is %1, but the expected issuer is %2.").arg(quoted(iss), quoted(options.expectedIssuer));
        const auto bare = [](QString text) {
            while (text.endsWith(QLatin1Char('/')))
                text.chop(1);
            return text;
        };
        if (bare(iss).compare(bare(options.expectedIssuer), Qt::CaseInsensitive) == 0)
            message += QStringLiteral(" They differ only in case or a trailing slash, but issuers are compared exactly.");
        report.checks.append(failed(name, message));
        return;
    }
    if (isIdToken(options)) {
        if (const QString problem = issuerFormProblem(iss); !problem.isEmpty()) {
            report.checks.append(failed(name,
                QStringLiteral("iss is %1, but %2: OpenID Connect requires an https URL without query "
                               "or fragment.")
                    .arg(quoted(iss), problem)));
            return;
        }
    }
    report.checks.append(skipped(name,
        QStringLiteral("iss is %1; no expected issuer was given, so it was not compared. Fetching the "
                       "issuer's keys through discovery ties the keys to this issuer.")
            .arg(quoted(iss))));
}

// aud is a string or an array of strings (RFC 7519 §4.1.3); anything else is malformed.
std::optional<QStringList> audiences(const QJsonValue &value)
{
    if (value.isString())
        return QStringList { value.toString() };
    if (!value.isArray())
        return std::nullopt;
    QStringList list;
    for (const QJsonValue &entry : value.toArray()) {
        if (!entry.isString())
            return std::nullopt;
        list << entry.toString();
    }
    return list;
}

QString listText(const QStringList &values)
{
    QStringList q;
    for (const QString &v : values)
        q << quoted(v);
    return q.join(QStringLiteral(", "));
}

void checkAudience(const QJsonObject &claims, const IdTokenVerifier::Options &options, IdTokenVerifier::Report &report)
{
    const bool idToken = isIdToken(options);
    const QString expected = IdTokenVerifier::audienceRole(options.profile);
    const QString name = QStringLiteral("aud");
    if (!claims.contains(name)) {
        if (idToken || !options.clientId.isEmpty())
            report.checks.append(failed(name,
                idToken ? QStringLiteral("The token has no aud, so it names no client it was issued to.")
                        : QStringLiteral("The token has no aud, so it names no recipient that is to accept it.")));
        else
            report.checks.append(skipped(name, QStringLiteral("The token has no aud.")));
        return;
    }
    const auto aud = audiences(claims.value(name));
    if (!aud) {
        report.checks.append(
            failed(name, QStringLiteral("aud must be a string or an array of strings (RFC 7519 §4.1.3); this one is neither.")));
        return;
    }
    if (options.clientId.isEmpty()) {
        report.checks.append(skipped(name,
            (idToken ? QStringLiteral("aud is %1; give the expected client id (the connected app's consumer key) to check it.")
                     : QStringLiteral("aud is %1; give the expected audience (the API or resource the token is for) to "
                                      "check it."))
                .arg(listText(*aud))));
        return;
    }
    if (aud->contains(options.clientId)) {
        QString message = QStringLiteral("aud contains the expected %1 %2.").arg(expected, quoted(options.clientId));
        if (aud->size() > 1) {
            QStringList others = *aud;
            others.removeAll(options.clientId);
            message += idToken ? QStringLiteral(" It also lists %1: the client must trust those audiences too, or reject the "
                                                "token (OpenID Connect Core §3.1.3.7).")
                                     .arg(listText(others))
                               : QStringLiteral(" It also lists %1.").arg(listText(others));
        }
        report.checks.append(passed(name, message));
        return;
    }
    QString message
        = (idToken ? QStringLiteral("aud is %1, not the expected client id %2: the token was issued to another client.")
                   : QStringLiteral("aud is %1, not the expected audience %2: the token is meant for another "
                                    "recipient."))
              .arg(listText(*aud), quoted(options.clientId));
    for (const QString &a : *aud) {
        if (a.trimmed().compare(options.clientId.trimmed(), Qt::CaseInsensitive) == 0) {
            message += QStringLiteral(" %1 differs only in case or spaces, but audiences are compared exactly.").arg(quoted(a));
            break;
        }
    }
    report.checks.append(failed(name, message));
}

void checkAuthorizedParty(const QJsonObject &claims, const IdTokenVerifier::Options &options, IdTokenVerifier::Report &report)
{
    const QString name = QStringLiteral("azp");
    if (!claims.contains(name)) {
        report.checks.append(skipped(name, QStringLiteral("No azp claim (it names the client when aud lists several).")));
        return;
    }
    const QJsonValue value = claims.value(name);
    if (!value.isString()) {
        report.checks.append(failed(name, QStringLiteral("azp is not a string.")));
        return;
    }
    if (options.clientId.isEmpty()) {
        report.checks.append(
            skipped(name, QStringLiteral("azp is %1; give the expected client id to check it.").arg(quoted(value.toString()))));
        return;
    }
    if (value.toString() == options.clientId)
        report.checks.append(passed(name, QStringLiteral("azp is the expected client id %1.").arg(quoted(options.clientId))));
    else
        report.checks.append(failed(name,
            QStringLiteral("azp is %1, not the expected client id %2: the token was issued to another "
                           "client.")
                .arg(quoted(value.toString()), quoted(options.clientId))));
}

QString whenText(const TimeClaim &t, const Clock &clock)
{
    QString text = QStringLiteral("%1 (%2)").arg(t.relativeText(clock), t.utcIso());
    if (t.looksLikeMilliseconds())
        text += QStringLiteral(" — the value looks like milliseconds, not seconds");
    return text;
}

void checkTime(const QJsonObject &claims, TimeClaim::Name which, const IdTokenVerifier::Options &options, const Clock &clock,
    IdTokenVerifier::Report &report)
{
    const QString name = TimeClaim::claimName(which);
    const auto read = TimeClaim::read(claims, which);
    const bool required = isIdToken(options) && which != TimeClaim::Name::NotBefore;
    if (!read) {
        if (read.error().code == QStringLiteral("time.missing")) {
            if (required)
                report.checks.append(failed(name, QStringLiteral("The token has no %1; an ID token must have one.").arg(name)));
            else if (which == TimeClaim::Name::Expiry)
                report.checks.append(skipped(name, QStringLiteral("The token has no exp, so it never expires.")));
            else
                report.checks.append(skipped(name, QStringLiteral("The token has no %1.").arg(name)));
        } else {
            report.checks.append(failed(name, read.error().text()));
        }
        return;
    }
    const TimeClaim &t = read.value();
    if (t.form() == TimeClaim::Form::NumericString) {
        // Decode mode reads "1700000300" leniently; verification is strict (RFC 7519 §2: a number).
        report.checks.append(failed(name,
            QStringLiteral("%1 is a string, not a number; RFC 7519 requires a NumericDate number, and "
                           "strict verifiers reject the token.")
                .arg(name)));
        return;
    }
    const qint64 now = clock.nowSecs();
    const qint64 skew = qMax<qint64>(0, options.skewSecs);
    const QString when = whenText(t, clock);
    switch (which) {
    case TimeClaim::Name::Expiry:
        // RFC 7519 §4.1.4: the current time must be before exp; the skew extends that.
        if (now >= t.seconds() + skew)
            report.checks.append(failed(name, QStringLiteral("The token %1%2.").arg(when, skewIs(skew))));
        else if (now >= t.seconds())
            report.checks.append(passed(name, QStringLiteral("The token %1%2.").arg(when, withinSkew(skew))));
        else
            report.checks.append(passed(name, QStringLiteral("The token %1.").arg(when)));
        break;
    case TimeClaim::Name::NotBefore:
        if (now + skew < t.seconds())
            report.checks.append(failed(name,
                QStringLiteral("The token is not valid yet: %1%2. The issuer's clock or this machine's "
                               "is off.")
                    .arg(when, skewIs(skew))));
        else if (now < t.seconds())
            report.checks.append(passed(name, QStringLiteral("The token is %1%2.").arg(when, withinSkew(skew))));
        else
            report.checks.append(passed(name, QStringLiteral("The token is %1.").arg(when)));
        break;
    case TimeClaim::Name::IssuedAt:
        if (now + skew < t.seconds())
            report.checks.append(failed(name,
                QStringLiteral("The token was %1%2. The issuer's clock or this machine's is off.").arg(when, skewIs(skew))));
        else
            report.checks.append(passed(name, QStringLiteral("The token was %1.").arg(when)));
        break;
    case TimeClaim::Name::AuthTime: // not a check of the token's validity (OIDC Core §3.1.3.7 item 13 is about max_age)
        break;
    }
}

void checkNonce(const QJsonObject &claims, const IdTokenVerifier::Options &options, IdTokenVerifier::Report &report)
{
    const QString name = QStringLiteral("nonce");
    const QJsonValue value = claims.value(name);
    if (options.nonce.isEmpty()) {
        if (value.isString())
            report.checks.append(skipped(name,
                QStringLiteral("nonce is %1; give the nonce your client sent to compare it.").arg(quoted(value.toString()))));
        else
            report.checks.append(skipped(name, QStringLiteral("No nonce claim and none expected.")));
        return;
    }
    if (!claims.contains(name)) {
        report.checks.append(failed(name,
            QStringLiteral("The token has no nonce, but %1 was expected: the authorisation request did "
                           "not send it, or this token does not answer that request.")
                .arg(quoted(options.nonce))));
        return;
    }
    if (!value.isString()) {
        report.checks.append(failed(name, QStringLiteral("nonce is not a string.")));
        return;
    }
    if (value.toString() == options.nonce)
        report.checks.append(passed(name, QStringLiteral("nonce is %1, the value the client sent.").arg(quoted(options.nonce))));
    else
        report.checks.append(failed(name,
            QStringLiteral("nonce is %1, but %2 was expected: this ID token answers another authorisation "
                           "request, or is replayed.")
                .arg(quoted(value.toString()), quoted(options.nonce))));
}

void checkAccessTokenHash(
    const Jwt &jwt, const QJsonObject &claims, const IdTokenVerifier::Options &options, IdTokenVerifier::Report &report)
{
    const QString name = QStringLiteral("at_hash");
    const QJsonValue value = claims.value(name);
    const QString origin
        = options.accessTokenOrigin.isEmpty() ? QStringLiteral("the given access token") : options.accessTokenOrigin;
    if (options.accessToken.isEmpty()) {
        if (claims.contains(name))
            report.checks.append(skipped(name,
                QStringLiteral("at_hash is present; give the access token from the same response to check "
                               "that the two were issued together.")));
        else
            report.checks.append(skipped(name, QStringLiteral("No at_hash claim and no access token given.")));
        return;
    }
    if (!claims.contains(name)) {
        report.checks.append(skipped(name,
            QStringLiteral("The token has no at_hash, so nothing ties it to %1 (at_hash is optional in "
                           "the authorization code flow).")
                .arg(origin)));
        return;
    }
    if (!value.isString()) {
        report.checks.append(failed(name, QStringLiteral("at_hash is not a string.")));
        return;
    }
    const int bits = IdTokenVerifier::hashBitsFor(jwt.alg());
    if (bits == 0) {
        report.checks.append(
            skipped(name, QStringLiteral("alg %1 names no hash, so at_hash cannot be computed.").arg(quoted(jwt.alg()))));
        return;
    }
    const QString expected = IdTokenVerifier::leftHalfHash(jwt.alg(), options.accessToken);
    if (value.toString() == expected)
        report.checks.append(
            passed(name, QStringLiteral("at_hash matches %1 (left half of its SHA-%2, base64url).").arg(origin).arg(bits)));
    else
        report.checks.append(failed(name,
            QStringLiteral("at_hash is %1, but the left half of the SHA-%2 of %3 is %4: that access token "
                           "was not issued with this ID token.")
                .arg(quoted(value.toString()))
                .arg(bits)
                .arg(origin, quoted(expected))));
}

} // namespace

QString IdTokenVerifier::audienceRole(Profile profile)
{
    return profile == Profile::IdToken ? QStringLiteral("client id") : QStringLiteral("audience");
}

bool IdTokenVerifier::keysErrorFails(const Error &keysError)
{
    return keysError.code == QStringLiteral("discovery.issuer-mismatch")
        || keysError.code == QStringLiteral("discovery.insecure-issuer")
        || keysError.code == QStringLiteral("discovery.bad-issuer")
        || keysError.code == QStringLiteral("discovery.insecure-jwks-uri");
}

int IdTokenVerifier::hashBitsFor(const QString &alg)
{
    // OIDC Core §3.1.3.6: the hash of the alg of the ID token's JOSE header.
    static const QRegularExpression pattern(QStringLiteral("^(?:RS|HS|PS|ES)(256|384|512)$"));
    if (const auto m = pattern.match(alg); m.hasMatch())
        return m.captured(1).toInt();
    if (alg == QStringLiteral("ES256K"))
        return 256;
    return 0;
}

QString IdTokenVerifier::leftHalfHash(const QString &alg, const QString &value)
{
    const int bits = hashBitsFor(alg);
    if (bits == 0)
        return {};
    const QByteArray hash = Digest::sha2(bits, value.toUtf8());
    return QString::fromLatin1(Base64Url::encode(hash.left(hash.size() / 2)));
}

bool IdTokenVerifier::Report::anyFailed() const
{
    for (const TokenCheck &check : checks) {
        if (check.failed())
            return true;
    }
    return false;
}

const TokenCheck *IdTokenVerifier::Report::check(const QString &name) const
{
    for (const TokenCheck &c : checks) {
        if (c.name == name)
            return &c;
    }
    return nullptr;
}

IdTokenVerifier::Report IdTokenVerifier::verify(const Jwt &jwt, const Options &options, const Clock &clock)
{
    Report report;
    // Crypto before claims (RFC 8725bis; panva compares signatures before the claim set).
    const PublicKey tried = checkSignature(jwt, options, report);
    describeHeaderKeys(jwt, tried, options, report);
    if (jwt.kind() == Jwt::Kind::Encrypted)
        return report; // the claims are encrypted: nothing more to check
    const QJsonObject claims = jwt.claims();
    checkIssuer(claims, options, report);
    checkAudience(claims, options, report);
    checkAuthorizedParty(claims, options, report);
    checkTime(claims, TimeClaim::Name::Expiry, options, clock, report);
    checkTime(claims, TimeClaim::Name::NotBefore, options, clock, report);
    checkTime(claims, TimeClaim::Name::IssuedAt, options, clock, report);
    checkNonce(claims, options, report);
    checkAccessTokenHash(jwt, claims, options, report);
    return report;
}

} // namespace jwtflow
