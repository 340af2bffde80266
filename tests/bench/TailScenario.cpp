// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "TailScenario.h"

#include <nlohmann/json.hpp>

namespace detour {

using namespace Qt::StringLiterals;
using Json = nlohmann::json;

namespace {

// The same seed for every simulator of the run: each subject meets the same tail.
constexpr int seed = 20;

Json latency(qint64 low, qint64 high)
{
    return Json::array({ low, high });
}

} // namespace

QString TailScenario::tailedModel()
{
    return u"bench/heavy-tail"_s;
}

QString TailScenario::steadyModel()
{
    return u"bench/steady"_s;
}

QByteArray TailScenario::json()
{
    const auto model = [](const QString &id, const char *provider) {
        return Json { { "id", id.toStdString() }, { "providers", Json::array({ provider }) } };
    };
    const Json mix = Json::array({
        { { "weight", 89 }, { "kind", "serve" }, { "latency_ms", latency(fastLowMs, fastHighMs) } },
        { { "weight", 10 }, { "kind", "serve" }, { "latency_ms", latency(slowLowMs, slowHighMs) } },
        { { "weight", 1 }, { "kind", "serve" }, { "latency_ms", stuckMs } },
    });
    const Json scenario {
        { "models",
            Json::array({ model(tailedModel(), "Lumpy"), model(steadyModel(), "Steady") }) },
        { "providers",
            { { "Lumpy", { { "tokens_per_second", 0 }, { "mix", mix } } },
                { "Steady", { { "latency_ms", steadyMs }, { "tokens_per_second", 0 } } } } },
        { "reply", "Served: the first token is what counts here." },
        { "keepalive_ms", -1 },
        { "seed", seed },
    };
    return QByteArray::fromStdString(scenario.dump());
}

RoutePlan TailScenario::plan(const QUrl &baseUrl, RoutePolicy policy)
{
    RoutePlan plan;
    plan.name = u"tail benchmark"_s;
    plan.endpoints.append({ u"sim"_s, EndpointKind::OpenRouter, baseUrl, QString() });
    plan.steps.append({ u"sim"_s, { tailedModel(), {}, {} }, true });
    plan.steps.append({ u"sim"_s, { steadyModel(), {}, {} }, true });
    plan.policy = std::move(policy);
    return plan;
}

QStringList TailScenario::peerArguments(
    const QString &library, const QUrl &baseUrl, int turns, int inFlight)
{
    return { u"--peer"_s, library, u"--retries"_s, u"0"_s, u"--base-url"_s, baseUrl.toString(),
        u"--steps"_s, tailedModel() + u',' + steadyModel(), u"--turns"_s, QString::number(turns),
        u"--in-flight"_s, QString::number(inFlight) };
}

} // namespace detour
