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
//    conversation from the command line): time to the chat pane's first paint,
//    resident memory once idle, and the longest stall while scrolling the
//    conversation end to end a page at a time (bottom to top, then back down).
//
// Everything runs on the offscreen platform: it needs no display server, so
// `make bench` works on a headless CI machine and several runs can go in
// parallel; it paints into an image like a real window does, and leaves out
// only the X server's own round trips, which are not Detour's.

#include "BenchRows.h"
#include "ChatView.h"
#include "CpuClock.h"
#include "MainWindow.h"
#include "MarkdownSample.h"
#include "StallMeter.h"
#include "store/ConversationStore.h"
#include "store/Database.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QScrollBar>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>

using namespace detour;
using namespace Qt::StringLiterals;

namespace {

constexpr double firstPaintTargetMs = 300;
constexpr double idleRssTargetMb = 80;
constexpr double openTargetMs = 300;
constexpr double stallTargetMs = 16;
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

// What a real conversation leaves in the store: each question, then its reply
// with the turn that served it.
Result<qint64> writeConversation(ConversationStore &store, int messages)
{
    const Result<qint64> conversation =
        store.createConversation(u"A long conversation"_s, u"demo"_s);
    for (int turn = 0; conversation && turn < messages / 2; ++turn) {
        const auto question = store.addUserMessage(*conversation,
            u"Question %1: how does the route fall through when a provider is "
            "rate-limited upstream?"_s.arg(turn));
        TurnResult result;
        result.status = TurnResult::Status::Served;
        result.content = sample::section(turn);
        Attempt served;
        served.endpointId = u"simulated"_s;
        served.requestedModel = served.servedModel = u"moonshotai/kimi-k2"_s;
        served.provider = u"Groq"_s;
        served.httpStatus = 200;
        served.finishReason = u"stop"_s;
        served.timings = { 2, 150, 400, 900, 910 };
        served.usage = Usage { 120, 180, 300, 0, 0.00015, false };
        result.attempts = { served };
        result.servedAttempt = 0;
        result.durationMs = 910;
        if (!question)
            return Error(question.error());
        if (const Result<qint64> turnId = store.finishTurn(*conversation, *question, 0, result);
            !turnId)
            return turnId;
    }
    return conversation;
}

// Runs the event loop until the chat pane has painted and that paint was flushed.
void waitForChatPaint(ChatView *view)
{
    bool painted = false;
    struct Watcher final : QObject {
        bool *painted;
        explicit Watcher(bool *flag)
            : painted(flag)
        {
        }
        bool eventFilter(QObject *watched, QEvent *event) override
        {
            if (event->type() == QEvent::Paint)
                QTimer::singleShot(0, this, [this] { *painted = true; });
            return QObject::eventFilter(watched, event);
        }
    } watcher(&painted);
    // The viewport is covered by the content widget, which is what gets painted.
    view->widget()->installEventFilter(&watcher);
    view->widget()->update();
    while (!painted)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    view->widget()->removeEventFilter(&watcher);
}

// Pages through the whole conversation at 60 pages a second, up then down.
void scrollEndToEnd(ChatView *view)
{
    QScrollBar *bar = view->verticalScrollBar();
    QEventLoop loop;
    QTimer page;
    page.setTimerType(Qt::PreciseTimer);
    page.setInterval(16);
    int direction = -1;
    int stillFrames = 0; // at an end and nothing more arrived: that end is reached
    QObject::connect(&page, &QTimer::timeout, &loop, [&] {
        const int before = bar->value();
        const int maximum = bar->maximum();
        bar->setValue(before + direction * bar->pageStep());
        const bool atEnd = direction < 0 ? bar->value() == 0 : bar->value() == bar->maximum();
        stillFrames =
            atEnd && bar->value() == before && bar->maximum() == maximum ? stillFrames + 1 : 0;
        if (stillFrames < 10)
            return;
        stillFrames = 0;
        if (direction > 0)
            loop.quit();
        direction = 1;
    });
    page.start();
    loop.exec();
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
        const auto longConversation = writeConversation(store, messageCount);
        const auto shortConversation = writeConversation(store, 2);
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
        waitForChatPaint(window.chatView());
        const long long wall = cpuclock::monotonicNs();
        const long long cpu = cpuclock::threadNs();
        window.openConversation(longId);
        waitForChatPaint(window.chatView());
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

    StallMeter stalls;
    QElapsedTimer scrolling;
    scrolling.start();
    stalls.start();
    scrollEndToEnd(window.chatView());
    stalls.stop();
    BenchRows::note(u"scrolled end to end and back in %1 s"_s.arg(
        double(scrolling.elapsed()) / 1000, 0, 'f', 1));
    rows.add(u"longest stall scrolling end to end (main-thread CPU)"_s, stalls.longestCpuMs(),
        u"ms"_s, u"< %1 ms"_s.arg(stallTargetMs), stalls.longestCpuMs() < stallTargetMs);
    rows.add(u"longest stall scrolling end to end (wall clock, shared machine)"_s,
        stalls.longestWallMs(), u"ms"_s);
    rows.add(u"resident memory after scrolling end to end"_s,
        residentMb(QCoreApplication::applicationPid()), u"MB"_s);
    return rows.exitCode();
}
