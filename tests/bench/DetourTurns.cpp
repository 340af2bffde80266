// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "DetourTurns.h"

#include "CpuClock.h"
#include "SimThread.h"
#include "route/RouteEngine.h"

#include <QEventLoop>
#include <QTimer>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

struct Turn {
    bool served = false;
    double ttftMs = -1;
    QString summary;
};

// One turn, from the call that starts it until the runner has settled
// (OpenRouter's generation stats fetched too), so turns never overlap.
Turn runTurn(RouteEngine &engine, const RoutePlan &plan, const ChatRequest &request)
{
    Turn turn;
    QEventLoop loop;
    const long long start = cpuclock::monotonicNs();
    TurnRunner *runner = engine.startTurn(plan, request);
    QObject::connect(runner, &TurnRunner::contentDelta, &loop, [&turn, start] {
        if (turn.ttftMs < 0)
            turn.ttftMs = double(cpuclock::monotonicNs() - start) / 1e6;
    });
    QObject::connect(runner, &TurnRunner::finished, &loop, [&turn](const TurnResult &result) {
        turn.served = result.status == TurnResult::Status::Served;
        turn.summary = result.summary;
    });
    QObject::connect(runner, &TurnRunner::settled, &loop, &QEventLoop::quit);
    loop.exec();
    return turn;
}

// Per-model counts between two snapshots of one of SimStats' maps.
QMap<QString, qint64> madeSince(
    const QMap<QString, qint64> &before, const QMap<QString, qint64> &after)
{
    QMap<QString, qint64> made;
    for (auto it = after.cbegin(); it != after.cend(); ++it) {
        if (const qint64 count = it.value() - before.value(it.key()); count > 0)
            made.insert(it.key(), count);
    }
    return made;
}

// Runs the event loop until `atNs` on cpuclock::monotonicNs()'s clock.
void waitUntil(long long atNs)
{
    const long long waitMs = (atNs - cpuclock::monotonicNs()) / 1'000'000;
    if (waitMs <= 0)
        return;
    QEventLoop loop;
    QTimer::singleShot(int(waitMs), Qt::PreciseTimer, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace

DetourTurns::DetourTurns(SimThread &sim)
    : m_sim(sim)
{
}

TurnSeries DetourTurns::run(
    const QString &subject, const RoutePlan &plan, int turns, Cooldowns cooldowns)
{
    RouteEngine engine;
    ChatRequest request;
    request.messages = { { u"user"_s, u"Which provider answered?"_s } };

    RoutePlan warmUp = plan;
    warmUp.steps = { plan.steps.constLast() };
    for (int i = 0; i < 2; ++i)
        runTurn(engine, warmUp, request);

    TurnSeries series;
    series.subject = subject;
    const SimStats before = m_sim.stats();
    const long long startedNs = cpuclock::monotonicNs();
    for (int i = 0; i < turns; ++i) {
        if (m_cadenceMs > 0)
            waitUntil(startedNs + i * m_cadenceMs * 1'000'000LL);
        if (cooldowns == Cooldowns::Forget)
            engine.cooldowns().clear();
        const Turn turn = runTurn(engine, plan, request);
        if (turn.served && turn.ttftMs >= 0) {
            series.ttftMs.append(turn.ttftMs);
        } else {
            ++series.failed;
            if (series.firstError.isEmpty())
                series.firstError = turn.summary;
        }
    }
    const SimStats after = m_sim.stats();
    series.requests = madeSince(before.models, after.models);
    series.served = madeSince(before.served, after.served);
    series.ok = true;
    return series;
}

} // namespace detour
