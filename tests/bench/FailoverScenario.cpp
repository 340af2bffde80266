// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "FailoverScenario.h"

#include <nlohmann/json.hpp>

namespace detour {

using namespace Qt::StringLiterals;
using Json = nlohmann::json;

namespace {

// A rate-limited upstream answers quickly; the serving provider takes as long
// as a fast real one to its first token.
constexpr int refusalLatencyMs = 20;
constexpr int servingLatencyMs = 80;

} // namespace

FailoverScenario::Condition FailoverScenario::withRetryAfter()
{
    return { u"429 with Retry-After: 1"_s, u"bench/limited-retry-after"_s, u"Cerebras"_s, 1 };
}

FailoverScenario::Condition FailoverScenario::withoutRetryAfter()
{
    return { u"429 without Retry-After"_s, u"bench/limited"_s, u"Chutes"_s, std::nullopt };
}

QString FailoverScenario::servingModel()
{
    return u"bench/serving"_s;
}

double FailoverScenario::configuredLatencyMs()
{
    return refusalLatencyMs + servingLatencyMs;
}

QByteArray FailoverScenario::json()
{
    const auto model = [](const QString &id, const QString &provider) {
        return Json { { "id", id.toStdString() },
            { "providers", Json::array({ provider.toStdString() }) } };
    };
    Json scenario { { "models", Json::array() },
        { "providers",
            { { "Groq", { { "latency_ms", servingLatencyMs }, { "tokens_per_second", 0 } } } } },
        { "reply", "Served by the second step: the first was rate-limited upstream." },
        { "keepalive_ms", -1 } };
    for (const Condition &condition : { withRetryAfter(), withoutRetryAfter() }) {
        Json refusal { { "kind", "upstream_429" } };
        if (condition.retryAfterS)
            refusal["retry_after"] = *condition.retryAfterS;
        scenario["models"].push_back(model(condition.refusingModel, condition.refusingProvider));
        scenario["providers"][condition.refusingProvider.toStdString()] = {
            { "latency_ms", refusalLatencyMs }, { "script", Json::array({ refusal }) }
        };
    }
    scenario["models"].push_back(model(servingModel(), u"Groq"_s));
    return QByteArray::fromStdString(scenario.dump());
}

RoutePlan FailoverScenario::plan(
    const QUrl &baseUrl, const Condition &condition, RoutePolicy policy)
{
    RoutePlan plan;
    plan.name = u"failover benchmark"_s;
    plan.endpoints.append({ u"sim"_s, EndpointKind::OpenRouter, baseUrl, QString() });
    plan.steps.append({ u"sim"_s, { condition.refusingModel, {}, {} }, true });
    plan.steps.append({ u"sim"_s, { servingModel(), {}, {} }, true });
    plan.policy = std::move(policy);
    return plan;
}

QString FailoverScenario::Peer::label() const
{
    return library + (defaultRetries ? u" (default retries)"_s : u" (maxRetries 0)"_s);
}

QStringList FailoverScenario::peerArguments(const Peer &peer, const QUrl &baseUrl,
    const Condition &condition, int turns, int budgetMs, int minTurns)
{
    return { u"--peer"_s, peer.library, u"--retries"_s, peer.defaultRetries ? u"default"_s : u"0"_s,
        u"--base-url"_s, baseUrl.toString(), u"--steps"_s,
        condition.refusingModel + u',' + servingModel(), u"--turns"_s, QString::number(turns),
        u"--budget-ms"_s, QString::number(budgetMs), u"--min-turns"_s, QString::number(minTurns) };
}

} // namespace detour
