// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>
#include <optional>

namespace detour {

// Client-side ordering of a route's steps before a turn, from the recorded
// history (see StepRanker). What OpenRouter's `provider.sort` does among the
// providers of one model, done across endpoints and models.
enum class RouteSort {
    None, // the order as arranged
    Throughput, // most tokens per second first
    Latency, // shortest median time to first token first
    SuccessRate, // most often served first
};

// Wire names, as in the route file: "none" | "throughput" | "latency" | "success_rate".
QString routeSortName(RouteSort sort);
std::optional<RouteSort> routeSortFromName(const QString &name);

} // namespace detour
