// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// Benchmark 2: cooldown.
//
// 20 turns in a row over the failover route (FailoverScenario) while step 1's
// provider keeps answering the upstream 429, without Retry-After, so Detour's
// policy cools the step down for its default time. Counted: the requests that
// were wasted on the refusing step. Detour's first turn learns of the rate
// limit and the next ones skip the step; the peers run the same 20 turns their
// own way (peers/failover.mjs), each on the same kind of simulator.
//
// The peers keep no state from one turn to the next, so the one whose turns
// take a minute and a half (LangChain with its default retries) runs its 20
// turns at once; the ones that take seconds run meanwhile on simulators of
// their own.

#include "BenchRows.h"
#include "DetourTurns.h"
#include "FailoverScenario.h"
#include "NodePeer.h"
#include "SimThread.h"

#include <QCoreApplication>
#include <list>
#include <memory>

using namespace detour;
using namespace Qt::StringLiterals;

namespace {

constexpr int turns = 20;
constexpr qint64 targetWasted = 1;
constexpr int peerTimeoutMs = 600'000;
constexpr int peerStartMs = 60'000;

using Peer = FailoverScenario::Peer;

struct PeerRun {
    Peer peer;
    std::unique_ptr<SimThread> sim; // of its own
    std::unique_ptr<NodePeer> process;
};

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

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    BenchRows rows(u"cooldown"_s);
    if (const QString reason = NodePeer::unavailableReason(); !reason.isEmpty()) {
        BenchRows::note(reason);
        return 1;
    }
    SimThread sim(FailoverScenario::json());
    if (!sim.isListening()) {
        BenchRows::note(u"simulator: %1"_s.arg(sim.errorString()));
        return 1;
    }
    const FailoverScenario::Condition condition = FailoverScenario::withoutRetryAfter();

    // Background first: the slow peers sleep through most of their run.
    std::list<PeerRun> background;
    const auto startBackground = [&](const Peer &peer, bool atOnce) {
        PeerRun run { peer, std::make_unique<SimThread>(FailoverScenario::json()), nullptr };
        QStringList arguments =
            FailoverScenario::peerArguments(peer, run.sim->baseUrl(), condition, turns);
        if (atOnce)
            arguments << u"--concurrent"_s << u"1"_s;
        run.process = std::make_unique<NodePeer>(u"failover.mjs"_s, arguments);
        background.push_back(std::move(run));
    };
    startBackground({ u"openai"_s, true }, false);
    startBackground({ u"langchain"_s, true }, true);
    for (PeerRun &run : background)
        run.process->waitUntilReady(peerStartMs);

    DetourTurns detour(sim);
    const TurnSeries detourSeries = detour.run(u"Detour"_s,
        FailoverScenario::plan(sim.baseUrl(), condition), turns, DetourTurns::Cooldowns::Keep);

    QList<TurnSeries> peers;
    for (const Peer &peer : { Peer { u"openai"_s, false }, Peer { u"langchain"_s, false },
             Peer { u"portkey"_s, false } }) {
        NodePeer process(u"failover.mjs"_s,
            FailoverScenario::peerArguments(peer, sim.baseUrl(), condition, turns));
        peers.append(peerSeries(process, peer));
    }
    BenchRows::note(u"waiting for the peers that retry before they fall back"_s);
    for (PeerRun &run : background)
        peers.append(peerSeries(*run.process, run.peer));

    const QString measure =
        u"requests wasted on the rate-limited step in %1 turns (%2)"_s.arg(turns).arg(
            condition.name);
    const qint64 wasted = detourSeries.requests.value(condition.refusingModel);
    bool everyPeer = true;
    for (const TurnSeries &peer : std::as_const(peers)) {
        if (!peer.ok || peer.turns() != turns) {
            BenchRows::note(u"peer %1 gave no figure: %2"_s.arg(peer.subject, peer.firstError));
            everyPeer = false;
        }
    }
    if (detourSeries.failed > 0) {
        BenchRows::note(u"Detour: %1 of %2 turns failed (%3)"_s.arg(detourSeries.failed)
                            .arg(turns)
                            .arg(detourSeries.firstError));
    }
    rows.add(measure, double(wasted), u"requests"_s, u"%1, every turn served"_s.arg(targetWasted),
        wasted == targetWasted && detourSeries.failed == 0 && everyPeer);
    for (const TurnSeries &peer : std::as_const(peers)) {
        if (!peer.ok)
            continue;
        const double peerWasted = double(peer.requests.value(condition.refusingModel));
        rows.addPeer(described(peer), measure, peerWasted, u"requests"_s,
            wasted > 0 ? std::optional(peerWasted / double(wasted)) : std::nullopt);
    }
    return rows.exitCode();
}
