// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "StepRanker.h"

#include "StepHistory.h"

#include <algorithm>
#include <numeric>

namespace detour {

namespace {

// Higher is better; nullopt when the history cannot rank the step this way.
std::optional<double> scoreOf(RouteSort sort, const StepRecord &record)
{
    if (record.tries <= 0)
        return std::nullopt;
    switch (sort) {
    case RouteSort::None:
        return std::nullopt;
    case RouteSort::Throughput:
        return record.tokensPerSecond;
    case RouteSort::Latency:
        if (!record.medianTimeToFirstTokenMs)
            return std::nullopt;
        return -*record.medianTimeToFirstTokenMs;
    case RouteSort::SuccessRate:
        return StepRanker::smoothedSuccessRate(record.served, record.tries);
    }
    return std::nullopt;
}

} // namespace

double StepRanker::smoothedSuccessRate(int served, int tries)
{
    return (served + 1.0) / (tries + 2.0);
}

QList<qsizetype> StepRanker::order(const RoutePlan &plan, const StepHistory *history)
{
    QList<qsizetype> indexes(plan.steps.size());
    std::iota(indexes.begin(), indexes.end(), 0);
    const RouteSort sort = plan.policy.sort;
    if (sort == RouteSort::None || !history)
        return indexes;

    QList<std::optional<double>> scores;
    for (const RouteStep &step : plan.steps) {
        const std::optional<StepRecord> record =
            history->record(step.endpointId, step.target.model);
        scores.append(record ? scoreOf(sort, *record) : std::nullopt);
    }
    std::stable_sort(indexes.begin(), indexes.end(), [&](qsizetype a, qsizetype b) {
        if (scores[a].has_value() != scores[b].has_value())
            return scores[a].has_value();
        return scores[a] && *scores[a] > *scores[b];
    });
    return indexes;
}

} // namespace detour
