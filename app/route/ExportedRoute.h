// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "Endpoint.h"
#include "RoutePlan.h"
#include "protocol/ChatRequest.h"
#include "protocol/RequestBuilder.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <nlohmann/json.hpp>

namespace detour {

// One enabled step of an exported route: its number in the route (as the
// route editor shows it) and the exact body Detour sends for it.
struct ExportedStep {
    int number = 0;
    const Endpoint *endpoint = nullptr;
    ModelTarget target;
    nlohmann::json body;

    QString comment() const; // "Step 2: openrouter, moonshotai/kimi-k2", for a comment line
};

// What RouteCodeExporter writes as code, whatever the language: the enabled
// steps of a plan with their request bodies, the endpoints they use, and the
// sentences about what the code leaves out. Holds pointers into `plan`, which
// must outlive it.
struct ExportedRoute {
    QString name; // the plan's name, "(unnamed)" when it has none; one line
    QList<ExportedStep> steps;
    QList<const Endpoint *> endpoints; // those the steps use, in order of first use
    QStringList notes; // steps left out, one sentence each
    ClientIdentity identity;
    bool stream = false;

    static ExportedRoute select(
        const RoutePlan &plan, const ChatRequest &request, const ClientIdentity &identity);

    // The comment lines every export starts with (`marker` is "#" or "//"): the
    // route's name, `what` the code does, where the keys come from, the notes.
    QString header(const QStringList &what, const QString &marker) const;
    // The messages of the request, "role" first; every step sends the same ones.
    nlohmann::ordered_json messages() const;
    // The HTTP-Referer and X-OpenRouter-Title headers sent to OpenRouter.
    nlohmann::ordered_json identityHeaders() const;

    // The lines every client-side loop's header says: how the steps fall through,
    // what counts as a failure, the exit status.
    static QStringList fallThroughLines();
    // What the exported code cannot do that Detour does; every export says it.
    static QStringList limitationLines();
};

} // namespace detour
