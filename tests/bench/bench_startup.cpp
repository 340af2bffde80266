// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// Benchmark 5 and issue 20's rows 3 and 7: start-up and memory, against the floor.
//
// 1. Exec to first painted window, best of `launches`, for three programs
//    launched the same way (DETOUR_REPORT_FIRST_PAINT makes each print the
//    moment; see ui/FirstPaintReporter.h): the floor (startup_floor, an empty
//    QMainWindow built like detour), detour on an empty database, and detour on
//    a year of history (YearOfHistory: 100,000 messages in 2,000
//    conversations). Then each one's resident memory (VmRSS) once idle.
// 2. In this process, the real MainWindow on the year of history:
//    - the conversation list filled: from constructing the window to the list
//      having painted its rows (the first screen of the newest conversations,
//      with the model holding what the list can scroll to);
//    - search as you type: 100 queries typed into the real search field a key
//      at a time; for each key, the time from the key press to the list
//      showing that text's results (the model holds them and the list has
//      painted); p99 over every key;
//    - the 5,000-message conversation opened to the chat pane's first paint,
//      best of 3 (bench_scroll scrolls through it).
//
// Everything runs on the offscreen platform: it needs no display server, so
// `make bench` works on a headless CI machine; it paints into an image like a
// real window does, and leaves out only the X server's round trips, which are
// not Detour's (nor the floor's).

#include "BenchRows.h"
#include "ChatView.h"
#include "ChatViewDriver.h"
#include "ConversationListWidget.h"
#include "CpuClock.h"
#include "MainWindow.h"
#include "YearOfHistory.h"
#include "chat/ConversationListModel.h"
#include "store/ConversationStore.h"
#include "store/Database.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QKeyEvent>
#include <QLineEdit>
#include <QListView>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <algorithm>
#include <optional>

using namespace detour;
using namespace Qt::StringLiterals;

namespace {

constexpr double floorFactorEmpty = 1.5;
constexpr double floorFactorYear = 2.0;
constexpr double firstPaintYearMs = 150;
constexpr double idleRssEmptyMb = 40;
constexpr double idleRssYearMb = 60;
constexpr double searchP99Ms = 50;
constexpr double openTargetMs = 100;
constexpr int launches = 7;
constexpr int searchQueries = 100;
constexpr int idleMs = 2000;
constexpr qint64 searchBudgetMs = 60'000;

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

// Starts the program, waits for its first paint, optionally for it to idle, then ends it.
Launch launch(const QString &binary, const QStringList &arguments, const QString &home, bool idle)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    environment.insert(u"DETOUR_REPORT_FIRST_PAINT"_s, u"1"_s);
    environment.remove(u"OPENROUTER_API_KEY"_s); // the built-in simulator: nothing leaves
    for (const char *variable : { "HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME" })
        environment.insert(QString::fromLatin1(variable), home);
    environment.insert(u"XDG_RUNTIME_DIR"_s, home); // created 0700 by the caller
    QProcess process;
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    Launch result;
    const long long started = cpuclock::monotonicNs();
    process.start(binary, arguments);
    QByteArray output;
    while (!output.contains('\n') && process.waitForReadyRead(30000))
        output += process.readAllStandardOutput();
    static const QRegularExpression line(u"first-paint (\\d+) (\\d+)"_s);
    const QRegularExpressionMatch match = line.match(QString::fromLatin1(output));
    if (match.hasMatch()) {
        result.firstPaintMs = double(match.captured(1).toLongLong() - started) / 1e6;
        result.cpuMs = match.captured(2).toDouble() / 1e6;
        if (idle) {
            QTest::qWait(idleMs);
            result.idleRssMb = residentMb(process.processId());
        }
    }
    process.terminate();
    if (!process.waitForFinished(10000)) {
        process.kill();
        process.waitForFinished();
    }
    return result;
}

// Best of `launches` (the last one also idles for its memory): nullopt when the
// program never reported its first paint.
std::optional<Launch> bestOf(
    const QString &name, const QString &binary, const QStringList &arguments, const QString &home)
{
    QList<Launch> runs;
    double idleRss = -1;
    for (int run = 0; run < launches; ++run) {
        runs << launch(binary, arguments, home, run == launches - 1);
        if (runs.last().firstPaintMs < 0) {
            BenchRows::note(u"%1 did not report its first paint"_s.arg(name));
            return std::nullopt;
        }
        idleRss = std::max(idleRss, runs.last().idleRssMb);
    }
    std::sort(runs.begin(), runs.end(),
        [](const Launch &a, const Launch &b) { return a.firstPaintMs < b.firstPaintMs; });
    BenchRows::note(u"%1: first paint over %2 launches: best %3 ms, median %4 ms, worst %5 ms; "
                    "CPU (all threads) of the best %6 ms"_s.arg(name)
                        .arg(launches)
                        .arg(runs.first().firstPaintMs, 0, 'f', 1)
                        .arg(runs[launches / 2].firstPaintMs, 0, 'f', 1)
                        .arg(runs.last().firstPaintMs, 0, 'f', 1)
                        .arg(runs.first().cpuMs, 0, 'f', 1));
    Launch best = runs.first();
    best.idleRssMb = idleRss;
    return best;
}

double percentile(QList<double> values, double share)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? -1
                            : values[std::min(qsizetype(share * values.size()), values.size() - 1)];
}

MainWindow::Options windowOptions(const QTemporaryDir &temp, const QString &database)
{
    return { .simulated = true,
        .traceFile = {},
        .databasePath = database,
        .cacheDirectory = temp.filePath(u"cache"_s),
        .settingsPath = temp.filePath(u"detour.ini"_s) };
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    BenchRows rows(u"startup"_s);
    if (argc < 3) {
        BenchRows::note(u"usage: bench_startup PATH_TO_DETOUR PATH_TO_STARTUP_FLOOR"_s);
        return 2;
    }
    const QString detour = QString::fromLocal8Bit(argv[1]);
    const QString floorProgram = QString::fromLocal8Bit(argv[2]);
    QTemporaryDir temp;
    const QString home = temp.filePath(u"home"_s);
    QDir().mkpath(home);
    QFile::setPermissions(home, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);

    // The year of history, written first: the launches on it then find it as a
    // person's disk would (in the page cache after the first).
    const QString yearPath = temp.filePath(u"year.sqlite3"_s);
    YearOfHistory year;
    YearOfHistory::Written written;
    {
        Database database;
        if (const Result<> opened = database.open(yearPath); !opened) {
            BenchRows::note(u"cannot create %1: %2"_s.arg(yearPath, opened.error()));
            return 1;
        }
        ConversationStore store(database);
        const Result<YearOfHistory::Written> wrote = year.write(store);
        if (!wrote) {
            BenchRows::note(u"cannot write the year of history: %1"_s.arg(wrote.error()));
            return 1;
        }
        written = *wrote;
    }
    BenchRows::note(u"a year of history: %1 conversations, %2 messages (%3 MB of text), %4 "
                    "attempts, written through ConversationStore::importRecord in one "
                    "transaction in %5 s; the file is %6 MB"_s.arg(written.conversations)
                        .arg(written.messages)
                        .arg(double(written.bytes) * 2 / 1e6, 0, 'f', 1)
                        .arg(written.attempts)
                        .arg(written.seconds, 0, 'f', 1)
                        .arg(double(QFileInfo(yearPath).size()) / 1e6, 0, 'f', 0));
    rows.add(u"write the year of history (100,000 messages, one transaction)"_s, written.seconds,
        u"s"_s);

    // 1. Three programs, launched the same way.
    const auto floorRun = bestOf(u"floor"_s, floorProgram, {}, home);
    const auto emptyRun =
        bestOf(u"detour, empty"_s, detour, { u"--db"_s, temp.filePath(u"empty.sqlite3"_s) }, home);
    const auto yearRun = bestOf(u"detour, a year"_s, detour, { u"--db"_s, yearPath }, home);
    if (!floorRun || !emptyRun || !yearRun)
        return 1;
    const double floorMs = floorRun->firstPaintMs;
    rows.add(u"exec to first painted window, the floor: an empty QMainWindow (best of %1)"_s.arg(
                 launches),
        floorMs, u"ms"_s);
    rows.add(u"exec to first painted window, empty profile (best of %1)"_s.arg(launches),
        emptyRun->firstPaintMs, u"ms"_s,
        u"≤ %1× the floor (%2 ms)"_s.arg(floorFactorEmpty)
            .arg(floorFactorEmpty * floorMs, 0, 'f', 1),
        emptyRun->firstPaintMs <= floorFactorEmpty * floorMs);
    rows.add(u"exec to first painted window, a year of history (best of %1)"_s.arg(launches),
        yearRun->firstPaintMs, u"ms"_s,
        u"< %1 ms and ≤ %2× the floor (%3 ms)"_s.arg(firstPaintYearMs)
            .arg(floorFactorYear)
            .arg(floorFactorYear * floorMs, 0, 'f', 1),
        yearRun->firstPaintMs < firstPaintYearMs
            && yearRun->firstPaintMs <= floorFactorYear * floorMs);
    rows.add(
        u"CPU time until first paint (all threads), empty profile"_s, emptyRun->cpuMs, u"ms"_s);
    BenchRows::note(u"CPU until first paint: floor %1 ms, empty %2 ms, a year %3 ms"_s
                        .arg(floorRun->cpuMs, 0, 'f', 1)
                        .arg(emptyRun->cpuMs, 0, 'f', 1)
                        .arg(yearRun->cpuMs, 0, 'f', 1));
    rows.add(u"idle resident memory, the floor"_s, floorRun->idleRssMb, u"MB"_s);
    rows.add(u"idle resident memory, empty profile (the floor: %1 MB)"_s.arg(
                 floorRun->idleRssMb, 0, 'f', 1),
        emptyRun->idleRssMb, u"MB"_s, u"< %1 MB"_s.arg(idleRssEmptyMb),
        emptyRun->idleRssMb > 0 && emptyRun->idleRssMb < idleRssEmptyMb);
    rows.add(u"idle resident memory, a year of history"_s, yearRun->idleRssMb, u"MB"_s,
        u"< %1 MB"_s.arg(idleRssYearMb),
        yearRun->idleRssMb > 0 && yearRun->idleRssMb < idleRssYearMb);

    // 2. The real window on the year of history, in this process.
    const long long constructing = cpuclock::monotonicNs();
    MainWindow window(windowOptions(temp, yearPath));
    window.show();
    ConversationListWidget *list = window.conversationList();
    chatdriver::waitForPaint(list->list()->viewport());
    const double filledMs = double(cpuclock::monotonicNs() - constructing) / 1e6;
    const auto *model = qobject_cast<ConversationListModel *>(list->list()->model());
    BenchRows::note(u"the list holds %1 of %2 conversations once filled"_s.arg(model->rowCount())
                        .arg(written.conversations));
    rows.add(
        u"conversation list filled: window made to the list's rows painted"_s, filledMs, u"ms"_s);
    QTest::qWait(idleMs);

    // Search as you type.
    QLineEdit *field = list->searchField();
    field->setFocus();
    QList<double> keys;
    QList<double> keyCpu;
    const QStringList queries = year.queries(searchQueries);
    QElapsedTimer searching; // a slow search must not hold up `make bench`: 60 s at most
    searching.start();
    int typed = 0;
    for (const QString &query : queries) {
        if (searching.elapsed() > searchBudgetMs)
            break;
        ++typed;
        field->clear();
        QCoreApplication::processEvents();
        for (const QChar character : query) {
            const QString expected = field->text() + character;
            const long long wall = cpuclock::monotonicNs();
            const long long cpu = cpuclock::threadNs();
            // The key as a keyboard sends it (QTest's key helpers know ASCII only).
            QKeyEvent press(QEvent::KeyPress, Qt::Key_unknown, Qt::NoModifier, QString(character));
            QKeyEvent release(
                QEvent::KeyRelease, Qt::Key_unknown, Qt::NoModifier, QString(character));
            QCoreApplication::sendEvent(field, &press);
            QCoreApplication::sendEvent(field, &release);
            while (model->searchText() != expected.trimmed())
                QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
            chatdriver::waitForPaint(list->list()->viewport());
            keys << double(cpuclock::monotonicNs() - wall) / 1e6;
            keyCpu << double(cpuclock::threadNs() - cpu) / 1e6;
        }
    }
    field->clear();
    QCoreApplication::processEvents();
    if (typed < queries.size())
        BenchRows::note(u"search as you type: stopped after %1 s, %2 of %3 queries typed"_s
                            .arg(searchBudgetMs / 1000)
                            .arg(typed)
                            .arg(queries.size()));
    BenchRows::note(u"search as you type: %1 keys of %2 queries; key to results shown: median "
                    "%3 ms, p99 %4 ms, worst %5 ms; main-thread CPU p99 %6 ms"_s.arg(keys.size())
                        .arg(typed)
                        .arg(percentile(keys, 0.5), 0, 'f', 1)
                        .arg(percentile(keys, 0.99), 0, 'f', 1)
                        .arg(percentile(keys, 1.0), 0, 'f', 1)
                        .arg(percentile(keyCpu, 0.99), 0, 'f', 1));
    rows.add(u"search as you type, key to results shown, p99 over %1 keys of %2 queries"_s
                 .arg(keys.size())
                 .arg(typed),
        percentile(keys, 0.99), u"ms"_s, u"< %1 ms"_s.arg(searchP99Ms),
        typed == queries.size() && percentile(keys, 0.99) < searchP99Ms);

    // The 5,000-message conversation, opened three times (another in between).
    const qint64 otherId = model->idAt(0);
    double bestOpenMs = 1e9;
    double bestOpenCpuMs = 1e9;
    for (int open = 0; open < 3; ++open) {
        window.openConversation(otherId);
        chatdriver::waitForPaint(window.chatView());
        const long long wall = cpuclock::monotonicNs();
        const long long cpu = cpuclock::threadNs();
        window.openConversation(written.longConversationId);
        chatdriver::waitForPaint(window.chatView());
        bestOpenMs = std::min(bestOpenMs, double(cpuclock::monotonicNs() - wall) / 1e6);
        bestOpenCpuMs = std::min(bestOpenCpuMs, double(cpuclock::threadNs() - cpu) / 1e6);
    }
    rows.add(u"open the 5,000-message conversation to its first paint (best of 3)"_s, bestOpenMs,
        u"ms"_s, u"< %1 ms"_s.arg(openTargetMs), bestOpenMs < openTargetMs);
    rows.add(u"main-thread CPU to open it (best of 3)"_s, bestOpenCpuMs, u"ms"_s);
    QTest::qWait(idleMs);
    rows.add(u"idle resident memory, this process, the year and the long conversation open"_s,
        residentMb(QCoreApplication::applicationPid()), u"MB"_s);

    return rows.exitCode();
}
