#include "flow/Diagnosis.h"

#include "flow/FormBody.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTimeZone>

#include <algorithm>
#include <cmath>

namespace jwtflow {

using namespace Qt::StringLiterals;
using HostKind = DiagnosisContext::HostKind;
using OrgKind = DiagnosisContext::OrgKind;
using KeyMatch = DiagnosisContext::KeyMatch;

namespace {

// Ranking: causes get a base score in the order the table lists them (the usual frequency);
// evidence from the request adds to a cause, so what this request shows comes first.
constexpr int kStrong = 300; // the request itself shows this mistake
constexpr int kLikely = 150; // the request makes this cause likely
constexpr int kHint = 60; // a weak pointer

class Builder {
public:
    explicit Builder(Diagnosis &diagnosis)
        : m_d(diagnosis)
    { }

    void add(const QString &id, const QString &implicated, const QString &summary, const QStringList &fixes)
    {
        m_d.causes.append(Diagnosis::Cause { id, summary, implicated, fixes, QString(), m_base });
        m_base -= 5;
    }
    void boost(const QString &id, int amount, const QString &evidence)
    {
        for (Diagnosis::Cause &cause : m_d.causes) {
            if (cause.id != id)
                continue;
            cause.score += amount;
            if (!evidence.isEmpty())
                cause.evidence = cause.evidence.isEmpty() ? evidence : cause.evidence + u' ' + evidence;
            return;
        }
    }
    // The request shows this cause cannot be the one: it never ranks first, and says why.
    void ruleOut(const QString &id, const QString &evidence)
    {
        for (Diagnosis::Cause &cause : m_d.causes) {
            if (cause.id != id)
                continue;
            cause.score = qMin(cause.score, 0) - kStrong;
            cause.evidence = cause.evidence.isEmpty() ? u"Unlikely: "_s + evidence : cause.evidence + u" Unlikely: "_s + evidence;
            return;
        }
    }
    bool has(const QString &id) const
    {
        return std::any_of(m_d.causes.cbegin(), m_d.causes.cend(), [&id](const Diagnosis::Cause &c) { return c.id == id; });
    }
    // A cause that only this request's context reveals.
    void addEvident(const QString &id, const QString &implicated, const QString &summary, const QStringList &fixes, int score,
        const QString &evidence)
    {
        add(id, implicated, summary, fixes);
        m_d.causes.last().score = score;
        m_d.causes.last().evidence = evidence;
    }
    void finish()
    {
        std::stable_sort(m_d.causes.begin(), m_d.causes.end(),
            [](const Diagnosis::Cause &a, const Diagnosis::Cause &b) { return a.score > b.score; });
    }

private:
    Diagnosis &m_d;
    int m_base = 100;
};

QString duration(qint64 secs)
{
    secs = std::abs(secs);
    if (secs < 120)
        return u"%1 s"_s.arg(secs);
    if (secs < 2 * 3600)
        return u"%1 min"_s.arg(secs / 60);
    if (secs < 2 * 86400)
        return u"%1 h %2 min"_s.arg(secs / 3600).arg((secs % 3600) / 60);
    return u"%1 days"_s.arg(secs / 86400);
}

// Everything the rows look at, read once from the context and the request.
struct Facts {
    const DiagnosisContext &ctx;
    const HttpExchangeRecord *record = nullptr;

    QString host;
    HostKind hostKind = HostKind::Unknown;
    OrgKind orgKind = OrgKind::Unknown;
    bool readable = true;

    bool hasAud = false, audIsArray = false;
    QString aud;
    QUrl audUrl;
    HostKind audKind = HostKind::Unknown;

    bool hasExp = false, expNumeric = false;
    double exp = 0;
    bool hasNbf = false;
    double nbf = 0;
    std::optional<qint64> now;

    bool hasIss = false, hasSub = false, hasPrn = false;
    QString iss, sub, prn;
    bool hasAlg = false, hasX5t = false;
    QString alg;

    bool hasForm = false;
    FormBody::Fields form;
    QString contentType;
    QString method;
    QUrl requestUrl;

    explicit Facts(const DiagnosisContext &context, const HttpExchangeRecord *exchange)
        : ctx(context)
        , record(exchange)
    {
        requestUrl = record && record->request.url.isValid() ? record->request.url : ctx.tokenHost;
        host = (ctx.tokenHost.isValid() && !ctx.tokenHost.host().isEmpty() ? ctx.tokenHost : requestUrl).host().toLower();
        hostKind = DiagnosisContext::hostKind(host);
        DiagnosisContext withHost = ctx;
        if (withHost.tokenHost.host().isEmpty())
            withHost.tokenHost = requestUrl;
        orgKind = withHost.effectiveOrgKind();
        readable = ctx.assertionReadable;
        now = ctx.nowSecs;

        const QJsonValue audValue = ctx.claims.value(u"aud"_s);
        hasAud = !audValue.isUndefined() && !audValue.isNull();
        audIsArray = audValue.isArray();
        aud = audIsArray ? audValue.toArray().first().toString() : audValue.toString();
        audUrl = QUrl(aud);
        audKind = DiagnosisContext::hostKind(audUrl.host());

        readNumber(u"exp"_s, hasExp, expNumeric, exp);
        bool nbfNumeric = false;
        readNumber(u"nbf"_s, hasNbf, nbfNumeric, nbf);
        hasNbf = hasNbf && nbfNumeric;

        hasIss = ctx.claims.contains(u"iss"_s);
        iss = ctx.claims.value(u"iss"_s).toString();
        hasSub = ctx.claims.contains(u"sub"_s);
        sub = ctx.claims.value(u"sub"_s).toString();
        hasPrn = ctx.claims.contains(u"prn"_s);
        prn = ctx.claims.value(u"prn"_s).toString();
        hasAlg = ctx.header.contains(u"alg"_s);
        alg = ctx.header.value(u"alg"_s).toString();
        hasX5t = ctx.header.contains(u"x5t"_s) || ctx.header.contains(u"x5t#S256"_s);

        if (record) {
            contentType = QString::fromLatin1(record->requestHeader("Content-Type"));
            method = QString::fromLatin1(record->request.method);
            if (contentType.startsWith(u"application/x-www-form-urlencoded"_s, Qt::CaseInsensitive)) {
                hasForm = true;
                form = FormBody::decode(record->request.body);
            }
        }
    }

    bool hasClaims() const { return readable && !ctx.claims.isEmpty(); }
    QString formValue(const QString &name) const { return FormBody::value(form, name); }
    bool formHas(const QString &name) const
    {
        return std::any_of(form.cbegin(), form.cend(), [&name](const auto &field) { return field.first == name; });
    }
    std::optional<qint64> expDelta() const // exp − now, seconds
    {
        if (!hasExp || !expNumeric || !now)
            return std::nullopt;
        return static_cast<qint64>(exp) - *now;
    }

private:
    void readNumber(const QString &name, bool &present, bool &numeric, double &value)
    {
        const QJsonValue v = ctx.claims.value(name);
        present = !v.isUndefined() && !v.isNull();
        if (v.isDouble()) {
            numeric = true;
            value = v.toDouble();
        } else if (v.isString()) {
            bool ok = false;
            value = v.toString().trimmed().toDouble(&ok); // Salesforce's own example sends exp as a string
            numeric = ok;
        }
    }
};

QString hostLabel(const QString &host, HostKind kind)
{
    switch (kind) {
    case HostKind::LoginProduction:
        return host + u" (production login host)"_s;
    case HostKind::LoginSandbox:
        return host + u" (sandbox login host)"_s;
    case HostKind::MyDomain:
        return host + u" (a production My Domain)"_s;
    case HostKind::SandboxMyDomain:
        return host + u" (a sandbox My Domain)"_s;
    case HostKind::ScratchOrg:
        return host + u" (a scratch org's My Domain)"_s;
    case HostKind::Site:
        return host + u" (an Experience Cloud site)"_s;
    case HostKind::Lightning:
        return host + u" (a Lightning domain)"_s;
    case HostKind::Loopback:
        return host + u" (this computer)"_s;
    default:
        return host;
    }
}

// "scheme://host:port" of a URL, the port always written: a hint must reach the same place.
QString origin(const QUrl &url)
{
    return u"%1://%2:%3"_s.arg(url.scheme(), url.host()).arg(url.port(url.scheme() == u"http"_s ? 80 : 443));
}

// A curl command that repeats the connection to the same scheme, host, port and path.
QString probeCommand(const QUrl &url, qint64 timeoutMs = 0)
{
    QString command = u"curl -v"_s;
    if (timeoutMs > 0)
        command += u" --max-time %1"_s.arg((timeoutMs + 999) / 1000);
    return command + u" '"_s + origin(url) + (url.path().isEmpty() ? u"/"_s : url.path()) + u"'"_s;
}

// Both Setup paths since Spring '26, when new connected apps became disabled by default and
// External Client Apps the way for new integrations (Salesforce Help: "Configure a JWT Bearer Flow").
const QString kPolicyPaths
    = u"Connected app: Setup → App Manager → the app → Manage → Edit Policies. External Client App: Setup → External Client Apps Manager → the app → Edit Policies (OAuth Policies)."_s;
const QString kCertificatePaths
    = u"Connected app: App Manager → the app → Edit → Use digital signatures. External Client App: External Client Apps Manager → the app → Edit Settings → OAuth Settings → Enable JWT Bearer Flow → upload the certificate."_s;
const QString kConsumerKeyPaths
    = u"Connected app: App Manager → the app → View → Manage Consumer Details. External Client App: External Client Apps Manager → the app → Settings → OAuth Settings → Consumer Key and Secret."_s;

// Final labels of Salesforce sandbox usernames, which append the sandbox name to the production username.
bool looksLikeSandboxSuffix(const QString &username)
{
    static const QStringList suffixes { u"uat"_s, u"qa"_s, u"dev"_s, u"test"_s, u"sit"_s, u"full"_s, u"partial"_s, u"stage"_s,
        u"staging"_s, u"sandbox"_s, u"preprod"_s, u"devpro"_s };
    return suffixes.contains(username.section(u'.', -1).toLower());
}

bool endsWithCommonTld(const QString &username)
{
    static const QStringList tlds { u"com"_s, u"org"_s, u"net"_s, u"io"_s, u"edu"_s, u"gov"_s, u"co"_s, u"uk"_s, u"de"_s, u"fr"_s,
        u"jp"_s, u"au"_s, u"ca"_s, u"nl"_s, u"in"_s, u"us"_s, u"ch"_s, u"it"_s, u"es"_s, u"eu"_s };
    return tlds.contains(username.section(u'.', -1).toLower());
}

const QStringList kPropagationFixes {
    u"If the connected app, its policies or the user were changed in the last 10 minutes, wait and try again: Salesforce takes 2–10 minutes to apply them."_s
};

// ---- Salesforce E1–E15 (salesforce-wire.md §3, hints §7) -------------------------------------

void e1NotApproved(Builder &b, Diagnosis &d, const Facts &f)
{
    d.title = u"Salesforce has no approval for this user and connected app (or does not know the user)"_s;
    d.ambiguous = true;
    d.ambiguityNote
        = u"Salesforce gives this one message for several different causes (an unknown username, a user never approved, a profile not pre-authorized, a user not yet replicated) and does not say which. They are listed from most to least likely for this request."_s;
    // Cheapest to check first: Salesforce answers an unknown username with this same message.
    b.add(u"sub.unknown"_s, u"sub"_s,
        u"sub is not the exact username of an active user in this org (a typo, an email address instead of the username, a production username used in a sandbox)."_s,
        { u"Check sub against Setup → Users → Username (not Email) in the org you are logging in to."_s,
            u"In a sandbox the username carries the sandbox name: user@acme.com becomes user@acme.com.uat."_s });
    b.add(u"policy.not-preauthorized"_s, u"connected-app policy"_s,
        u"The app's Permitted Users policy is \"Admin approved users are pre-authorized\", and the user's profile or permission set is not assigned to the app."_s,
        { kPolicyPaths + u" Permitted Users = \"Admin approved users are pre-authorized\"."_s,
            u"Then add the user's profile, or a permission set assigned to the user (External Client App: the policies' Profiles / Permission Sets)."_s });
    b.add(u"policy.self-authorize-no-approval"_s, u"connected-app policy"_s,
        u"The policy is \"All users may self-authorize\" and this user has never approved the app through a flow that issued a refresh token (a web-server approval without refresh_token does not count)."_s,
        { u"Switch Permitted Users to \"Admin approved users are pre-authorized\" and assign the user's profile or permission set. "_s
                + kPolicyPaths,
            u"Or keep self-authorize and approve once as this user through the web-server flow with the refresh_token (offline_access) scope."_s });
    b.add(u"user.not-replicated"_s, u"user"_s,
        u"The user or scratch org was created moments ago and is not replicated yet; Salesforce answers this intermittently until it is."_s,
        { u"Wait a minute and try again."_s });
    b.add(u"propagation"_s, u"connected-app policy"_s,
        u"The policy or profile assignment changed recently and has not taken effect yet."_s, kPropagationFixes);

    if (f.hasClaims()) {
        if (!f.hasSub && !f.hasPrn) {
            b.addEvident(u"sub.missing"_s, u"sub"_s, u"The assertion has no sub claim, so there is no user to log in."_s,
                { u"Set sub to the Salesforce username of the integration user."_s }, kStrong + 100,
                u"The claims have no sub."_s);
        } else if (f.hasPrn && f.prn != f.sub) {
            b.addEvident(u"sub.prn-wins"_s, u"sub"_s, u"The assertion has a prn claim, which Salesforce reads instead of sub."_s,
                { u"Remove prn, or make it equal to sub."_s }, kStrong,
                u"prn is \"%1\" and wins over sub \"%2\"."_s.arg(f.prn, f.sub));
        }
        const QString user = f.hasPrn ? f.prn : f.sub;
        if (!user.isEmpty() && !user.contains(u'@'))
            b.boost(u"sub.unknown"_s, kStrong - 50,
                u"sub is \"%1\", which is not shaped like a Salesforce username (name@domain)."_s.arg(user));
        else if (f.orgKind == OrgKind::Sandbox && endsWithCommonTld(user))
            b.boost(u"sub.unknown"_s, kLikely,
                u"This is a sandbox, but sub \"%1\" ends like a production username (no sandbox suffix)."_s.arg(user));
        else if (f.orgKind == OrgKind::Production && looksLikeSandboxSuffix(user))
            b.boost(u"sub.unknown"_s, kLikely,
                u"sub \"%1\" ends like a sandbox username, but the request went to production."_s.arg(user));
    }
}

void e2InvalidAssertion(Builder &b, Diagnosis &d, const Facts &f)
{
    d.title = u"Salesforce could not verify the assertion's signature against the connected app's certificate"_s;
    d.ambiguous = true;
    d.ambiguityNote
        = u"\"invalid assertion\" covers a wrong key, a missing certificate, a wrong app, a wrong algorithm and a malformed token alike."_s;
    b.add(u"key.mismatch"_s, u"key"_s,
        u"The private key that signed the assertion does not belong to the certificate uploaded to the connected app."_s,
        { u"Compare the key and the certificate: openssl x509 -noout -modulus -in server.crt | openssl sha256 and openssl rsa -noout -modulus -in server.key | openssl sha256 must print the same."_s,
            u"Upload the certificate that matches the signing key. "_s + kCertificatePaths });
    b.add(u"key.not-uploaded"_s, u"key"_s,
        u"The connected app has no certificate, or \"Use digital signatures\" is off, or the certificate was replaced."_s,
        { kCertificatePaths + u" Upload the certificate (PEM or DER)."_s,
            u"After uploading, wait a few minutes before retrying."_s });
    b.add(u"iss.other-app"_s, u"iss"_s,
        u"iss is the consumer key of a different connected app, whose certificate is not this key's."_s,
        { u"Copy the consumer key from the app that holds this certificate. "_s + kConsumerKeyPaths });
    b.add(u"alg"_s, u"alg"_s, u"The header's alg is not RS256, the only algorithm Salesforce accepts for this flow."_s,
        { u"Sign with RS256 (RSA PKCS#1 v1.5 with SHA-256) and an RSA key; ECDSA and PS256 are not accepted."_s });
    b.add(u"assertion.malformed"_s, u"assertion"_s,
        u"What was sent is not a well-formed signed JWT (three base64url parts): for example a private key, a token with line breaks or padding, or an unsigned token."_s,
        { u"Paste the assertion into jwtflow's decoder: it must show a header, claims and a signature."_s });
    b.add(u"propagation"_s, u"key"_s, u"The certificate was uploaded moments ago and is not in use yet."_s, kPropagationFixes);

    if (!f.readable) {
        b.boost(u"assertion.malformed"_s, kStrong, u"The assertion does not parse as a JWT."_s);
        return;
    }
    if (f.ctx.signatureBytes == 0)
        b.boost(u"assertion.malformed"_s, kStrong, u"The assertion has no signature."_s);
    if (f.ctx.keyMatch == KeyMatch::DoesNotMatch)
        b.boost(u"key.mismatch"_s, kStrong, u"The signing key does not match the certificate you gave."_s);
    if (f.ctx.keyMatch == KeyMatch::Matches) {
        b.boost(u"key.not-uploaded"_s, kLikely,
            u"The signing key matches your certificate, so the app probably holds a different one (or none)."_s);
        b.boost(u"iss.other-app"_s, kLikely - 20,
            u"The key matches your certificate: check that iss names the app you uploaded it to."_s);
    }
    if (!f.ctx.header.isEmpty() && !f.hasAlg)
        b.boost(u"alg"_s, kStrong - 20, u"The header has no alg."_s);
    else if (f.hasAlg && f.alg != u"RS256"_s)
        b.boost(u"alg"_s, kStrong - 20, u"The header says alg \"%1\"."_s.arg(f.alg));
}

void e3Audience(Builder &b, Diagnosis &d, const Facts &f)
{
    d.title = u"Salesforce did not accept the audience (aud) for this host and org"_s;
    d.notes
        << u"Salesforce checks the audience after the signature (observed, not documented), so the key and certificate are probably fine."_s;
    b.add(u"aud.org-type"_s, u"aud"_s,
        u"aud names the wrong kind of org: production needs https://login.salesforce.com, a sandbox https://test.salesforce.com, or either the org's own My Domain or Experience Cloud site URL."_s,
        { u"For production set aud to https://login.salesforce.com; for a sandbox to https://test.salesforce.com; or use the org's My Domain URL for both aud and the token host."_s });
    b.add(u"aud.mydomain"_s, u"aud"_s,
        u"aud is a My Domain or site URL, but not the one of the org that answered (or this app does not accept My Domain audiences)."_s,
        { u"Use the My Domain URL of the org the user is in, exactly as Setup → My Domain shows it, for both aud and host."_s,
            u"Or fall back to aud = https://login.salesforce.com (production) / https://test.salesforce.com (sandbox)."_s });
    b.add(u"aud.format"_s, u"aud"_s,
        u"aud has the right host but not the exact form: http instead of https, a trailing slash, or an extra path."_s,
        { u"Write aud exactly as https://login.salesforce.com (no trailing slash, no path), or the site URL including its path."_s });
    b.add(u"aud.eca-generic"_s, u"host"_s,
        u"An External Client App behind a generic host: since Spring '26 the generic hosts no longer route to every org."_s,
        { u"Use the org's My Domain (https://<domain>.my.salesforce.com or the sandbox's …sandbox.my.salesforce.com) for both the token host and aud."_s });

    if (!f.hasClaims())
        return;
    if (!f.hasAud) {
        b.addEvident(u"aud.missing"_s, u"aud"_s, u"The assertion has no aud claim."_s,
            { u"Add aud: https://login.salesforce.com for production, https://test.salesforce.com for a sandbox, or the My Domain / site URL."_s },
            kStrong + 100, u"The claims have no aud."_s);
        return;
    }
    if (f.audIsArray)
        b.addEvident(u"aud.array"_s, u"aud"_s, u"aud is a JSON array; Salesforce expects one URL as a string."_s,
            { u"Write aud as a single string."_s }, kStrong, u"aud is an array."_s);

    const QString sent = hostLabel(f.host, f.hostKind);
    const bool productionTarget = f.hostKind == HostKind::LoginProduction || f.hostKind == HostKind::MyDomain
        || (f.orgKind == OrgKind::Production && !DiagnosisContext::isSandboxHost(f.hostKind));
    const bool sandboxTarget = DiagnosisContext::isSandboxHost(f.hostKind) || f.orgKind == OrgKind::Sandbox;
    if (f.audKind == HostKind::LoginSandbox && productionTarget) {
        b.addEvident(u"aud.sandbox-against-production"_s, u"aud"_s,
            u"A sandbox audience sent to production: aud is https://test.salesforce.com, but the assertion went to a production host."_s,
            { u"For a production org set aud to https://login.salesforce.com (or its My Domain URL)."_s,
                u"If the user is in a sandbox, send the assertion to https://test.salesforce.com or the sandbox's My Domain instead."_s },
            kStrong + 50, u"aud = %1, sent to %2."_s.arg(f.aud, sent));
    } else if (f.audKind == HostKind::LoginProduction && sandboxTarget) {
        b.addEvident(u"aud.production-against-sandbox"_s, u"aud"_s,
            u"A production audience sent to a sandbox: aud is https://login.salesforce.com, but the assertion went to a sandbox."_s,
            { u"For a sandbox set aud to https://test.salesforce.com (or the sandbox's My Domain URL)."_s,
                u"If the user is in production, send the assertion to https://login.salesforce.com instead."_s },
            kStrong + 50, u"aud = %1, sent to %2."_s.arg(f.aud, sent));
    }
    const bool generic = f.audKind == HostKind::LoginProduction || f.audKind == HostKind::LoginSandbox;
    const QString audHost = f.audUrl.host().toLower();
    // aud is the very host the assertion went to (what `--env URL` and sf's first try send): the
    // form is the one clients use against that host, so what is refused is that host as audience.
    const bool audIsTokenHost = !f.host.isEmpty() && audHost == f.host && !generic && f.audUrl.scheme() == f.requestUrl.scheme()
        && f.audUrl.port(-1) == f.requestUrl.port(-1);
    if (audIsTokenHost) {
        const bool site = f.audKind == HostKind::Site;
        b.addEvident(u"aud.own-host-refused"_s, u"aud"_s,
            site
                ? u"aud is the site's own URL, and this org does not accept it as audience (an Experience Cloud site needs its full URL, path included)."_s
                : u"aud is the token host's own URL (the My Domain form), and this org or app does not accept My Domain audiences."_s,
            { u"Keep sending to %1, but set aud to https://login.salesforce.com (production) or https://test.salesforce.com (sandbox)."_s
                    .arg(f.host),
                u"Practice org: the setting \"acceptMyDomainAudience\" decides this (practice-org --config)."_s },
            kStrong + 60, u"aud = %1, the same origin the assertion was sent to."_s.arg(f.aud));
    } else if (f.audUrl.scheme() == u"http"_s || (generic && f.audUrl.path() != QString()) || f.aud.endsWith(u'/')) {
        b.boost(u"aud.format"_s, kLikely + 50, u"aud is \"%1\"."_s.arg(f.aud));
    }
    const bool audIsDomain
        = f.audKind == HostKind::MyDomain || f.audKind == HostKind::SandboxMyDomain || f.audKind == HostKind::Site;
    if (audIsDomain && !f.host.isEmpty() && audHost != f.host)
        b.boost(u"aud.mydomain"_s, kLikely + 50, u"aud names %1 but the assertion went to %2."_s.arg(audHost, sent));
    if (f.hostKind == HostKind::LoginProduction || f.hostKind == HostKind::LoginSandbox)
        b.boost(u"aud.eca-generic"_s, kHint, u"The token host is the generic %1."_s.arg(f.host));
}

void e4Expired(Builder &b, Diagnosis &d, const Facts &f)
{
    d.title = u"Salesforce considers the assertion expired (exp)"_s;
    d.notes
        << u"Salesforce accepts any future exp (even one in milliseconds) but rejects a past one; the leeway after exp is under 5 minutes."_s;
    b.add(u"exp.past"_s, u"exp"_s,
        u"exp was already in the past when Salesforce checked it: an old assertion was sent again, or it was signed too long before sending."_s,
        { u"Set exp to now + 3 minutes (seconds since 1970, UTC) and sign right before sending; never reuse an assertion."_s });
    b.add(u"exp.units"_s, u"exp"_s,
        u"exp is computed wrongly: local time instead of UTC, milliseconds divided wrongly, or a duration (300) instead of a time."_s,
        { u"exp must be seconds since 1970-01-01T00:00:00Z: e.g. date -u +%s plus 180."_s,
            u"Build it from a UTC clock, not from a local date-time."_s });
    b.add(u"clock.skew"_s, u"clock"_s,
        u"This computer's clock is behind Salesforce's, so an exp that looks future here is past there."_s,
        { u"Synchronise the clock (timedatectl set-ntp true, or w32tm /resync)."_s,
            u"Give the assertion a few minutes of validity (exp = now + 180 s)."_s });
    b.add(u"exp.too-short"_s, u"exp"_s, u"The validity is so short (seconds) that network and clock differences use it up."_s,
        { u"Use exp = now + 3 minutes."_s });

    if (!f.hasClaims())
        return;
    if (!f.hasExp) {
        b.addEvident(u"exp.missing"_s, u"exp"_s, u"The assertion has no exp claim."_s,
            { u"Add exp = now + 180 (seconds, UTC)."_s }, kStrong + 100, u"The claims have no exp."_s);
        return;
    }
    if (!f.expNumeric) {
        b.addEvident(u"exp.format"_s, u"exp"_s, u"exp is not a number of seconds."_s,
            { u"Write exp as a number (or a string of digits) of seconds since 1970, UTC."_s }, kStrong + 100,
            u"exp is %1."_s.arg(
                QString::fromUtf8(QJsonDocument(QJsonArray { f.ctx.claims.value(u"exp"_s) }).toJson(QJsonDocument::Compact))));
        return;
    }
    if (f.exp > 0 && f.exp < 1e9) {
        b.boost(u"exp.units"_s, kStrong,
            u"exp is %1, a moment in %2: a duration, not a time."_s.arg(qint64(f.exp))
                .arg(QDateTime::fromSecsSinceEpoch(qint64(f.exp), QTimeZone::utc()).date().year()));
        return;
    }
    const auto delta = f.expDelta();
    if (!delta)
        return;
    const qint64 late = -*delta;
    if (late > 0) {
        // A whole number of half hours behind: a local-time exp read as UTC.
        const qint64 remainder = late % 1800;
        if (late >= 3000 && late < 15 * 3600 && (remainder < 240 || remainder > 1800 - 240))
            b.boost(u"exp.units"_s, kStrong - 30,
                u"exp was %1 before this computer's clock, close to a whole time-zone offset: local time was probably used as UTC."_s
                    .arg(duration(late)));
        else if (late > 86400)
            b.boost(u"exp.past"_s, kStrong, u"exp was %1 before now: an old assertion was reused."_s.arg(duration(late)));
        else
            b.boost(u"exp.past"_s, kStrong - 20, u"exp was %1 before this computer's clock."_s.arg(duration(late)));
    } else {
        b.boost(u"clock.skew"_s, kStrong - 50,
            u"By this computer's clock exp is still %1 ahead, so this clock is probably behind Salesforce's."_s.arg(
                duration(*delta)));
        if (*delta < 30)
            b.boost(u"exp.too-short"_s, kLikely, u"Only %1 of validity were left."_s.arg(duration(*delta)));
    }
}

void e5ClientId(Builder &b, Diagnosis &d, const Facts &f)
{
    d.title = u"Salesforce does not know the consumer key in iss"_s;
    b.add(u"iss.wrong"_s, u"iss"_s,
        u"iss is not the consumer key of a connected app in this org (a typo, a truncated copy, or the consumer secret)."_s,
        { u"Copy the Consumer Key again. "_s + kConsumerKeyPaths });
    b.add(u"iss.other-org"_s, u"host"_s,
        u"The connected app lives in another org than the one answering: e.g. a production app used in a sandbox created before the app existed, or a generic host routing to a different org."_s,
        { u"Create the app in this org (or refresh the sandbox), or send the assertion to the org that holds the app (its My Domain)."_s });
    b.add(u"propagation"_s, u"connected-app policy"_s, u"The connected app was created or edited moments ago."_s,
        kPropagationFixes);

    if (!f.hasClaims())
        return;
    if (!f.hasIss) {
        b.addEvident(u"iss.missing"_s, u"iss"_s, u"The assertion has no iss claim."_s,
            { u"Set iss to the connected app's consumer key."_s }, kStrong + 100, u"The claims have no iss."_s);
        return;
    }
    if (f.iss.contains(u'@'))
        b.addEvident(u"iss.swapped"_s, u"iss"_s, u"iss holds a username: iss is the consumer key, sub the username."_s,
            { u"Put the consumer key in iss and the username in sub."_s }, kStrong, u"iss is \"%1\"."_s.arg(f.iss));
    static const QRegularExpression hexOrDigits(u"^[0-9A-Fa-f]{16,}$"_s);
    if (hexOrDigits.match(f.iss).hasMatch())
        b.boost(
            u"iss.wrong"_s, kStrong - 50, u"iss \"%1…\" looks like a consumer secret, not a consumer key."_s.arg(f.iss.left(8)));
    else if (!f.iss.startsWith(u"3MVG"_s))
        b.boost(
            u"iss.wrong"_s, kLikely, u"Salesforce consumer keys start with 3MVG; iss starts with \"%1\"."_s.arg(f.iss.left(4)));
    if (f.orgKind == OrgKind::Sandbox)
        b.boost(u"iss.other-org"_s, kHint,
            u"This is a sandbox: it only has the apps production had when it was created or refreshed."_s);
}

void e6AppNotFound(Builder &b, Diagnosis &d, const Facts &f)
{
    d.title = u"The External Client App is not installed in the org that answered"_s;
    b.add(u"eca.not-installed"_s, u"connected-app policy"_s,
        u"The External Client App is not installed or not enabled in this org."_s,
        { u"Install the app in this org (Setup → External Client Apps → the app → install / enable) and set its OAuth policies."_s });
    b.add(u"host.generic"_s, u"host"_s,
        u"The generic host (login.salesforce.com / test.salesforce.com) routed the request to another org than the one holding the app."_s,
        { u"Send the assertion to the org's My Domain and use the same URL as aud."_s });
    b.add(u"iss.other-org"_s, u"iss"_s, u"iss is the consumer key of an app from another org."_s,
        { u"Use the consumer key of the app installed in this org."_s });
    if (f.hostKind == HostKind::LoginProduction || f.hostKind == HostKind::LoginSandbox)
        b.boost(u"host.generic"_s, kStrong - 50, u"The token host is the generic %1."_s.arg(f.host));
}

void e7NotAdminApproved(Builder &b, Diagnosis &d, const Facts &)
{
    d.title = u"The user is not admin-approved for this connected app"_s;
    b.add(u"policy.not-assigned"_s, u"connected-app policy"_s,
        u"Permitted Users is \"Admin approved users are pre-authorized\" and neither the user's profile nor one of their permission sets is assigned to the app."_s,
        { kPolicyPaths + u" Add the user's profile or a permission set assigned to the user."_s });
    b.add(u"sub.wrong-user"_s, u"sub"_s, u"sub names a different user than the one you assigned."_s,
        { u"Check sub against the username of the user whose profile or permission set you assigned."_s });
    b.add(u"propagation"_s, u"connected-app policy"_s, u"The assignment was made moments ago."_s, kPropagationFixes);
}

void e8RefreshScope(Builder &b, Diagnosis &d, const Facts &)
{
    d.title = u"The connected app lacks the refresh_token scope or is not installed and pre-authorized"_s;
    b.add(u"scope.refresh-token"_s, u"connected-app policy"_s,
        u"The app's selected OAuth scopes do not include \"Perform requests at any time (refresh_token, offline_access)\"."_s,
        { u"Connected app: App Manager → the app → Edit → Selected OAuth Scopes. External Client App: External Client Apps Manager → the app → Edit Settings → OAuth Scopes. Add refresh_token, offline_access."_s });
    b.add(u"app.not-preauthorized"_s, u"connected-app policy"_s,
        u"The app is not installed in the org or not pre-authorized for the user."_s,
        { u"Install the app and set Permitted Users to \"Admin approved users are pre-authorized\" with the user's profile or permission set."_s });
    b.add(u"propagation"_s, u"connected-app policy"_s, u"The scopes changed moments ago."_s, kPropagationFixes);
}

void e9GrantType(Builder &b, Diagnosis &d, const Facts &f)
{
    d.title = u"Salesforce did not read the request as a JWT bearer grant"_s;
    b.add(u"request.content-type"_s, u"request"_s,
        u"The request's Content-Type is missing or not application/x-www-form-urlencoded."_s,
        { u"Send Content-Type: application/x-www-form-urlencoded with the form in the body."_s });
    b.add(u"request.grant-type"_s, u"request"_s,
        u"grant_type is misspelled or mis-encoded (it must be urn:ietf:params:oauth:grant-type:jwt-bearer)."_s,
        { u"Send grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer in the body, not the URL."_s });
    b.add(u"request.rewritten"_s, u"proxy"_s,
        u"A proxy or gateway changed the request (method, headers or body), or it was sent as GET."_s,
        { u"Send it as POST directly, or compare with the curl command jwtflow shows."_s });
    if (!f.record)
        return;
    if (!f.contentType.startsWith(u"application/x-www-form-urlencoded"_s, Qt::CaseInsensitive))
        b.boost(u"request.content-type"_s, kStrong,
            f.contentType.isEmpty() ? u"The request had no Content-Type."_s
                                    : u"The request's Content-Type was %1."_s.arg(f.contentType));
    else if (f.formValue(u"grant_type"_s) != u"urn:ietf:params:oauth:grant-type:jwt-bearer"_s
        && f.formValue(u"grant_type"_s) != u"client_credentials"_s)
        b.boost(u"request.grant-type"_s, kStrong, u"grant_type was \"%1\"."_s.arg(f.formValue(u"grant_type"_s)));
    else
        b.boost(u"request.rewritten"_s, kLikely, u"This request left here with the right Content-Type and grant_type."_s);
    if (!f.method.isEmpty() && f.method != u"POST"_s)
        b.boost(u"request.rewritten"_s, kStrong, u"It was sent as %1."_s.arg(f.method));
}

void e10IpRestricted(Builder &b, Diagnosis &d, const Facts &)
{
    d.title = u"The login was refused by IP restrictions or login hours"_s;
    d.ambiguous = true;
    d.ambiguityNote = u"The message does not say whether the IP address or the time of day was refused."_s;
    b.add(u"user.ip-range"_s, u"connected-app policy"_s,
        u"This machine's IP address is outside the user profile's Login IP Ranges (or the org's trusted ranges) and the app does not relax IP restrictions."_s,
        { kPolicyPaths + u" IP Relaxation: \"Relax IP restrictions\"."_s,
            u"Or add this machine's public IP to the profile's Login IP Ranges."_s });
    b.add(u"user.login-hours"_s, u"user"_s, u"The user's profile has Login Hours that exclude now."_s,
        { u"Setup → Profiles → the user's profile → Login Hours: allow this time."_s });
}

void e11InactiveUser(Builder &b, Diagnosis &d, const Facts &)
{
    d.title = u"The user in sub is inactive"_s;
    b.add(u"user.inactive"_s, u"sub"_s, u"sub names a user who has been deactivated."_s,
        { u"Reactivate the user (Setup → Users → Edit → Active), or use another active integration user in sub."_s });
    b.add(u"sub.wrong-user"_s, u"sub"_s, u"sub names another user than intended (an old username)."_s,
        { u"Check sub against Setup → Users."_s });
}

void e12InactiveOrg(Builder &b, Diagnosis &d, const Facts &)
{
    d.title = u"The org is inactive, locked or suspended"_s;
    b.add(u"org.inactive"_s, u"org"_s,
        u"The org is locked, suspended, its trial expired, or the sandbox is being refreshed or was deleted."_s,
        { u"Log in to the org in a browser to see its state; contact the org's admin or Salesforce support."_s });
    b.add(u"host.wrong-org"_s, u"host"_s,
        u"The host points to another (old) org than intended, e.g. a deleted sandbox's My Domain."_s,
        { u"Check the token host and aud against the org you mean."_s });
}

void e13RateLimit(Builder &b, Diagnosis &d, const Facts &)
{
    d.title = u"Too many logins: Salesforce is rate-limiting this user"_s;
    b.add(u"rate-limit"_s, u"user"_s, u"The user logged in too often in a short time (each JWT grant is a login)."_s,
        { u"Reuse an access token until it expires instead of running a JWT grant per call."_s,
            u"Wait before retrying; do not retry in a loop (tools that try several audiences multiply the logins)."_s });
}

void e14Locked(Builder &b, Diagnosis &d, const Facts &)
{
    d.title = u"The user is locked or frozen"_s;
    b.add(u"user.locked"_s, u"user"_s, u"The user is locked out (too many failed logins) or frozen by an admin."_s,
        { u"Setup → Users → the user → Unlock, or Unfreeze."_s });
}

void e15MissingField(Builder &b, Diagnosis &d, const Facts &f)
{
    d.title = u"The request is missing a required field"_s;
    b.add(u"request.missing-field"_s, u"request"_s, u"grant_type or assertion is missing or empty in the form body."_s,
        { u"POST a form body with grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer and assertion=<the signed JWT>."_s });
    b.add(u"request.rewritten"_s, u"proxy"_s, u"The body was dropped on the way, or sent in the URL instead of the body."_s,
        { u"Send the fields in the POST body, never in the URL."_s });
    if (!f.hasForm)
        return;
    for (const QString &name : { u"grant_type"_s, u"assertion"_s }) {
        if (!f.formHas(name) || f.formValue(name).isEmpty())
            b.boost(u"request.missing-field"_s, kStrong, u"The form had no %1."_s.arg(name));
    }
}

// What the sent assertion itself proves wrong, whatever the error string says: Salesforce words
// a missing exp or an unusable aud as "invalid assertion" as often as by their own message, so
// these rank above every cause the message alone suggests (the message is kept as the row).
void assertionProofs(Builder &b, const QString &row, const Facts &f)
{
    if (!f.hasClaims())
        return;
    const bool signatureRow = row == u"E2"_s || row == u"oauth.unknown"_s;
    if ((signatureRow || row == u"E4"_s) && !f.hasExp && !b.has(u"exp.missing"_s))
        b.addEvident(u"exp.missing"_s, u"exp"_s,
            u"The assertion has no exp claim; Salesforce requires one and refuses the assertion without it."_s,
            { u"Add exp = now + 180 (seconds since 1970, UTC)."_s }, kStrong + 200, u"The claims have no exp."_s);
    if ((signatureRow || row == u"E4"_s) && f.hasExp && f.expNumeric && f.exp > 1e11)
        b.addEvident(u"exp.milliseconds"_s, u"exp"_s,
            u"exp is in milliseconds, not seconds. Salesforce has accepted that so far (sf sends it), but a server that checks exp strictly reads it as the year %1."_s
                .arg(qint64(f.exp / 86400.0 / 365.25) + 1970),
            { u"Write exp in seconds: Math.floor(Date.now() / 1000) + 180, or date -u +%s plus 180."_s }, kStrong + 100,
            u"exp is %1."_s.arg(qint64(f.exp)));
    if (signatureRow && !f.hasIss && !b.has(u"iss.missing"_s))
        b.addEvident(u"iss.missing"_s, u"iss"_s,
            u"The assertion has no iss claim, so Salesforce cannot tell which app's certificate to check."_s,
            { u"Set iss to the app's consumer key."_s }, kStrong + 150, u"The claims have no iss."_s);
    if (signatureRow && !f.hasSub && !f.hasPrn && !b.has(u"sub.missing"_s))
        b.addEvident(u"sub.missing"_s, u"sub"_s, u"The assertion has no sub claim, so there is no user to log in."_s,
            { u"Set sub to the Salesforce username of the integration user."_s }, kStrong + 120, u"The claims have no sub."_s);
    if (signatureRow && !f.hasAud && !b.has(u"aud.missing"_s))
        b.addEvident(u"aud.missing"_s, u"aud"_s, u"The assertion has no aud claim."_s,
            { u"Add aud: https://login.salesforce.com (production), https://test.salesforce.com (sandbox), or the My Domain / site URL."_s },
            kStrong + 120, u"The claims have no aud."_s);
    // An aud that no Salesforce org accepts: not https, not a Salesforce host, not where it was sent.
    if ((signatureRow || row == u"E3"_s || row == u"E6"_s) && f.hasAud && !f.audIsArray) {
        const QString audHost = f.audUrl.host().toLower();
        const bool salesforceForm
            = f.audKind != HostKind::Other && f.audKind != HostKind::Unknown && f.audKind != HostKind::Loopback;
        if (!salesforceForm && audHost != f.host && !b.has(u"aud.unaccepted"_s))
            b.addEvident(u"aud.unaccepted"_s, u"aud"_s,
                u"aud is not an audience any Salesforce org accepts: it must be https://login.salesforce.com, https://test.salesforce.com, the org's My Domain or its site URL."_s,
                { u"Set aud to https://login.salesforce.com (production), https://test.salesforce.com (sandbox) or the URL the assertion is sent to."_s },
                kStrong + 90, u"aud = \"%1\", sent to %2."_s.arg(f.aud, f.host));
    }
    // What the assertion rules out.
    if (row == u"E4"_s && f.hasExp && f.expNumeric) {
        if (const auto delta = f.expDelta(); delta && *delta > 300)
            b.ruleOut(u"exp.past"_s, u"by this computer's clock exp is still %1 ahead."_s.arg(duration(*delta)));
    }
    if (row == u"E2"_s && f.ctx.keyMatch == KeyMatch::Matches)
        b.ruleOut(u"key.mismatch"_s, u"the signing key matches the certificate you gave (check that it is the one uploaded)."_s);
}

// ---- Microsoft Entra ID (salesforce-wire.md §6) -----------------------------------------------

void entraRow(Builder &b, Diagnosis &d, const Facts &f, qint64 code)
{
    const QString clientId = f.formValue(u"client_id"_s);
    switch (code) {
    case 700027:
        d.title = u"Entra could not find the key that signed the client assertion"_s;
        b.add(u"key.not-registered"_s, u"key"_s,
            u"The certificate that signed the assertion is not uploaded to the app registration."_s,
            { u"Entra admin center → App registrations → the app → Certificates & secrets → Certificates: upload the certificate."_s });
        b.add(u"x5t.wrong"_s, u"x5t"_s,
            u"The header's x5t / x5t#S256 is not the thumbprint of the uploaded certificate (another certificate, SHA-1 vs SHA-256, hex instead of base64url)."_s,
            { u"x5t = base64url(SHA-1(DER certificate)); x5t#S256 = base64url(SHA-256(DER certificate))."_s });
        b.add(u"key.mismatch"_s, u"key"_s, u"The signing key does not belong to the uploaded certificate."_s,
            { u"Sign with the private key of the uploaded certificate."_s });
        if (!f.ctx.header.isEmpty() && !f.hasX5t)
            b.boost(u"x5t.wrong"_s, kStrong, u"The header has neither x5t nor x5t#S256."_s);
        if (f.ctx.keyMatch == KeyMatch::DoesNotMatch)
            b.boost(u"key.mismatch"_s, kStrong, u"The signing key does not match the certificate you gave."_s);
        break;
    case 700024: {
        d.title = u"The client assertion is outside its valid time range"_s;
        b.add(u"exp.past"_s, u"exp"_s, u"exp is in the past."_s,
            { u"Set exp to now + 5 minutes and sign right before sending."_s });
        b.add(u"nbf.future"_s, u"nbf"_s, u"nbf is in the future."_s, { u"Set nbf to now (or a few seconds before)."_s });
        b.add(u"exp.units"_s, u"exp"_s, u"exp or nbf was computed from local time or in milliseconds."_s,
            { u"Use seconds since 1970, UTC."_s });
        b.add(u"clock.skew"_s, u"clock"_s, u"This computer's clock differs from Entra's."_s, { u"Synchronise the clock."_s });
        if (const auto delta = f.expDelta(); delta && *delta < 0)
            b.boost(u"exp.past"_s, kStrong, u"exp was %1 before this computer's clock."_s.arg(duration(*delta)));
        else if (f.hasNbf && f.now && f.nbf > double(*f.now))
            b.boost(u"nbf.future"_s, kStrong, u"nbf is %1 after this computer's clock."_s.arg(duration(qint64(f.nbf) - *f.now)));
        else if (f.hasExp && f.exp > 1e11)
            b.boost(u"exp.units"_s, kStrong, u"exp %1 is in milliseconds."_s.arg(qint64(f.exp)));
        else if (f.expDelta())
            b.boost(u"clock.skew"_s, kLikely, u"By this computer's clock the assertion is valid."_s);
        break;
    }
    case 700021:
        d.title = u"The assertion's iss/sub does not match client_id"_s;
        b.add(u"client_id.mismatch"_s, u"iss"_s, u"iss and sub must both equal the client_id sent in the form."_s,
            { u"Set iss = sub = the application (client) ID, and send the same value as client_id."_s });
        if (!clientId.isEmpty() && (f.iss != clientId || f.sub != clientId))
            b.boost(u"client_id.mismatch"_s, kStrong,
                u"client_id is %1, iss is \"%2\", sub is \"%3\"."_s.arg(clientId, f.iss, f.sub));
        break;
    case 700023:
        d.title = u"The assertion's audience does not match the tenant"_s;
        b.add(u"aud.tenant"_s, u"aud"_s,
            u"aud must be the token URL of the same tenant: https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token."_s,
            { u"Set aud to exactly the URL the assertion is posted to."_s });
        if (f.hasAud && f.requestUrl.isValid()
            && QUrl(f.aud).adjusted(QUrl::StripTrailingSlash) != f.requestUrl.adjusted(QUrl::StripTrailingSlash))
            b.boost(u"aud.tenant"_s, kStrong, u"aud is %1 but the request went to %2."_s.arg(f.aud, f.requestUrl.toString()));
        break;
    case 50027:
        d.title = u"Entra rejected the client assertion as an invalid JWT"_s;
        b.add(u"x5t.missing"_s, u"x5t"_s, u"The header has no certificate thumbprint (x5t or x5t#S256)."_s,
            { u"Add x5t#S256 = base64url(SHA-256(DER certificate)) (or x5t with SHA-1) to the header."_s });
        b.add(u"assertion.malformed"_s, u"assertion"_s, u"The assertion is not a well-formed JWT."_s,
            { u"Decode it in jwtflow and check each part."_s });
        if (!f.ctx.header.isEmpty() && !f.hasX5t)
            b.boost(u"x5t.missing"_s, kStrong, u"The header has neither x5t nor x5t#S256."_s);
        if (!f.readable)
            b.boost(u"assertion.malformed"_s, kStrong, u"The assertion does not parse as a JWT."_s);
        break;
    case 50012:
    case 50013:
        d.title = u"Entra found the key but the signature did not verify"_s;
        b.add(u"key.mismatch"_s, u"key"_s,
            u"The assertion was signed with another key than the certificate whose thumbprint it names."_s,
            { u"Sign with the private key of the certificate named by x5t / x5t#S256."_s });
        b.add(u"alg"_s, u"alg"_s, u"alg and padding disagree (PS256 needs PSS padding, RS256 PKCS#1 v1.5)."_s,
            { u"Sign with the algorithm the header names."_s });
        if (f.ctx.keyMatch == KeyMatch::DoesNotMatch)
            b.boost(u"key.mismatch"_s, kStrong, u"The signing key does not match the certificate you gave."_s);
        break;
    case 700016:
        d.title = u"Entra does not know this application in this tenant"_s;
        b.add(u"client_id.unknown"_s, u"client_id"_s, u"client_id is not an application in this directory."_s,
            { u"Copy the Application (client) ID from the app registration's Overview."_s });
        b.add(u"tenant.wrong"_s, u"tenant"_s, u"The app is registered in another tenant than the one in the URL."_s,
            { u"Use the Directory (tenant) ID from the same Overview page in the token URL."_s });
        break;
    case 90002:
        d.title = u"Entra does not know this tenant"_s;
        b.add(u"tenant.unknown"_s, u"tenant"_s, u"The tenant name or id in the token URL does not exist."_s,
            { u"Use the Directory (tenant) ID (a GUID) in https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token."_s });
        break;
    case 7000215:
    case 7000222:
        d.title = u"Entra rejected a client secret"_s;
        b.add(u"secret"_s, u"key"_s,
            u"A client secret was sent and is invalid or expired; certificate credentials do not use one."_s,
            { u"Remove client_secret and send client_assertion_type and client_assertion instead."_s });
        break;
    case 70011:
        d.title = u"Entra rejected the scope"_s;
        b.add(u"scope.invalid"_s, u"scope"_s, u"For client_credentials, scope must be one resource followed by /.default."_s,
            { u"Use e.g. https://graph.microsoft.com/.default."_s });
        if (const QString scope = f.formValue(u"scope"_s); !scope.isEmpty() && !scope.endsWith(u"/.default"_s))
            b.boost(u"scope.invalid"_s, kStrong, u"scope was \"%1\"."_s.arg(scope));
        break;
    case 900144:
        d.title = u"The request is missing a parameter"_s;
        b.add(u"request.missing-field"_s, u"request"_s, u"A required form field is missing (Entra names it in the message)."_s,
            { u"Send grant_type, client_id, client_assertion_type, client_assertion and scope."_s });
        break;
    case 9001023:
        d.title = u"This grant needs a specific tenant"_s;
        b.add(u"tenant.common"_s, u"tenant"_s, u"/common and /consumers cannot be used for client credentials."_s,
            { u"Put the tenant ID in the token URL."_s });
        break;
    default:
        d.title = u"Entra refused the request (AADSTS%1)"_s.arg(code);
        b.add(u"entra.unknown"_s, u"request"_s, u"An Entra error this tool has no specific advice for."_s,
            { u"Read the full message and https://login.microsoftonline.com/error?code=%1."_s.arg(code) });
        break;
    }
}

// ---- failures without an OAuth error -----------------------------------------------------------

void transportRow(Builder &b, Diagnosis &d, const Facts &f, const HttpExchangeRecord &record)
{
    using Transport = HttpExchangeRecord::Transport;
    const QUrl url = record.request.url;
    const QString hostPort = u"%1:%2"_s.arg(url.host()).arg(url.port(url.scheme() == u"http"_s ? 80 : 443));
    switch (record.transport) {
    case Transport::HostNotFound:
        d.title = u"The host name %1 could not be resolved"_s.arg(url.host());
        b.add(u"host.typo"_s, u"host"_s,
            u"The host name is misspelled or the My Domain does not exist (sandbox My Domains look like <domain>--<sandbox>.sandbox.my.salesforce.com)."_s,
            { u"Check the host against Setup → My Domain, or use https://login.salesforce.com / https://test.salesforce.com."_s });
        b.add(u"network.dns"_s, u"network"_s,
            u"This computer cannot resolve names: offline, or the name is only known inside a VPN."_s,
            { u"Check the network connection and VPN; try nslookup %1, then %2."_s.arg(url.host(), probeCommand(url)) });
        b.add(u"host.deleted"_s, u"host"_s, u"The org or sandbox was deleted, or its My Domain was renamed."_s,
            { u"Log in through a browser to find the current My Domain."_s });
        break;
    case Transport::ConnectionRefused:
        d.title = u"Nothing accepted the connection at %1 (refused)"_s.arg(hostPort);
        b.add(u"host.port"_s, u"host"_s,
            u"Nothing listens on that host and port (a wrong port, or a local server that is not running)."_s,
            { u"Check the port in the URL (%1 was used); a real Salesforce host listens on 443. Repeat with %2."_s.arg(
                origin(url), probeCommand(url)) });
        b.add(u"network.firewall"_s, u"network"_s, u"A firewall refused the connection."_s,
            { u"Check firewall rules for outbound HTTPS."_s });
        b.add(u"proxy.needed"_s, u"proxy"_s, u"This network only allows the web through a proxy."_s,
            { u"Set the https_proxy environment variable (or the system proxy) to the proxy's address."_s });
        if (DiagnosisContext::hostKind(url.host()) == HostKind::Loopback)
            b.boost(u"host.port"_s, kLikely,
                u"%1 is this computer: is the local server (e.g. the practice org) running?"_s.arg(hostPort));
        break;
    case Transport::Timeout: {
        const QRegularExpressionMatch m = QRegularExpression(u"within (\\d+) ms"_s).match(record.transportMessage);
        const qint64 timeoutMs = m.hasMatch() ? m.captured(1).toLongLong() : 0;
        const bool started = record.response.status > 0 || record.bytesReceived > 0
            || record.transportMessage.contains(u"the headers arrived"_s);
        const QString probe = probeCommand(url, timeoutMs > 0 ? timeoutMs * 2 : 0);
        if (started) {
            d.title = u"%1 started to answer and did not finish within the timeout"_s.arg(hostPort);
        } else if (record.requestSent) {
            d.title = u"%1 took the whole request and sent nothing back within the timeout"_s.arg(hostPort);
        } else {
            d.title = u"No connection to %1 within the timeout"_s.arg(hostPort);
        }
        b.add(u"network.blackhole"_s, u"network"_s, u"A firewall silently drops the traffic, or the host is unreachable."_s,
            { u"Check that %1 is reachable from this network: %2"_s.arg(hostPort, probe) });
        b.add(u"proxy.needed"_s, u"proxy"_s, u"This network needs a proxy for outbound HTTPS."_s,
            { u"Configure https_proxy or the system proxy."_s });
        b.add(u"server.no-answer"_s, u"host"_s,
            u"The server (or a proxy in front of it) accepted the connection and the request, and then never answered: it is stuck or overloaded, or it is not an HTTP server that answers this path."_s,
            { u"Retry once by hand; check https://status.salesforce.com for a real org."_s,
                u"For a local or test server: it received the request, so look at its log; repeat with %1."_s.arg(probe) });
        b.add(u"server.slow"_s, u"host"_s,
            u"The server started answering and then stalled: it is slow or overloaded, or a proxy holds the rest."_s,
            { u"Retry later; check https://status.salesforce.com."_s });
        b.add(u"timeout.short"_s, u"timeout"_s, u"The timeout is too short for this network."_s,
            { u"Raise the timeout (default 30 s)."_s });
        if (started) {
            b.boost(u"server.slow"_s, kStrong,
                u"The answer started (%1) and stopped."_s.arg(record.response.status > 0
                        ? u"status %1 arrived"_s.arg(record.response.status)
                        : u"%1 bytes arrived"_s.arg(record.bytesReceived)));
            b.ruleOut(u"network.blackhole"_s, u"bytes came back from the server, so the traffic gets through."_s);
            if (timeoutMs > 0 && timeoutMs < 5000)
                b.boost(u"timeout.short"_s, kLikely, u"The timeout was %1 ms."_s.arg(timeoutMs));
        } else if (record.requestSent) {
            b.boost(u"server.no-answer"_s, kStrong,
                u"The connection was made and the request written out; no byte came back in %1 ms."_s.arg(
                    timeoutMs > 0 ? timeoutMs : record.elapsedMs));
            b.ruleOut(
                u"network.blackhole"_s, u"the connection was accepted and the request sent, so nothing blocked the traffic."_s);
            b.ruleOut(u"proxy.needed"_s, u"the connection was made."_s);
            if (timeoutMs > 0 && timeoutMs < 5000)
                b.boost(u"timeout.short"_s, kHint,
                    u"The timeout was %1 ms; a token answer normally comes well within a second."_s.arg(timeoutMs));
        } else {
            b.boost(u"network.blackhole"_s, kLikely, u"Not even the request got out: the connection itself did not complete."_s);
            b.ruleOut(u"server.slow"_s, u"the request never reached the server."_s);
            b.ruleOut(u"server.no-answer"_s, u"the request never reached the server."_s);
            if (DiagnosisContext::hostKind(url.host()) == HostKind::Loopback)
                b.boost(u"server.no-answer"_s, kStrong * 2,
                    u"%1 is this computer: a local server accepted nothing within the time (stopped in a debugger, or its backlog is full)."_s
                        .arg(hostPort));
        }
        break;
    }
    case Transport::Tls: {
        d.title = u"The TLS connection to %1 could not be trusted"_s.arg(url.host());
        const QString all = record.tlsErrors.join(u'\n').toLower() + u' ' + record.transportMessage.toLower();
        b.add(u"tls.untrusted-issuer"_s, u"tls"_s,
            u"The certificate was issued by a CA this computer does not trust: often a company proxy that inspects TLS."_s,
            { u"Install the company's root CA in the system trust store (update-ca-certificates), or ask IT."_s,
                u"Only if you are sure who you talk to: trust this host's certificate explicitly (by its SHA-256 digest)."_s });
        b.add(u"tls.clock"_s, u"clock"_s,
            u"This computer's date is wrong, so a valid certificate looks expired or not yet valid."_s,
            { u"Check the system date and time and enable NTP."_s });
        b.add(u"tls.hostname"_s, u"host"_s, u"The certificate is for another host name (an IP address or an alias was used)."_s,
            { u"Use the host name the certificate names (e.g. the My Domain), not an IP address."_s });
        b.add(u"tls.self-signed"_s, u"tls"_s, u"A local or test server with a self-signed certificate."_s,
            { u"Trust that certificate explicitly for this host only (by its SHA-256 digest), or use http for a loopback test server."_s });
        b.add(u"tls.protocol"_s, u"tls"_s,
            u"The handshake failed: no common protocol version or cipher, or the server wants a client certificate."_s,
            { u"Check the server's TLS configuration."_s });
        if (all.contains(u"expired"_s) || all.contains(u"not yet valid"_s))
            b.boost(u"tls.clock"_s, kLikely, u"A certificate is reported expired or not yet valid."_s);
        if (all.contains(u"host name"_s) || all.contains(u"hostname"_s))
            b.boost(u"tls.hostname"_s, kStrong, u"The host name did not match the certificate."_s);
        if (all.contains(u"self signed"_s) || all.contains(u"self-signed"_s))
            b.boost(u"tls.self-signed"_s, kStrong, u"The certificate is self-signed."_s);
        if (all.contains(u"issuer"_s) || all.contains(u"not trusted"_s) || all.contains(u"untrusted"_s))
            b.boost(u"tls.untrusted-issuer"_s, kLikely, u"The issuer is not trusted."_s);
        if (record.tlsErrors.isEmpty())
            b.boost(u"tls.protocol"_s, kLikely, u"No certificate error was reported: the handshake itself failed."_s);
        break;
    }
    case Transport::Proxy:
        d.title = u"The proxy failed"_s;
        b.add(u"proxy.settings"_s, u"proxy"_s, u"The configured proxy (https_proxy / system settings) is wrong or unreachable."_s,
            { u"Check https_proxy, http_proxy and no_proxy, or the system proxy settings."_s });
        b.add(u"proxy.auth"_s, u"proxy"_s, u"The proxy requires credentials (407)."_s,
            { u"Configure the proxy credentials in the system settings."_s });
        b.add(u"proxy.bypass"_s, u"proxy"_s, u"This host should not go through the proxy."_s, { u"Add the host to no_proxy."_s });
        if (record.transportMessage.contains(u"authentication"_s, Qt::CaseInsensitive) || record.response.status == 407)
            b.boost(u"proxy.auth"_s, kStrong, u"The proxy asked for authentication."_s);
        break;
    case Transport::Cancelled:
        d.title = u"Cancelled"_s;
        b.add(u"cancelled"_s, u"none"_s, u"The request was cancelled before an answer arrived."_s,
            { u"Send it again when ready."_s });
        break;
    case Transport::ConnectionClosed: {
        const bool started = record.response.status > 0 || record.bytesReceived > 0;
        const bool reset = record.transportMessage.contains(u"reset"_s, Qt::CaseInsensitive);
        b.add(u"answer.cut"_s, u"network"_s,
            u"The answer started and was cut off before its end: the server failed mid-answer, or a proxy or middlebox dropped the connection."_s,
            { u"Retry once by hand; if it repeats, try another network or without the proxy."_s,
                u"Repeat with %1 to see where it stops."_s.arg(probeCommand(url)) });
        b.add(u"server.closed"_s, u"host"_s,
            u"The server read the request and closed (or reset) the connection without answering: it crashed on this request, or refuses it without a word."_s,
            { u"Retry once; for a local or test server, look at its log. Repeat with %1."_s.arg(probeCommand(url)) });
        b.add(u"scheme.mismatch"_s, u"host"_s,
            u"The connection was closed before the request got through: often https spoken to a plain-http port (or the reverse), or a middlebox that resets it."_s,
            { u"Check the scheme and port: %1 is what was used."_s.arg(origin(url)) });
        if (started) {
            d.title = u"The answer from %1 was cut off before its end"_s.arg(hostPort);
            b.boost(u"answer.cut"_s, kStrong, u"%1 bytes of the answer had arrived."_s.arg(record.bytesReceived));
        } else if (record.requestSent) {
            d.title = reset ? u"%1 reset the connection after the request, without an answer"_s.arg(hostPort)
                            : u"%1 closed the connection after the request, without an answer"_s.arg(hostPort);
            b.boost(u"server.closed"_s, kStrong,
                u"The request was written out; no byte came back before the connection %1."_s.arg(
                    reset ? u"was reset"_s : u"closed"_s));
        } else {
            d.title = u"%1 closed the connection before the request got through"_s.arg(hostPort);
            b.boost(u"scheme.mismatch"_s, kStrong, u"The connection ended before the request was written out."_s);
        }
        break;
    }
    case Transport::ResponseTooLarge:
        d.title = u"The answer was far larger than a token response"_s;
        b.add(u"host.not-token-endpoint"_s, u"host"_s, u"The URL is not a token endpoint (a token answer is under 1 KB)."_s,
            { u"Check the URL: https://<host>/services/oauth2/token."_s });
        break;
    case Transport::Other:
    case Transport::None:
        d.title = u"The request failed on the network"_s;
        b.add(u"network.other"_s, u"network"_s, u"A network error: %1"_s.arg(record.transportMessage),
            { u"Retry; check the network."_s });
        break;
    }
    Q_UNUSED(f);
}

// "Retry-After: 120" (seconds) or an HTTP date, in words; empty when absent.
QString retryAfterText(const HttpExchangeRecord &record)
{
    const QByteArray value = record.responseHeader("Retry-After").trimmed();
    if (value.isEmpty())
        return {};
    bool ok = false;
    const qint64 seconds = value.toLongLong(&ok);
    if (ok && seconds >= 0)
        return u"The server asks to wait %1 s before retrying (Retry-After)."_s.arg(seconds);
    return u"The server asks to wait until %1 before retrying (Retry-After)."_s.arg(QString::fromLatin1(value.left(64)));
}

// Limits and overload answer before any assertion check: they say nothing about the assertion,
// and retrying in a loop only makes them last longer (reliability.md §4.3).
bool limitRow(Builder &b, Diagnosis &d, const ExchangeResult &result)
{
    const int status = result.status();
    const QString retry = retryAfterText(result.record);
    const QString noLoop = u"Wait, then send once by hand; jwtflow never retries on its own."_s;
    if (result.error == u"REQUEST_LIMIT_EXCEEDED"_s) {
        d.code = u"http.request-limit"_s;
        d.title = u"Salesforce refused the request: an API request limit is exceeded"_s;
        b.add(u"limit.api"_s, u"org"_s,
            u"The org used up its API requests for the last 24 hours, or too many long requests run at once (REQUEST_LIMIT_EXCEEDED)."_s,
            { u"See Setup → Company Information → API Requests, Last 24 Hours, or ask the admin which integration uses them."_s,
                noLoop });
        b.boost(
            u"limit.api"_s, kStrong, u"HTTP %1, errorCode REQUEST_LIMIT_EXCEEDED: %2"_s.arg(status).arg(result.errorDescription));
        if (!retry.isEmpty())
            d.notes << retry;
        return true;
    }
    if (status == 429 || status == 503) {
        const bool tooMany = status == 429;
        d.code = tooMany ? u"http.too-many-requests"_s : u"http.unavailable"_s;
        d.title = tooMany ? u"The server is rate-limiting these requests (HTTP 429)"_s
                          : u"The server is unavailable (HTTP 503): maintenance or overload"_s;
        if (tooMany)
            b.add(u"limit.rate"_s, u"network"_s, u"Too many requests from this client, user or network in a short time."_s,
                { retry.isEmpty() ? u"Wait a minute."_s : retry, noLoop });
        else
            b.add(u"server.outage"_s, u"host"_s, u"Salesforce (or a proxy in front of it) is in maintenance or overloaded."_s,
                { u"Check https://status.salesforce.com."_s, retry.isEmpty() ? u"Retry later."_s : retry });
        b.boost(tooMany ? u"limit.rate"_s : u"server.outage"_s, kStrong,
            u"HTTP %1%2"_s.arg(status).arg(
                result.htmlTitle.isEmpty() ? QString() : u", page title \"%1\""_s.arg(result.htmlTitle)));
        if (!retry.isEmpty())
            d.notes << retry;
        return true;
    }
    return false;
}

void httpRow(Builder &b, Diagnosis &d, const Facts &f, const ExchangeResult &result)
{
    const int status = result.status();
    const QString statusText = u"HTTP %1"_s.arg(status);
    if (limitRow(b, d, result))
        return;
    switch (result.outcome) {
    case ExchangeResult::Outcome::Redirect: {
        d.code = u"http.redirect"_s;
        d.title = u"The token endpoint answered with a redirect"_s;
        d.notes << u"Salesforce token endpoints do not redirect; the assertion was not re-sent to the new location."_s;
        const QUrl location = result.record.request.url.resolved(QUrl(result.location));
        b.add(u"host.wrong"_s, u"host"_s,
            u"The host is not the org's current token host: a renamed My Domain, an instance host (naNN.salesforce.com) or a legacy host that no longer redirects."_s,
            { u"Use the org's My Domain (Setup → My Domain) or login.salesforce.com / test.salesforce.com."_s });
        b.add(u"host.http"_s, u"host"_s, u"http was used; the server redirects to https."_s, { u"Use https://."_s });
        b.add(u"host.lightning"_s, u"host"_s,
            u"A Lightning domain (*.lightning.force.com) was used; it serves pages, not the OAuth API."_s,
            { u"Use the My Domain host (*.my.salesforce.com) instead."_s });
        b.add(u"host.login-policy"_s, u"host"_s,
            u"The org's My Domain prevents login from the generic host and redirects to its login page."_s,
            { u"Send the assertion to the org's My Domain (and use it as aud)."_s });
        const QString evidence = u"%1 to %2."_s.arg(statusText, result.location.isEmpty() ? u"(no Location)"_s : result.location);
        b.boost(u"host.wrong"_s, 0, evidence);
        const QUrl sent = result.record.request.url;
        const bool hostChanged = !result.location.isEmpty() && location.host().compare(sent.host(), Qt::CaseInsensitive) != 0;
        if (hostChanged) {
            d.title = u"The token endpoint redirected to another host: %1 → %2"_s.arg(sent.host(), location.host());
            b.addEvident(u"host.moved"_s, u"host"_s,
                u"The server points to another host, %1 (%2): the token host you use is not the org's token host any more, or this is not the org's server."_s
                    .arg(location.host(), origin(location)),
                { u"If %1 is the org's My Domain (Setup → My Domain), send the assertion there and use it as aud."_s.arg(
                      location.host()),
                    u"If you do not recognise %1, do not send an assertion to it."_s.arg(location.host()) },
                kStrong + 40,
                u"%1 from %2 to %3: the host changed%4."_s.arg(statusText, origin(sent), origin(location),
                    sent.scheme() != location.scheme() ? u" and the scheme too"_s : QString()));
        } else if (sent.scheme() == u"http"_s && location.scheme() == u"https"_s) {
            b.boost(u"host.http"_s, kStrong, u"The request used http and Location is https on the same host."_s);
        }
        if (f.hostKind == HostKind::Lightning)
            b.boost(u"host.lightning"_s, kStrong, u"The host %1 is a Lightning domain."_s.arg(f.host));
        if (f.hostKind == HostKind::LoginProduction || f.hostKind == HostKind::LoginSandbox)
            b.boost(u"host.login-policy"_s, kLikely, u"The host is the generic %1."_s.arg(f.host));
        break;
    }
    case ExchangeResult::Outcome::HtmlBody:
    case ExchangeResult::Outcome::TextBody: {
        const bool html = result.outcome == ExchangeResult::Outcome::HtmlBody;
        d.code = html ? u"http.html"_s : u"http.text"_s;
        d.title = html ? u"The server answered with an HTML page, not a token response"_s
                       : u"The server answered with text that is not JSON"_s;
        b.add(u"host.not-token-endpoint"_s, u"host"_s,
            u"The URL is not a Salesforce token endpoint (a wrong host, a wrong site path, a typo in the path)."_s,
            { u"The URL must be https://<host>[/<site path>]/services/oauth2/token."_s });
        b.add(u"proxy.page"_s, u"proxy"_s, u"A proxy, firewall or captive portal answered instead of Salesforce."_s,
            { u"Open the URL in a browser on this network; log in to the portal or ask IT."_s });
        b.add(u"server.outage"_s, u"host"_s, u"Salesforce is in maintenance or has an incident."_s,
            { u"Check https://status.salesforce.com and retry later."_s });
        QString evidence = statusText;
        if (html)
            evidence += result.htmlTitle.isEmpty() ? u", no page title."_s : u", page title \"%1\"."_s.arg(result.htmlTitle);
        b.boost(u"host.not-token-endpoint"_s, 0, evidence);
        // JSON that stops before its end: the server meant JSON, and something cut it.
        const QByteArray body = result.record.response.body.trimmed();
        const bool jsonType = result.record.responseHeader("Content-Type").toLower().contains("json");
        if (!html && (jsonType || body.startsWith('{') || body.startsWith('['))) {
            d.code = u"http.truncated-json"_s;
            d.title = u"The server's JSON answer is cut short"_s;
            const QByteArray declared = result.record.responseHeader("Content-Length");
            b.addEvident(u"answer.truncated"_s, u"network"_s,
                u"The answer is JSON that stops before its end: the server failed while writing it, or a proxy or the connection cut it."_s,
                { u"Retry once by hand; if it repeats, try without the proxy or from another network."_s,
                    u"Repeat with %1 and compare the body with its Content-Length."_s.arg(
                        probeCommand(result.record.request.url)) },
                kStrong + 50,
                u"%1 bytes of %2 that do not parse as JSON%3."_s.arg(body.size())
                    .arg(jsonType ? u"application/json"_s : u"text starting like JSON"_s)
                    .arg(declared.isEmpty() ? QString() : u" (Content-Length %1)"_s.arg(QString::fromLatin1(declared))));
        }
        if (status >= 500)
            b.boost(u"server.outage"_s, kLikely, u"The status %1 is a server error."_s.arg(status));
        if (status == 404)
            b.boost(u"host.not-token-endpoint"_s, kLikely, u"404: the path does not exist there."_s);
        break;
    }
    case ExchangeResult::Outcome::EmptyBody:
        d.code = u"http.empty"_s;
        d.title = u"The server answered with an empty body"_s;
        b.add(u"host.not-token-endpoint"_s, u"host"_s, u"The URL is not a token endpoint."_s,
            { u"The URL must be https://<host>/services/oauth2/token."_s });
        b.add(u"proxy.page"_s, u"proxy"_s, u"A proxy or gateway dropped the body."_s,
            { u"Try without the proxy or from another network."_s });
        b.boost(u"host.not-token-endpoint"_s, 0, u"%1 with no body."_s.arg(statusText));
        break;
    case ExchangeResult::Outcome::UnexpectedJson:
        d.code = u"http.unexpected-json"_s;
        d.title = u"The server answered with JSON that is not a token response"_s;
        b.add(u"host.not-token-endpoint"_s, u"host"_s,
            u"The URL answers like a REST resource or another API, not like the token endpoint."_s,
            { u"The URL must be https://<host>/services/oauth2/token."_s });
        if (!result.error.isEmpty())
            b.boost(
                u"host.not-token-endpoint"_s, kLikely, u"%1: %2 — %3."_s.arg(statusText, result.error, result.errorDescription));
        break;
    default:
        break;
    }
}

QString salesforceRow(const QString &error, const QString &description)
{
    QString text = description.toLower().simplified();
    text.replace(QChar(0x2019), u'\''); // a typographic apostrophe in "hasn’t"
    const QString e = error.toLower();
    if (text.contains(u"approved this consumer"_s) || text.contains(u"hasn't approved"_s) || text.contains(u"has not approved"_s))
        return u"E1"_s;
    if (text.contains(u"invalid assertion"_s))
        return u"E2"_s;
    if (text.contains(u"audience"_s))
        return u"E3"_s;
    if (text.contains(u"expired authorization code"_s))
        return u"E4"_s;
    if (e == u"invalid_client_id"_s || text.contains(u"client identifier invalid"_s))
        return u"E5"_s;
    if (e == u"app_not_found"_s || text.contains(u"external client app is not installed"_s))
        return u"E6"_s;
    if (e == u"invalid_app_access"_s || text.contains(u"not admin approved"_s))
        return u"E7"_s;
    if (text.contains(u"refresh_token scope is required"_s))
        return u"E8"_s;
    if (e == u"unsupported_grant_type"_s || text.contains(u"grant type not supported"_s))
        return u"E9"_s;
    if (text.contains(u"ip restricted"_s) || text.contains(u"login hours"_s))
        return u"E10"_s;
    if (e == u"inactive_user"_s || text.contains(u"inactive user"_s))
        return u"E11"_s;
    if (e == u"inactive_org"_s)
        return u"E12"_s;
    if (e == u"rate_limit_exceeded"_s)
        return u"E13"_s;
    if (text.contains(u"user is locked"_s) || text.contains(u"user is frozen"_s))
        return u"E14"_s;
    if (e == u"invalid_request"_s)
        return u"E15"_s;
    return {};
}

qint64 entraCode(const QString &description, const QList<qint64> &codes)
{
    if (!codes.isEmpty())
        return codes.constFirst();
    static const QRegularExpression aadsts(u"AADSTS(\\d+)"_s);
    const auto match = aadsts.match(description);
    return match.hasMatch() ? match.captured(1).toLongLong() : 0;
}

} // namespace

const Diagnosis::Cause *Diagnosis::cause(const QString &id) const
{
    for (const Cause &c : causes) {
        if (c.id == id)
            return &c;
    }
    return nullptr;
}

int Diagnosis::rankOf(const QString &id) const
{
    for (int i = 0; i < causes.size(); ++i) {
        if (causes.at(i).id == id)
            return i;
    }
    return -1;
}

Diagnosis Diagnosis::diagnoseError(const QString &error, const QString &description, const DiagnosisContext &context,
    const QList<qint64> &errorCodes, const HttpExchangeRecord *record)
{
    Diagnosis d;
    d.serverMessage = description.isEmpty() ? error : error + u": "_s + description;
    Builder b(d);
    const Facts f(context, record);
    if (const qint64 aadsts = entraCode(description, errorCodes); aadsts > 0) {
        d.code = u"AADSTS%1"_s.arg(aadsts);
        entraRow(b, d, f, aadsts);
        b.finish();
        return d;
    }
    static const QHash<QString, void (*)(Builder &, Diagnosis &, const Facts &)> rows {
        { u"E1"_s, e1NotApproved },
        { u"E2"_s, e2InvalidAssertion },
        { u"E3"_s, e3Audience },
        { u"E4"_s, e4Expired },
        { u"E5"_s, e5ClientId },
        { u"E6"_s, e6AppNotFound },
        { u"E7"_s, e7NotAdminApproved },
        { u"E8"_s, e8RefreshScope },
        { u"E9"_s, e9GrantType },
        { u"E10"_s, e10IpRestricted },
        { u"E11"_s, e11InactiveUser },
        { u"E12"_s, e12InactiveOrg },
        { u"E13"_s, e13RateLimit },
        { u"E14"_s, e14Locked },
        { u"E15"_s, e15MissingField },
    };
    d.code = salesforceRow(error, description);
    if (const auto row = rows.value(d.code)) {
        row(b, d, f);
    } else {
        d.code = u"oauth.unknown"_s;
        d.title = u"The server refused the request with an error this tool has no specific advice for"_s;
        b.add(u"oauth.unknown"_s, u"request"_s, u"The server said: %1"_s.arg(d.serverMessage),
            { u"Search the exact error_description; compare the request with a known-good client's (copy it as curl)."_s });
    }
    assertionProofs(b, d.code, f);
    b.finish();
    return d;
}

Diagnosis Diagnosis::diagnose(const ExchangeResult &result, const DiagnosisContext &context)
{
    Diagnosis d;
    const Facts f(context, &result.record);
    switch (result.outcome) {
    case ExchangeResult::Outcome::Token:
        d.code = u"ok"_s;
        d.title = u"The server issued an access token"_s;
        d.notes = result.token.warnings(result.mode == ExchangeResult::Mode::SalesforceJwtBearer);
        return d;
    case ExchangeResult::Outcome::OAuthError: {
        Diagnosis e = diagnoseError(result.error, result.errorDescription, context, result.errorCodes, &result.record);
        if (result.status() >= 500) {
            // A server error is not a verdict on the assertion: retry and the status page come first.
            e.causes.prepend(Cause { u"server.error"_s,
                u"The server failed while handling the request (HTTP %1): this is an error on its side, not a setting to fix."_s
                    .arg(result.status()),
                u"host"_s,
                { u"Retry in a minute (once, by hand)."_s,
                    u"Check https://status.salesforce.com for an incident on the org's instance."_s,
                    u"If it persists, note the time and the request and contact Salesforce Support."_s },
                u"HTTP %1 with a JSON error body: %2"_s.arg(result.status()).arg(e.serverMessage), kStrong * 3 });
            e.title = u"The server failed (HTTP %1) — retry before changing any setting"_s.arg(result.status());
            e.code = u"http.server-error"_s;
        }
        return e;
    }
    case ExchangeResult::Outcome::TransportError: {
        Builder b(d);
        d.code = u"transport."_s + HttpExchangeRecord::transportName(result.record.transport);
        d.serverMessage = result.record.transportMessage;
        transportRow(b, d, f, result.record);
        b.finish();
        return d;
    }
    default: {
        Builder b(d);
        d.serverMessage = result.summary();
        httpRow(b, d, f, result);
        b.finish();
        return d;
    }
    }
}

QString Diagnosis::text() const
{
    QString out = u"Diagnosis (%1): %2\n"_s.arg(code, title);
    if (!serverMessage.isEmpty())
        out += (code.startsWith(u"transport."_s) ? u"Network: %1\n"_s : u"Server said: %1\n"_s).arg(serverMessage);
    if (ambiguous)
        out += u"Ambiguous: %1\n"_s.arg(ambiguityNote);
    if (!causes.isEmpty())
        out += causes.size() > 1 ? u"Possible causes, most likely first:\n"_s : u"Cause:\n"_s;
    for (int i = 0; i < causes.size(); ++i) {
        const Cause &c = causes.at(i);
        out += u"  %1. [%2] %3\n"_s.arg(i + 1).arg(c.implicated, c.summary);
        if (!c.evidence.isEmpty())
            out += u"     Seen in this request: %1\n"_s.arg(c.evidence);
        for (const QString &fix : c.fixes)
            out += u"     [ ] %1\n"_s.arg(fix);
    }
    for (const QString &note : notes)
        out += u"Note: %1\n"_s.arg(note);
    return out;
}

QJsonObject Diagnosis::toJson() const
{
    QJsonArray list;
    for (const Cause &c : causes) {
        list.append(QJsonObject { { u"id"_s, c.id }, { u"summary"_s, c.summary }, { u"implicated"_s, c.implicated },
            { u"fixes"_s, QJsonArray::fromStringList(c.fixes) }, { u"evidence"_s, c.evidence } });
    }
    QJsonObject object { { u"code"_s, code }, { u"title"_s, title }, { u"serverMessage"_s, serverMessage },
        { u"ambiguous"_s, ambiguous }, { u"causes"_s, list }, { u"notes"_s, QJsonArray::fromStringList(notes) } };
    if (ambiguous)
        object.insert(u"ambiguityNote"_s, ambiguityNote);
    return object;
}

} // namespace jwtflow
