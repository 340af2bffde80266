// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "TraceJson.h"

#include "RelayReport.h"
#include "protocol/JsonUtil.h"

#include <QFile>
#include <nlohmann/json.hpp>

namespace detour {

using Json = nlohmann::json;

namespace {

Json textOrNull(const QString &text)
{
    return text.isEmpty() ? Json(nullptr) : Json(json::toStd(text));
}

Json msOrNull(qint64 ms)
{
    return ms < 0 ? Json(nullptr) : Json(ms);
}

template<typename T> Json optionalOrNull(const std::optional<T> &value)
{
    return value ? Json(*value) : Json(nullptr);
}

Json usageJson(const std::optional<Usage> &usage)
{
    if (!usage)
        return nullptr;
    return { { "prompt_tokens", usage->promptTokens },
        { "completion_tokens", usage->completionTokens }, { "total_tokens", usage->totalTokens },
        { "reasoning_tokens", usage->reasoningTokens }, { "cost", optionalOrNull(usage->cost) },
        { "is_byok", optionalOrNull(usage->isByok) } };
}

} // namespace

Json TraceJson::sourceNames(const QList<ServerAttempt::Source> &sources)
{
    auto names = Json::array();
    for (ServerAttempt::Source source : sources)
        names.push_back(json::toStd(serverAttemptSourceName(source)));
    return names;
}

QByteArray TraceJson::turnLine(const TurnResult &result)
{
    Json line = turn(result);
    line["attempts"] = Json::array();
    for (const Attempt &each : result.attempts)
        line["attempts"].push_back(attempt(each));
    return QByteArray::fromStdString(line.dump(-1, ' ', false, Json::error_handler_t::replace));
}

Json TraceJson::serverAttempt(const ServerAttempt &attempt)
{
    return { { "provider", textOrNull(attempt.provider) }, { "model", textOrNull(attempt.model) },
        { "status", attempt.status }, { "code", textOrNull(attempt.code) },
        { "latency_ms", optionalOrNull(attempt.latencyMs) },
        { "sources", sourceNames(attempt.sources) } };
}

Json TraceJson::attempt(const Attempt &attempt)
{
    auto fixes = Json::array();
    for (Fix fix : attempt.fixes)
        fixes.push_back(json::toStd(fixName(fix)));
    auto serverAttempts = Json::array();
    for (const ServerAttempt &server : attempt.serverAttempts)
        serverAttempts.push_back(serverAttempt(server));
    const AttemptTimings &t = attempt.timings;
    return {
        { "type", "attempt" },
        { "index", attempt.index },
        { "step", attempt.stepIndex },
        { "endpoint", json::toStd(attempt.endpointId) },
        { "model_requested", json::toStd(attempt.requestedModel) },
        { "model_served", textOrNull(attempt.servedModel) },
        { "provider", textOrNull(attempt.provider) },
        { "relayed_by", textOrNull(attempt.relayedBy) },
        { "upstream", textOrNull(attempt.upstream) },
        { "relay", textOrNull(RelayReport::sentence(attempt)) },
        { "status", attempt.httpStatus },
        { "outcome", json::toStd(outcomeName(attempt.outcome)) },
        { "party", textOrNull(partyName(attempt.party)) },
        { "retry_after_s", optionalOrNull(attempt.retryAfterS) },
        { "summary", textOrNull(attempt.summary) },
        { "fixes", fixes },
        { "error_code", textOrNull(attempt.errorCode) },
        { "message", textOrNull(attempt.message) },
        { "raw", textOrNull(attempt.raw) },
        { "interrupted", attempt.interrupted },
        { "skip_reason", textOrNull(attempt.skipReason) },
        // A request of a hedged turn cancelled because the other delivered content first:
        // how long it had waited (error_code "lost_race").
        { "lost_race_by_ms", msOrNull(attempt.lostRaceByMs()) },
        { "cooling_until",
            attempt.coolingUntil.isValid()
                ? Json(json::toStd(attempt.coolingUntil.toString(Qt::ISODate)))
                : Json(nullptr) },
        { "cooldown_scope", textOrNull(attempt.cooldownScope) },
        { "generation_id", textOrNull(attempt.generationId) },
        { "finish_reason", textOrNull(attempt.finishReason) },
        { "usage", usageJson(attempt.usage) },
        { "server_attempts", serverAttempts },
        { "timings_ms",
            { { "wait_before", attempt.waitBeforeMs }, { "sent", msOrNull(t.sentMs) },
                { "headers", msOrNull(t.headersMs) }, { "first_token", msOrNull(t.firstTokenMs) },
                { "last_token", msOrNull(t.lastTokenMs) },
                { "finished", msOrNull(t.finishedMs) } } },
    };
}

Json TraceJson::turn(const TurnResult &result)
{
    const Attempt *served = result.served();
    return {
        { "type", "turn" },
        { "status", json::toStd(turnStatusName(result.status)) },
        { "served_by",
            served ? Json { { "step", served->stepIndex },
                { "endpoint", json::toStd(served->endpointId) },
                { "model", textOrNull(served->servedModel) },
                { "provider", textOrNull(served->provider) } }
                   : Json(nullptr) },
        { "attempts", result.attempts.size() },
        { "fallbacks", fallbackCount(result.attempts, result.servedAttempt) },
        { "duration_ms", result.durationMs },
        { "summary", textOrNull(result.summary) },
        { "content", json::toStd(result.content) },
        // The length only: the reasoning can be long, and the content is what scripts read.
        { "reasoning_chars", result.reasoning.size() },
    };
}

Json TraceJson::generation(const GenerationStats &stats)
{
    auto responses = Json::array();
    for (const ServerAttempt &server : stats.providerResponses)
        responses.push_back(serverAttempt(server));
    return { { "type", "generation" }, { "id", json::toStd(stats.id) },
        { "model", textOrNull(stats.model) }, { "provider", textOrNull(stats.providerName) },
        { "latency_ms", optionalOrNull(stats.latencyMs) },
        { "native_tokens_prompt", optionalOrNull(stats.nativeTokensPrompt) },
        { "native_tokens_completion", optionalOrNull(stats.nativeTokensCompletion) },
        { "total_cost", optionalOrNull(stats.totalCost) }, { "provider_responses", responses } };
}

bool TraceJson::appendTurn(const QString &path, const TurnResult &result)
{
    QFile file(path);
    return file.open(QIODevice::Append | QIODevice::Text)
        && file.write(turnLine(result) + '\n') >= 0;
}

} // namespace detour
