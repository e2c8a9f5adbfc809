#include "flow/ClaimsLinter.h"

#include "crypto/JwsAlgorithm.h"
#include "flow/SalesforceHost.h"
#include "token/Jwt.h"
#include "token/TimeClaim.h"

#include <QJsonArray>
#include <QJsonValue>
#include <QRegularExpression>
#include <QUrl>
#include <QUuid>

#include <algorithm>

namespace jwtflow {

namespace {

using Severity = Lint::Severity;
using Env = AssertionPreset::Environment;

const QString kTokenPath = QStringLiteral("/services/oauth2/token");

class Findings {
public:
    void add(Severity severity, const QString &code, const QString &field, const QString &message, const QString &fix)
    {
        m_lints.append(Lint { severity, code, field, message, fix });
    }
    QList<Lint> sorted()
    {
        std::stable_sort(m_lints.begin(), m_lints.end(),
            [](const Lint &a, const Lint &b) { return static_cast<int>(a.severity) < static_cast<int>(b.severity); });
        return m_lints;
    }

private:
    QList<Lint> m_lints;
};

QString quoted(const QString &text)
{
    return u'"' + (text.size() > 90 ? text.left(87) + QStringLiteral("...") : text) + u'"';
}

QString stripSlashes(QString path)
{
    while (path.endsWith(u'/'))
        path.chop(1);
    return path;
}

int effectivePort(const QUrl &url)
{
    return url.port(url.scheme() == QLatin1StringView("http") ? 80 : 443);
}

// Which kind of Salesforce org a login host (generic or My Domain) belongs to; nullopt for any
// other host. SalesforceHost decides.
std::optional<bool> isSandboxHost(const QString &host)
{
    using Kind = SalesforceHost::Kind;
    const SalesforceHost h = SalesforceHost::classify(host);
    switch (h.kind()) {
    case Kind::LoginProduction:
    case Kind::LoginSandbox:
    case Kind::MyDomain:
    case Kind::SandboxMyDomain:
    case Kind::ScratchOrg:
        return h.isSandbox();
    default:
        return std::nullopt;
    }
}

void lintAlg(const QJsonObject &header, const AssertionPreset &preset, Findings &out)
{
    const QString field = QStringLiteral("header.alg");
    const QJsonValue alg = header.value(QStringLiteral("alg"));
    const QString want = preset.isSalesforce() ? QStringLiteral("RS256") : QStringLiteral("RS256 (or PS256)");
    const QString fix = QStringLiteral("Set \"alg\": \"RS256\" and sign with the private key whose certificate the app holds.");
    if (alg.isUndefined()) {
        out.add(Severity::Error, QStringLiteral("alg.missing"), field, QStringLiteral("The header has no alg."), fix);
        return;
    }
    if (!alg.isString()) {
        out.add(Severity::Error, QStringLiteral("alg.unsupported"), field,
            QStringLiteral("The header's alg is not a string; %1 is required.").arg(want), fix);
        return;
    }
    const QString name = alg.toString();
    if (name == QLatin1StringView("RS256") || (!preset.isSalesforce() && name == QLatin1StringView("PS256")))
        return;
    if (name.compare(QLatin1StringView("none"), Qt::CaseInsensitive) == 0) {
        out.add(Severity::Error, QStringLiteral("alg.none"), field,
            QStringLiteral("alg is %1: the assertion is unsigned, and %2 only takes an RS256 signature.")
                .arg(quoted(name), preset.isSalesforce() ? QStringLiteral("Salesforce") : QStringLiteral("Entra")),
            fix);
    } else if (name.startsWith(QLatin1StringView("HS"), Qt::CaseInsensitive)) {
        out.add(Severity::Error, QStringLiteral("alg.hmac"), field,
            QStringLiteral("alg is %1, a shared-secret MAC. The JWT bearer flow needs an RSA signature (RS256) "
                           "checked against the certificate uploaded to the app.")
                .arg(quoted(name)),
            fix);
    } else if (preset.isSalesforce() && JwsAlgorithm::fromName(name).usesKeyPair()) {
        // A signature jwtflow (and jwt.io) verifies, but not one Salesforce takes: it checks the assertion
        // with the certificate uploaded to the app, using RS256 only (Salesforce Help, "OAuth 2.0 JWT
        // Bearer Flow for Server-to-Server Integration": "Sign the resulting string using SHA256 with RSA").
        out.add(Severity::Error, QStringLiteral("alg.unsupported"), field,
            QStringLiteral("alg is %1, a valid JWS algorithm, but Salesforce's JWT bearer flow takes RS256 only: it checks the "
                           "signature with the RSA certificate uploaded to the app (SHA-256 with RSA, PKCS#1 v1.5) and answers "
                           "any other alg with invalid_grant \"invalid assertion\".")
                .arg(quoted(name)),
            fix);
    } else {
        out.add(Severity::Error, QStringLiteral("alg.unsupported"), field,
            QStringLiteral("alg is %1; %2 requires %3.")
                .arg(quoted(name), preset.isSalesforce() ? QStringLiteral("Salesforce") : QStringLiteral("Entra"), want),
            fix);
    }
}

// Header members a token host either refuses or must never act on.
void lintHeaderExtensions(const QJsonObject &header, Findings &out)
{
    if (header.contains(QStringLiteral("crit"))) {
        const QJsonValue crit = header.value(QStringLiteral("crit"));
        QStringList names;
        for (const QJsonValue &v : crit.toArray())
            names << (v.isString() ? v.toString() : QStringLiteral("(not a string)"));
        out.add(Severity::Error, QStringLiteral("header.crit"), QStringLiteral("header.crit"),
            crit.isArray() && !names.isEmpty()
                ? QStringLiteral("The header marks extensions as critical (%1); a server that does not understand them must "
                                 "refuse the token (RFC 7515 §4.1.11).")
                      .arg(names.join(QStringLiteral(", ")))
                : QStringLiteral("The header's \"crit\" is not a non-empty array of names, which RFC 7515 §4.1.11 forbids."),
            QStringLiteral("Remove \"crit\" from the header: an assertion needs no extensions."));
    }
    if (header.value(QStringLiteral("zip")).isString())
        out.add(Severity::Error, QStringLiteral("header.zip"), QStringLiteral("header.zip"),
            QStringLiteral("\"zip\" is a JWE parameter; a signed token (JWS) must not carry it."),
            QStringLiteral("Remove \"zip\" from the header."));
    // jku / x5u / jwk / x5c point a verifier at keys the token chose itself; jwtflow never fetches
    // or trusts them (HeaderKeys explains each), and a token endpoint does not need them.
    for (const char *member : { "jku", "x5u", "jwk", "x5c" }) {
        const QString name = QString::fromLatin1(member);
        if (header.contains(name))
            out.add(Severity::Warning, QStringLiteral("header.key-hint"), QStringLiteral("header.") + name,
                QStringLiteral("The header carries \"%1\", a key the token chooses for itself: it is never fetched or used "
                               "to verify, and Salesforce uses the certificate uploaded to the app instead.")
                    .arg(name),
                QStringLiteral("Remove \"%1\" from the header.").arg(name));
    }
    const QJsonValue kid = header.value(QStringLiteral("kid"));
    if (!kid.isUndefined() && !kid.isString())
        // An error, not a warning: verifiers (PyJWT, jwtflow's own verify) refuse the token outright.
        out.add(Severity::Error, QStringLiteral("header.kid-type"), QStringLiteral("header.kid"),
            QStringLiteral("kid is not a string; RFC 7515 §4.1.4 makes it a string, and verifiers refuse the token."),
            QStringLiteral("Write kid as a string, or remove it."));
}

// A required string claim: present, a string, not empty. Returns it when it can be looked at further.
std::optional<QString> requiredString(const QJsonObject &claims, const QString &name, const QString &what, Findings &out)
{
    const QJsonValue value = claims.value(name);
    if (value.isUndefined()) {
        out.add(Severity::Error, QStringLiteral("claim.missing"), name, QStringLiteral("The %1 claim is missing.").arg(name),
            QStringLiteral("Add \"%1\": %2.").arg(name, what));
        return std::nullopt;
    }
    if (!value.isString()) {
        out.add(Severity::Error, QStringLiteral("claim.not-string"), name, QStringLiteral("%1 must be a string.").arg(name),
            QStringLiteral("Set \"%1\" to %2, in quotes.").arg(name, what));
        return std::nullopt;
    }
    const QString text = value.toString();
    if (text.isEmpty()) {
        out.add(Severity::Error, QStringLiteral("claim.empty"), name, QStringLiteral("%1 is empty.").arg(name),
            QStringLiteral("Set \"%1\" to %2.").arg(name, what));
        return std::nullopt;
    }
    // Copy-paste brings trailing spaces and line breaks; the server compares exactly.
    if (text.trimmed() != text || text.contains(u'\n') || text.contains(u'\t')) {
        out.add(Severity::Error, QStringLiteral("%1.whitespace").arg(name), name,
            QStringLiteral("%1 has leading, trailing or embedded whitespace: %2.").arg(name, quoted(text)),
            QStringLiteral("Remove the whitespace from %1.").arg(name));
    }
    return text.trimmed();
}

void lintSalesforceIssuer(const QString &iss, Findings &out)
{
    if (ClaimsLinter::looksLikeUsername(iss)) {
        out.add(Severity::Error, QStringLiteral("iss.looks-like-username"), QStringLiteral("iss"),
            QStringLiteral("iss is %1, which looks like a username: iss and sub are probably swapped. "
                           "iss is the connected app's consumer key.")
                .arg(quoted(iss)),
            QStringLiteral("Put the consumer key (3MVG...) in iss and the username in sub."));
        return;
    }
    if (ClaimsLinter::looksLikeConsumerKey(iss))
        return;
    static const QRegularExpression keyChars(QStringLiteral("^[A-Za-z0-9._]+$"));
    QString why;
    if (!iss.startsWith(QLatin1StringView("3MVG")))
        why = QStringLiteral("Salesforce consumer keys start with 3MVG");
    else if (!keyChars.match(iss).hasMatch())
        why = QStringLiteral("it has characters a consumer key never contains");
    else
        why = QStringLiteral("it is %1 characters long and consumer keys are about 85: it may be cut short").arg(iss.size());
    out.add(Severity::Warning, QStringLiteral("iss.not-consumer-key"), QStringLiteral("iss"),
        QStringLiteral("iss %1 does not look like a consumer key: %2.").arg(quoted(iss), why),
        QStringLiteral("Copy the Consumer Key from the app's Manage Consumer Details page."));
}

void lintSalesforceSubject(const QString &sub, Findings &out)
{
    if (sub.startsWith(QLatin1StringView("3MVG"))) {
        out.add(Severity::Error, QStringLiteral("sub.looks-like-consumer-key"), QStringLiteral("sub"),
            QStringLiteral("sub is a consumer key: iss and sub are probably swapped. sub is the Salesforce username."),
            QStringLiteral("Put the username (user@example.com) in sub and the consumer key in iss."));
        return;
    }
    if (!ClaimsLinter::looksLikeUsername(sub))
        out.add(Severity::Warning, QStringLiteral("sub.not-username"), QStringLiteral("sub"),
            QStringLiteral("sub %1 does not look like a Salesforce username, which has the form of an email address "
                           "(the user ID or email address is not accepted in its place).")
                .arg(quoted(sub)),
            QStringLiteral("Use the exact username from the user's record, including any sandbox suffix."));
}

void lintPrn(const QJsonObject &claims, Findings &out)
{
    const QJsonValue prn = claims.value(QStringLiteral("prn"));
    if (prn.isUndefined() || prn == claims.value(QStringLiteral("sub")))
        return;
    out.add(Severity::Warning, QStringLiteral("prn.overrides-sub"), QStringLiteral("prn"),
        QStringLiteral("prn is present and differs from sub; Salesforce takes prn when both are present."),
        QStringLiteral("Remove prn (the old name of sub)."));
}

// A string aud that the host does not take: name the likeliest reason.
void lintAudienceValue(const QString &aud, const AssertionPreset &preset, Findings &out)
{
    const QString field = QStringLiteral("aud");
    const QStringList accepted = preset.acceptedAudiences();
    const QString expected = accepted.join(QStringLiteral(" or "));
    const QString fix = QStringLiteral("Set aud to %1.").arg(preset.audience());

    if (preset.environment() == Env::EntraTenant) {
        out.add(Severity::Error, QStringLiteral("entra.aud"), field,
            QStringLiteral("aud is %1; Entra wants the tenant's token URL, %2 (AADSTS700023).")
                .arg(quoted(aud), preset.audience()),
            fix);
        return;
    }

    const QUrl url(aud, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty() || (scheme != QLatin1StringView("https") && scheme != QLatin1StringView("http"))) {
        out.add(Severity::Error, QStringLiteral("aud.not-accepted"), field,
            QStringLiteral("aud is %1, which is not a URL; %2 takes %3.")
                .arg(quoted(aud), preset.tokenEndpoint().host(), expected),
            fix);
        return;
    }

    for (const QString &candidate : accepted) {
        const QUrl want(candidate);
        // http://host and https://host are the same place written with the wrong scheme.
        const bool samePort = url.port() == want.port() || (scheme == want.scheme() && effectivePort(url) == effectivePort(want));
        if (url.host() != want.host() || !samePort)
            continue;
        const QString path = stripSlashes(url.path());
        const QString wantPath = stripSlashes(want.path());
        const bool schemeDiffers = scheme != want.scheme();
        if (schemeDiffers)
            out.add(Severity::Error, QStringLiteral("aud.scheme"), field,
                QStringLiteral("aud uses %1:// but the accepted audience is %2.").arg(scheme, candidate),
                QStringLiteral("Write aud with %1://.").arg(want.scheme()));
        if (path.compare(wantPath, Qt::CaseInsensitive) == 0) {
            // Same place, written differently.
            bool explained = schemeDiffers;
            if (aud.endsWith(u'/')) {
                explained = true;
                out.add(Severity::Warning, QStringLiteral("aud.trailing-slash"), field,
                    QStringLiteral("aud ends with a slash. Salesforce compares aud as a string, and whether it "
                                   "forgives the slash is not documented."),
                    QStringLiteral("Set aud to %1, without the trailing slash.").arg(candidate));
            }
            QString rewritten = stripSlashes(aud);
            rewritten.replace(0, scheme.size(), want.scheme());
            if (rewritten != candidate && rewritten.compare(candidate, Qt::CaseInsensitive) == 0) {
                explained = true;
                out.add(Severity::Warning, QStringLiteral("aud.case"), field,
                    QStringLiteral("aud %1 differs from %2 only in letter case; the comparison may be exact.")
                        .arg(quoted(aud), candidate),
                    QStringLiteral("Set aud to %1, in lower case.").arg(candidate));
            }
            if (!explained)
                out.add(Severity::Error, QStringLiteral("aud.not-accepted"), field,
                    QStringLiteral("aud %1 is written differently from %2.").arg(quoted(aud), candidate), fix);
            return;
        }
        if (path.startsWith(wantPath + u'/')) {
            const bool tokenUrl = path.endsWith(kTokenPath);
            out.add(Severity::Error, tokenUrl ? QStringLiteral("aud.token-url") : QStringLiteral("aud.path"), field,
                tokenUrl ? QStringLiteral("aud is the token endpoint URL; Salesforce wants the login URL without a path, %1.")
                               .arg(candidate)
                         : QStringLiteral("aud has a path (%1) that %2 does not.").arg(path, candidate),
                QStringLiteral("Set aud to %1.").arg(candidate));
            return;
        }
    }

    // login vs test: the classic mix-up (answered with "audience is invalid").
    const bool generic = preset.environment() == Env::Production || preset.environment() == Env::Sandbox
        || preset.environment() == Env::MyDomain;
    if (const auto audSandbox = isSandboxHost(url.host()); generic && audSandbox && *audSandbox != preset.isSandbox()) {
        out.add(Severity::Error, QStringLiteral("aud.environment-mixup"), field,
            QStringLiteral(
                "aud %1 is a %2 login, but the token goes to %3, a %4 host: Salesforce answers \"audience is invalid\".")
                .arg(quoted(aud), *audSandbox ? QStringLiteral("sandbox") : QStringLiteral("production"),
                    preset.tokenEndpoint().host(), preset.isSandbox() ? QStringLiteral("sandbox") : QStringLiteral("production")),
            QStringLiteral("Set aud to %1, or pick the %2 environment.")
                .arg(preset.audience(), *audSandbox ? QStringLiteral("Sandbox") : QStringLiteral("Production")));
        return;
    }
    out.add(Severity::Error, QStringLiteral("aud.not-accepted"), field,
        QStringLiteral("aud %1 is not an audience %2 accepts (%3): Salesforce answers \"audience is invalid\".")
            .arg(quoted(aud), preset.tokenEndpoint().host(), expected),
        fix);
}

void lintAudience(const QJsonObject &claims, const AssertionPreset &preset, Findings &out)
{
    const QString field = QStringLiteral("aud");
    const QJsonValue aud = claims.value(field);
    const QString what = QStringLiteral("\"%1\"").arg(preset.audience());
    if (aud.isUndefined()) {
        out.add(Severity::Error, QStringLiteral("claim.missing"), field, QStringLiteral("The aud claim is missing."),
            QStringLiteral("Add \"aud\": %1.").arg(what));
        return;
    }
    if (aud.isString()) {
        if (!preset.acceptsAudience(aud.toString()))
            lintAudienceValue(aud.toString(), preset, out);
        return;
    }
    const QJsonArray array = aud.toArray();
    const bool allStrings = std::all_of(array.begin(), array.end(), [](const QJsonValue &v) { return v.isString(); });
    if (!aud.isArray() || array.isEmpty() || !allStrings) {
        out.add(Severity::Error, QStringLiteral("claim.not-string"), field,
            QStringLiteral("aud must be a string (RFC 7519 also allows an array of strings)."),
            QStringLiteral("Set \"aud\": %1.").arg(what));
        return;
    }
    out.add(Severity::Warning, QStringLiteral("aud.array"), field,
        QStringLiteral("aud is an array; the bearer-flow examples all send a single string."),
        QStringLiteral("Set \"aud\": %1.").arg(what));
    for (const QJsonValue &v : array)
        if (preset.acceptsAudience(v.toString()))
            return;
    lintAudienceValue(array.first().toString(), preset, out);
}

// The checks every time claim shares: readable, and written the way strict servers read it.
std::optional<TimeClaim> readTimeClaim(
    const QJsonObject &claims, TimeClaim::Name name, Severity unreadable, qint64 now, Findings &out)
{
    const QString field = TimeClaim::claimName(name);
    if (!claims.contains(field))
        return std::nullopt;
    const auto tc = TimeClaim::read(claims, name);
    if (!tc) {
        out.add(unreadable, field + QStringLiteral(".invalid"), field, tc.error().message, tc.error().hint);
        return std::nullopt;
    }
    // A warning, not an error: Salesforce sets no upper bound on exp, and the Salesforce CLI has
    // sent Date.now() + 300 for years (salesforce-wire.md §1.4). Other servers refuse it.
    if (tc->looksLikeMilliseconds())
        out.add(Severity::Warning, field + QStringLiteral(".milliseconds"), field,
            QStringLiteral("%1 looks like milliseconds. Servers read seconds, so it means %2 (Salesforce lets that pass, "
                           "stricter servers do not); meant as milliseconds it is %3, %4.")
                .arg(field, tc->utcIso(), TimeClaim::utcIso(tc->secondsIfMilliseconds()),
                    TimeClaim::relativeText(tc->name(), tc->secondsIfMilliseconds() - now)),
            QStringLiteral("Divide by 1000: %1 = %2.").arg(field).arg(tc->secondsIfMilliseconds()));
    if (tc->form() == TimeClaim::Form::NumericString)
        out.add(Severity::Warning, field + QStringLiteral(".string"), field,
            QStringLiteral(
                "%1 is a string; RFC 7519 wants a JSON number (Salesforce tolerates the string, most libraries do not).")
                .arg(field),
            QStringLiteral("Write %1 without quotes.").arg(field));
    if (tc->hasFraction())
        out.add(Severity::Warning, field + QStringLiteral(".fraction"), field,
            QStringLiteral("%1 has a fraction; Salesforce expects integer seconds.").arg(field),
            QStringLiteral("Round %1 to whole seconds.").arg(field));
    return *tc;
}

void lintTimes(const QJsonObject &claims, const AssertionPreset &preset, qint64 now, Findings &out)
{
    const auto nbf = readTimeClaim(claims, TimeClaim::Name::NotBefore, Severity::Error, now, out);
    const auto iat = readTimeClaim(claims, TimeClaim::Name::IssuedAt, Severity::Warning, now, out);
    if (!claims.contains(QStringLiteral("exp"))) {
        out.add(Severity::Error, QStringLiteral("claim.missing"), QStringLiteral("exp"),
            QStringLiteral("The exp claim is missing."),
            QStringLiteral("Add \"exp\": %1 (now + 3 minutes).").arg(now + ClaimsLinter::kMaxLifetimeSecs));
    }
    const auto exp = readTimeClaim(claims, TimeClaim::Name::Expiry, Severity::Error, now, out);
    const QString refresh = QStringLiteral("Set exp to now + 3 minutes: %1.").arg(now + ClaimsLinter::kMaxLifetimeSecs);
    if (exp) {
        const qint64 left = exp->seconds() - now;
        if (left <= 0) {
            out.add(Severity::Error, QStringLiteral("exp.expired"), QStringLiteral("exp"),
                QStringLiteral("exp is %1, %2: Salesforce answers \"expired authorization code\".")
                    .arg(exp->utcIso(), exp->relativeText(TimeClaim::Name::Expiry, left)),
                refresh);
        } else if (left <= ClaimsLinter::kSoonSecs) {
            out.add(Severity::Info, QStringLiteral("exp.soon"), QStringLiteral("exp"),
                QStringLiteral("exp %1; send soon or refresh it.").arg(TimeClaim::relativeText(TimeClaim::Name::Expiry, left)),
                refresh);
        } else if (preset.isSalesforce() && left > ClaimsLinter::kMaxLifetimeSecs && !exp->looksLikeMilliseconds()) {
            // Help text: "within 3 minutes" (older docs: 5). Not enforced in practice — the Salesforce
            // CLI sends milliseconds — but a short assertion is what the doc asks for.
            out.add(Severity::Warning, QStringLiteral("exp.too-far"), QStringLiteral("exp"),
                QStringLiteral("exp %1; Salesforce's documentation asks for an exp within 3 minutes.")
                    .arg(TimeClaim::relativeText(TimeClaim::Name::Expiry, left)),
                refresh);
        }
    }
    if (nbf && nbf->seconds() > now)
        out.add(Severity::Warning, QStringLiteral("nbf.future"), QStringLiteral("nbf"),
            QStringLiteral("nbf is %1 (%2): the assertion is not valid yet.")
                .arg(nbf->utcIso(), nbf->relativeText(TimeClaim::Name::NotBefore, nbf->seconds() - now)),
            QStringLiteral("Set nbf to now (%1) or remove it.").arg(now));
    if (nbf && exp && nbf->seconds() >= exp->seconds())
        out.add(Severity::Error, QStringLiteral("nbf.after-exp"), QStringLiteral("nbf"),
            QStringLiteral("nbf is not before exp: there is no moment at which the assertion is valid."),
            QStringLiteral("Set nbf to now and exp to now + 3 minutes."));
    if (iat && iat->seconds() > now)
        out.add(Severity::Warning, QStringLiteral("iat.future"), QStringLiteral("iat"),
            QStringLiteral("iat is in the future (%1); this machine's clock or the value is off.")
                .arg(TimeClaim::relativeText(TimeClaim::Name::IssuedAt, iat->seconds() - now)),
            QStringLiteral("Set iat to now (%1) or remove it.").arg(now));
}

void lintEntra(const QJsonObject &header, const QJsonObject &claims, Findings &out)
{
    const QJsonValue iss = claims.value(QStringLiteral("iss"));
    const QJsonValue sub = claims.value(QStringLiteral("sub"));
    if (iss.isString() && sub.isString() && iss != sub)
        out.add(Severity::Error, QStringLiteral("entra.iss-sub-differ"), QStringLiteral("sub"),
            QStringLiteral("iss and sub differ; Entra wants both to be the application (client) ID (AADSTS700021)."),
            QStringLiteral("Set sub to the same client ID as iss."));
    if (iss.isString() && !iss.toString().isEmpty() && QUuid::fromString(iss.toString().trimmed()).isNull())
        out.add(Severity::Warning, QStringLiteral("entra.iss-not-client-id"), QStringLiteral("iss"),
            QStringLiteral("iss %1 is not a GUID; Entra's client ID is the app registration's Application (client) ID.")
                .arg(quoted(iss.toString())),
            QStringLiteral("Copy the Application (client) ID from the app registration's Overview page."));
    if (!header.contains(QStringLiteral("x5t")) && !header.contains(QStringLiteral("x5t#S256")))
        out.add(Severity::Error, QStringLiteral("entra.x5t-missing"), QStringLiteral("header.x5t"),
            QStringLiteral("The header has neither x5t nor x5t#S256, so Entra cannot tell which certificate to use "
                           "(AADSTS50027 \"No certificate thumbprint specified in token header\")."),
            QStringLiteral("Add x5t#S256 (or x5t): the base64url SHA-256 (SHA-1) thumbprint of the uploaded certificate."));
}

void lintKey(const ClaimsLinter::Context &context, Findings &out)
{
    const QString field = QStringLiteral("key");
    switch (context.keyMatch) {
    case ClaimsLinter::KeyMatch::DoesNotMatch:
        out.add(Severity::Error, QStringLiteral("key.mismatch"), field,
            QStringLiteral("The signing key does not belong to the certificate uploaded to the app: the signature will not "
                           "verify (Salesforce: \"invalid assertion\")."),
            QStringLiteral("Sign with the private key of the uploaded certificate, or upload this key's certificate."));
        break;
    case ClaimsLinter::KeyMatch::Unknown:
        out.add(Severity::Info, QStringLiteral("key.unchecked"), field,
            QStringLiteral("Whether the signing key matches the app's certificate is not known."),
            QStringLiteral("Load the certificate uploaded to the app to compare it with the key."));
        break;
    case ClaimsLinter::KeyMatch::Matches:
        break;
    }
    if (context.keyBits && *context.keyBits < ClaimsLinter::kMinRsaBits)
        out.add(Severity::Error, QStringLiteral("key.weak"), field,
            QStringLiteral("The signing key has %1 bits; RS256 needs at least %2 (RFC 7518 §3.3).")
                .arg(*context.keyBits)
                .arg(ClaimsLinter::kMinRsaBits),
            QStringLiteral("Generate a 2048-bit (or larger) RSA key and upload its certificate."));
}

} // namespace

bool ClaimsLinter::looksLikeConsumerKey(const QString &text)
{
    static const QRegularExpression key(QStringLiteral("^3MVG[A-Za-z0-9._]{36,}$"));
    return key.match(text).hasMatch();
}

bool ClaimsLinter::looksLikeUsername(const QString &text)
{
    static const QRegularExpression email(QStringLiteral("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"));
    return email.match(text).hasMatch();
}

bool ClaimsLinter::hasErrors(const QList<Lint> &lints)
{
    return std::any_of(lints.begin(), lints.end(), [](const Lint &l) { return l.severity == Severity::Error; });
}

ClaimsLinter::Context ClaimsLinter::contextForClaims(const QJsonObject &claims)
{
    Context context;
    const QJsonValue audValue = claims.value(QStringLiteral("aud"));
    const QString aud = (audValue.isArray() ? audValue.toArray().first().toString() : audValue.toString()).trimmed();
    // The host rules are SalesforceHost's, through the preset; an aud that names no usable host
    // keeps production, whose accepted audiences the lints then compare against.
    if (aud.startsWith(QLatin1String("http://")) || aud.startsWith(QLatin1String("https://"))) {
        if (const auto preset = AssertionPreset::forUrl(aud))
            context.preset = preset.value();
    }
    return context;
}

bool ClaimsLinter::looksLikeAssertion(const QJsonObject &claims)
{
    const QString iss = claims.value(QStringLiteral("iss")).toString();
    return !iss.startsWith(QLatin1String("http://")) && !iss.startsWith(QLatin1String("https://"));
}

QList<Lint> ClaimsLinter::lint(const Jwt &jwt, const Context &context) const
{
    QList<Lint> lints = lint(jwt.header(), jwt.claims(), context);
    // Only the JSON text shows duplicates (QJsonObject keeps the last): the server may keep the first.
    QList<Lint> duplicates;
    for (const QString &name : jwt.duplicateHeaderMembers())
        duplicates.append(Lint { Severity::Error, QStringLiteral("header.duplicate"), QStringLiteral("header.") + name,
            QStringLiteral("The header has \"%1\" more than once; jwtflow reads the last value, the server may "
                           "read the first.")
                .arg(name),
            QStringLiteral("Keep one \"%1\" member in the header.").arg(name) });
    for (const QString &name : jwt.duplicateClaims())
        duplicates.append(Lint { Severity::Error, QStringLiteral("claim.duplicate"), name,
            QStringLiteral("The payload has the claim \"%1\" more than once; jwtflow reads the last value, the "
                           "server may read the first.")
                .arg(name),
            QStringLiteral("Keep one \"%1\" claim.").arg(name) });
    lints = duplicates + lints; // errors first, as lint() promises
    return lints;
}

QList<Lint> ClaimsLinter::lint(const QJsonObject &header, const QJsonObject &claims, const Context &context) const
{
    Findings out;
    const AssertionPreset &preset = context.preset;
    lintAlg(header, preset, out);
    lintHeaderExtensions(header, out);
    if (preset.isSalesforce()) {
        if (const auto iss = requiredString(claims, QStringLiteral("iss"), QStringLiteral("the consumer key"), out))
            lintSalesforceIssuer(*iss, out);
        if (const auto sub = requiredString(claims, QStringLiteral("sub"), QStringLiteral("the username"), out))
            lintSalesforceSubject(*sub, out);
        lintPrn(claims, out);
    } else {
        requiredString(claims, QStringLiteral("iss"), QStringLiteral("the application (client) ID"), out);
        requiredString(claims, QStringLiteral("sub"), QStringLiteral("the application (client) ID"), out);
        requiredString(claims, QStringLiteral("jti"), QStringLiteral("a fresh GUID"), out);
        lintEntra(header, claims, out);
    }
    lintAudience(claims, preset, out);
    lintTimes(claims, preset, m_clock.nowSecs(), out);
    lintKey(context, out);
    return out.sorted();
}

} // namespace jwtflow
