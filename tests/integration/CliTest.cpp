#include <QProcess>

#include "support/CliProcess.h"

#include <gtest/gtest.h>

namespace {

using CliRun = testsupport::ProcessRun;

CliRun cli(const QStringList &arguments, const QByteArray &input = {})
{
    return testsupport::runCli(arguments, input);
}

} // namespace

TEST(Cli, VersionAndHelp)
{
    const CliRun version = cli({ QStringLiteral("--version") });
    EXPECT_EQ(version.exitCode, 0);
    EXPECT_TRUE(version.out.startsWith(QStringLiteral("jwtflow-cli " JWTFLOW_VERSION)));
    const CliRun help = cli({ QStringLiteral("--help") });
    EXPECT_EQ(help.exitCode, 0);
    EXPECT_TRUE(help.out.contains(QStringLiteral("decode")));
}

TEST(Cli, DecodeReadsStandardInputAndPrintsJson)
{
    const CliRun r
        = cli({ QStringLiteral("decode"), QStringLiteral("--json") }, "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbm4ifQ.\n");
    EXPECT_EQ(r.exitCode, 0) << r.err.toStdString();
    EXPECT_TRUE(r.out.contains(QStringLiteral("\"sub\": \"ann\""))) << r.out.toStdString();
}

TEST(Cli, DecodeAndVerifyReportTheWindowsClaimChecks)
{
    // iss, sub and aud, no exp: the lint the window shows, in text and in --json.
    const QByteArray noExp
        = "eyJhbGciOiJub25lIn0."
          "eyJpc3MiOiIzTVZHOUV4YW1wbGUuS2V5Iiwic3ViIjoiYW5uQGFjbWUuY29tIiwiYXVkIjoiaHR0cHM6Ly9sb2dpbi5zYWxlc2ZvcmNlLmNvbSJ9.";
    const CliRun text = cli({ QStringLiteral("decode") }, noExp);
    EXPECT_EQ(text.exitCode, 0) << text.err.toStdString();
    EXPECT_TRUE(text.out.contains(QStringLiteral("Checks"))) << text.out.toStdString();
    EXPECT_TRUE(text.out.contains(QStringLiteral("error [exp] The exp claim is missing."))) << text.out.toStdString();
    const CliRun json = cli({ QStringLiteral("decode"), QStringLiteral("--json") }, noExp);
    EXPECT_TRUE(json.out.contains(QStringLiteral("\"lints\""))) << json.out.toStdString();
    EXPECT_TRUE(json.out.contains(QStringLiteral("\"code\": \"claim.missing\""))) << json.out.toStdString();
    // exp in milliseconds is named too.
    const CliRun ms = cli({ QStringLiteral("decode"), QStringLiteral("--json") },
        "eyJhbGciOiJub25lIn0."
        "eyJpc3MiOiIzTVZHOUV4YW1wbGUuS2V5Iiwic3ViIjoiYW5uQGFjbWUuY29tIiwiYXVkIjoiaHR0cHM6Ly9sb2dpbi5zYWxlc2ZvcmNlLmNvbSIsImV4cCI6"
        "MTcwMDAwMDAwMDMwMH0.");
    EXPECT_TRUE(ms.out.contains(QStringLiteral("millisecond"))) << ms.out.toStdString();
    // verify prints the same checks after the signature's verdict.
    const CliRun verify
        = cli({ QStringLiteral("verify"), QStringLiteral("--secret"), QStringLiteral("s"), QStringLiteral("--json") }, noExp);
    EXPECT_TRUE(verify.out.contains(QStringLiteral("\"code\": \"claim.missing\""))) << verify.out.toStdString();
}

TEST(Cli, DecodeOfGarbageExitsWithBadInput)
{
    const CliRun r = cli({ QStringLiteral("decode"), QStringLiteral("not-a-token") });
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(r.err.contains(QStringLiteral("error:")));
}

TEST(Cli, UnknownCommandIsBadInput)
{
    EXPECT_EQ(cli({ QStringLiteral("frobnicate") }).exitCode, 2);
    EXPECT_EQ(cli({}).exitCode, 2);
}
