// jwtflow-cli: the model without a window, for scripts, CI and benchmarks.
#include "CliCommands.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("jwtflow-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(JWTFLOW_VERSION));
    return jwtflow::cli::run(QCoreApplication::arguments());
}
