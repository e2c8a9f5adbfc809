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
        text.replace(secret, mask());
        const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(secret));
        if (encoded != secret)
            text.replace(encoded, mask());
        QString jsonEscaped = secret;
        jsonEscaped.replace(QLatin1String("/"), QLatin1String("\\/"));
        if (jsonEscaped != secret)
            text.replace(jsonEscaped, mask());
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
