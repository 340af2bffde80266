// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ExportedRoute.h"

#include "CodeLiteral.h"
#include "RouteCodeExporter.h"
#include "protocol/JsonUtil.h"

#include <nlohmann/json.hpp>

namespace detour {

using namespace Qt::StringLiterals;

QString ExportedStep::comment() const
{
    return CodeLiteral::commentText(
        u"Step %1: %2, %3"_s.arg(number).arg(endpoint->id, target.model));
}

ExportedRoute ExportedRoute::select(
    const RoutePlan &plan, const ChatRequest &request, const ClientIdentity &identity)
{
    ExportedRoute route;
    route.name = CodeLiteral::commentText(plan.name.isEmpty() ? u"(unnamed)"_s : plan.name);
    route.identity = identity;
    for (qsizetype i = 0; i < plan.steps.size(); ++i) {
        const RouteStep &step = plan.steps[i];
        if (!step.enabled)
            continue;
        const Endpoint *endpoint = plan.endpoint(step.endpointId);
        if (!endpoint) {
            route.notes << u"Step %1 is left out: its endpoint \"%2\" is not defined."_s.arg(i + 1)
                               .arg(step.endpointId);
            continue;
        }
        route.steps.append({ int(i + 1), endpoint, step.target,
            RequestBuilder::body(endpoint->kind, step.target, request) });
        if (!route.endpoints.contains(endpoint))
            route.endpoints.append(endpoint);
    }
    if (plan.policy.sort != RouteSort::None)
        route.notes << u"The route's sort \"%1\" is client-side only: Detour reorders the "
                       "steps from its own history before each turn; here they run as "
                       "arranged."_s.arg(routeSortName(plan.policy.sort));
    if (plan.policy.hedgeAuto || plan.policy.hedgeAfter.count() > 0)
        route.notes << u"Hedging (hedge_after_ms) is Detour's own: it sends the next step beside "
                       "one that has not answered in time; here the steps run one after the "
                       "other."_s;
    route.stream =
        route.steps.isEmpty() ? request.stream : route.steps.front().body.value("stream", false);
    return route;
}

QString ExportedRoute::header(const QStringList &what, const QString &marker) const
{
    QString out = marker + u" Detour route: "_s + name + u'\n';
    for (const QString &line : what)
        out += marker + u' ' + line + u'\n';
    for (const QString &line : limitationLines())
        out += marker + u' ' + line + u'\n';
    QStringList keys;
    for (const Endpoint *endpoint : endpoints) {
        const QString variable = RouteCodeExporter::keyVariable(*endpoint);
        if (!variable.isEmpty() && !keys.contains(variable))
            keys << variable;
    }
    if (!keys.isEmpty())
        out += marker + u" Keys are read from the environment: "_s + keys.join(u", "_s) + u".\n"_s;
    for (const QString &note : notes)
        out += marker + u' ' + CodeLiteral::commentText(note) + u'\n';
    if (steps.isEmpty())
        out += marker + u" The route has no enabled step to export.\n"_s;
    return out;
}

nlohmann::ordered_json ExportedRoute::messages() const
{
    // RequestBuilder writes the same messages for every kind of endpoint.
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    if (steps.isEmpty())
        return out;
    for (const nlohmann::ordered_json &message :
        CodeLiteral::ordered(steps.front().body.at("messages"))) {
        nlohmann::ordered_json roleFirst = nlohmann::ordered_json::object();
        if (message.contains("role"))
            roleFirst["role"] = message["role"];
        roleFirst.update(message);
        out.push_back(roleFirst);
    }
    return out;
}

nlohmann::ordered_json ExportedRoute::identityHeaders() const
{
    nlohmann::ordered_json headers = nlohmann::ordered_json::object();
    headers["HTTP-Referer"] = json::toStd(identity.referer);
    headers["X-OpenRouter-Title"] = json::toStd(identity.title);
    return headers;
}

QStringList ExportedRoute::fallThroughLines()
{
    return { u"The enabled steps in order: a step that fails before its reply starts falls"_s,
        u"through to the next one. An error inside a 200 (an `error` in the body or in a"_s,
        u"streamed chunk, finish_reason \"error\") is a failure like any other; once the"_s,
        u"text has started there is no falling back: the partial text stays printed, the"_s,
        u"reason goes to stderr and the exit status is 3. Every step failed: exit status 1."_s };
}

QStringList ExportedRoute::limitationLines()
{
    return { u"What Detour does that this code does not: it keeps a provider that refused"_s,
        u"it in cooldown across turns, hedges a slow step with the next one, and says in"_s,
        u"one sentence why a step failed and what would help."_s };
}

} // namespace detour
