// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "protocol/ModelTarget.h"

#include <QCoreApplication>
#include <QStringList>

namespace detour {

// What is wrong with an OpenRouter step's model and routing settings, one sentence each,
// for the ⚠ on the step. Only combinations the documentation says cannot work as written:
// - a routing variant whose own sort another sort contradicts (`:nitro` = sort by
//   throughput, `:floor` = sort by price, `:exacto` = its own quality-first sort);
// - a variant on a router or a preset, which are not models with providers;
// - `:free` on a model the catalog lists without a free variant;
// - a sort partition without a sort, or partition "none" with no fallback models to mix;
// - an explicit provider order, which turns off the provider stickiness prompt caching
//   relies on (https://openrouter.ai/docs/guides/best-practices/prompt-caching,
//   "Provider Sticky Routing": "Sticky routing is not used when you specify a manual
//   provider order via provider.order").
// The catalog check understands variants: `a/b:nitro` is known when `a/b` is, and routers
// and presets are never "missing" (presets are not listed in /models).
class RoutingProblems final {
    Q_DECLARE_TR_FUNCTIONS(detour::RoutingProblems)

public:
    RoutingProblems() = delete;

    // `knownModels` empty: the catalog is unknown, nothing is flagged against it.
    static QStringList of(const ModelTarget &target, const QStringList &knownModels);
    // Whether the catalog knows the model a slug names (variants and routers understood).
    static bool isKnown(const QString &model, const QStringList &knownModels);
};

} // namespace detour
