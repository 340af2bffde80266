// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "route/RoutePlan.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <optional>

namespace detour {

// The route of benchmarks 1 and 2 and the simulator scenario behind it: step 1
// asks for a model whose only provider answers OpenRouter's upstream 429 (with
// metadata.provider_name), step 2 for a model whose provider serves after a
// fixed latency. Detour and every peer run the same two steps.
class FailoverScenario final {
public:
    struct Condition {
        QString name; // for the table: "429 with Retry-After: 1"
        QString refusingModel;
        QString refusingProvider;
        std::optional<int> retryAfterS; // what the 429 asks for
    };

    // A client peers/failover.mjs runs: "openai" (with a fallback loop),
    // "langchain" (withFallbacks) or "portkey" (the gateway's fallback config).
    struct Peer {
        QString library;
        bool defaultRetries = false; // false: maxRetries 0

        QString label() const; // for a peer that gave no result
    };

    FailoverScenario() = delete;

    static Condition withRetryAfter(); // the 429 carries Retry-After: 1
    static Condition withoutRetryAfter();
    static QString servingModel();
    // The 429's latency plus the serving provider's latency to the first token:
    // the least any client can take, so what it takes beyond this is its overhead.
    static double configuredLatencyMs();

    static QByteArray json();
    static RoutePlan plan(const QUrl &baseUrl, const Condition &condition, RoutePolicy policy = {});
    // failover.mjs's arguments for `peer` over the same steps. A positive
    // `budgetMs` ends the run after that long, but not before `minTurns` turns.
    static QStringList peerArguments(const Peer &peer, const QUrl &baseUrl,
        const Condition &condition, int turns, int budgetMs = 0, int minTurns = 1);
};

} // namespace detour
