#include "inspect/HeaderKeys.h"

#include "crypto/Certificate.h"
#include "crypto/Jwk.h"
#include "token/Jwt.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QUrl>

namespace jwtflow {

namespace {

QString compareKeys(const PublicKey &embedded, const PublicKey &trusted, const QString &what)
{
    if (trusted.isNull() || embedded.isNull())
        return {};
    if (embedded == trusted)
        return QStringLiteral("It is the same key as the one you trust, so here it adds nothing: the trusted key is what "
                              "counts.");
    return QStringLiteral("It is NOT the key you trust: a token verified only with %1 would be a forgery as far as the "
                          "issuer's keys are concerned.")
        .arg(what);
}

HeaderKeys::Statement describeJwk(const QJsonValue &value, const PublicKey &trusted)
{
    HeaderKeys::Statement s;
    s.member = QStringLiteral("jwk");
    s.wouldProve = QStringLiteral("that the token was signed with the private half of this embedded key and not changed since");
    s.wouldNotProve = QStringLiteral("who signed it: anyone can make a key pair, put its public half in the header and sign any "
                                     "claims. Only a key you got from the issuer itself (its jwks_uri, a certificate you hold) "
                                     "shows the issuer signed it");
    if (!value.isObject()) {
        s.summary = QStringLiteral("The header carries a \"jwk\" that is not a JSON object.");
        return s;
    }
    const auto key = Jwk::publicKey(value.toObject(), QStringLiteral("the token's jwk header"));
    if (!key) {
        s.summary = QStringLiteral("The header carries a key (\"jwk\") that cannot be read: %1").arg(key.error().message);
        return s;
    }
    s.summary = QStringLiteral("The header carries its own %1 key (\"jwk\", RFC 7638 thumbprint %2).")
                    .arg(key->kindText(), Jwk::thumbprint(key.value()));
    s.comparison = compareKeys(key.value(), trusted, QStringLiteral("the embedded jwk"));
    return s;
}

HeaderKeys::Statement describeX5c(const QJsonValue &value, const PublicKey &trusted)
{
    HeaderKeys::Statement s;
    s.member = QStringLiteral("x5c");
    s.wouldProve = QStringLiteral("that the holder of this certificate's private key signed the token");
    s.wouldNotProve = QStringLiteral("that the certificate belongs to the issuer: a self-signed or forged certificate fits in "
                                     "x5c just as well. It means something only after its chain is validated to a root you trust "
                                     "and its subject is bound to the issuer; jwtflow does neither");
    const QJsonArray chain = value.toArray();
    if (!value.isArray() || chain.isEmpty() || !chain.first().isString()) {
        s.summary = QStringLiteral("The header carries an \"x5c\" that is not an array of base64 certificates.");
        return s;
    }
    // x5c is standard base64 (RFC 7515 §4.1.6), not base64url.
    const QByteArray der = QByteArray::fromBase64(chain.first().toString().toLatin1());
    const auto certificate = Certificate::fromDer(der, QStringLiteral("the token's x5c header"));
    if (!certificate) {
        s.summary
            = QStringLiteral("The header carries a certificate chain (\"x5c\", %1 entries) whose first certificate cannot be "
                             "read: %2")
                  .arg(chain.size())
                  .arg(certificate.error().message);
        return s;
    }
    s.summary = QStringLiteral("The header carries a certificate chain (\"x5c\", %1 %2): subject %3, issued by %4%5.")
                    .arg(chain.size())
                    .arg(chain.size() == 1 ? QStringLiteral("certificate") : QStringLiteral("certificates"))
                    .arg(certificate->subject(), certificate->issuer(),
                        certificate->isSelfIssued() ? QStringLiteral(" (self-issued)") : QString());
    s.comparison = compareKeys(certificate->publicKey(), trusted, QStringLiteral("the x5c certificate"));
    return s;
}

HeaderKeys::Statement describeUrl(const QString &member, const QJsonValue &value, const QString &trustedSource)
{
    HeaderKeys::Statement s;
    s.member = member;
    const bool keys = member == QStringLiteral("jku");
    s.wouldProve = QStringLiteral("nothing by itself: it is a URL the token names for its own %1")
                       .arg(keys ? QStringLiteral("keys") : QStringLiteral("certificate"));
    s.wouldNotProve = QStringLiteral("that what is there belongs to the issuer: a forged token points %1 at the forger's %2. "
                                     "jwtflow never fetches it (it could also reach hosts inside your network); take the keys "
                                     "from the issuer's discovery document instead")
                          .arg(member, keys ? QStringLiteral("keys") : QStringLiteral("certificate"));
    const QString url = value.toString();
    if (!value.isString() || url.isEmpty()) {
        s.summary = QStringLiteral("The header carries a \"%1\" that is not a URL string.").arg(member);
        return s;
    }
    s.summary = QStringLiteral("The header names a %1 URL (\"%2\"): %3.")
                    .arg(keys ? QStringLiteral("JWK Set") : QStringLiteral("certificate"), member, url);
    if (!trustedSource.isEmpty()) {
        const QUrl a(url);
        const QUrl b(trustedSource);
        if (a == b)
            s.comparison = QStringLiteral("It is the very URL the trusted keys came from, so here it adds nothing.");
        else if (b.isValid() && !b.scheme().isEmpty() && a.host().compare(b.host(), Qt::CaseInsensitive) != 0)
            s.comparison
                = QStringLiteral("It points at another host (%1) than the trusted keys came from (%2).").arg(a.host(), b.host());
    }
    return s;
}

} // namespace

QString HeaderKeys::Statement::text() const
{
    QString text = summary
        + QStringLiteral(" Not used to verify. Verifying against it would prove %1; it would not prove %2.")
              .arg(wouldProve, wouldNotProve);
    if (!comparison.isEmpty())
        text += QLatin1Char(' ') + comparison;
    return text;
}

const QStringList &HeaderKeys::members()
{
    static const QStringList list { QStringLiteral("jwk"), QStringLiteral("x5c"), QStringLiteral("jku"), QStringLiteral("x5u") };
    return list;
}

QList<HeaderKeys::Statement> HeaderKeys::describe(const Jwt &jwt, const PublicKey &trusted, const QString &trustedSource)
{
    QList<Statement> list;
    const QJsonObject header = jwt.header();
    for (const QString &member : members()) {
        if (!header.contains(member))
            continue;
        const QJsonValue value = header.value(member);
        if (member == QStringLiteral("jwk"))
            list.append(describeJwk(value, trusted));
        else if (member == QStringLiteral("x5c"))
            list.append(describeX5c(value, trusted));
        else
            list.append(describeUrl(member, value, trustedSource));
    }
    return list;
}

} // namespace jwtflow
