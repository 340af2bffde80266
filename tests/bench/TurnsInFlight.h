// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "TurnSeries.h"
#include "route/RoutePlan.h"

namespace detour {

class MemoryStepHistory;
class SimThread;

// Runs turns of a route through Detour's RouteEngine and TurnRunner with a fixed
// number of turns in flight, each slot an engine of its own: when a slot's turn
// settles, its next starts. The same measurements the peers report, with what
// the turns' traces say about hedging.
class TurnsInFlight final {
public:
    struct Run {
        TurnSeries series;
        int hedged = 0; // turns that sent a second request beside the first (HedgeRace)
        int lostRaces = 0; // requests cancelled because the other one was first
        // For each hedged turn, how long after the first request the second was sent.
        QList<double> hedgeAfterMs;
    };

    TurnsInFlight(SimThread &sim, int inFlight);

    // Every turn's attempts are added to `history` as they finish, and the engine
    // reads it (hedge_after_ms "auto", the policy's sort). May be null.
    void setHistory(MemoryStepHistory *history) { m_history = history; }

    // A warm-up turn per slot straight to the last step comes first, uncounted.
    Run run(const QString &subject, const RoutePlan &plan, int turns);

private:
    SimThread &m_sim;
    int m_inFlight;
    MemoryStepHistory *m_history = nullptr;
};

} // namespace detour
