// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "RoutePlan.h"

#include <QCoreApplication>
#include <QList>
#include <chrono>
#include <optional>

namespace detour {

class StepHistory;

// What the policy's hedge_after_ms means for each step of a route: off, a fixed
// delay, or "auto", the step's 90th-percentile time to first token over the last
// seven days of history (StepHistory, ProviderHealthQuery's step window), or
// medianMultiple times its median when that is sooner, kept between autoFloor and
// autoCap. A step with fewer than minimumSamples known first tokens in that week
// has no history and waits autoWithoutHistory.
//
// Why the median too: when more than one request in ten is slow (a heavy tail), the
// 90th percentile lies inside the tail, and hedging there leaves the slow turns
// waiting seconds before the hedge even starts. A first token several times later
// than the step's median is already the tail; for a provider without one (its 90th
// percentile within a few medians) the 90th percentile still decides.
class HedgeDelay final {
    Q_DECLARE_TR_FUNCTIONS(HedgeDelay)

public:
    // Below a second a hedge would fire on ordinary turns of a healthy provider and
    // double their requests; 10 s still rescues a provider that sits on the request long
    // before the default first-token timeout (60 s); 4 s without history is well past
    // a healthy provider's first token and a fraction of that timeout.
    static constexpr std::chrono::milliseconds autoFloor { 1000 };
    static constexpr std::chrono::milliseconds autoCap { 10'000 };
    static constexpr std::chrono::milliseconds autoWithoutHistory { 4000 };
    static constexpr int minimumSamples = 5;
    // Three medians: a healthy provider's 90th percentile is within two or so.
    static constexpr int medianMultiple = 3;

    struct Delay {
        std::chrono::milliseconds after { 0 };
        bool fromHistory = false; // "auto" from the step's history (else fixed, or no history)
    };

    // The delay for `step`; nullopt when hedging is off. `history` may be null.
    static std::optional<Delay> forStep(
        const RoutePolicy &policy, const RouteStep &step, const StepHistory *history);
    // The same for every step of the plan, in plan.steps order.
    static QList<std::optional<std::chrono::milliseconds>> perStep(
        const RoutePlan &plan, const StepHistory *history);
    // For the route editor, with "auto": "auto: 1.8 s for step 1 (from history), 4.0 s for
    // step 2 (no history)", or "auto: 4.0 s (no history)" when no step has any. Empty
    // when the policy is not "auto".
    static QString autoDescription(const RoutePlan &plan, const StepHistory *history);
};

} // namespace detour
