// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "TurnsInFlight.h"

#include "CpuClock.h"
#include "MemoryStepHistory.h"
#include "SimThread.h"
#include "route/RouteEngine.h"

#include <QEventLoop>
#include <functional>
#include <memory>
#include <vector>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

QMap<QString, qint64> madeSince(const SimStats &before, const SimStats &after)
{
    QMap<QString, qint64> made;
    for (auto it = after.models.cbegin(); it != after.models.cend(); ++it) {
        if (const qint64 count = it.value() - before.models.value(it.key()); count > 0)
            made.insert(it.key(), count);
    }
    return made;
}

// Requests the turn sent (attempts that were not skipped).
int requestsOf(const TurnResult &result)
{
    int requests = 0;
    for (const Attempt &attempt : result.attempts)
        requests += attempt.outcome == Outcome::Skipped ? 0 : 1;
    return requests;
}

} // namespace

TurnsInFlight::TurnsInFlight(SimThread &sim, int inFlight)
    : m_sim(sim)
    , m_inFlight(std::max(1, inFlight))
{
}

TurnsInFlight::Run TurnsInFlight::run(const QString &subject, const RoutePlan &plan, int turns)
{
    // One engine per slot: a QNetworkAccessManager opens at most six connections to a
    // host (Qt 6.4 has no setting for it), so sixteen turns through one engine would
    // queue behind the slow ones. Each slot is a person's Detour; the history is shared.
    std::vector<std::unique_ptr<RouteEngine>> engines;
    for (int i = 0; i < m_inFlight; ++i) {
        engines.push_back(std::make_unique<RouteEngine>());
        engines.back()->setStepHistory(m_history);
    }
    ChatRequest request;
    request.messages = { { u"user"_s, u"Which provider answered first?"_s } };

    Run run;
    run.series.subject = subject;
    QEventLoop loop;
    int started = 0;
    int settled = 0;
    int total = 0; // turns of this batch
    // Starts the next turn of the batch; each one, once settled, starts the next.
    std::function<void(RouteEngine &, const RoutePlan &, bool)> startNext =
        [&](RouteEngine &engine, const RoutePlan &turnPlan, bool counted) {
            ++started;
            const long long start = cpuclock::monotonicNs();
            auto ttftMs = std::make_shared<double>(-1);
            TurnRunner *runner = engine.startTurn(turnPlan, request);
            QObject::connect(runner, &TurnRunner::contentDelta, &loop, [ttftMs, start] {
                if (*ttftMs < 0)
                    *ttftMs = double(cpuclock::monotonicNs() - start) / 1e6;
            });
            QObject::connect(runner, &TurnRunner::finished, &loop,
                [this, &run, ttftMs, counted](const TurnResult &result) {
                    if (!counted)
                        return;
                    if (m_history)
                        m_history->add(result);
                    if (result.status == TurnResult::Status::Served && *ttftMs >= 0) {
                        run.series.ttftMs.append(*ttftMs);
                    } else {
                        ++run.series.failed;
                        if (run.series.firstError.isEmpty())
                            run.series.firstError = result.summary;
                    }
                    if (requestsOf(result) > 1) {
                        ++run.hedged;
                        QList<qint64> sent;
                        for (const Attempt &attempt : result.attempts) {
                            if (attempt.outcome != Outcome::Skipped)
                                sent.append(attempt.timings.sentMs);
                        }
                        run.hedgeAfterMs.append(double(sent.value(1) - sent.value(0)));
                    }
                    for (const Attempt &attempt : result.attempts)
                        run.lostRaces += attempt.lostRace() ? 1 : 0;
                });
            QObject::connect(
                runner, &TurnRunner::settled, &loop, [&, turnPlan, counted, slot = &engine] {
                    ++settled;
                    if (started < total)
                        startNext(*slot, turnPlan, counted);
                    else if (settled == total)
                        loop.quit();
                });
        };
    const auto batch = [&](const RoutePlan &turnPlan, int count, int inFlight, bool counted) {
        started = settled = 0;
        total = count;
        for (int i = 0; i < std::min(inFlight, count); ++i)
            startNext(*engines[std::size_t(i)], turnPlan, counted);
        if (count > 0)
            loop.exec();
    };

    RoutePlan warmUp = plan;
    warmUp.steps = { plan.steps.constLast() };
    batch(warmUp, m_inFlight, m_inFlight, false); // a turn per engine

    const SimStats before = m_sim.stats();
    batch(plan, turns, m_inFlight, true);
    run.series.requests = madeSince(before, m_sim.stats());
    run.series.ok = true;
    return run;
}

} // namespace detour
