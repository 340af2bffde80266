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
    RouteEngine engine;
    engine.setStepHistory(m_history);
    ChatRequest request;
    request.messages = { { u"user"_s, u"Which provider answered first?"_s } };

    Run run;
    run.series.subject = subject;
    QEventLoop loop;
    int started = 0;
    int settled = 0;
    int total = 0; // turns of this batch
    // Starts the next turn of the batch; each one, once settled, starts the next.
    std::function<void(const RoutePlan &, bool)> startNext = [&](const RoutePlan &turnPlan,
                                                                 bool counted) {
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
        QObject::connect(runner, &TurnRunner::settled, &loop, [&, turnPlan, counted] {
            ++settled;
            if (started < total)
                startNext(turnPlan, counted);
            else if (settled == total)
                loop.quit();
        });
    };
    const auto batch = [&](const RoutePlan &turnPlan, int count, int inFlight, bool counted) {
        started = settled = 0;
        total = count;
        for (int i = 0; i < std::min(inFlight, count); ++i)
            startNext(turnPlan, counted);
        if (count > 0)
            loop.exec();
    };

    RoutePlan warmUp = plan;
    warmUp.steps = { plan.steps.constLast() };
    batch(warmUp, 2, 1, false);

    const SimStats before = m_sim.stats();
    batch(plan, turns, m_inFlight, true);
    run.series.requests = madeSince(before, m_sim.stats());
    run.series.ok = true;
    return run;
}

} // namespace detour
