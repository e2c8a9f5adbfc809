// jwtflow-cli: the model without a window, for scripts, CI and benchmarks.
#include "CliCommands.h"
#include "core/ProcessHardening.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    jwtflow::ProcessHardening::refuseCoreDumps(); // before any key, passphrase or token is read
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("jwtflow-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(JWTFLOW_VERSION));
    return jwtflow::cli::run(QCoreApplication::arguments());
}
