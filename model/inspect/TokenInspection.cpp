#include "inspect/TokenInspection.h"

namespace jwtflow {

QString TokenInspection::Item::issuer() const
{
    return jwt ? jwt->claims().value(QStringLiteral("iss")).toString() : QString();
}

QString TokenInspection::Item::kindName() const
{
    return opaqueRefreshToken ? QStringLiteral("refresh_token") : TokenClassifier::kindName(classification.kind);
}

IdTokenVerifier::Profile TokenInspection::Item::profile() const
{
    return classification.kind == TokenClassifier::Kind::IdToken ? IdTokenVerifier::Profile::IdToken
                                                                 : IdTokenVerifier::Profile::AnyJwt;
}

QList<TokenInspection::Item> TokenInspection::inspect(const QString &input, const Clock &clock)
{
    QList<Item> items;
    for (const TokenFinder::Found &found : TokenFinder::find(input)) {
        Item item;
        item.found = found;
        item.classification = TokenClassifier::classify(found.token);
        if (item.classification.kind != TokenClassifier::Kind::NotAToken
            && item.classification.kind != TokenClassifier::Kind::SalesforceAccessToken) {
            if (auto jwt = Jwt::parse(found.token)) {
                item.jwt = jwt.value();
                item.header = ClaimDictionary::explainHeader(jwt->header());
                if (jwt->kind() != Jwt::Kind::Encrypted)
                    item.claims = ClaimDictionary::explain(jwt->claims(), clock);
            }
        } else if (item.classification.kind == TokenClassifier::Kind::NotAToken
            && found.label == QStringLiteral("refresh_token")) {
            // Refresh tokens are opaque by design: "not a JWT" is expected, not a problem.
            item.opaqueRefreshToken = true;
            item.classification.title = QStringLiteral("Refresh token (opaque)");
            item.classification.explanation
                = QStringLiteral("A long-lived credential the client trades at the token endpoint "
                                 "(grant_type=refresh_token) for new access tokens. It is not a JWT, so "
                                 "there is nothing inside to decode or verify.");
            item.classification.canDo = QStringLiteral("It cannot call APIs. Keep it secret like a password; revoke it at "
                                                       "/services/oauth2/revoke when it leaks.");
        }
        items.append(item);
    }
    return items;
}

QString TokenInspection::companionAccessToken(const QList<Item> &items)
{
    for (const Item &item : items) {
        if (item.found.label == QStringLiteral("access_token"))
            return item.found.token;
    }
    return {};
}

} // namespace jwtflow
