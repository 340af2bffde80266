// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// Benchmark 4 (issue 20, rows 4 and 5): a very long reply streaming into the real chat pane.
//
// 100,000 tokens of Markdown (headings, paragraphs, lists, code blocks) come
// from the simulator at 2,000 tokens/s through RouteEngine and ChatSession into
// ChatView / MessageBubble / MarkdownView, on the offscreen platform. The
// simulator runs on its own thread, so the main thread does what the window
// does. Measured: the longest event-loop stall (1 ms heartbeat) while the reply
// streams, and main-thread CPU time per token over the first and the last
// thousand tokens: if a frame re-rendered the whole reply, the last thousand
// would cost many times the first. A hundred thousand tokens (about 770,000
// characters, 50 s at 2,000 tokens/s) is what a long generated report or a
// dumped file comes to; anything in a frame that grows with the reply (a walk
// over every block or code block, a copy or comparison of the whole text)
// shows by then, where 20,000 tokens hid it. The one run covers both rows: the
// stall while streaming (row 4) and the cost per token at the end (row 5).
//
// Each thousand is cut into ten windows of 100 tokens (50 ms, about three
// frames), and the median window stands for it. One total per thousand was
// noisy on a shared machine (in an earlier series, 2 runs in 6 missed 1.5x
// from noise alone): when the machine is busy, tokens arrive in
// bursts, and a burst costs less per token (fewer wake-ups, fewer frames) —
// windows of the same run range from under 10 to over 150 µs per token. A few
// such windows, or a slow first frame, moved a whole total and with it the
// ratio. The median ignores them however far off they are, while a real
// growth per frame raises every window of the last thousand, so its median too.

#include "BenchRows.h"
#include "ChatView.h"
#include "CpuClock.h"
#include "MarkdownSample.h"
#include "SimThread.h"
#include "StallMeter.h"
#include "TracedApplication.h"
#include "chat/ChatSession.h"
#include "route/RouteEngine.h"

#include <QApplication>
#include <QTimer>
#include <algorithm>
#include <nlohmann/json.hpp>

using namespace detour;
using namespace Qt::StringLiterals;
using Json = nlohmann::json;

namespace {

constexpr int totalTokens = 100000;
constexpr int tokensPerSecond = 2000;
constexpr int spanTokens = 1000; // "first" and "last" thousand
constexpr int windowTokens = 100; // each thousand in windows of this many tokens
constexpr int windows = spanTokens / windowTokens;
constexpr double stallTargetMs = 8;
constexpr double growthTarget = 1.2;

QByteArray scenario(const QString &reply)
{
    const Json value { { "models",
                           Json::array({ { { "id", "bench/markdown" },
                               { "providers", Json::array({ "Bench" }) } } }) },
        { "providers",
            { { "Bench", { { "latency_ms", 0 }, { "tokens_per_second", tokensPerSecond } } } } },
        { "reply", reply.toStdString() }, { "keepalive_ms", -1 } };
    return QByteArray::fromStdString(value.dump());
}

RoutePlan plan(const QUrl &baseUrl)
{
    RoutePlan plan;
    plan.name = u"bench"_s;
    plan.endpoints.append({ u"sim"_s, EndpointKind::OpenRouter, baseUrl, QString() });
    plan.steps.append({ u"sim"_s, { u"bench/markdown"_s, {}, {} }, true });
    return plan;
}

// Microseconds per token in each window between consecutive CPU times.
QList<double> perToken(const QList<long long> &boundaries)
{
    QList<double> result;
    for (qsizetype at = 1; at < boundaries.size(); ++at)
        result.append(double(boundaries[at] - boundaries[at - 1]) / 1e3 / windowTokens);
    return result;
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    const qsizetype middle = values.size() / 2;
    return values.size() % 2 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

QString join(const QList<double> &values)
{
    QStringList parts;
    for (double value : values)
        parts << QString::number(value, 'f', 0);
    return parts.join(u' ');
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    TracedApplication app(argc, argv); // DETOUR_BENCH_TRACE=<ms> shows what a stall was
    BenchRows rows(u"render"_s);

    SimThread sim(scenario(sample::reply(totalTokens)));
    if (!sim.isListening()) {
        BenchRows::note(u"simulator: %1"_s.arg(sim.errorString()));
        return 2;
    }
    RouteEngine engine;
    ChatSession session(&engine);
    session.setPlan(plan(sim.baseUrl()));
    ChatView view(&session);
    view.resize(900, 700);
    view.show();

    StallMeter stalls;
    int tokens = 0;
    // Thread CPU time at each window boundary of the first thousand tokens (1, 101, ...,
    // 1,001) and of the last (99,000, 99,100, ..., 100,000): the same length of streaming
    // each, including the frames rendered meanwhile.
    QList<long long> firstAt;
    QList<long long> lastAt;
    QObject::connect(&engine, &RouteEngine::turnStarted, &app, [&](TurnRunner *runner) {
        QObject::connect(runner, &TurnRunner::contentDelta, &app, [&] {
            ++tokens;
            if (tokens == 1)
                stalls.start();
            if (tokens <= 1 + spanTokens && (tokens - 1) % windowTokens == 0)
                firstAt.append(cpuclock::threadNs());
            if (tokens >= totalTokens - spanTokens && tokens % windowTokens == 0)
                lastAt.append(cpuclock::threadNs());
        });
    });
    bool served = false;
    QObject::connect(
        &session, &ChatSession::turnFinished, &app, [&](int, const TurnResult &result) {
            served = result.status == TurnResult::Status::Served;
            // The last frame renders up to 16 ms after the last token: wait for it.
            QTimer::singleShot(50, &app, [&] {
                stalls.stop();
                app.quit();
            });
        });
    QTimer::singleShot(0, &app, [&] { session.send(u"Explain routing at length."_s); });
    const long long wallStart = cpuclock::monotonicNs();
    QApplication::exec();
    const double wallS = double(cpuclock::monotonicNs() - wallStart) / 1e9;

    if (!served || tokens < totalTokens) {
        BenchRows::note(
            u"the reply was not served in full: %1 of %2 tokens"_s.arg(tokens).arg(totalTokens));
        return 1;
    }
    const QList<double> firstUs = perToken(firstAt);
    const QList<double> lastUs = perToken(lastAt);
    if (firstUs.size() != windows || lastUs.size() != windows) {
        BenchRows::note(u"missing windows: %1 and %2 of %3"_s.arg(firstUs.size())
                            .arg(lastUs.size())
                            .arg(windows));
        return 1;
    }
    const double firstMedian = median(firstUs);
    const double lastMedian = median(lastUs);
    BenchRows::note(u"%1 tokens at %2 tokens/s in %3 s; %4 characters on screen"_s.arg(tokens)
                        .arg(tokensPerSecond)
                        .arg(wallS, 0, 'f', 1)
                        .arg(session.messages().constLast().message.content.size()));
    BenchRows::note(u"longest stall ended %1 s into the stream"_s.arg(
        stalls.longestCpuEndMs() / 1000, 0, 'f', 2));
    rows.add(u"longest event-loop stall while streaming (main-thread CPU)"_s, stalls.longestCpuMs(),
        u"ms"_s, u"< %1 ms"_s.arg(stallTargetMs), stalls.longestCpuMs() < stallTargetMs);
    rows.add(u"longest event-loop stall while streaming (wall clock, shared machine)"_s,
        stalls.longestWallMs(), u"ms"_s);
    BenchRows::note(
        u"CPU per token in each window of 100 tokens, first thousand: %1 µs"_s.arg(join(firstUs)));
    BenchRows::note(
        u"CPU per token in each window of 100 tokens, last thousand: %1 µs"_s.arg(join(lastUs)));
    rows.add(u"CPU per token, first 1,000 tokens (median window)"_s, firstMedian, u"µs"_s);
    rows.add(u"CPU per token, last 1,000 tokens (median window)"_s, lastMedian, u"µs"_s);
    rows.add(u"last 1,000 / first 1,000 CPU per token (100,000-token reply)"_s,
        lastMedian / firstMedian, u"×"_s, u"≤ %1×"_s.arg(growthTarget),
        lastMedian <= growthTarget * firstMedian);
    return rows.exitCode();
}
