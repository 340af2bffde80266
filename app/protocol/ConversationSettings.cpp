// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ConversationSettings.h"

#include "JsonUtil.h"
#include "RequestBuilder.h"

#include <QCoreApplication>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

namespace detour {

using namespace Qt::StringLiterals;
using Json = nlohmann::json;

namespace {

// A struct rather than a tr() function, so that lupdate files every string below
// under the context the code looks it up in.
struct Text {
    Q_DECLARE_TR_FUNCTIONS(ConversationSettings)
};

const QStringList efforts { u"low"_s, u"medium"_s, u"high"_s };

std::optional<int> intAt(const Json &object, const char *key)
{
    const std::optional<double> number = json::numberAt(object, key);
    if (!number || *number != std::floor(*number)
        || std::abs(*number) > std::numeric_limits<int>::max())
        return std::nullopt;
    return int(*number);
}

Result<double> numberIn(const QString &name, const QString &value, double low, double high)
{
    bool ok = false;
    const double number = value.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(number) || number < low || number > high)
        return Error(Text::tr("%1 takes a number from %2 to %3, not “%4”.")
                         .arg(name, QString::number(low), QString::number(high), value));
    return number;
}

Result<int> integerFrom(const QString &name, const QString &value, int low)
{
    bool ok = false;
    const int number = value.trimmed().toInt(&ok);
    if (!ok || number < low)
        return Error(Text::tr("%1 takes a whole number of at least %2, not “%3”.")
                         .arg(name, QString::number(low), value));
    return number;
}

Result<bool> booleanFrom(const QString &name, const QString &value)
{
    const QString word = value.trimmed().toLower();
    if (word == "true"_L1 || word == "1"_L1 || word == "yes"_L1)
        return true;
    if (word == "false"_L1 || word == "0"_L1 || word == "no"_L1)
        return false;
    return Error(Text::tr("%1 takes true or false, not “%2”.").arg(name, value));
}

template<typename T> Result<> assign(std::optional<T> &target, Result<T> value)
{
    if (!value)
        return Error(value.error());
    target = *value;
    return {};
}

} // namespace

ConversationSettings ConversationSettings::over(const ConversationSettings &defaults) const
{
    const auto pick = [](const auto &own, const auto &fallback) { return own ? own : fallback; };
    ConversationSettings merged;
    merged.systemPrompt = systemPrompt.trimmed().isEmpty() ? defaults.systemPrompt : systemPrompt;
    const SamplingParameters &d = defaults.sampling;
    merged.sampling = { pick(sampling.temperature, d.temperature), pick(sampling.topP, d.topP),
        pick(sampling.topK, d.topK), pick(sampling.frequencyPenalty, d.frequencyPenalty),
        pick(sampling.presencePenalty, d.presencePenalty),
        pick(sampling.repetitionPenalty, d.repetitionPenalty),
        pick(sampling.maxTokens, d.maxTokens), pick(sampling.seed, d.seed) };
    // An effort set here replaces the route's budget too: OpenRouter takes one of them.
    const bool ownAmount = !reasoning.effort.isEmpty() || reasoning.maxTokens;
    merged.reasoning.effort = ownAmount ? reasoning.effort : defaults.reasoning.effort;
    merged.reasoning.maxTokens = ownAmount ? reasoning.maxTokens : defaults.reasoning.maxTokens;
    merged.reasoning.exclude = pick(reasoning.exclude, defaults.reasoning.exclude);
    return merged;
}

void ConversationSettings::applyTo(ChatRequest &request) const
{
    if (!systemPrompt.trimmed().isEmpty())
        request.messages.prepend({ u"system"_s, systemPrompt });
    request.sampling = sampling;
    request.reasoning = reasoning;
}

Json ConversationSettings::parametersJson() const
{
    // The OpenRouter body carries exactly these fields (and the system prompt
    // is a message, kept apart), so the stored shape is the body's shape.
    ChatRequest request;
    request.stream = false;
    applyTo(request);
    Json body = RequestBuilder::body(EndpointKind::OpenRouter, ModelTarget(), request);
    for (const char *notParameter : { "model", "messages", "stream" })
        body.erase(notParameter);
    return body;
}

void ConversationSettings::readParameters(const Json &parameters)
{
    sampling = {};
    reasoning = {};
    if (!parameters.is_object())
        return;
    sampling.temperature = json::numberAt(parameters, "temperature");
    sampling.topP = json::numberAt(parameters, "top_p");
    sampling.topK = intAt(parameters, "top_k");
    sampling.frequencyPenalty = json::numberAt(parameters, "frequency_penalty");
    sampling.presencePenalty = json::numberAt(parameters, "presence_penalty");
    sampling.repetitionPenalty = json::numberAt(parameters, "repetition_penalty");
    sampling.maxTokens = intAt(parameters, "max_tokens");
    sampling.seed = intAt(parameters, "seed");
    const auto found = parameters.find("reasoning");
    if (found == parameters.end() || !found->is_object())
        return;
    const QString effort = json::stringAt(*found, "effort");
    if (efforts.contains(effort))
        reasoning.effort = effort;
    reasoning.maxTokens = intAt(*found, "max_tokens");
    reasoning.exclude = json::boolAt(*found, "exclude");
}

QStringList ConversationSettings::parameterNames()
{
    return { u"temperature"_s, u"top_p"_s, u"max_tokens"_s, u"seed"_s, u"reasoning_effort"_s,
        u"reasoning_max_tokens"_s, u"reasoning_exclude"_s };
}

Result<> ConversationSettings::set(const QString &name, const QString &value)
{
    // Ranges are OpenRouter's documented ones.
    if (name == "temperature"_L1)
        return assign(sampling.temperature, numberIn(name, value, 0.0, 2.0));
    if (name == "top_p"_L1)
        return assign(sampling.topP, numberIn(name, value, 0.0, 1.0));
    if (name == "max_tokens"_L1)
        return assign(sampling.maxTokens, integerFrom(name, value, 1));
    if (name == "seed"_L1)
        return assign(sampling.seed, integerFrom(name, value, std::numeric_limits<int>::min()));
    if (name == "reasoning_max_tokens"_L1)
        return assign(reasoning.maxTokens, integerFrom(name, value, 1));
    if (name == "reasoning_exclude"_L1)
        return assign(reasoning.exclude, booleanFrom(name, value));
    if (name == "reasoning_effort"_L1) {
        const QString effort = value.trimmed().toLower();
        if (!efforts.contains(effort))
            return Error(
                Text::tr("%1 takes %2, not “%3”.").arg(name, efforts.join(u" | "_s), value));
        reasoning.effort = effort;
        return {};
    }
    return Error(Text::tr("There is no parameter “%1”; known are: %2.")
                     .arg(name, parameterNames().join(u", "_s)));
}

} // namespace detour
