// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// Benchmark: scrolling a long conversation.
//
// A 5,000-message conversation written through the real store API is opened in
// the real MainWindow, left idle, then paged through end to end (bottom to top,
// then back down, 60 pages a second). Measured: the longest event-loop stall
// (1 ms heartbeat, StallMeter) while scrolling, in main-thread CPU time and, for
// context, wall-clock time. Runs on the offscreen platform.

#include "BenchRows.h"
#include "ChatViewDriver.h"
#include "LongConversation.h"
#include "MainWindow.h"
#include "StallMeter.h"
#include "TracedApplication.h"
#include "store/ConversationStore.h"
#include "store/Database.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

using namespace detour;
using namespace Qt::StringLiterals;

namespace {

constexpr double stallTargetMs = 8;
constexpr int messageCount = 5000;
constexpr int idleMs = 2000;

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    TracedApplication app(argc, argv); // DETOUR_BENCH_TRACE=<ms> shows what a stall was
    BenchRows rows(u"scroll"_s);
    QTemporaryDir temp;
    const QString path = temp.filePath(u"long.sqlite3"_s);
    qint64 conversation = 0;
    {
        Database database;
        if (const Result<> opened = database.open(path); !opened) {
            BenchRows::note(u"cannot create %1: %2"_s.arg(path, opened.error()));
            return 1;
        }
        ConversationStore store(database);
        const Result<qint64> written = sample::writeConversation(store, messageCount);
        if (!written) {
            BenchRows::note(u"cannot write the conversation: %1"_s.arg(written.error()));
            return 1;
        }
        conversation = *written;
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
    window.openConversation(conversation);
    chatdriver::waitForPaint(window.chatView());
    QTest::qWait(idleMs); // the first repaint after an idle pause is the one that used to stall

    StallMeter stalls;
    QElapsedTimer scrolling;
    scrolling.start();
    stalls.start();
    chatdriver::scrollEndToEnd(window.chatView());
    stalls.stop();
    BenchRows::note(u"%1 messages scrolled end to end and back in %2 s"_s.arg(messageCount)
                        .arg(double(scrolling.elapsed()) / 1000, 0, 'f', 1));
    rows.add(u"longest stall scrolling a 5,000-message conversation end to end (main-thread CPU)"_s,
        stalls.longestCpuMs(), u"ms"_s, u"< %1 ms"_s.arg(stallTargetMs),
        stalls.longestCpuMs() < stallTargetMs);
    rows.add(u"longest stall scrolling end to end (wall clock, shared machine)"_s,
        stalls.longestWallMs(), u"ms"_s);
    return rows.exitCode();
}
