#include "token/DateClaim.h"

#include "inspect/ClaimDictionary.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <gtest/gtest.h>

using jwtflow::ClaimDictionary;
using jwtflow::DateClaim;
using jwtflow::FixedClock;

namespace {

constexpr qint64 kNow = 1767225600; // 2026-01-01T00:00:00Z

QJsonValue jsonValue(const char *json)
{
    return QJsonDocument::fromJson(QByteArray("[") + json + "]").array().at(0);
}

struct Row {
    const char *claim;
    const char *json; // the value as the token writes it
    DateClaim::Rule rule;
    bool isDate; // read() answers
    const char *description; // how the description starts; "" when there is none
    const char *noteContains; // "" when no note is expected
};

// The one rule for date claims: registered time claims are judged, updated_at is read in both of
// its forms without a note, nothing else is a date.
const Row kRows[] = {
    { "exp", "1767236400", DateClaim::Rule::NumericDate, true, "2026-01-01T03:00:00Z (expires in 3 h)", "" },
    { "exp", "1767214800", DateClaim::Rule::NumericDate, true, "2025-12-31T21:00:00Z (expired 3 h ago)", "" },
    { "nbf", "1767225600", DateClaim::Rule::NumericDate, true, "2026-01-01T00:00:00Z (valid from now)", "" },
    { "iat", "1767225540", DateClaim::Rule::NumericDate, true, "2025-12-31T23:59:00Z (issued 1 min ago)", "" },
    { "auth_time", "1767218400", DateClaim::Rule::NumericDate, true, "2025-12-31T22:00:00Z (signed in 2 h ago)", "" },
    { "iat", "\"1767225540\"", DateClaim::Rule::NumericDate, true, "2025-12-31T23:59:00Z (issued 1 min ago)",
        "iat is a string, not a JSON number" },
    { "auth_time", "\"yesterday\"", DateClaim::Rule::NumericDate, true, "",
        "auth_time is the string \"yesterday\", which is not a number." },
    { "nbf", "1767225600.5", DateClaim::Rule::NumericDate, true, "2026-01-01T00:00:01Z (valid in 1 s)", "nbf has a fraction" },
    { "exp", "1767225600000", DateClaim::Rule::NumericDate, true, "57971-02-25T00:00:00Z (expires in 55945 years)",
        "looks like milliseconds" },
    { "updated_at", "\"2024-05-01T12:00:00Z\"", DateClaim::Rule::ProfileUpdatedAt, true,
        "2024-05-01T12:00:00Z (updated 1 year ago)", "" },
    { "updated_at", "\"2024-05-01T12:00:00.000+0000\"", DateClaim::Rule::ProfileUpdatedAt, true,
        "2024-05-01T12:00:00Z (updated 1 year ago)", "" },
    { "updated_at", "1714564800", DateClaim::Rule::ProfileUpdatedAt, true, "2024-05-01T12:00:00Z (updated 1 year ago)", "" },
    { "updated_at", "\"last spring\"", DateClaim::Rule::ProfileUpdatedAt, false, "", "" },
    { "expires_at", "1767236400", DateClaim::Rule::NotADate, false, "", "" },
    { "name", "\"2024-05-01T12:00:00Z\"", DateClaim::Rule::NotADate, false, "", "" },
    { "Exp", "1767236400", DateClaim::Rule::NotADate, false, "", "" },
};

} // namespace

TEST(DateClaim, Table)
{
    const FixedClock clock(kNow);
    for (const Row &row : kRows) {
        SCOPED_TRACE(std::string(row.claim) + " = " + row.json);
        const QString claim = QString::fromLatin1(row.claim);
        EXPECT_EQ(DateClaim::ruleFor(claim), row.rule);
        const auto reading = DateClaim::read(claim, jsonValue(row.json), clock);
        ASSERT_EQ(reading.has_value(), row.isDate);
        if (!reading)
            continue;
        // A value read as a date but too odd to describe (milliseconds) is matched by its start.
        const QString expected = QString::fromUtf8(row.description);
        if (expected.isEmpty()) {
            EXPECT_TRUE(reading->description.isEmpty()) << reading->description.toStdString();
        } else {
            EXPECT_TRUE(reading->description.startsWith(expected)) << reading->description.toStdString();
        }
        if (QByteArray(row.noteContains).isEmpty()) {
            EXPECT_TRUE(reading->notes.isEmpty()) << reading->notes.join(u'|').toStdString();
        } else {
            EXPECT_TRUE(reading->notes.join(u'|').contains(QString::fromLatin1(row.noteContains)))
                << reading->notes.join(u'|').toStdString();
        }
    }
}

TEST(DateClaim, SalesforceUpdatedAtStringGetsNoNumberNote)
{
    // A real Salesforce id_token writes updated_at as a date-time string; the inspector once
    // called it "exp is the string …, which is not a number".
    const QJsonObject claims = QJsonDocument::fromJson(
        R"({"sub":"https://login.salesforce.com/id/00D/005","updated_at":"2024-05-01T12:00:00Z","exp":1767236400})")
                                   .object();
    const FixedClock clock(kNow);
    for (const ClaimDictionary::Explained &e : ClaimDictionary::explain(claims, clock)) {
        for (const QString &note : e.notes)
            EXPECT_FALSE(note.contains(QStringLiteral("not a number"))) << e.name.toStdString() << ": " << note.toStdString();
        if (e.name == QStringLiteral("updated_at")) {
            EXPECT_EQ(e.value, QStringLiteral("2024-05-01T12:00:00Z — 2024-05-01T12:00:00Z (updated 1 year ago)"));
        }
    }
}

TEST(DateClaim, HoverTextNamesUtcLocalAndRelative)
{
    const FixedClock clock(kNow);
    const QString text = DateClaim::hoverText(QStringLiteral("exp"), QJsonValue(1767214800), clock);
    EXPECT_TRUE(text.startsWith(QStringLiteral("exp: expired 3 h ago\nUTC: 2025-12-31T21:00:00Z\nLocal: ")))
        << text.toStdString();
    EXPECT_TRUE(DateClaim::hoverText(QStringLiteral("sub"), QJsonValue(1767214800), clock).isEmpty());
    EXPECT_TRUE(DateClaim::hoverText(QStringLiteral("exp"), QJsonValue(QStringLiteral("soon")), clock).isEmpty());
}

TEST(DateClaim, HoverTextAtTheMemberUnderTheMouse)
{
    const FixedClock clock(kNow);
    const QString line
        = QStringLiteral(R"(  "sub": "ann", "exp": 1767214800, "updated_at": "2024-05-01T12:00:00Z", "jti": "1767214800")");
    const qsizetype exp = line.indexOf(QStringLiteral("1767214800"));
    EXPECT_TRUE(
        DateClaim::hoverTextAt(line, static_cast<int>(exp) + 3, clock).startsWith(QStringLiteral("exp: expired 3 h ago")));
    EXPECT_TRUE(DateClaim::hoverTextAt(line, static_cast<int>(line.indexOf(QStringLiteral("\"exp\""))), clock)
            .startsWith(QStringLiteral("exp: ")))
        << "over the name too";
    EXPECT_TRUE(DateClaim::hoverTextAt(line, static_cast<int>(line.indexOf(QStringLiteral("2024"))), clock)
            .startsWith(QStringLiteral("updated_at: updated 1 year ago")));
    EXPECT_TRUE(DateClaim::hoverTextAt(line, static_cast<int>(line.lastIndexOf(QStringLiteral("1767214800"))), clock).isEmpty())
        << "jti is no date";
    EXPECT_TRUE(DateClaim::hoverTextAt(line, 4, clock).isEmpty()) << "sub";
}
