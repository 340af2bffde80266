// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>
#include <optional>

namespace detour {

// What the recorded history says about one step (an endpoint + requested model).
struct StepRecord {
    int tries = 0; // requests that reached a server
    int served = 0;
    std::optional<double> tokensPerSecond;
    std::optional<double> medianTimeToFirstTokenMs;
    std::optional<double> p90TimeToFirstTokenMs; // for hedge_after_ms "auto" (HedgeDelay)
    int firstTokens = 0; // requests whose time to first token is known
};

// Where StepRanker learns how steps did before. The store implements it from
// the attempts it keeps (ProviderHealthQuery); tests use a table.
class StepHistory {
public:
    virtual ~StepHistory() = default;
    // nullopt when the step has no history.
    virtual std::optional<StepRecord> record(
        const QString &endpointId, const QString &model) const = 0;
};

} // namespace detour
