// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// Driver for benchmark 6 (bench_engine runs it, natively and under callgrind):
// one turn of N tokens streamed by the simulator (on its own thread) through
// RouteEngine and TurnRunner (protocol: SSE and chunk parsing) into the
// conversation store (TurnRecorder, as the window records a turn). Prints
// "tokens <n> cpu_ns <main-thread CPU> wall_ns <wall>" for the turn.
//
// Under callgrind the counters are zeroed when the turn starts, so start-up is
// left out; bench_engine subtracts what remains fixed with a second N.

#include "CpuClock.h"
#include "MarkdownSample.h"
#include "SimThread.h"
#include "route/RouteEngine.h"
#include "store/ConversationStore.h"
#include "store/Database.h"
#include "store/TurnRecorder.h"

#include <QCoreApplication>
#include <QTemporaryDir>
#include <QTextStream>
#include <nlohmann/json.hpp>
#include <valgrind/callgrind.h>

using namespace detour;
using namespace Qt::StringLiterals;
using Json = nlohmann::json;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    const int tokens = argc > 1 ? QByteArray(argv[1]).toInt() : 0;
    const int rate = argc > 2 ? QByteArray(argv[2]).toInt() : 50;
    if (tokens <= 0) {
        out << "usage: bench_engine_driver TOKENS [TOKENS_PER_SECOND]\n";
        return 2;
    }
    const Json scenario { { "models",
                              Json::array({ { { "id", "bench/engine" },
                                  { "providers", Json::array({ "Bench" }) } } }) },
        { "providers", { { "Bench", { { "latency_ms", 0 }, { "tokens_per_second", rate } } } } },
        { "reply", sample::reply(tokens).toStdString() }, { "keepalive_ms", -1 } };
    SimThread sim(QByteArray::fromStdString(scenario.dump()));
    QTemporaryDir temp;
    Database database;
    const Result<> opened = sim.isListening() ? database.open(temp.filePath(u"engine.sqlite3"_s))
                                              : Result<>(Error(QString()));
    if (!opened) {
        out << "set-up failed: " << sim.errorString() << opened.error() << '\n';
        return 1;
    }
    ConversationStore store(database);
    const QString question = u"Explain routing at length."_s;
    const auto conversation = store.createConversation(question);
    const Result<qint64> userMessage = conversation ? store.addUserMessage(*conversation, question)
                                                    : Result<qint64>(Error(conversation.error()));
    if (!userMessage) {
        out << "store: " << userMessage.error() << '\n';
        return 1;
    }
    RoutePlan plan;
    plan.endpoints.append({ u"sim"_s, EndpointKind::OpenRouter, sim.baseUrl(), QString() });
    plan.steps.append({ u"sim"_s, { u"bench/engine"_s, {}, {} }, true });
    ChatRequest request;
    request.messages = { { u"user"_s, question } };

    RouteEngine engine;
    int received = 0;
    bool served = false;
    long long cpu = 0;
    long long wall = 0;
    CALLGRIND_ZERO_STATS;
    const long long cpuStart = cpuclock::threadNs();
    const long long wallStart = cpuclock::monotonicNs();
    TurnRunner *runner = engine.startTurn(plan, request);
    auto *recorder = new TurnRecorder(&store, *conversation, *userMessage, runner, runner);
    QObject::connect(runner, &TurnRunner::contentDelta, &app, [&] { ++received; });
    QObject::connect(runner, &TurnRunner::finished, &app,
        [&](const TurnResult &result) { served = result.status == TurnResult::Status::Served; });
    QObject::connect(recorder, &TurnRecorder::turnRecorded, &app, [&] {
        cpu = cpuclock::threadNs() - cpuStart;
        wall = cpuclock::monotonicNs() - wallStart;
    });
    // Settled: OpenRouter's generation stats were fetched and recorded too.
    QObject::connect(runner, &TurnRunner::settled, &app, &QCoreApplication::quit);
    QCoreApplication::exec();
    out << "tokens " << received << " cpu_ns " << cpu << " wall_ns " << wall << " served "
        << (served ? 1 : 0) << '\n';
    return served && received == tokens ? 0 : 1;
}
