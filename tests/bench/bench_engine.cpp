// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// Benchmark 6: engine overhead per streamed token.
//
// Runs bench_engine_driver (one turn streamed from the simulator through
// RouteEngine, the protocol parsers and the conversation store) under
// `valgrind --tool=callgrind` with two reply lengths and divides the difference
// in instructions by the difference in tokens: start-up and per-turn costs
// cancel out, and instruction counts do not change with the load of a shared
// machine. Each thread is counted apart: the main thread is where Detour's own
// work happens (protocol, engine, store); Qt's network thread reads the
// socket; the simulator's thread is not counted. The driver also runs once
// natively, for the CPU time per token beside the instructions.

#include "BenchRows.h"

#include <QCoreApplication>
#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace detour;
using namespace Qt::StringLiterals;

namespace {

// Tokens arrive one per read at 50 tokens/s, as from a real model, even with
// the client slowed down ~50x by callgrind.
constexpr int tokensPerSecond = 50;
constexpr int fewTokens = 200;
constexpr int manyTokens = 600;
// See README "Performance": Debug builds need ~5x the instructions of release ones.
constexpr double instructionTarget = 500'000;

struct Run {
    bool ok = false;
    qint64 cpuNs = 0;
    qint64 wallNs = 0;
    qint64 mainInstructions = 0;
    qint64 networkInstructions = 0; // Qt's own threads, the simulator's excluded
};

bool runDriver(QProcess &process, const QString &program, const QStringList &arguments)
{
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.start(program, arguments);
    return process.waitForFinished(600'000) && process.exitStatus() == QProcess::NormalExit
        && process.exitCode() == 0;
}

Run parseDriverLine(const QByteArray &output)
{
    static const QRegularExpression line(u"tokens (\\d+) cpu_ns (\\d+) wall_ns (\\d+) served 1"_s);
    const QRegularExpressionMatch match = line.match(QString::fromLatin1(output));
    Run run;
    run.ok = match.hasMatch();
    run.cpuNs = match.captured(2).toLongLong();
    run.wallNs = match.captured(3).toLongLong();
    return run;
}

// Callgrind's per-thread outputs: <file>-01 is the main thread.
bool readThreads(const QString &directory, Run &run)
{
    static const QRegularExpression totals(
        u"^(?:summary|totals): (\\d+)"_s, QRegularExpression::MultilineOption);
    const QStringList files = QDir(directory).entryList({ u"callgrind.out.*"_s }, QDir::Files);
    for (const QString &name : files) {
        QFile file(QDir(directory).filePath(name));
        if (!file.open(QIODevice::ReadOnly))
            return false;
        const QString text = QString::fromUtf8(file.readAll());
        const qint64 instructions = totals.match(text).captured(1).toLongLong();
        if (name.endsWith(u"-01"_s))
            run.mainInstructions = instructions;
        else if (!text.contains(u"detour::SimServer"_s)
            && !text.contains(u"detour::SimConnection"_s))
            run.networkInstructions += instructions;
    }
    return run.mainInstructions > 0;
}

Run underCallgrind(const QString &valgrind, const QString &driver, int tokens)
{
    QTemporaryDir directory;
    QProcess process;
    const bool finished = runDriver(process, valgrind,
        { u"-q"_s, u"--tool=callgrind"_s, u"--separate-threads=yes"_s,
            u"--callgrind-out-file=%1/callgrind.out.%p"_s.arg(directory.path()), driver,
            QString::number(tokens), QString::number(tokensPerSecond) });
    Run run = parseDriverLine(process.readAllStandardOutput());
    run.ok = finished && run.ok && readThreads(directory.path(), run);
    return run;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    BenchRows rows(u"engine"_s);
    if (argc < 2) {
        BenchRows::note(u"usage: bench_engine PATH_TO_bench_engine_driver"_s);
        return 2;
    }
    const QString driver = QString::fromLocal8Bit(argv[1]);

    QProcess native;
    const bool nativeOk = runDriver(
        native, driver, { QString::number(manyTokens), QString::number(tokensPerSecond) });
    const Run timed = parseDriverLine(native.readAllStandardOutput());
    if (!nativeOk || !timed.ok) {
        BenchRows::note(u"the driver failed to stream its turn"_s);
        return 1;
    }
    BenchRows::note(
        u"%1 tokens at %2 tokens/s, simulator → RouteEngine → store, in %3 s"_s.arg(manyTokens)
            .arg(tokensPerSecond)
            .arg(double(timed.wallNs) / 1e9, 0, 'f', 1));
    rows.add(u"main-thread CPU per token (native run)"_s, double(timed.cpuNs) / 1e3 / manyTokens,
        u"µs"_s);

    const QString valgrind = QStandardPaths::findExecutable(u"valgrind"_s);
    if (valgrind.isEmpty()) {
        BenchRows::note(u"valgrind is not installed (`make deps` installs it)"_s);
        return 1;
    }
    const Run few = underCallgrind(valgrind, driver, fewTokens);
    const Run many = underCallgrind(valgrind, driver, manyTokens);
    if (!few.ok || !many.ok) {
        BenchRows::note(u"the driver failed under callgrind"_s);
        return 1;
    }
    const double tokens = manyTokens - fewTokens;
    const double perToken = double(many.mainInstructions - few.mainInstructions) / tokens;
    const double networkPerToken =
        double(many.networkInstructions - few.networkInstructions) / tokens;
    BenchRows::note(
        u"main thread: %1 instructions for %2 tokens, %3 for %4 tokens"_s.arg(few.mainInstructions)
            .arg(fewTokens)
            .arg(many.mainInstructions)
            .arg(manyTokens));
    rows.add(u"instructions per token, protocol + engine + store (main thread)"_s, perToken,
        u"instructions"_s, u"< %1"_s.arg(instructionTarget, 0, 'f', 0),
        perToken < instructionTarget);
    rows.add(u"instructions per token, Qt network thread"_s, networkPerToken, u"instructions"_s);
    return rows.exitCode();
}
