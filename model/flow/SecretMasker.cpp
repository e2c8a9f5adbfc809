#include "flow/SecretMasker.h"

#include <QUrl>

#include <algorithm>

namespace jwtflow {

namespace {

// Shorter strings would match by accident all over a rendering.
constexpr qsizetype kMinimumSecretLength = 4;

QString sensitivePart(const QString &value)
{
    const QString trimmed = value.trimmed();
    // Checked first: Salesforce session ids contain dots too ("00D…!AR8AQ….39AsX.LVpx…").
    const qsizetype bang = trimmed.indexOf(QLatin1Char('!'));
    if (trimmed.startsWith(QLatin1String("00D")) && bang > 0)
        return trimmed.mid(bang + 1); // the org id before '!' is not secret and identifies the org
    const QStringList segments = trimmed.split(QLatin1Char('.'));
    if (segments.size() == 3 && segments.at(0).startsWith(QLatin1String("eyJ")))
        return segments.at(2); // a JWS: header and claims are the debugging payload, the signature the credential
    return trimmed;
}

// Each form a server may echo a secret in: as sent, percent-encoded (a form body, a URL),
// JSON-escaped ("\/"), and a base64url value in the standard alphabet (+ and /, RFC 4648 §4).
QStringList formsOf(const QString &secret)
{
    QStringList forms { secret };
    const auto add = [&forms](const QString &form) {
        if (!forms.contains(form))
            forms.append(form);
    };
    add(QString::fromLatin1(QUrl::toPercentEncoding(secret)));
    QString jsonEscaped = secret;
    add(jsonEscaped.replace(QLatin1String("/"), QLatin1String("\\/")));
    QString standard = secret;
    standard.replace(QLatin1Char('-'), QLatin1Char('+')).replace(QLatin1Char('_'), QLatin1Char('/'));
    add(standard);
    add(QString::fromLatin1(QUrl::toPercentEncoding(standard)));
    return forms;
}

// An echo cut short (error_description is often truncated) still leaks the start of a secret:
// any run of at least kMinimumEchoPrefix characters that begins the secret is masked too.
constexpr qsizetype kMinimumEchoPrefix = 16;

void maskPrefixes(QString &text, const QString &form)
{
    if (form.size() <= kMinimumEchoPrefix)
        return;
    const QStringView start = QStringView(form).left(kMinimumEchoPrefix);
    qsizetype from = 0;
    while ((from = text.indexOf(start, from)) >= 0) {
        qsizetype length = kMinimumEchoPrefix;
        while (from + length < text.size() && length < form.size() && text[from + length] == form[length])
            ++length;
        text.replace(from, length, SecretMasker::mask());
        from += SecretMasker::mask().size();
    }
}

} // namespace

void SecretMasker::addToken(const QString &value)
{
    addWhole(sensitivePart(value));
}

void SecretMasker::addWhole(const QString &value)
{
    if (value.size() < kMinimumSecretLength || m_secrets.contains(value))
        return;
    m_secrets.append(value);
    // Longest first, so a secret that contains another is replaced whole.
    std::stable_sort(m_secrets.begin(), m_secrets.end(), [](const QString &a, const QString &b) { return a.size() > b.size(); });
}

QString SecretMasker::apply(QString text) const
{
    for (const QString &secret : m_secrets) {
        for (const QString &form : formsOf(secret)) {
            text.replace(form, mask());
            maskPrefixes(text, form);
        }
    }
    return text;
}

QString SecretMasker::maskToken(const QString &value)
{
    SecretMasker masker;
    masker.addToken(value);
    return masker.isEmpty() && !value.isEmpty() ? mask() : masker.apply(value);
}

} // namespace jwtflow
