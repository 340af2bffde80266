// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// detour-sim: the simulated OpenRouter as a standalone server, for trying
// Detour (or any OpenRouter client) against scripted providers.
#include "SimServer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>

#ifdef Q_OS_UNIX
#    include <QSocketNotifier>
#    include <csignal>
#    include <sys/socket.h>
#    include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace {

#ifdef Q_OS_UNIX
int signalPipe[2] = { -1, -1 };

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(signalPipe[1], &byte, 1);
}

// SIGINT / SIGTERM quit the event loop (through a socket pair: a signal
// handler may only do async-signal-safe things).
bool quitOnSignals(QCoreApplication &app)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0)
        return false;
    auto *notifier = new QSocketNotifier(signalPipe[0], QSocketNotifier::Read, &app);
    QObject::connect(notifier, &QSocketNotifier::activated, &app, [notifier] {
        notifier->setEnabled(false);
        char byte = 0;
        [[maybe_unused]] const auto bytes = ::read(signalPipe[0], &byte, 1);
        QCoreApplication::quit();
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return ::sigaction(SIGINT, &action, nullptr) == 0
        && ::sigaction(SIGTERM, &action, nullptr) == 0;
}
#endif

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"detour-sim"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(DETOUR_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Detour's simulated OpenRouter: an HTTP server on 127.0.0.1 that speaks OpenRouter's "
        "API and routes over scripted providers."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption portOption(
        u"port"_s, u"Port to listen on (0: any free port)."_s, u"N"_s, u"0"_s);
    const QCommandLineOption scenarioOption(u"scenario"_s,
        u"Scenario JSON file, or the name of a built-in scenario (%1)."_s.arg(
            detour::SimServer::builtinScenarioNames().join(u", "_s)),
        u"FILE|NAME"_s, u"demo"_s);
    parser.addOption(portOption);
    parser.addOption(scenarioOption);
    parser.process(app);

    QTextStream err(stderr);
    bool portOk = false;
    const uint port = parser.value(portOption).toUInt(&portOk);
    if (!portOk || port > 65535) {
        err << "detour-sim: --port must be a number from 0 to 65535\n";
        return 1;
    }

    const QString scenarioName = parser.value(scenarioOption);
    QByteArray scenario;
    if (QFileInfo(scenarioName).isFile()) {
        QFile file(scenarioName);
        if (!file.open(QIODevice::ReadOnly)) {
            err << "detour-sim: cannot read " << scenarioName << ": " << file.errorString() << '\n';
            return 1;
        }
        scenario = file.readAll();
    } else {
        scenario = detour::SimServer::builtinScenario(scenarioName);
        if (scenario.isEmpty()) {
            err << "detour-sim: no scenario file or built-in scenario named \"" << scenarioName
                << "\" (built-in: " << detour::SimServer::builtinScenarioNames().join(u", "_s)
                << ")\n";
            return 1;
        }
    }

    detour::SimServer server;
    if (const detour::Result<> set = server.setScenario(scenario); !set) {
        err << "detour-sim: bad scenario " << scenarioName << ": " << set.error() << '\n';
        return 1;
    }
    if (!server.listen(quint16(port))) {
        err << "detour-sim: cannot listen on 127.0.0.1:" << port << '\n';
        return 1;
    }
#ifdef Q_OS_UNIX
    if (!quitOnSignals(app))
        err << "detour-sim: cannot install signal handlers\n";
#endif

    QTextStream out(stdout);
    out << "detour-sim listening on " << server.baseUrl().toString() << '\n';
    out.flush();
    return app.exec();
}
