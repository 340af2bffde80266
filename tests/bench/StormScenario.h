// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "FailoverScenario.h"
#include "route/RoutePlan.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace detour {

// The 429 storm (issue 20, row 1), modelled on public reports of free models in a busy
// hour: step 1 asks for a `:free` model whose only provider refuses 95 % of requests
// (OpenRouter's upstream 429 with Retry-After 15-30 s), step 2 for a `:free` model whose
// provider refuses 30 %, step 3 for a paid model that serves. The key's free daily
// allowance (free-models-per-day) runs out at the 50th request for a free model. Every
// provider answers in 20-50 ms. The random choices are seeded: each subject's simulator
// gives the n-th request reaching a provider the same answer.
class StormScenario final {
public:
    StormScenario() = delete;

    static constexpr int freeRequestsPerDay = 50;

    static QStringList models(); // the three steps' models, in route order
    static QString paidModel();
    static QByteArray json();
    // Detour's route over the three steps, with the default policy.
    static RoutePlan plan(const QUrl &baseUrl);
    // failover.mjs's arguments for `peer` over the same steps, `turns` started every
    // `cadenceMs` (or right after the previous one ends, when that is later).
    static QStringList peerArguments(
        const FailoverScenario::Peer &peer, const QUrl &baseUrl, int turns, int cadenceMs);
};

} // namespace detour
