// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "GenerationStats.h"

#include "JsonUtil.h"
#include "ResponseParser.h"

#include <cmath>
#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;

namespace detour {

namespace {

using Json = nlohmann::json;

std::optional<qint64> integerAt(const Json &object, const char *key)
{
    const std::optional<double> value = json::numberAt(object, key);
    if (!value || !std::isfinite(*value))
        return std::nullopt;
    return qRound64(*value);
}

QList<ServerAttempt> parseProviderResponses(const Json &data)
{
    QList<ServerAttempt> responses;
    const auto list = data.find("provider_responses");
    if (list == data.end() || !list->is_array())
        return responses;
    for (const Json &item : *list) {
        if (!item.is_object())
            continue;
        ServerAttempt attempt;
        attempt.sources = { ServerAttempt::Source::GenerationStats };
        attempt.provider = json::stringAt(item, "provider_name");
        attempt.model = json::stringAt(item, "model");
        attempt.status = int(integerAt(item, "status").value_or(0));
        attempt.latencyMs = integerAt(item, "latency");
        attempt.isByok = json::boolAt(item, "is_byok");
        responses.append(attempt);
    }
    return responses;
}

} // namespace

Result<GenerationStats> GenerationStats::fromJson(QByteArrayView body)
{
    const QString subject = u"Generation stats body"_s;
    const Result<Json> root = ResponseParser::parseObject(body, subject);
    if (!root)
        return Error(root.error());

    const auto data = root->find("data");
    if (data == root->end() || !data->is_object()) {
        // GET /generation answers an unknown or not yet recorded id with an error body.
        const auto error = root->find("error");
        const QString message =
            error != root->end() ? json::stringAt(*error, "message") : QString();
        if (!message.isEmpty())
            return Error(subject + u" is an error instead of statistics: "_s + message);
        if (data == root->end())
            return Error(subject + u" has no \"data\" object"_s);
        return Error(subject + u" has a \"data\" field that is not an object"_s);
    }

    GenerationStats stats;
    stats.id = json::stringAt(*data, "id");
    stats.model = json::stringAt(*data, "model");
    stats.providerName = json::stringAt(*data, "provider_name");
    stats.latencyMs = integerAt(*data, "latency");
    stats.generationTimeMs = integerAt(*data, "generation_time");
    stats.tokensPrompt = integerAt(*data, "tokens_prompt");
    stats.tokensCompletion = integerAt(*data, "tokens_completion");
    stats.nativeTokensPrompt = integerAt(*data, "native_tokens_prompt");
    stats.nativeTokensCompletion = integerAt(*data, "native_tokens_completion");
    stats.totalCost = json::numberAt(*data, "total_cost");
    stats.isByok = json::boolAt(*data, "is_byok");
    stats.finishReason = json::stringAt(*data, "finish_reason");
    stats.providerResponses = parseProviderResponses(*data);
    return stats;
}

} // namespace detour
