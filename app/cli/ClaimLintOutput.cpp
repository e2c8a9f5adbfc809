#include "ClaimLintOutput.h"

#include "CliCommands.h"
#include "core/Clock.h"
#include "flow/ClaimsLinter.h"
#include "token/Jwt.h"

#include <QJsonObject>

namespace jwtflow::cli {

QList<Lint> assertionLints(const Jwt &jwt)
{
    if (jwt.kind() == Jwt::Kind::Encrypted || !ClaimsLinter::looksLikeAssertion(jwt.claims()))
        return {};
    return ClaimsLinter(SystemClock::instance()).lint(jwt, ClaimsLinter::contextForClaims(jwt.claims()));
}

QJsonArray lintsToJson(const QList<Lint> &lints)
{
    QJsonArray out;
    for (const Lint &lint : lints) {
        out.append(QJsonObject { { QStringLiteral("severity"), Lint::severityName(lint.severity) },
            { QStringLiteral("code"), lint.code }, { QStringLiteral("field"), lint.field },
            { QStringLiteral("message"), lint.message }, { QStringLiteral("fix"), lint.fix } });
    }
    return out;
}

void printLints(const QList<Lint> &lints)
{
    if (lints.isEmpty())
        return;
    out() << "Checks (as the Salesforce token endpoint will see them):\n";
    for (const Lint &lint : lints) {
        out() << "  " << Lint::severityName(lint.severity) << " [" << lint.field << "] " << lint.message << " (" << lint.code
              << ")\n";
        if (!lint.fix.isEmpty())
            out() << "    Fix: " << lint.fix << '\n';
    }
}

} // namespace jwtflow::cli
