// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// Benchmark "tail" (issue 20, row 2): tail latency with hedged requests.
//
// Step 1 of a two-step route has a heavy-tailed time to first token, step 2 is
// steady (TailScenario). 500 turns per subject, 16 in flight at a time (the same
// for every subject: one after the other would take minutes), each subject on a
// simulator of its own started from the same seeded scenario, so every subject's
// step 1 draws the same times:
//
// - Detour with hedging off: the p50 the hedged run must keep. Its turns are also
//   the week of history a person has when they switch hedging on.
// - Detour with hedge_after_ms "auto", the policy a person picks for a route with a
//   slow tail without knowing the provider's figures: the delay comes from that
//   history (HedgeDelay), which goes on recording the hedged turns as the store does.
// - The peers' best configurations (peers/failover.mjs, maxRetries 0: openai's
//   fallback loop, LangChain withFallbacks, the Portkey gateway's fallback), all
//   three at once after Detour, each on its own simulator. None of them hedges.
//
// Rows: p50 and p99 time to first token (nearest rank), requests beyond one per
// turn, and for Detour the share of turns that hedged and the races lost.
// Targets for the hedged run: p99 at least 3x below the best peer's, hedges in at
// most 12 % of turns, p50 within 10 % of the unhedged run's.

#include "BenchRows.h"
#include "MemoryStepHistory.h"
#include "NodePeer.h"
#include "Percentile.h"
#include "SimThread.h"
#include "TailScenario.h"
#include "TurnsInFlight.h"
#include "route/HedgeDelay.h"

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
constexpr int inFlight = 16;
constexpr double p99Factor = 3; // the hedged p99 is at least this many times lower
constexpr double hedgedShareTarget = 0.12;
constexpr double p50Tolerance = 0.10; // of the unhedged run's p50
constexpr int peerTimeoutMs = 240'000;

double extraRequests(const TurnSeries &series)
{
    return double(std::max<qint64>(0, series.totalRequests() - series.turns()));
}

struct PeerRun {
    QString library;
    std::unique_ptr<SimThread> sim;
    std::unique_ptr<NodePeer> process;
};

TurnSeries peerSeries(PeerRun &run)
{
    if (const auto result = run.process->result(peerTimeoutMs))
        return TurnSeries::fromPeer(*result);
    TurnSeries broken;
    broken.subject = run.library;
    broken.firstError = run.process->errorString();
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

QString delayText(const RoutePlan &plan, const StepHistory &history)
{
    const auto delay = HedgeDelay::forStep(plan.policy, plan.steps.constFirst(), &history);
    if (!delay)
        return u"off"_s;
    return u"%1 ms (%2)"_s.arg(delay->after.count())
        .arg(delay->fromHistory ? u"from history"_s : u"no history"_s);
}

QString recordText(const StepHistory &history, const RoutePlan &plan)
{
    const RouteStep &step = plan.steps.constFirst();
    const auto record = history.record(step.endpointId, step.target.model);
    if (!record)
        return u"no history"_s;
    return u"%1 first tokens, p50 %2 ms, p90 %3 ms"_s.arg(record->firstTokens)
        .arg(record->medianTimeToFirstTokenMs.value_or(-1))
        .arg(record->p90TimeToFirstTokenMs.value_or(-1));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    BenchRows rows(u"tail"_s, u"Detour, hedge_after_ms auto"_s);
    BenchRows plainRows(u"tail"_s, u"Detour, hedging off"_s);
    if (const QString reason = NodePeer::unavailableReason(); !reason.isEmpty()) {
        BenchRows::note(reason);
        return 1;
    }
    BenchRows::note(u"%1 turns per subject, %2 in flight; step 1: %3-%4 ms, one in ten %5-%6 ms, "
                    "one in a hundred %7 ms; step 2: %8 ms"_s.arg(turns)
                        .arg(inFlight)
                        .arg(TailScenario::fastLowMs)
                        .arg(TailScenario::fastHighMs)
                        .arg(TailScenario::slowLowMs)
                        .arg(TailScenario::slowHighMs)
                        .arg(TailScenario::stuckMs)
                        .arg(TailScenario::steadyMs));

    MemoryStepHistory history;
    TurnsInFlight::Run plain;
    {
        SimThread sim(TailScenario::json());
        if (!sim.isListening()) {
            BenchRows::note(u"simulator: %1"_s.arg(sim.errorString()));
            return 1;
        }
        TurnsInFlight detour(sim, inFlight);
        detour.setHistory(&history);
        plain = detour.run(u"Detour, hedging off"_s, TailScenario::plan(sim.baseUrl()), turns);
    }

    RoutePolicy hedging;
    hedging.hedgeAuto = true;
    TurnsInFlight::Run hedged;
    {
        SimThread sim(TailScenario::json());
        if (!sim.isListening()) {
            BenchRows::note(u"simulator: %1"_s.arg(sim.errorString()));
            return 1;
        }
        const RoutePlan plan = TailScenario::plan(sim.baseUrl(), hedging);
        BenchRows::note(u"step 1's history before the hedged run: %1; auto delay %2"_s.arg(
            recordText(history, plan), delayText(plan, history)));
        TurnsInFlight detour(sim, inFlight);
        detour.setHistory(&history);
        hedged = detour.run(u"Detour, hedge_after_ms auto"_s, plan, turns);
        BenchRows::note(u"and after it: %1; auto delay %2"_s.arg(
            recordText(history, plan), delayText(plan, history)));
        if (!hedged.hedgeAfterMs.isEmpty()) {
            BenchRows::note(u"the traces: %1 turns hedged, the second request sent %2 ms "
                            "(median) / %3 ms (max) after the first"_s.arg(hedged.hedged)
                                .arg(bench::nearestRank(hedged.hedgeAfterMs, 0.5))
                                .arg(bench::nearestRank(hedged.hedgeAfterMs, 1)));
        }
    }

    BenchRows::note(u"the peers, all three at once, each on a simulator of its own"_s);
    std::list<PeerRun> background;
    for (const QString &library : { u"openai"_s, u"langchain"_s, u"portkey"_s }) {
        PeerRun run { library, std::make_unique<SimThread>(TailScenario::json()), nullptr };
        run.process = std::make_unique<NodePeer>(u"failover.mjs"_s,
            TailScenario::peerArguments(library, run.sim->baseUrl(), turns, inFlight));
        background.push_back(std::move(run));
    }
    QList<TurnSeries> peers;
    for (PeerRun &run : background)
        peers.append(peerSeries(run));

    const TurnSeries &series = hedged.series;
    const double p50 = bench::nearestRank(series.ttftMs, 0.5);
    const double p99 = bench::nearestRank(series.ttftMs, 0.99);
    const double plainP50 = bench::nearestRank(plain.series.ttftMs, 0.5);
    const double plainP99 = bench::nearestRank(plain.series.ttftMs, 0.99);
    std::optional<double> bestPeerP99;
    bool everyPeer = true;
    for (const TurnSeries &peer : std::as_const(peers)) {
        if (!peer.ok || peer.ttftMs.isEmpty() || peer.failed > 0) {
            BenchRows::note(u"peer %1 gave no figure: %2"_s.arg(peer.subject, peer.firstError));
            everyPeer = false;
            continue;
        }
        const double peerP99 = bench::nearestRank(peer.ttftMs, 0.99);
        bestPeerP99 = std::min(bestPeerP99.value_or(peerP99), peerP99);
    }
    for (const TurnsInFlight::Run *run : { &plain, &hedged }) {
        if (run->series.failed > 0 || run->series.turns() != turns) {
            BenchRows::note(u"%1: %2 of %3 turns served (%4)"_s.arg(run->series.subject)
                                .arg(run->series.ttftMs.size())
                                .arg(run->series.turns())
                                .arg(run->series.firstError));
        }
    }
    const bool allServed = series.failed == 0 && series.turns() == turns && plain.series.failed == 0
        && plain.series.turns() == turns;
    const auto ratio = [](double peer, double detour) {
        return detour > 0 ? std::optional(peer / detour) : std::nullopt;
    };

    const QString p50Measure = u"time to first token, p50"_s;
    rows.add(p50Measure, p50, u"ms"_s,
        u"within %1 % of hedging off (%2 ms)"_s.arg(p50Tolerance * 100).arg(plainP50, 0, 'f', 1),
        allServed && std::abs(p50 - plainP50) <= p50Tolerance * plainP50);
    plainRows.add(p50Measure, plainP50, u"ms"_s);
    for (const TurnSeries &peer : std::as_const(peers)) {
        if (peer.ok && !peer.ttftMs.isEmpty())
            rows.addPeer(described(peer), p50Measure, bench::nearestRank(peer.ttftMs, 0.5), u"ms"_s,
                ratio(bench::nearestRank(peer.ttftMs, 0.5), p50));
    }

    const QString p99Measure = u"time to first token, p99"_s;
    rows.add(p99Measure, p99, u"ms"_s,
        u"≤ best peer ÷ %1%2"_s.arg(p99Factor).arg(
            bestPeerP99 ? u" (%1 ms)"_s.arg(*bestPeerP99 / p99Factor, 0, 'f', 0) : QString()),
        allServed && everyPeer && bestPeerP99 && p99 * p99Factor <= *bestPeerP99);
    plainRows.add(p99Measure, plainP99, u"ms"_s);
    for (const TurnSeries &peer : std::as_const(peers)) {
        if (peer.ok && !peer.ttftMs.isEmpty())
            rows.addPeer(described(peer), p99Measure, bench::nearestRank(peer.ttftMs, 0.99),
                u"ms"_s, ratio(bench::nearestRank(peer.ttftMs, 0.99), p99));
    }

    const QString extraMeasure = u"requests beyond one per turn (%1 turns)"_s.arg(turns);
    rows.add(extraMeasure, extraRequests(series), u"requests"_s);
    plainRows.add(extraMeasure, extraRequests(plain.series), u"requests"_s);
    for (const TurnSeries &peer : std::as_const(peers)) {
        if (peer.ok && peer.turns() > 0)
            rows.addPeer(
                described(peer), extraMeasure, extraRequests(peer), u"requests"_s, std::nullopt);
    }

    const double hedgedShare = series.turns() > 0 ? double(hedged.hedged) / series.turns() : 1;
    rows.add(u"turns that hedged"_s, hedgedShare * 100, u"%"_s,
        u"≤ %1 %"_s.arg(hedgedShareTarget * 100), allServed && hedgedShare <= hedgedShareTarget);
    rows.add(u"requests that lost a hedged race"_s, hedged.lostRaces, u"requests"_s);
    // How much of a tail each subject met: step 1's draws slower than a second.
    const auto slowShare = [](const TurnSeries &run) {
        const auto slow = std::count_if(
            run.ttftMs.cbegin(), run.ttftMs.cend(), [](double ms) { return ms > 1000; });
        return run.ttftMs.isEmpty() ? 0 : 100.0 * double(slow) / double(run.ttftMs.size());
    };
    plainRows.add(u"turns over 1 s to the first token"_s, slowShare(plain.series), u"%"_s);
    return rows.exitCode();
}
