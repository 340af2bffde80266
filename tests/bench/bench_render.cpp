// Benchmark 4: a long reply streaming into the real chat pane.
//
// 20,000 tokens of Markdown (headings, paragraphs, lists, code blocks) come
// from the simulator at 2,000 tokens/s through RouteEngine and ChatSession into
// ChatView / MessageBubble / MarkdownView, on the offscreen platform. The
// simulator runs on its own thread, so the main thread does what the window
// does. Measured: the longest event-loop stall (1 ms heartbeat) while the reply
// streams, and main-thread CPU time per token over the first and the last
// thousand tokens: if a frame re-rendered the whole reply, the last thousand
// would cost many times the first.

#include "BenchRows.h"
#include "ChatView.h"
#include "CpuClock.h"
#include "MarkdownSample.h"
#include "SimThread.h"
#include "StallMeter.h"
#include "chat/ChatSession.h"
#include "route/RouteEngine.h"

#include <QApplication>
#include <QTimer>
#include <nlohmann/json.hpp>

using namespace detour;
using namespace Qt::StringLiterals;
using Json = nlohmann::json;

namespace {

constexpr int totalTokens = 20000;
constexpr int tokensPerSecond = 2000;
constexpr int windowTokens = 1000; // "first" and "last" thousand
constexpr double stallTargetMs = 16;
constexpr double growthTarget = 1.5;

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

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
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
    // Thread CPU time when tokens 1, 1,001, 19,000 and 20,000 arrive: two windows of 1,000
    // tokens, the same length of streaming, each including the frames rendered meanwhile.
    long long cpuAt[4] = {};
    QObject::connect(&engine, &RouteEngine::turnStarted, &app, [&](TurnRunner *runner) {
        QObject::connect(runner, &TurnRunner::contentDelta, &app, [&] {
            ++tokens;
            if (tokens == 1) {
                stalls.start();
                cpuAt[0] = cpuclock::threadNs();
            } else if (tokens == 1 + windowTokens) {
                cpuAt[1] = cpuclock::threadNs();
            } else if (tokens == totalTokens - windowTokens) {
                cpuAt[2] = cpuclock::threadNs();
            } else if (tokens == totalTokens) {
                cpuAt[3] = cpuclock::threadNs();
            }
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
    const double firstUs = double(cpuAt[1] - cpuAt[0]) / 1e3 / windowTokens;
    const double lastUs = double(cpuAt[3] - cpuAt[2]) / 1e3 / windowTokens;
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
    rows.add(u"CPU per token, first 1,000 tokens"_s, firstUs, u"µs"_s);
    rows.add(u"CPU per token, last 1,000 tokens"_s, lastUs, u"µs"_s);
    rows.add(u"last 1,000 / first 1,000 CPU per token"_s, lastUs / firstUs, u"×"_s,
        u"≤ %1×"_s.arg(growthTarget), lastUs <= growthTarget * firstUs);
    return rows.exitCode();
}
