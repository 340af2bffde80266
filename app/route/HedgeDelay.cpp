// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "HedgeDelay.h"

#include "StepHistory.h"
#include "TurnBadge.h"

#include <algorithm>
#include <cmath>

namespace detour {

using namespace Qt::StringLiterals;
using std::chrono::milliseconds;

std::optional<HedgeDelay::Delay> HedgeDelay::forStep(
    const RoutePolicy &policy, const RouteStep &step, const StepHistory *history)
{
    if (!policy.hedgeAuto) {
        if (policy.hedgeAfter.count() <= 0)
            return std::nullopt;
        return Delay { policy.hedgeAfter, false };
    }
    const std::optional<StepRecord> record =
        history ? history->record(step.endpointId, step.target.model) : std::nullopt;
    if (!record || !record->p90TimeToFirstTokenMs || record->firstTokens < minimumSamples)
        return Delay { autoWithoutHistory, false };
    auto after = milliseconds(qint64(std::llround(*record->p90TimeToFirstTokenMs)));
    if (const std::optional<double> median = record->medianTimeToFirstTokenMs)
        after = std::min(after, milliseconds(qint64(std::llround(medianMultiple * *median))));
    return Delay { std::clamp(after, autoFloor, autoCap), true };
}

QList<std::optional<milliseconds>> HedgeDelay::perStep(
    const RoutePlan &plan, const StepHistory *history)
{
    QList<std::optional<milliseconds>> delays;
    for (const RouteStep &step : plan.steps) {
        const std::optional<Delay> delay = forStep(plan.policy, step, history);
        delays.append(delay ? std::optional(delay->after) : std::nullopt);
    }
    return delays;
}

QString HedgeDelay::autoDescription(const RoutePlan &plan, const StepHistory *history)
{
    if (!plan.policy.hedgeAuto)
        return {};
    QStringList parts;
    bool anyHistory = false;
    for (qsizetype i = 0; i < plan.steps.size(); ++i) {
        if (!plan.steps[i].enabled)
            continue;
        const std::optional<Delay> delay = forStep(plan.policy, plan.steps[i], history);
        if (!delay)
            continue;
        anyHistory = anyHistory || delay->fromHistory;
        const QString seconds = TurnBadge::seconds(delay->after.count());
        parts << (delay->fromHistory ? tr("%1 for step %2 (from history)")
                                     : tr("%1 for step %2 (no history)"))
                     .arg(seconds)
                     .arg(i + 1);
    }
    if (!anyHistory)
        return tr("auto: %1 (no history)").arg(TurnBadge::seconds(autoWithoutHistory.count()));
    return tr("auto: %1").arg(parts.join(u", "_s));
}

} // namespace detour
