// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// Benchmark 1: failover latency.
//
// Step 1 of a two-step route is rate-limited upstream (OpenRouter's 429 naming
// the provider in metadata.provider_name), once with and once without
// Retry-After: 1; step 2 serves after a fixed latency (FailoverScenario).
// Detour runs the route through its RouteEngine and TurnRunner; each peer
// (peers/failover.mjs) runs the same steps its own way, as a child process
// against the same simulator. For every subject: the median time from the call
// to the first content token, minus the simulator's configured latency (the
// overhead), and the requests it made per turn. Every turn meets the refusal
// afresh: Detour's cooldowns are cleared before each (benchmark 2 measures them).
//
// Peers that retry before falling back spend seconds per turn asleep; they run
// on simulators of their own, at the same time as the rest, for a time budget
// instead of 50 turns (how many they ran is in the table).

#include "BenchRows.h"
#include "DetourTurns.h"
#include "FailoverScenario.h"
#include "NodePeer.h"
#include "SimThread.h"

#include <QCoreApplication>
#include <list>
#include <memory>
#include <optional>

using namespace detour;
using namespace Qt::StringLiterals;

namespace {

constexpr int turns = 50;
constexpr double overheadTargetMs = 1;
// A policy that retries every step waits twice for Retry-After: 1 before it
// falls through; a few turns show it.
constexpr int waitingPolicyTurns = 3;
constexpr int waitingPolicyRetries = 2;
constexpr int slowPeerBudgetMs = 60'000;
constexpr int peerTimeoutMs = 600'000;
constexpr int peerStartMs = 60'000;

using Condition = FailoverScenario::Condition;
using Peer = FailoverScenario::Peer;

struct Measured {
    Condition condition;
    TurnSeries detour;
    TurnSeries detourWaiting; // the policy that retries every step
    QList<TurnSeries> peers;
};

// A peer that runs on a simulator of its own while the rest are measured.
struct Background {
    Condition condition;
    Peer peer;
    std::unique_ptr<SimThread> sim;
    std::unique_ptr<NodePeer> process;
};

TurnSeries peerSeries(NodePeer &process, const Peer &peer, int timeoutMs)
{
    if (const auto result = process.result(timeoutMs))
        return TurnSeries::fromPeer(*result);
    TurnSeries broken;
    broken.subject = peer.label();
    broken.firstError = process.errorString();
    return broken;
}

QString described(const TurnSeries &series)
{
    QString text = series.subject;
    if (series.turns() != turns)
        text += series.turns() == 1 ? u" · 1 turn"_s : u" · %1 turns"_s.arg(series.turns());
    if (series.failed > 0)
        text += u" · %1 failed: %2"_s.arg(series.failed).arg(series.firstError);
    return text;
}

double overheadMs(const TurnSeries &series)
{
    return series.medianTtftMs() - FailoverScenario::configuredLatencyMs();
}

double requestsPerTurn(const TurnSeries &series)
{
    return series.turns() > 0 ? double(series.totalRequests()) / series.turns() : 0;
}

std::optional<double> ratio(double peer, double detour)
{
    if (detour <= 0.01)
        return std::nullopt; // Detour's figure is within rounding of nothing
    return peer / detour;
}

// Rows of one condition; false when a target of the waiting policy is missed
// (`rows` counts Detour's own).
bool report(BenchRows &rows, const Measured &measured)
{
    const QString overheadMeasure =
        u"time to first token minus configured latency, median (%1)"_s.arg(measured.condition.name);
    const QString requestsMeasure = u"requests per turn (%1)"_s.arg(measured.condition.name);
    const TurnSeries &detour = measured.detour;
    const double detourOverhead = overheadMs(detour);

    bool belowEveryPeer = detour.failed == 0 && !detour.ttftMs.isEmpty();
    for (const TurnSeries &peer : measured.peers) {
        if (!peer.ok || peer.ttftMs.isEmpty()) {
            BenchRows::note(u"peer %1 gave no figure: %2"_s.arg(peer.subject, peer.firstError));
            belowEveryPeer = false;
        } else if (detourOverhead >= overheadMs(peer)) {
            belowEveryPeer = false;
        }
    }
    const bool pass = rows.add(overheadMeasure, detourOverhead, u"ms"_s,
        u"< %1 ms and below every peer"_s.arg(overheadTargetMs),
        belowEveryPeer && detourOverhead < overheadTargetMs);
    if (!pass) {
        BenchRows::note(u"Detour: %1 of %2 turns served (%3)"_s.arg(detour.ttftMs.size())
                            .arg(detour.turns())
                            .arg(detour.firstError));
    }

    // The policy that waits must show the wait Retry-After asks for.
    const TurnSeries &waiting = measured.detourWaiting;
    BenchRows waitingRows(u"failover"_s,
        u"Detour, policy retrying every step (%1 retries) · %2 turns"_s.arg(waitingPolicyRetries)
            .arg(waiting.turns()));
    if (const auto retryAfterS = measured.condition.retryAfterS) {
        const double least = waitingPolicyRetries * *retryAfterS * 1000.0;
        waitingRows.add(overheadMeasure, overheadMs(waiting), u"ms"_s,
            u"≥ %1 ms (waits Retry-After)"_s.arg(least),
            waiting.failed == 0 && overheadMs(waiting) >= least);
    } else {
        waitingRows.add(overheadMeasure, overheadMs(waiting), u"ms"_s);
    }
    for (const TurnSeries &peer : measured.peers) {
        if (peer.ok && !peer.ttftMs.isEmpty())
            rows.addPeer(described(peer), overheadMeasure, overheadMs(peer), u"ms"_s,
                ratio(overheadMs(peer), detourOverhead));
    }

    rows.add(requestsMeasure, requestsPerTurn(detour), u"requests"_s);
    waitingRows.add(requestsMeasure, requestsPerTurn(waiting), u"requests"_s);
    for (const TurnSeries &peer : measured.peers) {
        if (peer.ok && peer.turns() > 0)
            rows.addPeer(described(peer), requestsMeasure, requestsPerTurn(peer), u"requests"_s,
                ratio(requestsPerTurn(peer), requestsPerTurn(detour)));
    }
    return waitingRows.allPassed();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    BenchRows rows(u"failover"_s);
    if (const QString reason = NodePeer::unavailableReason(); !reason.isEmpty()) {
        BenchRows::note(reason);
        return 1;
    }
    SimThread sim(FailoverScenario::json());
    if (!sim.isListening()) {
        BenchRows::note(u"simulator: %1"_s.arg(sim.errorString()));
        return 1;
    }
    const QList<Condition> conditions { FailoverScenario::withRetryAfter(),
        FailoverScenario::withoutRetryAfter() };
    const QList<Peer> fastPeers { { u"openai"_s, false }, { u"langchain"_s, false },
        { u"portkey"_s, false } };
    const QList<Peer> slowPeers { { u"openai"_s, true }, { u"langchain"_s, true } };

    std::list<Background> background;
    for (const Condition &condition : conditions) {
        for (const Peer &peer : slowPeers) {
            Background run { condition, peer, std::make_unique<SimThread>(FailoverScenario::json()),
                nullptr };
            run.process = std::make_unique<NodePeer>(u"failover.mjs"_s,
                FailoverScenario::peerArguments(
                    peer, run.sim->baseUrl(), condition, turns, slowPeerBudgetMs, 1));
            background.push_back(std::move(run));
        }
    }
    // Their start-up would otherwise share the CPU with what is measured next.
    for (Background &run : background)
        run.process->waitUntilReady(peerStartMs);

    QList<Measured> measured;
    DetourTurns detour(sim);
    for (const Condition &condition : conditions) {
        BenchRows::note(
            u"%1: Detour, then the peers, %2 turns each"_s.arg(condition.name).arg(turns));
        Measured run { condition, {}, {}, {} };
        run.detour = detour.run(u"Detour"_s, FailoverScenario::plan(sim.baseUrl(), condition),
            turns, DetourTurns::Cooldowns::Forget);
        RoutePolicy waiting;
        waiting.retryEveryStep = true;
        waiting.maxRetries = waitingPolicyRetries;
        run.detourWaiting = detour.run(u"Detour, retrying every step"_s,
            FailoverScenario::plan(sim.baseUrl(), condition, waiting), waitingPolicyTurns,
            DetourTurns::Cooldowns::Forget);
        for (const Peer &peer : fastPeers) {
            NodePeer process(u"failover.mjs"_s,
                FailoverScenario::peerArguments(peer, sim.baseUrl(), condition, turns));
            run.peers.append(peerSeries(process, peer, peerTimeoutMs));
        }
        measured.append(run);
    }

    BenchRows::note(u"waiting for the peers that retry before they fall back"_s);
    for (Background &run : background) {
        for (Measured &result : measured) {
            if (result.condition.name == run.condition.name)
                result.peers.append(peerSeries(*run.process, run.peer, peerTimeoutMs));
        }
    }

    BenchRows::note(u"configured latency: %1 ms (the 429, then the first token)"_s.arg(
        FailoverScenario::configuredLatencyMs()));
    bool waitingPolicyPassed = true;
    for (const Measured &result : measured)
        waitingPolicyPassed = report(rows, result) && waitingPolicyPassed;
    return waitingPolicyPassed ? rows.exitCode() : 1;
}
