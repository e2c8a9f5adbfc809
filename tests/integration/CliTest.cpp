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
    const CliRun version = cli({QStringLiteral("--version")});
    EXPECT_EQ(version.exitCode, 0);
    EXPECT_TRUE(version.out.startsWith(QStringLiteral("jwtflow-cli " JWTFLOW_VERSION)));
    const CliRun help = cli({QStringLiteral("--help")});
    EXPECT_EQ(help.exitCode, 0);
    EXPECT_TRUE(help.out.contains(QStringLiteral("decode")));
}

TEST(Cli, DecodeReadsStandardInputAndPrintsJson)
{
    const CliRun r = cli({QStringLiteral("decode"), QStringLiteral("--json")}, "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbm4ifQ.\n");
    EXPECT_EQ(r.exitCode, 0) << r.err.toStdString();
    EXPECT_TRUE(r.out.contains(QStringLiteral("\"sub\": \"ann\""))) << r.out.toStdString();
}

TEST(Cli, DecodeOfGarbageExitsWithBadInput)
{
    const CliRun r = cli({QStringLiteral("decode"), QStringLiteral("not-a-token")});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_TRUE(r.err.contains(QStringLiteral("error:")));
}

TEST(Cli, UnknownCommandIsBadInput)
{
    EXPECT_EQ(cli({QStringLiteral("frobnicate")}).exitCode, 2);
    EXPECT_EQ(cli({}).exitCode, 2);
}
