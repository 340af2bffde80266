// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "MemoryStepHistory.h"

#include "store/ProviderHealthQuery.h"

namespace detour {

namespace {

QString keyOf(const QString &endpointId, const QString &model)
{
    return endpointId + u'\n' + model;
}

} // namespace

void MemoryStepHistory::add(const TurnResult &result)
{
    for (const Attempt &attempt : result.attempts) {
        if (attempt.outcome == Outcome::Skipped || attempt.outcome == Outcome::Cancelled)
            continue;
        Sums &sums = m_steps[keyOf(attempt.endpointId, attempt.requestedModel)];
        ++sums.tries;
        sums.served += attempt.outcome == Outcome::Served && !attempt.interrupted ? 1 : 0;
        const AttemptTimings &timings = attempt.timings;
        if (timings.sentMs >= 0 && timings.firstTokenMs >= timings.sentMs)
            sums.timesToFirstToken.append(timings.firstTokenMs - timings.sentMs);
    }
}

std::optional<StepRecord> MemoryStepHistory::record(
    const QString &endpointId, const QString &model) const
{
    const auto it = m_steps.constFind(keyOf(endpointId, model));
    if (it == m_steps.constEnd())
        return std::nullopt;
    StepRecord record;
    record.tries = it->tries;
    record.served = it->served;
    record.medianTimeToFirstTokenMs = ProviderHealthQuery::percentile(it->timesToFirstToken, 0.5);
    record.p90TimeToFirstTokenMs = ProviderHealthQuery::percentile(it->timesToFirstToken, 0.9);
    record.firstTokens = int(it->timesToFirstToken.size());
    return record;
}

} // namespace detour
