// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "StormScenario.h"

#include <nlohmann/json.hpp>

namespace detour {

using namespace Qt::StringLiterals;
using Json = nlohmann::json;

namespace {

constexpr int seed = 20;
const Json latencyMs = Json::array({ 20, 50 });
const Json retryAfterS = Json::array({ 15, 30 });

// A provider refusing `refusePercent` of its requests with the upstream 429.
Json refusing(int refusePercent)
{
    return { { "latency_ms", latencyMs },
        { "mix",
            Json::array({ { { "weight", refusePercent }, { "kind", "upstream_429" },
                              { "retry_after", retryAfterS } },
                { { "weight", 100 - refusePercent }, { "kind", "serve" } } }) } };
}

} // namespace

QStringList StormScenario::models()
{
    return { u"storm/crowded:free"_s, u"storm/busy:free"_s, paidModel() };
}

QString StormScenario::paidModel()
{
    return u"storm/paid"_s;
}

QByteArray StormScenario::json()
{
    const QStringList steps = models();
    const auto model = [](const QString &id, const char *provider) {
        return Json { { "id", id.toStdString() }, { "providers", Json::array({ provider }) } };
    };
    Json paid = model(steps.at(2), "Groq");
    paid["pricing"] = { { "prompt", "0.0000006" }, { "completion", "0.0000024" } };
    const Json scenario {
        { "models",
            Json::array({ model(steps.at(0), "Chutes"), model(steps.at(1), "Targon"), paid }) },
        { "providers",
            { { "Chutes", refusing(95) }, { "Targon", refusing(30) },
                { "Groq", { { "latency_ms", latencyMs } } } } },
        { "reply", "Served in a 429 storm." }, { "keepalive_ms", -1 }, { "seed", seed },
        { "free_requests_per_day", freeRequestsPerDay }
    };
    return QByteArray::fromStdString(scenario.dump());
}

RoutePlan StormScenario::plan(const QUrl &baseUrl)
{
    RoutePlan plan;
    plan.name = u"429 storm"_s;
    plan.endpoints.append({ u"sim"_s, EndpointKind::OpenRouter, baseUrl, QString() });
    for (const QString &model : models())
        plan.steps.append({ u"sim"_s, { model, {}, {} }, true });
    return plan;
}

QStringList StormScenario::peerArguments(
    const FailoverScenario::Peer &peer, const QUrl &baseUrl, int turns, int cadenceMs)
{
    return { u"--peer"_s, peer.library, u"--retries"_s, peer.defaultRetries ? u"default"_s : u"0"_s,
        u"--base-url"_s, baseUrl.toString(), u"--steps"_s, models().join(u','), u"--turns"_s,
        QString::number(turns), u"--cadence-ms"_s, QString::number(cadenceMs) };
}

} // namespace detour
