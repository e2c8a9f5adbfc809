#include "LintList.h"

#include "Icons.h"

#include "support/WaitFor.h"

#include <QEvent>
#include <gtest/gtest.h>

using namespace jwtflow;
using test::waitFor;

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

class PaintCounter : public QObject {
public:
    explicit PaintCounter(QWidget *widget) { widget->installEventFilter(this); }
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            ++count;
        return QObject::eventFilter(watched, event);
    }
    int count = 0;
};

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

TEST(LintList, AResizeLaysTheItemsOutBeforeThePaintNotAfterIt)
{
    // QListView defers the layout of wrapped items for 100 ms after a resize, and then paints
    // again; at start-up that second paint waited for the X server to take the first frame.
    // The list lays its items out in the resize: one paint per resize.
    LintList list;
    Lint wordy = lint(Lint::Severity::Error, QStringLiteral("aud.mismatch"), QStringLiteral("aud"));
    wordy.message
        = QStringLiteral("The audience is not a Salesforce login host, so the token endpoint will refuse the assertion");
    wordy.fix = QStringLiteral("use https://login.salesforce.com, https://test.salesforce.com or the My Domain URL");
    list.setLints({ wordy });
    list.resize(600, 200);
    list.show();
    waitFor([] { return false; }, 300);
    PaintCounter paints(list.viewport());
    list.resize(260, 200);
    waitFor([] { return false; }, 300);
    EXPECT_EQ(paints.count, 1);
}
