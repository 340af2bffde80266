// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// Issue 20, row 1: a 429 storm.
//
// Three steps (StormScenario): a `:free` model whose provider refuses 95 % of requests
// with Retry-After 15-30 s, a `:free` model whose provider refuses 30 %, a paid model
// that serves; the key's free daily allowance runs out at the 50th free request. Every
// subject runs 500 turns (one streamed reply each) on a simulator of its own, all started
// from the same seed, all at the same time: Detour's default policy (RouteEngine and
// TurnRunner, cooldowns kept from turn to turn), and the peers' best configurations
// (peers/failover.mjs, maxRetries 0): the openai fallback loop, LangChain's
// withFallbacks and Portkey's gateway fallback.
//
// Turns start at a fixed cadence, the same for every subject (turn i at i × 150 ms, or
// when turn i - 1 ends if later): the run lasts 75 s, so a 15-30 s cooldown runs out
// several times within it, as it would in an hour of chatting.
//
// Rows per subject: the share of turns served, requests per served turn and the share
// of turns served by the paid step (counted by each subject's simulator, not by the
// client), and p50 / p99 time from the call to the first content token.
// Targets (Detour): served share at least every peer's, at most 1.2 requests per served
// turn, and a p99 lower than every peer's.

#include "BenchRows.h"
#include "DetourTurns.h"
#include "NodePeer.h"
#include "Percentile.h"
#include "SimThread.h"
#include "StormScenario.h"

#include <QCoreApplication>
#include <algorithm>
#include <cmath>
#include <list>
#include <memory>
#include <optional>

using namespace detour;
using namespace Qt::StringLiterals;

namespace {

constexpr int turns = 500;
constexpr int cadenceMs = 150;
constexpr double targetRequestsPerServedTurn = 1.2;
constexpr int peerTimeoutMs = 300'000;
constexpr int peerStartMs = 60'000;

using Peer = FailoverScenario::Peer;

struct PeerRun {
    Peer peer;
    std::unique_ptr<SimThread> sim; // of its own
    std::unique_ptr<NodePeer> process;
};

// What one subject's run came to, from its simulator's counts and its own timings.
struct Figures {
    TurnSeries series;
    double servedShare = 0; // of the turns asked for
    double requestsPerServed = 0; // NaN when nothing was served
    double paidShare = 0; // of the served turns
    double p50Ms = 0;
    double p99Ms = 0;
};

Figures figuresOf(const TurnSeries &series)
{
    Figures figures;
    figures.series = series;
    qint64 served = 0;
    for (const qint64 count : series.served)
        served += count;
    figures.servedShare = double(served) / turns;
    figures.requestsPerServed =
        served > 0 ? double(series.totalRequests()) / double(served) : std::nan("");
    figures.paidShare =
        served > 0 ? double(series.served.value(StormScenario::paidModel())) / double(served) : 0;
    figures.p50Ms = bench::nearestRank(series.ttftMs, 0.5);
    figures.p99Ms = bench::nearestRank(series.ttftMs, 0.99);
    return figures;
}

TurnSeries peerSeries(NodePeer &process, const Peer &peer)
{
    if (const auto result = process.result(peerTimeoutMs))
        return TurnSeries::fromPeer(*result);
    TurnSeries broken;
    broken.subject = peer.label();
    broken.firstError = process.errorString();
    return broken;
}

QString described(const TurnSeries &series)
{
    QString text = series.subject;
    if (series.failed > 0)
        text += u" · %1 of %2 turns failed: %3"_s.arg(series.failed)
                    .arg(series.turns())
                    .arg(series.firstError);
    return text;
}

std::optional<double> ratio(double numerator, double denominator)
{
    if (!std::isfinite(numerator) || !std::isfinite(denominator) || denominator <= 0)
        return std::nullopt;
    return numerator / denominator;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    BenchRows rows(u"storm"_s);
    if (const QString reason = NodePeer::unavailableReason(); !reason.isEmpty()) {
        BenchRows::note(reason);
        return 1;
    }
    SimThread sim(StormScenario::json());
    if (!sim.isListening()) {
        BenchRows::note(u"simulator: %1"_s.arg(sim.errorString()));
        return 1;
    }

    // Every peer on a simulator of its own, all running while Detour runs.
    std::list<PeerRun> runs;
    for (const Peer &peer : { Peer { u"openai"_s, false }, Peer { u"langchain"_s, false },
             Peer { u"portkey"_s, false } }) {
        PeerRun run { peer, std::make_unique<SimThread>(StormScenario::json()), nullptr };
        run.process = std::make_unique<NodePeer>(u"failover.mjs"_s,
            StormScenario::peerArguments(peer, run.sim->baseUrl(), turns, cadenceMs));
        runs.push_back(std::move(run));
    }
    for (PeerRun &run : runs)
        run.process->waitUntilReady(peerStartMs);

    DetourTurns detour(sim);
    detour.setCadenceMs(cadenceMs);
    const Figures mine = figuresOf(detour.run(u"Detour (default policy, cooldowns kept)"_s,
        StormScenario::plan(sim.baseUrl()), turns, DetourTurns::Cooldowns::Keep));

    QList<Figures> peers;
    bool everyPeer = true;
    for (PeerRun &run : runs) {
        const TurnSeries series = peerSeries(*run.process, run.peer);
        if (!series.ok || series.turns() != turns) {
            BenchRows::note(u"peer %1 gave no figure: %2"_s.arg(series.subject, series.firstError));
            everyPeer = false;
            continue;
        }
        peers.append(figuresOf(series));
    }
    if (mine.series.failed > 0) {
        BenchRows::note(u"Detour: %1 of %2 turns failed (%3)"_s.arg(mine.series.failed)
                            .arg(turns)
                            .arg(mine.series.firstError));
    }

    const QString storm = u"429 storm, %1 turns"_s.arg(turns);
    double bestPeerServed = 0;
    double bestPeerP99 = std::numeric_limits<double>::infinity();
    for (const Figures &peer : std::as_const(peers)) {
        bestPeerServed = std::max(bestPeerServed, peer.servedShare);
        if (std::isfinite(peer.p99Ms))
            bestPeerP99 = std::min(bestPeerP99, peer.p99Ms);
    }

    const QString served = u"%1: share of turns served"_s.arg(storm);
    rows.add(served, 100 * mine.servedShare, u"%"_s, u"≥ every peer's"_s,
        everyPeer && mine.servedShare >= bestPeerServed);
    for (const Figures &peer : std::as_const(peers))
        rows.addPeer(described(peer.series), served, 100 * peer.servedShare, u"%"_s,
            ratio(mine.servedShare, peer.servedShare));

    const QString requests = u"%1: requests per served turn"_s.arg(storm);
    rows.add(requests, mine.requestsPerServed, u"requests"_s,
        u"≤ %1"_s.arg(targetRequestsPerServedTurn),
        mine.requestsPerServed <= targetRequestsPerServedTurn);
    for (const Figures &peer : std::as_const(peers))
        rows.addPeer(described(peer.series), requests, peer.requestsPerServed, u"requests"_s,
            ratio(peer.requestsPerServed, mine.requestsPerServed));

    const QString p50 = u"%1: p50 time to first token"_s.arg(storm);
    rows.add(p50, mine.p50Ms, u"ms"_s);
    for (const Figures &peer : std::as_const(peers))
        rows.addPeer(
            described(peer.series), p50, peer.p50Ms, u"ms"_s, ratio(peer.p50Ms, mine.p50Ms));

    const QString p99 = u"%1: p99 time to first token"_s.arg(storm);
    rows.add(p99, mine.p99Ms, u"ms"_s, u"lower than every peer's"_s,
        everyPeer && mine.p99Ms < bestPeerP99);
    for (const Figures &peer : std::as_const(peers))
        rows.addPeer(
            described(peer.series), p99, peer.p99Ms, u"ms"_s, ratio(peer.p99Ms, mine.p99Ms));

    const QString paid = u"%1: share of served turns that needed the paid step"_s.arg(storm);
    rows.add(paid, 100 * mine.paidShare, u"%"_s);
    for (const Figures &peer : std::as_const(peers))
        rows.addPeer(described(peer.series), paid, 100 * peer.paidShare, u"%"_s,
            ratio(peer.paidShare, mine.paidShare));
    return rows.exitCode();
}
