// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "Endpoint.h"
#include "RoutePolicy.h"
#include "protocol/ConversationSettings.h"
#include "protocol/ModelTarget.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace detour {

struct RouteStep {
    QString endpointId;
    ModelTarget target;
    bool enabled = true;

    bool operator==(const RouteStep &) const = default;
};

// A route: endpoints, an ordered list of steps, a policy, and the system prompt and
// parameters its conversations start from (each conversation's own override them).
struct RoutePlan {
    QString name;
    QList<Endpoint> endpoints;
    QList<RouteStep> steps;
    RoutePolicy policy;
    ConversationSettings defaults;

    const Endpoint *endpoint(const QString &id) const;
    // Problems that make the plan unusable, one sentence each; empty when fine.
    QStringList validate() const;
    // Every endpoint redirected to `baseUrl` (a simulator), loopback ones too:
    // used by rehearsals, whose faults exist only in the simulator. Simulated
    // mode keeps the person's own loopback servers (SimulatorRedirect).
    RoutePlan redirectedTo(const QUrl &baseUrl) const;

    bool operator==(const RoutePlan &) const = default;
};

} // namespace detour
