#include "practice/JwtAccessTokenMinter.h"

#include "crypto/Signer.h"
#include "practice/OrderedJson.h"
#include "practice/SessionStore.h"

namespace jwtflow {

QString JwtAccessTokenMinter::tenantKey(const OrgDirectory &directory)
{
    const QString instance
        = directory.org.instanceName.isEmpty() ? QStringLiteral("practice") : directory.org.instanceName.toLower();
    return QStringLiteral("core/%1/%2").arg(instance, directory.org.id);
}

Result<QString> JwtAccessTokenMinter::mint(const OrgDirectory &directory, const Grant &grant) const
{
    if (m_key.isNull())
        return makeError(QStringLiteral("practice.access-token.no-key"), QStringLiteral("The practice org has no signing key."));

    const QByteArray header = OrderedJson()
                                  .add(u"tnk", tenantKey(directory))
                                  .add(u"ver", "1.0")
                                  .add(u"kid", m_kid)
                                  .add(u"tty", "sfdc-core-token")
                                  .add(u"typ", "JWT")
                                  .add(u"alg", "RS256")
                                  .toJson();
    // aud is an array, as in Salesforce's tokens; RFC 9068 §3 lets it name the resource (the org).
    // jti makes every token unique, so the org can tell each one apart (and a copy is the same token).
    const QByteArray claims = OrderedJson()
                                  .add(u"scp", grant.scopes.join(QLatin1Char(' ')))
                                  .addRaw(u"aud", OrderedJson::array({ OrderedJson::quote(grant.issuer) }))
                                  .add(u"sub", QStringLiteral("uid:") + grant.userId)
                                  .add(u"nbf", grant.issuedAt)
                                  .add(u"iss", grant.issuer)
                                  .add(u"exp", grant.expiresAt)
                                  .add(u"iat", grant.issuedAt)
                                  .add(u"client_id", grant.consumerKey)
                                  .add(u"jti", QString::fromLatin1(SessionStore::randomToken(24)))
                                  .toJson();
    return Signer::signedToken(header, claims, m_key);
}

} // namespace jwtflow
