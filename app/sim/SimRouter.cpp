// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "SimRouter.h"

#include "SimContentParts.h"
#include "SimReplies.h"
#include "SimResponses.h"
#include "protocol/JsonUtil.h"

#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;

namespace detour {

namespace {

QString providerSlug(const QString &name)
{
    QString slug;
    for (const QChar c : name) {
        if (c.isLetterOrNumber())
            slug.append(c.toLower());
    }
    return slug;
}

bool containsProvider(const QStringList &list, const QString &name)
{
    for (const QString &candidate : list) {
        if (SimRouter::sameProvider(candidate, name))
            return true;
    }
    return false;
}

// The scenario model a requested id names; ":nitro" and ":floor" are sorting
// hints, not models of their own.
const SimScenario::Model *lookupModel(const SimScenario &scenario, const QString &id)
{
    if (const SimScenario::Model *model = scenario.model(id))
        return model;
    for (const auto suffix : { ":nitro"_L1, ":floor"_L1 }) {
        if (id.endsWith(suffix))
            return scenario.model(id.chopped(suffix.size()));
    }
    return nullptr;
}

struct Preferences {
    QStringList order;
    QStringList only;
    QStringList ignore;
    bool allowFallbacks = true;
};

// The providers OpenRouter would try for `model`, in order.
QStringList providersFor(const SimScenario::Model &model, const Preferences &preferences)
{
    QStringList allowed;
    for (const QString &name : model.providers) {
        if (!preferences.only.isEmpty() && !containsProvider(preferences.only, name))
            continue;
        if (containsProvider(preferences.ignore, name))
            continue;
        allowed.append(name);
    }
    QStringList ordered;
    for (const QString &wanted : preferences.order) {
        for (const QString &name : std::as_const(allowed)) {
            if (SimRouter::sameProvider(wanted, name) && !ordered.contains(name))
                ordered.append(name);
        }
    }
    if (!preferences.allowFallbacks) {
        // Only the order list; with no order list, only the top provider.
        if (preferences.order.isEmpty() && !allowed.isEmpty())
            return { allowed.first() };
        return ordered;
    }
    for (const QString &name : std::as_const(allowed)) {
        if (!ordered.contains(name))
            ordered.append(name);
    }
    return ordered;
}

bool servesStream(SimScenario::Kind kind)
{
    switch (kind) {
    case SimScenario::Kind::Serve:
    case SimScenario::Kind::ResetBeforeFirstToken:
    case SimScenario::Kind::ResetAfterTokens:
    case SimScenario::Kind::Stall:
    case SimScenario::Kind::TruncatedChunk:
    case SimScenario::Kind::InvalidUtf8:
    case SimScenario::Kind::MidstreamError:
    case SimScenario::Kind::Drip:
        return true;
    default:
        return false;
    }
}

// A failure OpenRouter falls back from (as opposed to a request or account
// error, which it returns at once).
bool isProviderFailure(const SimScenario::Entry &entry)
{
    switch (entry.kind) {
    case SimScenario::Kind::Upstream429:
    case SimScenario::Kind::ServerError:
    case SimScenario::Kind::Html502:
    case SimScenario::Kind::Unavailable:
        return true;
    case SimScenario::Kind::Error:
        return entry.status >= 500 || entry.status == 429;
    default:
        return false;
    }
}

} // namespace

bool SimRouter::sameProvider(const QString &a, const QString &b)
{
    return providerSlug(a) == providerSlug(b);
}

SimRoute SimRouter::route(SimScenario &scenario, const nlohmann::json &request)
{
    SimRoute route;
    const auto badRequest = [&route](const QString &message) {
        route.response = SimResponses::error(400, message);
        return route;
    };

    if (!request.is_object())
        return badRequest(u"The request body must be a JSON object"_s);
    if (request.contains("model") && !request.at("model").is_string())
        return badRequest(u"\"model\" must be a string"_s);
    if (request.contains("models") && !request.at("models").is_array())
        return badRequest(u"\"models\" must be an array of model ids"_s);
    const bool hasMessages = request.contains("messages") && request.at("messages").is_array();
    const bool hasPrompt = request.contains("prompt") && request.at("prompt").is_string();
    if (!hasMessages && !hasPrompt)
        return badRequest(u"Input required: specify \"prompt\" or \"messages\""_s);
    if (hasMessages) {
        if (const auto problem = SimContentParts::problem(request.at("messages")))
            return badRequest(*problem);
    }
    const bool needsImage = hasMessages
        && SimContentParts::neededModalities(request.at("messages")).contains("image"_L1);

    QStringList candidates;
    if (const QString model = json::stringAt(request, "model"); !model.isEmpty())
        candidates.append(model);
    for (const QString &model : json::stringListAt(request, "models")) {
        if (!model.isEmpty() && !candidates.contains(model))
            candidates.append(model);
    }
    if (candidates.isEmpty())
        return badRequest(u"No models provided"_s);

    Preferences preferences;
    if (const auto it = request.find("provider"); it != request.end() && !it->is_null()) {
        if (!it->is_object())
            return badRequest(u"\"provider\" must be an object"_s);
        preferences.order = json::stringListAt(*it, "order");
        preferences.only = json::stringListAt(*it, "only");
        preferences.ignore = json::stringListAt(*it, "ignore");
        preferences.allowFallbacks = json::boolAt(*it, "allow_fallbacks").value_or(true);
    }

    bool anyModelKnown = false;
    bool imageRefused = false; // a known model was passed over: it reads no images
    std::optional<SimHttpResponse> lastFailure;
    for (const QString &candidate : std::as_const(candidates)) {
        const SimScenario::Model *model = lookupModel(scenario, candidate);
        if (!model)
            continue;
        anyModelKnown = true;
        if (needsImage && !model->inputModalities.contains("image"_L1)) {
            imageRefused = true;
            continue;
        }
        const QStringList providers = providersFor(*model, preferences);
        for (const QString &name : providers) {
            const SimScenario::Provider *provider = scenario.provider(name);
            if (!provider)
                continue;
            const SimScenario::Entry entry = scenario.takeEntry(name);
            const qint64 latency = entry.latencyMs.value_or(provider->latencyMs);

            if (servesStream(entry.kind) || entry.kind == SimScenario::Kind::ErrorIn200) {
                route.attempts.append({ name, model->id, 200, latency });
                route.model = model->id;
                route.provider = name;
                route.endpoints = providers;
                route.entry = entry;
                route.latencyMs = latency;
                route.tokensPerSecond = entry.tokensPerSecond.value_or(provider->tokensPerSecond);
                if (entry.reply || provider->reply || !scenario.replyByQuestion())
                    route.reply = entry.reply.value_or(provider->reply.value_or(scenario.reply()));
                else
                    route.reply = SimReplies::compose(
                        SimReplies::question(request), model->id, name, scenario.reply());
                route.keepaliveMs = entry.keepaliveMs.value_or(scenario.keepaliveMs());
                if (entry.kind == SimScenario::Kind::ErrorIn200) {
                    route.delayMs += latency;
                    route.response = SimResponses::scripted(entry, model->id, name, route.attempts);
                }
                return route;
            }

            SimHttpResponse response =
                SimResponses::scripted(entry, model->id, name, route.attempts);
            route.attempts.append({ name, model->id, response.status, latency });
            route.delayMs += latency;
            if (!isProviderFailure(entry)) {
                route.response = std::move(response);
                return route;
            }
            lastFailure = std::move(response);
        }
    }

    if (!anyModelKnown)
        route.response = SimResponses::modelNotFound(candidates.first());
    else if (lastFailure)
        route.response = std::move(lastFailure);
    else if (imageRefused)
        route.response = SimResponses::noImageEndpoints();
    else
        route.response = SimResponses::noEndpoints();
    return route;
}

} // namespace detour
