#pragma once

#include "route/Attempt.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <memory>

class QTextStream;

namespace detour {

class RouteEngine;
class SimServer;
class TurnRunner;

// `detour --ask TEXT [--route FILE] [--simulate [SCENARIO]] [--json]`: runs one
// turn, streams the reply to stdout and the trace to stderr (or, with --json,
// one JSON object per attempt and a final one for the turn on stdout).
class AskCommand final : public QObject {
    Q_OBJECT

public:
    struct Options {
        QString text;
        QString routeFile; // empty: the demo route on the built-in simulator
        bool simulate = false;
        QString scenario; // built-in name or file; empty: "demo"
        bool json = false;
    };
    enum ExitCode { Served = 0, UsageError = 1, AllFailed = 2, Interrupted = 3 };

    AskCommand(
        const Options &options, QTextStream &out, QTextStream &err, QObject *parent = nullptr);
    ~AskCommand() override;

    // Starts the turn; `done` follows. Returns false (having printed why) on a usage error.
    bool start();
    void cancel();

Q_SIGNALS:
    void done(int exitCode);

private:
    bool startSimulator();
    void printAttempt(const Attempt &attempt);
    void onSettled();

    Options m_options;
    QTextStream &m_out;
    QTextStream &m_err;
    std::unique_ptr<SimServer> m_simulator;
    std::unique_ptr<RouteEngine> m_engine;
    QPointer<TurnRunner> m_runner;
    TurnResult m_result;
};

} // namespace detour
