#include "MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("jwtflow"));
    QApplication::setApplicationDisplayName(QStringLiteral("jwtflow"));
    QApplication::setApplicationVersion(QStringLiteral(JWTFLOW_VERSION));
    QApplication::setOrganizationName(QStringLiteral("jwtflow"));
    QApplication::setDesktopFileName(QStringLiteral("io.github.jwtflow.JwtFlow"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Debugger for the OAuth 2.0 JWT bearer flow (RFC 7523)."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("token"), QStringLiteral("A JWT to open (optional)."), QStringLiteral("[token]"));
    parser.process(app);

    jwtflow::MainWindow window;
    if (!parser.positionalArguments().isEmpty())
        window.openToken(parser.positionalArguments().constFirst());
    window.show();
    return QApplication::exec();
}
