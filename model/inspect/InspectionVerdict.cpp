#include "inspect/InspectionVerdict.h"

#include "token/TimeClaim.h"

#include <QDateTime>
#include <QJsonArray>
#include <QTimeZone>

namespace jwtflow {

namespace {

QString dateText(qint64 secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, QTimeZone::utc()).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
}

const TokenCheck *checkOf(const std::optional<IdTokenVerifier::Report> &report, const QString &name)
{
    return report ? report->check(name) : nullptr;
}

QString validityOf(
    const QJsonObject &claims, const std::optional<IdTokenVerifier::Report> &report, const Clock &clock, bool *problem)
{
    const qint64 now = clock.nowSecs();
    const TokenCheck *nbfCheck = checkOf(report, QStringLiteral("nbf"));
    if (const auto nbf = TimeClaim::read(claims, TimeClaim::Name::NotBefore); nbf && nbf->seconds() > now) {
        const bool failed = !nbfCheck || nbfCheck->failed(); // within the skew the check passes
        *problem = *problem || failed;
        return QStringLiteral("not valid yet: valid in %1 (%2)%3")
            .arg(TimeClaim::durationInWords(nbf->seconds() - now), dateText(nbf->seconds()),
                failed ? QString() : QStringLiteral(", within the allowed clock skew"));
    }
    const auto exp = TimeClaim::read(claims, TimeClaim::Name::Expiry);
    if (!exp) {
        if (exp.error().code == QStringLiteral("time.missing")) {
            const TokenCheck *expCheck = checkOf(report, QStringLiteral("exp"));
            *problem = *problem || (expCheck && expCheck->failed());
            return QStringLiteral("no expiry (no exp claim)");
        }
        *problem = true;
        return QStringLiteral("expiry unreadable (exp is not a NumericDate)");
    }
    if (exp->looksLikeMilliseconds()) {
        *problem = true;
        return QStringLiteral("expiry unreadable (exp looks like milliseconds)");
    }
    const qint64 delta = exp->seconds() - now;
    if (delta > 0)
        return QStringLiteral("valid, expires in %1 (%2)").arg(TimeClaim::durationInWords(delta), dateText(exp->seconds()));
    const TokenCheck *expCheck = checkOf(report, QStringLiteral("exp"));
    const bool withinSkew = expCheck && expCheck->passed();
    *problem = *problem || !withinSkew;
    const QString when = delta == 0 ? QStringLiteral("expired just now")
                                    : QStringLiteral("expired %1 ago").arg(TimeClaim::durationInWords(delta));
    return QStringLiteral("%1 (%2)%3")
        .arg(when, dateText(exp->seconds()), withinSkew ? QStringLiteral(", within the allowed clock skew") : QString());
}

QString signatureOf(const TokenInspection::Item &item, const std::optional<IdTokenVerifier::Report> &report, bool *problem)
{
    if (item.jwt && item.jwt->kind() == Jwt::Kind::Encrypted)
        return QStringLiteral("encrypted (JWE), signature not checked");
    if (!report)
        return QStringLiteral("signature not checked");
    if (report->signature) {
        const Verification &v = *report->signature;
        const QString with = report->keyUsed.isEmpty() ? QString() : QStringLiteral(" with %1").arg(report->keyUsed);
        switch (v.outcome) {
        case Verification::Outcome::Verified:
            return QStringLiteral("signature verified%1").arg(with);
        case Verification::Outcome::Invalid:
            *problem = true;
            return QStringLiteral("signature INVALID%1").arg(with);
        case Verification::Outcome::Unsecured:
            *problem = true;
            return QStringLiteral("unsigned (alg none): never accept it");
        case Verification::Outcome::KeyMismatch:
            *problem = true;
            return QStringLiteral("signature not checked: %1 does not fit alg %2")
                .arg(report->keyUsed.isEmpty() ? QStringLiteral("the key") : report->keyUsed, v.alg);
        case Verification::Outcome::JsonInvalid:
            *problem = true;
            return QStringLiteral("signature valid%1, but the JSON is not strict JSON: servers reject it").arg(with);
        case Verification::Outcome::Unsupported:
            return QStringLiteral("signature not checked: alg %1 is not supported here").arg(v.alg);
        }
    }
    const TokenCheck *check = report->check(QStringLiteral("signature"));
    if (check && check->failed()) {
        *problem = true;
        return QStringLiteral("signature not checked: no trusted key for this issuer");
    }
    if (report->signatureUnsupported)
        return QStringLiteral("signature not checked: this build cannot check it");
    return QStringLiteral("signature not checked (no key given)");
}

QString audienceOf(
    const QJsonObject &claims, const std::optional<IdTokenVerifier::Report> &report, const QString &expected, bool *problem)
{
    const QJsonValue value = claims.value(QStringLiteral("aud"));
    QStringList aud;
    if (value.isString())
        aud << value.toString();
    for (const QJsonValue &entry : value.toArray())
        aud << entry.toString();
    if (value.isUndefined())
        return QStringLiteral("no audience (no aud claim)");
    if (aud.isEmpty() || (!value.isString() && !value.isArray())) {
        *problem = true;
        return QStringLiteral("audience unreadable (aud is no string or array of strings)");
    }
    const QString list = aud.join(QStringLiteral(", "));
    const TokenCheck *check = checkOf(report, QStringLiteral("aud"));
    if (check && check->passed())
        return QStringLiteral("audience %1 (the expected %2)").arg(list, expected);
    if (check && check->failed()) {
        *problem = true;
        return QStringLiteral("audience %1, NOT the expected %2").arg(list, expected);
    }
    return QStringLiteral("audience %1 (not compared)").arg(list);
}

} // namespace

InspectionVerdict InspectionVerdict::of(
    const TokenInspection::Item &item, const std::optional<IdTokenVerifier::Report> &report, const Clock &clock)
{
    InspectionVerdict verdict;
    verdict.kind = item.classification.title;
    if (!item.jwt)
        return verdict; // opaque or not a token: its kind is all there is to say
    verdict.signature = signatureOf(item, report, &verdict.problem);
    if (item.jwt->kind() != Jwt::Kind::Encrypted) {
        const QJsonObject claims = item.jwt->claims();
        verdict.validity = validityOf(claims, report, clock, &verdict.problem);
        verdict.audience = audienceOf(claims, report, IdTokenVerifier::audienceRole(item.profile()), &verdict.problem);
    }
    verdict.problem = verdict.problem || (report && report->anyFailed());
    return verdict;
}

QString InspectionVerdict::line() const
{
    QStringList parts;
    for (const QString &part : { kind, validity, signature, audience }) {
        if (!part.isEmpty())
            parts << part;
    }
    return parts.join(QStringLiteral(" · "));
}

} // namespace jwtflow
