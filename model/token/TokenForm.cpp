#include "token/TokenForm.h"

namespace jwtflow {

TokenForm TokenForm::of(const Jwt &jwt)
{
    TokenForm form;
    if (jwt.kind() == Jwt::Kind::Encrypted) {
        form.kind = Kind::Jwe;
        form.code = QStringLiteral("jwe");
        form.title = QStringLiteral("encrypted (JWE)");
        if (jwt.isNested())
            form.notes << QStringLiteral("Its cty is JWT: a nested token is inside the encryption, unreadable without the key.");
        return form;
    }
    if (jwt.alg() == QLatin1String("none")) {
        form.kind = Kind::Unsecured;
        form.code = QStringLiteral("unsecured");
        form.title = QStringLiteral("unsecured (alg none: not signed)");
        if (!jwt.signature().isEmpty())
            form.notes << QStringLiteral(
                "It carries a signature although alg is none; RFC 7518 §3.6 wants it empty, and it proves nothing.");
        return form;
    }
    if (jwt.isNested()) {
        form.kind = Kind::Nested;
        form.code = QStringLiteral("nested-jwt");
        form.title = QStringLiteral("nested JWT (a signed JWS whose payload is another JWT)");
        form.notes << QStringLiteral(
            "The outer %1 signature covers the inner token; the inner token is checked on its own as well (RFC 8725 §3.3).")
                          .arg(jwt.alg());
        const auto inner = Jwt::parse(QString::fromLatin1(jwt.payloadJson()));
        if (!inner) {
            form.notes << QStringLiteral("The inner token cannot be read: %1").arg(inner.error().message);
        } else {
            form.inner = std::make_shared<const Jwt>(inner.value());
            const TokenForm innerForm = of(inner.value());
            form.innerUnsigned = innerForm.kind == Kind::Unsecured || inner->signature().isEmpty();
            if (form.innerUnsigned)
                form.notes << QStringLiteral("The inner token is unsigned (%1): only the outer signature vouches for its claims.")
                                  .arg(innerForm.kind == Kind::Unsecured ? QStringLiteral("alg none")
                                                                         : QStringLiteral("no signature"));
            else
                form.notes << QStringLiteral("The inner token is %1, alg %2.").arg(innerForm.title, inner->alg());
        }
        if (jwt.signature().isEmpty())
            form.notes << QStringLiteral("The outer token has no signature although its alg is %1.").arg(jwt.alg());
        return form;
    }
    form.kind = Kind::Jws;
    form.code = QStringLiteral("jws");
    form.title = QStringLiteral("signed (JWS)");
    if (jwt.signature().isEmpty()) {
        form.title = QStringLiteral("signed (JWS) without its signature");
        form.notes << QStringLiteral(
            "alg is %1 but the signature part is empty: it was stripped, and no verifier accepts the token.")
                          .arg(jwt.alg().isEmpty() ? QStringLiteral("missing") : jwt.alg());
    }
    return form;
}

} // namespace jwtflow
