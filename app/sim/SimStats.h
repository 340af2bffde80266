// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QMap>
#include <QString>

namespace detour {

// What the simulator has been asked since it started, so that a benchmark can
// count the requests each client made against the same scripted providers.
// GET /sim/stats answers it as JSON.
struct SimStats {
    qint64 requests = 0; // every request but /sim/stats itself
    QMap<QString, qint64> models; // chat completions by the model they asked for first
    // Providers the simulated OpenRouter tried for them: one request that is
    // routed past a refusing provider counts for both.
    QMap<QString, qint64> providers;
    // Requests by the User-Agent they came with ("" for none): Detour sends one.
    QMap<QString, qint64> userAgents;
    // Chat completions whose client closed the connection while the reply was under way
    // (Stop, a hedged request that lost its race), by the model being served.
    QMap<QString, qint64> clientGone;
    // Chat completions served to the end (the reply complete, finish_reason not "error"),
    // by the model that served them: which step of a client's route answered.
    QMap<QString, qint64> served;
};

} // namespace detour
