// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "NetworkWait.h"

#include "Reachability.h"

#include <algorithm>

namespace detour {

NetworkWait::NetworkWait(const Reachability *reachability, bool allowed, QObject *parent)
    : QObject(parent)
    , m_reachability(reachability)
    , m_allowed(allowed)
{
    if (reachability) {
        connect(reachability, &Reachability::offlineChanged, this, &NetworkWait::onOfflineChanged);
    }
}

bool NetworkWait::isUnreachable(const Endpoint &endpoint) const
{
    return m_reachability && m_reachability->isOffline() && !isLoopbackUrl(endpoint.baseUrl);
}

// A step on this computer can still serve offline: then the remote steps fail at
// once and the turn goes on to it, as it did before waiting was possible.
bool NetworkWait::shouldWait(const RoutePlan &plan, const Endpoint &endpoint) const
{
    if (!m_allowed || !isUnreachable(endpoint))
        return false;
    return std::none_of(plan.steps.cbegin(), plan.steps.cend(), [&plan](const RouteStep &step) {
        const Endpoint *other = plan.endpoint(step.endpointId);
        return step.enabled && other && isLoopbackUrl(other->baseUrl);
    });
}

void NetworkWait::onOfflineChanged(bool offline)
{
    if (offline) {
        Q_EMIT lost();
    } else if (m_waiting) {
        m_waiting = false;
        Q_EMIT returned();
    }
}

} // namespace detour
