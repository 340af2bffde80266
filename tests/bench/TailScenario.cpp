// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "TailScenario.h"

#include <QList>
#include <algorithm>
#include <nlohmann/json.hpp>
#include <random>

namespace detour {

using namespace Qt::StringLiterals;
using Json = nlohmann::json;

namespace {

// The same seed for every simulator of the run: each subject meets the same tail.
constexpr int seed = 20;
// Hundreds of requests scripted; the last entry repeats after them (more than any run asks).
constexpr int blocks = 20;

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
    // Dealt, not drawn: every hundred requests hold exactly 89 fast ones, 10 slow and one
    // stuck, in an order shuffled by the seed. A weighted random mix would put 55 ± 7 slow
    // ones in 500 requests, more than the hedge target's margin.
    Json script = Json::array();
    std::mt19937 random(seed);
    const auto uniform = [&random](qint64 low, qint64 high) {
        return std::uniform_int_distribution<qint64>(low, high)(random);
    };
    for (int block = 0; block < blocks; ++block) {
        QList<qint64> latencies;
        for (int i = 0; i < 100; ++i) {
            latencies.append(i < 89 ? uniform(fastLowMs, fastHighMs)
                    : i < 99        ? uniform(slowLowMs, slowHighMs)
                                    : stuckMs);
        }
        std::shuffle(latencies.begin(), latencies.end(), random);
        for (const qint64 ms : std::as_const(latencies))
            script.push_back({ { "kind", "serve" }, { "latency_ms", ms } });
    }
    const Json scenario {
        { "models",
            Json::array({ model(tailedModel(), "Lumpy"), model(steadyModel(), "Steady") }) },
        { "providers",
            { { "Lumpy", { { "tokens_per_second", 0 }, { "script", script } } },
                { "Steady", { { "latency_ms", steadyMs }, { "tokens_per_second", 0 } } } } },
        { "reply", "Served: the first token is what counts here." },
        { "keepalive_ms", -1 },
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
