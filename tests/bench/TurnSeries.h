// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QList>
#include <QMap>
#include <QString>
#include <nlohmann/json.hpp>

namespace detour {

// What one client did over a run of turns (benchmarks 1 and 2): the time from
// the call to the first content token of every turn that was served, the turns
// that were not, and the chat completions it asked the simulator for, by model.
struct TurnSeries {
    QString subject; // "Detour" or the peer with its version and settings
    QList<double> ttftMs;
    int failed = 0;
    QString firstError;
    QMap<QString, qint64> requests;
    QMap<QString, qint64> served; // turns served, by the model that served them (/sim/stats)
    bool ok = false; // false: the run itself broke (see firstError)

    // From a peer's result line (peers/failover.mjs).
    static TurnSeries fromPeer(const nlohmann::json &result);

    int turns() const { return int(ttftMs.size()) + failed; }
    qint64 totalRequests() const;
    double medianTtftMs() const; // 0 when no turn was served
};

} // namespace detour
