#include "LintList.h"

#include "Icons.h"

#include <gtest/gtest.h>

using namespace jwtflow;

namespace {

Lint lint(Lint::Severity severity, const QString &code, const QString &field)
{
    Lint l;
    l.severity = severity;
    l.code = code;
    l.field = field;
    l.message = code + QStringLiteral(" message");
    l.fix = code + QStringLiteral(" fix");
    return l;
}

} // namespace

TEST(LintList, EachSeverityCarriesItsIconAndAnEmptyListSaysSo)
{
    LintList list;
    list.setLints({ lint(Lint::Severity::Error, QStringLiteral("aud.mismatch"), QStringLiteral("aud")),
        lint(Lint::Severity::Warning, QStringLiteral("exp.long"), QStringLiteral("exp")),
        lint(Lint::Severity::Info, QStringLiteral("jti.absent"), QStringLiteral("jti")) });
    ASSERT_EQ(list.count(), 3);
    EXPECT_EQ(list.errorCount(), 1);
    EXPECT_EQ(list.item(0)->icon().cacheKey(), Icons::icon(Icons::Role::Error).cacheKey());
    EXPECT_EQ(list.item(1)->icon().cacheKey(), Icons::icon(Icons::Role::Warning).cacheKey());
    EXPECT_EQ(list.item(2)->icon().cacheKey(), Icons::icon(Icons::Role::Information).cacheKey());
    EXPECT_EQ(list.item(0)->data(Qt::UserRole).toString(), QStringLiteral("aud"));

    list.setLints({});
    ASSERT_EQ(list.count(), 1);
    EXPECT_EQ(list.errorCount(), 0);
    EXPECT_EQ(list.item(0)->icon().cacheKey(), Icons::icon(Icons::Role::Ok).cacheKey());
    EXPECT_EQ(list.item(0)->text(), QStringLiteral("No problems found in the assertion."));
}
