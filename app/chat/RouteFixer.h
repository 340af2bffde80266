// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "endpoints/ProviderEndpointInfo.h"
#include "protocol/Outcome.h"
#include "protocol/Result.h"
#include "route/Attempt.h"
#include "route/RoutePlan.h"

#include <QCoreApplication>
#include <optional>

namespace detour {

// The one-click fixes that change a route, checked before and after: a change
// applies only to the step the attempt was sent to, only while it still
// changes something (so a fix cannot be applied twice and undo itself), and
// never when it would leave that step with no provider to serve it.
class RouteFixer final {
    Q_DECLARE_TR_FUNCTIONS(detour::RouteFixer)

public:
    enum class Change { MoveStepDown, AllowFallbacks, PaidVariant, IgnoreProvider };

    // The route change a diagnosis' fix stands for; nullopt for fixes that
    // leave the route alone (wait, add a key, buy credits, ...).
    static std::optional<Change> changeFor(Fix fix);

    // `plan` with `change` made to the step `attempt` was sent to, or an Error
    // that says in one sentence why the change does not apply. `knownProviders`:
    // the catalog's provider endpoints of the step's model (may be empty).
    static Result<RoutePlan> apply(const RoutePlan &plan, Change change, const Attempt &attempt,
        const QList<ProviderEndpointInfo> &knownProviders = {});
};

} // namespace detour
