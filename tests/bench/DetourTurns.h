// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "TurnSeries.h"
#include "route/RoutePlan.h"

namespace detour {

class SimThread;

// Runs turns of a route through Detour's own RouteEngine and TurnRunner, one
// after the other as a person sends them, against the simulator on its thread;
// the same measurements the peers report (benchmarks 1 and 2).
class DetourTurns final {
public:
    enum class Cooldowns {
        Forget, // every turn meets the refusal afresh: failover as on a first encounter
        Keep, // what one turn learns about a rate limit the next turn uses
    };

    explicit DetourTurns(SimThread &sim);

    // Starts turn i at i * `ms` after the first (or when turn i - 1 has settled, if
    // later), as a person sends messages; 0 (the default): each right after the last.
    void setCadenceMs(int ms) { m_cadenceMs = ms; }

    // Two warm-up turns straight to the last step come first, uncounted.
    TurnSeries run(const QString &subject, const RoutePlan &plan, int turns, Cooldowns cooldowns);

private:
    SimThread &m_sim;
    int m_cadenceMs = 0;
};

} // namespace detour
