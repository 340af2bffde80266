// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "SimScenario.h"

#include <QString>
#include <QStringList>
#include <nlohmann/json_fwd.hpp>
#include <optional>

namespace detour {

// The `provider` object of a request as the simulated OpenRouter understands it
// (https://openrouter.ai/docs/guides/routing/provider-selection): order / only / ignore /
// allow_fallbacks; sort ("price", "throughput", "latency", or {"by", "partition"});
// preferred_min_throughput / preferred_max_latency (a number = p50, or percentile cut-offs:
// the sim has one figure per provider, so every cut-off is compared with it); zdr;
// enforce_distillable_text.
struct SimPreferences {
    QStringList order;
    QStringList only;
    QStringList ignore;
    bool allowFallbacks = true;
    QString sort; // "", "price", "throughput", "latency"
    bool partitionNone = false; // sort every model's providers together
    std::optional<double> minThroughput; // tokens per second, the strictest cut-off
    std::optional<double> maxLatencyS; // seconds, the strictest cut-off
    bool zdr = false;
    bool distillableOnly = false;

    // The reason when `provider` is out of the documented shape (answered with a 400).
    static std::optional<QString> read(const nlohmann::json &provider, SimPreferences &into);
};

// Which providers OpenRouter would try for one model, and in which order.
class SimProviderOrder final {
public:
    SimProviderOrder() = delete;

    // The providers of `model` the preferences allow, in the order tried: the `order`
    // list first, then the rest by `sort` (stable: the scenario's order breaks ties),
    // and those missing a preferred cut-off after those meeting it.
    static QStringList providersFor(const SimScenario &scenario, const SimScenario::Model &model,
        const SimPreferences &preferences);
    // A key to sort by; smaller is tried first.
    static double sortKey(const SimScenario::Provider &provider, const QString &sort);
    // Whether the provider misses a preferred_min_throughput / preferred_max_latency.
    static bool missesCutoff(
        const SimScenario::Provider &provider, const SimPreferences &preferences);
};

} // namespace detour
