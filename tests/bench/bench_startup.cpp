// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// Benchmark 5: start-up and memory.
//
// 1. From exec of the real `detour` binary to its first painted window
//    (DETOUR_REPORT_FIRST_PAINT makes it print the moment; see
//    ui/FirstPaintReporter.h), best of five launches on an empty database, and
//    its resident memory (VmRSS) once idle.
// 2. A 5,000-message conversation written through the real store API, opened
//    in the real MainWindow in this process (the window offers no way to open a
//    conversation from the command line): time to the chat pane's first paint
//    and resident memory once idle. (bench_scroll scrolls through it.)
//
// Everything runs on the offscreen platform: it needs no display server, so
// `make bench` works on a headless CI machine and several runs can go in
// parallel; it paints into an image like a real window does, and leaves out
// only the X server's own round trips, which are not Detour's.

#include "BenchRows.h"
#include "ChatView.h"
#include "ChatViewDriver.h"
#include "CpuClock.h"
#include "LongConversation.h"
#include "MainWindow.h"
#include "store/ConversationStore.h"
#include "store/Database.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>

using namespace detour;
using namespace Qt::StringLiterals;

namespace {

constexpr double firstPaintTargetMs = 300;
constexpr double idleRssTargetMb = 80;
constexpr double openTargetMs = 300;
constexpr int launches = 5;
constexpr int messageCount = 5000;
constexpr int idleMs = 2000;

double residentMb(qint64 pid)
{
    QFile status(u"/proc/%1/status"_s.arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    static const QRegularExpression rss(u"VmRSS:\\s+(\\d+) kB"_s);
    const QRegularExpressionMatch match = rss.match(QString::fromLatin1(status.readAll()));
    return match.hasMatch() ? match.captured(1).toDouble() / 1024 : -1;
}

struct Launch {
    double firstPaintMs = -1;
    double cpuMs = -1;
    double idleRssMb = -1;
};

// Starts detour, waits for its first paint, optionally for it to idle, then ends it.
Launch launch(const QString &binary, const QString &database, const QString &home, bool idle)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    environment.insert(u"DETOUR_REPORT_FIRST_PAINT"_s, u"1"_s);
    environment.remove(u"OPENROUTER_API_KEY"_s); // the built-in simulator: nothing leaves
    for (const char *variable : { "HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME" })
        environment.insert(QString::fromLatin1(variable), home);
    environment.insert(u"XDG_RUNTIME_DIR"_s, home); // created 0700 by the caller
    QProcess detour;
    detour.setProcessEnvironment(environment);
    detour.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    Launch result;
    const long long started = cpuclock::monotonicNs();
    detour.start(binary, { u"--db"_s, database });
    QByteArray output;
    while (!output.contains('\n') && detour.waitForReadyRead(30000))
        output += detour.readAllStandardOutput();
    static const QRegularExpression line(u"first-paint (\\d+) (\\d+)"_s);
    const QRegularExpressionMatch match = line.match(QString::fromLatin1(output));
    if (match.hasMatch()) {
        result.firstPaintMs = double(match.captured(1).toLongLong() - started) / 1e6;
        result.cpuMs = match.captured(2).toDouble() / 1e6;
        if (idle) {
            QTest::qWait(idleMs);
            result.idleRssMb = residentMb(detour.processId());
        }
    }
    detour.terminate();
    if (!detour.waitForFinished(10000)) {
        detour.kill();
        detour.waitForFinished();
    }
    return result;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    BenchRows rows(u"startup"_s);
    if (argc < 2) {
        BenchRows::note(u"usage: bench_startup PATH_TO_DETOUR"_s);
        return 2;
    }
    const QString binary = QString::fromLocal8Bit(argv[1]);
    QTemporaryDir temp;
    QDir().mkpath(temp.filePath(u"home"_s));
    QFile::setPermissions(
        temp.filePath(u"home"_s), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);

    // 1. The real binary, an empty database.
    QList<Launch> runs;
    for (int run = 0; run < launches; ++run)
        runs << launch(binary, temp.filePath(u"empty.sqlite3"_s), temp.filePath(u"home"_s),
            run == launches - 1);
    if (std::any_of(runs.begin(), runs.end(), [](const Launch &l) { return l.firstPaintMs < 0; })) {
        BenchRows::note(u"detour did not report its first paint"_s);
        return 1;
    }
    std::sort(runs.begin(), runs.end(),
        [](const Launch &a, const Launch &b) { return a.firstPaintMs < b.firstPaintMs; });
    BenchRows::note(
        u"first paint over %1 launches: best %2 ms, median %3 ms, worst %4 ms"_s.arg(launches)
            .arg(runs.first().firstPaintMs, 0, 'f', 1)
            .arg(runs[launches / 2].firstPaintMs, 0, 'f', 1)
            .arg(runs.last().firstPaintMs, 0, 'f', 1));
    rows.add(u"exec to first painted window (best of %1)"_s.arg(launches),
        runs.first().firstPaintMs, u"ms"_s, u"< %1 ms"_s.arg(firstPaintTargetMs),
        runs.first().firstPaintMs < firstPaintTargetMs);
    rows.add(u"CPU time until first paint (all threads)"_s, runs.first().cpuMs, u"ms"_s);
    const auto idle =
        std::find_if(runs.begin(), runs.end(), [](const Launch &l) { return l.idleRssMb >= 0; });
    const double emptyRss = idle == runs.end() ? -1 : idle->idleRssMb;
    rows.add(u"idle resident memory, empty conversation"_s, emptyRss, u"MB"_s,
        u"< %1 MB"_s.arg(idleRssTargetMb), emptyRss > 0 && emptyRss < idleRssTargetMb);

    // 2. A 5,000-message conversation in the real window, in this process.
    const QString path = temp.filePath(u"long.sqlite3"_s);
    qint64 longId = 0;
    qint64 shortId = 0;
    {
        Database database;
        if (const Result<> opened = database.open(path); !opened) {
            BenchRows::note(u"cannot create %1: %2"_s.arg(path, opened.error()));
            return 1;
        }
        ConversationStore store(database);
        QElapsedTimer writing;
        writing.start();
        const auto longConversation = sample::writeConversation(store, messageCount);
        const auto shortConversation = sample::writeConversation(store, 2);
        if (!longConversation || !shortConversation) {
            BenchRows::note(u"cannot write the conversation: %1"_s.arg(
                longConversation ? shortConversation.error() : longConversation.error()));
            return 1;
        }
        longId = *longConversation;
        shortId = *shortConversation;
        BenchRows::note(u"%1 messages written through ConversationStore in %2 s"_s.arg(messageCount)
                            .arg(double(writing.elapsed()) / 1000, 0, 'f', 1));
    }
    MainWindow window({ .simulated = true,
        .traceFile = {},
        .databasePath = path,
        .cacheDirectory = temp.filePath(u"cache"_s),
        .settingsPath = temp.filePath(u"detour.ini"_s) });
    window.resize(1280, 820);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return 1;
    QTest::qWait(idleMs);
    rows.add(u"idle resident memory, this process, before opening"_s,
        residentMb(QCoreApplication::applicationPid()), u"MB"_s);

    // Opened three times (another conversation in between): the best time counts.
    double bestOpenMs = 1e9;
    double bestOpenCpuMs = 1e9;
    for (int open = 0; open < 3; ++open) {
        window.openConversation(shortId);
        chatdriver::waitForPaint(window.chatView());
        const long long wall = cpuclock::monotonicNs();
        const long long cpu = cpuclock::threadNs();
        window.openConversation(longId);
        chatdriver::waitForPaint(window.chatView());
        bestOpenMs = std::min(bestOpenMs, double(cpuclock::monotonicNs() - wall) / 1e6);
        bestOpenCpuMs = std::min(bestOpenCpuMs, double(cpuclock::threadNs() - cpu) / 1e6);
    }
    rows.add(u"open the 5,000-message conversation to its first paint (best of 3)"_s, bestOpenMs,
        u"ms"_s, u"< %1 ms"_s.arg(openTargetMs), bestOpenMs < openTargetMs);
    rows.add(u"main-thread CPU to open it (best of 3)"_s, bestOpenCpuMs, u"ms"_s);
    QTest::qWait(idleMs);
    const double openRss = residentMb(QCoreApplication::applicationPid());
    rows.add(u"idle resident memory, 5,000-message conversation open"_s, openRss, u"MB"_s,
        u"< %1 MB"_s.arg(idleRssTargetMb), openRss > 0 && openRss < idleRssTargetMb);

    return rows.exitCode();
}
