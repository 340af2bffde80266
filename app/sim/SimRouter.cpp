// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "SimRouter.h"

#include "SimContentParts.h"
#include "SimProviderOrder.h"
#include "SimReplies.h"
#include "SimResponses.h"
#include "protocol/JsonUtil.h"
#include "protocol/ModelVariant.h"

#include <QDateTime>
#include <algorithm>
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

// The scenario model a requested id names; ":nitro", ":floor" and ":exacto" are routing
// hints, not models of their own.
const SimScenario::Model *lookupModel(const SimScenario &scenario, const QString &id)
{
    if (const SimScenario::Model *model = scenario.model(id))
        return model;
    if (ModelVariant::isRoutingVariant(ModelVariant::of(id)))
        return scenario.model(ModelVariant::base(id));
    return nullptr;
}

// "anthropic/*" matches every anthropic model; other patterns match one id.
bool matchesPattern(const QString &pattern, const QString &id)
{
    if (pattern.endsWith(u'*'))
        return id.startsWith(pattern.chopped(1));
    return pattern == id;
}

// The Auto Router's allowed_models (the auto-router plugin), empty when not sent.
QStringList autoAllowedModels(const nlohmann::json &request)
{
    const auto plugins = request.find("plugins");
    if (plugins == request.end() || !plugins->is_array())
        return {};
    for (const auto &plugin : *plugins) {
        if (plugin.is_object() && json::stringAt(plugin, "id") == "auto-router"_L1)
            return json::stringListAt(plugin, "allowed_models");
    }
    return {};
}

// One provider of one model, as routing tries them.
struct Candidate {
    const SimScenario::Model *model;
    QString provider;
    QStringList endpoints; // the model's providers in routing order
};

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

    QStringList requested;
    if (const QString model = json::stringAt(request, "model"); !model.isEmpty())
        requested.append(model);
    for (const QString &model : json::stringListAt(request, "models")) {
        if (!model.isEmpty() && !requested.contains(model))
            requested.append(model);
    }
    if (requested.isEmpty())
        return badRequest(u"No models provided"_s);

    // The key's free daily allowance: OpenRouter counts every request for a free model and
    // refuses the ones past it before routing.
    const QString &first = requested.first();
    if ((ModelVariant::of(first) == ModelVariant::Kind::Free || first == ModelVariant::freeRouter())
        && !scenario.countFreeRequest(QDateTime::currentMSecsSinceEpoch())) {
        const QDateTime midnight(
            QDateTime::currentDateTimeUtc().date().addDays(1), QTime(0, 0), Qt::UTC);
        route.response = SimResponses::freeModelsPerDay(
            scenario.freeRequestsPerDay().value_or(0), midnight.toMSecsSinceEpoch());
        return route;
    }

    // Routers and presets stand for models of the scenario.
    QStringList candidates;
    for (const QString &id : std::as_const(requested)) {
        if (ModelVariant::isPreset(id)) {
            const QString model = scenario.presetModel(ModelVariant::presetSlug(id));
            if (model.isEmpty()) {
                route.response = SimResponses::presetNotFound(ModelVariant::presetSlug(id));
                return route;
            }
            candidates.append(model);
        } else if (id == ModelVariant::autoRouter() || id == ModelVariant::freeRouter()) {
            // The Auto Router picks among the allowed models (here: the first that serves,
            // in the scenario's order); the Free Models Router among the free ones (OpenRouter
            // picks at random; the sim in order, so tests repeat).
            const QStringList allowed = autoAllowedModels(request);
            for (const SimScenario::Model &model : scenario.models()) {
                const bool fits = id == ModelVariant::freeRouter() ? model.isFree()
                                                                   : allowed.isEmpty()
                        || std::any_of(allowed.cbegin(), allowed.cend(),
                            [&model](const QString &p) { return matchesPattern(p, model.id); });
                if (fits && !candidates.contains(model.id))
                    candidates.append(model.id);
            }
        } else {
            candidates.append(id);
        }
    }

    SimPreferences preferences;
    if (const auto it = request.find("provider"); it != request.end() && !it->is_null()) {
        if (const auto problem = SimPreferences::read(*it, preferences))
            return badRequest(*problem);
    }

    bool anyModelKnown = false;
    bool imageRefused = false; // a known model was passed over: it reads no images
    QList<Candidate> queue;
    for (const QString &candidate : std::as_const(candidates)) {
        const SimScenario::Model *model = lookupModel(scenario, candidate);
        if (!model)
            continue;
        anyModelKnown = true;
        if (needsImage && !model->inputModalities.contains("image"_L1)) {
            imageRefused = true;
            continue;
        }
        // :nitro and :floor are provider.sort throughput and price.
        SimPreferences forModel = preferences;
        if (forModel.sort.isEmpty())
            forModel.sort = ModelVariant::impliedSort(ModelVariant::of(candidate));
        const QStringList providers = SimProviderOrder::providersFor(scenario, *model, forModel);
        for (const QString &name : providers)
            queue.append({ model, name, providers });
    }
    // partition "none": every model's providers sorted together, fallback models included.
    if (preferences.partitionNone && !preferences.sort.isEmpty()) {
        const auto key = [&](const Candidate &c) {
            const SimScenario::Provider *p = scenario.provider(c.provider);
            return p ? SimProviderOrder::sortKey(*p, preferences.sort) : 0.0;
        };
        std::stable_sort(queue.begin(), queue.end(),
            [&key](const Candidate &a, const Candidate &b) { return key(a) < key(b); });
    }

    std::optional<SimHttpResponse> lastFailure;
    for (const Candidate &candidate : std::as_const(queue)) {
        const SimScenario::Model *model = candidate.model;
        const QString &name = candidate.provider;
        const QStringList &providers = candidate.endpoints;
        {
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
        route.response = SimResponses::modelNotFound(requested.first());
    else if (lastFailure)
        route.response = std::move(lastFailure);
    else if (imageRefused)
        route.response = SimResponses::noImageEndpoints();
    else
        route.response = SimResponses::noEndpoints();
    return route;
}

} // namespace detour
