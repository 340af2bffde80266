// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "RouteFixer.h"

#include "endpoints/ProviderEligibility.h"

#include <algorithm>

namespace detour {

using namespace Qt::StringLiterals;

std::optional<RouteFixer::Change> RouteFixer::changeFor(Fix fix)
{
    switch (fix) {
    case Fix::MoveStepDown:
        return Change::MoveStepDown;
    case Fix::AllowFallbacks:
        return Change::AllowFallbacks;
    case Fix::PaidVariant:
        return Change::PaidVariant;
    default:
        return std::nullopt;
    }
}

Result<RoutePlan> RouteFixer::apply(const RoutePlan &plan, Change change, const Attempt &attempt,
    const QList<ProviderEndpointInfo> &knownProviders)
{
    const int at = attempt.stepIndex;
    if (at < 0 || at >= plan.steps.size() || plan.steps[at].endpointId != attempt.endpointId
        || plan.steps[at].target.model != attempt.requestedModel) {
        return Error(tr("The route has changed since: step %1 no longer asks for %2.")
                         .arg(at + 1)
                         .arg(attempt.requestedModel));
    }
    RoutePlan changed = plan;
    RouteStep &step = changed.steps[at];
    ProviderPreferences &preferences = step.target.provider;
    switch (change) {
    case Change::MoveStepDown:
        if (at + 1 >= changed.steps.size())
            return Error(tr("Step %1 is already the last step.").arg(at + 1));
        changed.steps.swapItemsAt(at, at + 1);
        return changed;
    case Change::AllowFallbacks:
        if (attempt.endpointKind != EndpointKind::OpenRouter)
            return Error(tr("Only OpenRouter falls back between providers."));
        // Unset means OpenRouter's default, which allows them.
        if (preferences.allowFallbacks.value_or(true))
            return Error(tr("OpenRouter may already fall back to other providers for this step."));
        preferences.allowFallbacks = true;
        return changed;
    case Change::PaidVariant:
        if (!step.target.model.endsWith(u":free"_s))
            return Error(tr("Step %1 already asks for the paid variant.").arg(at + 1));
        step.target.model.chop(5);
        return changed;
    case Change::IgnoreProvider: {
        const QString provider = attempt.provider;
        if (provider.isEmpty() || attempt.endpointKind != EndpointKind::OpenRouter)
            return Error(tr("No provider behind OpenRouter is named for this attempt."));
        const bool ignored = std::any_of(preferences.ignore.cbegin(), preferences.ignore.cend(),
            [&provider](
                const QString &name) { return name.compare(provider, Qt::CaseInsensitive) == 0; });
        if (ignored)
            return Error(tr("%1 is already ignored for this step.").arg(provider));
        preferences.ignore.append(provider);
        preferences.order.removeIf([&provider](const QString &name) {
            return name.compare(provider, Qt::CaseInsensitive) == 0;
        });
        if (ProviderEligibility::eligible(preferences, knownProviders).isEmpty()
            && !knownProviders.isEmpty()) {
            return Error(tr("Ignoring %1 would leave no provider that serves %2, so the step could "
                            "not be served at all; move the step down or pick another model "
                            "instead.")
                             .arg(provider, step.target.model));
        }
        return changed;
    }
    }
    return Error(tr("This fix does not change the route."));
}

} // namespace detour
