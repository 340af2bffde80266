// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "RoutePlan.h"

#include <QList>

namespace detour {

class StepHistory;

// Orders a route's steps for one turn by the policy's `sort`, from the history.
//
// Steps the history can rank come first, best first (ties keep their arranged
// order); steps it knows nothing about (no tries, or no measure of that kind,
// e.g. no token ever streamed) follow in their arranged order, so a new step is
// still tried, just after the proven ones. Disabled steps are ordered like the
// others and skipped by the runner as always. With sort "none" or no history
// the order is the arranged one.
class StepRanker final {
public:
    // Indexes into plan.steps, in the order to try them.
    static QList<qsizetype> order(const RoutePlan &plan, const StepHistory *history);

    // Success rate as used for ranking: (served + 1) / (tries + 2), so one lucky
    // try does not outrank a long record of successes.
    static double smoothedSuccessRate(int served, int tries);
};

} // namespace detour
