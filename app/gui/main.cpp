#include "FirstPaintProbe.h"
#include "MainWindow.h"
#include "core/ProcessHardening.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDirIterator>
#include <QIcon>

#include <cstring>

namespace {

// --version and --help print and exit before any window exists, so they must work where there is
// no display (a server, a packaging test): QApplication would abort without a platform, so they
// get the offscreen one unless the user chose a platform.
void allowInfoOptionsWithoutDisplay(int argc, char *argv[])
{
    if (!qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        return;
    for (int i = 1; i < argc && std::strcmp(argv[i], "--") != 0; ++i) {
        for (const char *option : { "-v", "--version", "-h", "-?", "--help", "--help-all" }) {
            if (std::strcmp(argv[i], option) == 0) {
                qputenv("QT_QPA_PLATFORM", "offscreen");
                return;
            }
        }
    }
}

// The application icon in every size compiled in (app/CMakeLists.txt), for title bars and task bars.
QIcon windowIcon()
{
    QIcon icon;
    QDirIterator it(QStringLiteral(":/icons"), { QStringLiteral("*.png") }, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        icon.addFile(it.next());
    return icon;
}

} // namespace

int main(int argc, char *argv[])
{
    const qint64 started = jwtflow::monotonicMs();
    jwtflow::ProcessHardening::refuseCoreDumps(); // before any key, passphrase or token is read
    allowInfoOptionsWithoutDisplay(argc, argv);
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("jwtflow"));
    QApplication::setApplicationDisplayName(QStringLiteral("jwtflow"));
    QApplication::setApplicationVersion(QStringLiteral(JWTFLOW_VERSION));
    QApplication::setOrganizationName(QStringLiteral("jwtflow"));
    QApplication::setDesktopFileName(QStringLiteral(JWTFLOW_APP_ID));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Debugger for the OAuth 2.0 JWT bearer flow (RFC 7523)."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({ QStringLiteral("no-practice-org"), QStringLiteral("Do not start the built-in practice org.") });
    // For start-up figures (README, "Figures"): not a user feature, so not in --help.
    QCommandLineOption exitAfterFirstPaint(QStringLiteral("exit-after-first-paint"),
        QStringLiteral("Print the time to the first paint and the memory in use, then exit."));
    exitAfterFirstPaint.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(exitAfterFirstPaint);
    parser.addPositionalArgument(QStringLiteral("token"), QStringLiteral("A JWT to open (optional)."), QStringLiteral("[token]"));
    parser.process(app);

    jwtflow::MainWindow::Options options;
    options.practiceOrg = !parser.isSet(QStringLiteral("no-practice-org"));
    options.deferUntilFirstPaint = true;
    jwtflow::MainWindow window(jwtflow::SystemClock::instance(), options);
    if (!parser.positionalArguments().isEmpty())
        window.openToken(parser.positionalArguments().constFirst());
    // Decoding seven PNGs and handing every size to the window system cost ~4 ms before the first
    // paint; the title bar and task bar show the icon a frame later instead (the desktop file and the
    // installed hicolor icons name it before the window exists anyway).
    QObject::connect(&window, &jwtflow::MainWindow::startupFinished, &app, [] { QApplication::setWindowIcon(windowIcon()); });
    if (parser.isSet(exitAfterFirstPaint))
        new jwtflow::FirstPaintProbe(&window, started);
    window.show();
    return QApplication::exec();
}
