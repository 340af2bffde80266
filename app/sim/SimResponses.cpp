// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "SimResponses.h"

#include "protocol/JsonUtil.h"

#include <QDateTime>
#include <cmath>
#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;
using ojson = nlohmann::ordered_json;

namespace detour {

namespace {

constexpr qint64 modelsCreated = 1752192000; // a fixed "created" for every simulated model
constexpr const char *userId = "user_sim";

std::string text(const QString &value)
{
    return json::toStd(value);
}

ojson supportedParameters()
{
    return ojson::array(
        { "max_tokens", "temperature", "top_p", "stop", "frequency_penalty", "presence_penalty",
            "seed", "response_format", "tools", "tool_choice", "reasoning", "include_reasoning" });
}

ojson architecture(const SimScenario::Model &model)
{
    ojson inputs = ojson::array();
    for (const QString &modality : model.inputModalities)
        inputs.push_back(text(modality));
    const QString modality = model.inputModalities.join(u'+') + u"->text"_s;
    return ojson { { "modality", text(modality) }, { "input_modalities", inputs },
        { "output_modalities", ojson::array({ "text" }) }, { "tokenizer", "Other" },
        { "instruct_type", nullptr } };
}

ojson pricing(const SimScenario::Model &model)
{
    return ojson { { "prompt", text(model.pricingPrompt) },
        { "completion", text(model.pricingCompletion) }, { "request", "0" }, { "image", "0" } };
}

QString providerTag(const QString &provider)
{
    QString tag;
    for (const QChar c : provider) {
        if (c.isLetterOrNumber())
            tag.append(c.toLower());
        else if (!tag.endsWith(u'-'))
            tag.append(u'-');
    }
    return tag;
}

QByteArray retryAfterText(double seconds)
{
    return QByteArray::number(qint64(std::ceil(seconds)));
}

} // namespace

SimHttpResponse SimResponses::json(int status, const ojson &body, HttpHeaders headers)
{
    headers.prepend({ QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json") });
    return { status, std::move(headers), QByteArray::fromStdString(body.dump()) };
}

SimHttpResponse SimResponses::error(int status, const QString &message)
{
    return json(
        status, ojson { { "error", { { "code", status }, { "message", text(message) } } } });
}

SimHttpResponse SimResponses::modelNotFound(const QString &model)
{
    return json(404,
        ojson { { "error",
                    { { "message", text(u"No endpoints found for %1."_s.arg(model)) },
                        { "code", 404 } } },
            { "user_id", userId } });
}

SimHttpResponse SimResponses::presetNotFound(const QString &slug)
{
    return json(404,
        ojson {
            { "error",
                { { "message", text(u"Preset \"%1\" not found."_s.arg(slug)) }, { "code", 404 } } },
            { "user_id", userId } });
}

// OpenRouter's words when no endpoint of the requested model takes images, as
// clients have quoted it (e.g. NousResearch/hermes-agent#23411: "HTTP 404: No
// endpoints found that support image input").
SimHttpResponse SimResponses::noImageEndpoints()
{
    return json(404,
        ojson {
            { "error",
                { { "message", "No endpoints found that support image input" }, { "code", 404 } } },
            { "user_id", userId } });
}

SimHttpResponse SimResponses::noEndpoints()
{
    return json(404,
        ojson { { "error",
                    { { "message",
                          "No endpoints found that can handle the requested "
                          "parameters. To learn more about provider "
                          "routing, visit: "
                          "https://openrouter.ai/docs/provider-routing" },
                        { "code", 404 } } },
            { "user_id", userId } });
}

SimHttpResponse SimResponses::noAuthCredentials()
{
    return json(401,
        ojson { { "error", { { "message", "No auth credentials found" }, { "code", 401 } } } });
}

SimHttpResponse SimResponses::unknownKey()
{
    return json(401, ojson { { "error", { { "message", "User not found." }, { "code", 401 } } } });
}

SimHttpResponse SimResponses::generationNotFound()
{
    return json(
        404, ojson { { "error", { { "message", "Generation not found" }, { "code", 404 } } } });
}

SimHttpResponse SimResponses::freeModelsPerDay(qint64 limit, qint64 resetMs)
{
    const QByteArray limitText = QByteArray::number(limit);
    const QByteArray reset = QByteArray::number(resetMs);
    HttpHeaders headers { { QByteArrayLiteral("X-RateLimit-Limit"), limitText },
        { QByteArrayLiteral("X-RateLimit-Remaining"), QByteArrayLiteral("0") },
        { QByteArrayLiteral("X-RateLimit-Reset"), reset } };
    return json(429,
        ojson { { "error",
                    { { "message",
                          "Rate limit exceeded: free-models-per-day. Add 10 credits "
                          "to unlock 1000 free model requests per day" },
                        { "code", 429 },
                        { "metadata",
                            { { "headers",
                                  { { "X-RateLimit-Limit", limitText.toStdString() },
                                      { "X-RateLimit-Remaining", "0" },
                                      { "X-RateLimit-Reset", reset.toStdString() } } },
                                { "provider_name", nullptr } } } } },
            { "user_id", userId } },
        headers);
}

SimHttpResponse SimResponses::scripted(const SimScenario::Entry &entry, const QString &model,
    const QString &provider, const QList<SimAttempt> &previous)
{
    switch (entry.kind) {
    case SimScenario::Kind::Upstream429: {
        const QString raw =
            u"%1 is temporarily rate-limited upstream. Please retry shortly, or add "
            "your own key to accumulate your rate limits: "
            "https://openrouter.ai/settings/integrations"_s.arg(model);
        HttpHeaders headers;
        if (entry.retryAfterS)
            headers.append(
                { QByteArrayLiteral("Retry-After"), retryAfterText(*entry.retryAfterS) });
        if (entry.retryAfterMs)
            headers.append(
                { QByteArrayLiteral("retry-after-ms"), QByteArray::number(*entry.retryAfterMs) });
        return json(429,
            ojson { { "error",
                        { { "message", "Provider returned error" }, { "code", 429 },
                            { "metadata",
                                { { "raw", text(raw) }, { "provider_name", text(provider) } } } } },
                { "user_id", userId } },
            headers);
    }
    case SimScenario::Kind::Key429:
        return freeModelsPerDay(50, QDateTime::currentMSecsSinceEpoch() + 60 * 1000);
    case SimScenario::Kind::ServerError:
        return json(500,
            ojson { { "error",
                        { { "message", "Provider returned error" }, { "code", 500 },
                            { "metadata",
                                { { "raw", "Internal Server Error" },
                                    { "provider_name", text(provider) } } } } },
                { "user_id", userId } });
    case SimScenario::Kind::Html502:
        return { 502, { { QByteArrayLiteral("Content-Type"), QByteArrayLiteral("text/html") } },
            QByteArrayLiteral("<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n"
                              "<center><h1>502 Bad Gateway</h1></center>\n"
                              "<hr><center>cloudflare</center>\n</body>\n</html>\n") };
    case SimScenario::Kind::Unavailable: {
        const double retryAfter = entry.retryAfterS.value_or(30);
        ojson previousErrors = ojson::array();
        ojson affected = ojson::array();
        for (const SimAttempt &attempt : previous) {
            previousErrors.push_back({ { "provider", text(attempt.provider) },
                { "code", attempt.status == 429 ? "rate_limit_exceeded" : "provider_error" },
                { "status", attempt.status } });
            affected.push_back(text(attempt.provider));
        }
        affected.push_back(text(provider));
        return json(503,
            ojson { { "error",
                { { "message", "No allowed providers are available for the selected model." },
                    { "code", 503 },
                    { "metadata",
                        { { "error_type", "provider_overloaded" },
                            { "previous_errors", previousErrors } } },
                    { "availability",
                        { { "code", "capacity_exhausted" }, { "retryable", true },
                            { "retry_after", qint64(std::ceil(retryAfter)) },
                            { "requested_models", ojson::array({ text(model) }) },
                            { "affected_providers", affected } } } } } },
            { { QByteArrayLiteral("Retry-After"), retryAfterText(retryAfter) } });
    }
    case SimScenario::Kind::NoCredits:
        return json(402,
            ojson { { "error",
                { { "message",
                      "Insufficient credits. This account never "
                      "purchased credits. Make sure your key is on "
                      "the correct account or org, and if so, "
                      "purchase more at "
                      "https://openrouter.ai/settings/credits" },
                    { "code", 402 }, { "metadata", { { "provider_name", nullptr } } } } } });
    case SimScenario::Kind::Unauthorized:
        return noAuthCredentials();
    case SimScenario::Kind::Moderation: {
        const QString message = u"%1 requires moderation on %2. Your input was flagged for "
                                "\"violence\". No credits were charged."_s.arg(model, provider);
        return json(403,
            ojson { { "error",
                { { "code", 403 }, { "message", text(message) },
                    { "metadata",
                        { { "reasons", ojson::array({ "violence" }) },
                            { "flagged_input", "...simulated input..." },
                            { "provider_name", text(provider) },
                            { "model_slug", text(model) } } } } } });
    }
    case SimScenario::Kind::Error: {
        SimHttpResponse response { entry.status, {}, entry.body };
        response.headers.append({ QByteArrayLiteral("Content-Type"),
            entry.contentType.isEmpty() ? QByteArrayLiteral("application/json")
                                        : entry.contentType });
        response.headers.append(entry.headers);
        return response;
    }
    case SimScenario::Kind::ErrorIn200:
        return json(200,
            ojson { { "error",
                { { "code", 502 }, { "message", "Provider returned error" },
                    { "metadata",
                        { { "provider_name", text(provider) },
                            { "raw", "upstream connection reset" } } } } } });
    default:
        return error(500,
            u"the simulator cannot answer kind %1 without serving"_s.arg(
                SimScenario::kindName(entry.kind)));
    }
}

SimHttpResponse SimResponses::streamedError(
    const SimHttpResponse &errorIn200, const QString &model, const QString &provider)
{
    const ojson body = ojson::parse(errorIn200.body.toStdString(), nullptr, false);
    const ojson chunk { { "id", "gen-error" }, { "object", "chat.completion.chunk" },
        { "created", QDateTime::currentSecsSinceEpoch() }, { "model", text(model) },
        { "provider", text(provider) },
        { "error", body.is_object() && body.contains("error") ? body["error"] : ojson() },
        { "choices",
            ojson::array({ { { "index", 0 }, { "delta", { { "content", "" } } },
                { "finish_reason", "error" } } }) } };
    return { 200, { { QByteArrayLiteral("Content-Type"), QByteArrayLiteral("text/event-stream") } },
        "data: "_ba + QByteArray::fromStdString(chunk.dump()) + "\n\n"_ba };
}

ojson SimResponses::models(const SimScenario &scenario)
{
    ojson data = ojson::array();
    for (const SimScenario::Model &model : scenario.models()) {
        data.push_back({ { "id", text(model.id) }, { "canonical_slug", text(model.id) },
            { "name", text(model.name) }, { "created", modelsCreated },
            { "description", text(model.description) }, { "context_length", model.contextLength },
            { "architecture", architecture(model) }, { "pricing", pricing(model) },
            { "top_provider",
                { { "context_length", model.contextLength },
                    { "max_completion_tokens", model.maxCompletionTokens },
                    { "is_moderated", false } } },
            { "per_request_limits", nullptr }, { "supported_parameters", supportedParameters() } });
    }
    return ojson { { "data", data } };
}

std::optional<ojson> SimResponses::endpoints(const SimScenario &scenario, const QString &modelId)
{
    const SimScenario::Model *model = scenario.model(modelId);
    if (!model)
        return std::nullopt;
    ojson endpoints = ojson::array();
    for (const QString &name : model->providers) {
        const SimScenario::Provider *provider = scenario.provider(name);
        if (!provider)
            continue;
        const SimScenario::Entry &first = provider->script.first();
        endpoints.push_back({ { "name", text(name % u" | "_s % model->id) },
            { "model_name", text(model->name) }, { "context_length", model->contextLength },
            { "pricing", pricing(*model) }, { "provider_name", text(name) },
            { "tag", text(providerTag(name)) }, { "quantization", "fp8" },
            { "max_completion_tokens", model->maxCompletionTokens },
            { "max_prompt_tokens", model->contextLength },
            { "supported_parameters", supportedParameters() }, { "status", 0 },
            { "uptime_last_30m", provider->uptime },
            { "latency_last_30m", first.latencyMs.value_or(provider->latencyMs) },
            { "throughput_last_30m", first.tokensPerSecond.value_or(provider->tokensPerSecond) } });
    }
    return ojson { { "data",
        { { "id", text(model->id) }, { "name", text(model->name) }, { "created", modelsCreated },
            { "description", text(model->description) }, { "architecture", architecture(*model) },
            { "endpoints", endpoints } } } };
}

ojson SimResponses::key()
{
    return ojson { { "data",
        { { "label", "sk-or-v1-sim...d0e" }, { "limit", nullptr }, { "usage", 0 },
            { "limit_remaining", nullptr }, { "is_free_tier", true },
            { "is_provisioning_key", false },
            { "rate_limit", { { "requests", 20 }, { "interval", "10s" } } } } } };
}

ojson SimResponses::credits()
{
    return ojson { { "data", { { "total_credits", 0 }, { "total_usage", 0 } } } };
}

ojson SimResponses::generation(const SimGeneration &generation)
{
    ojson responses = ojson::array();
    for (const SimAttempt &attempt : generation.attempts) {
        responses.push_back({ { "provider_name", text(attempt.provider) },
            { "status", attempt.status }, { "latency", attempt.latencyMs }, { "is_byok", false } });
    }
    const qint64 total =
        generation.finishedAtMs < 0 ? 0 : generation.finishedAtMs - generation.startedAtMs;
    return ojson { { "data",
        { { "id", text(generation.id) }, { "model", text(generation.model) },
            { "provider_name", text(generation.provider) }, { "latency", generation.latencyMs },
            { "generation_time", qMax<qint64>(0, total - generation.latencyMs) },
            { "tokens_prompt", generation.promptTokens },
            { "tokens_completion", generation.completionTokens },
            { "native_tokens_prompt", generation.promptTokens },
            { "native_tokens_completion", generation.completionTokens },
            { "total_cost", generation.cost() }, { "is_byok", false },
            { "finish_reason",
                generation.finishReason.isEmpty() ? ojson(nullptr)
                                                  : ojson(text(generation.finishReason)) },
            { "streamed", generation.streamed }, { "cancelled", generation.cancelled },
            { "provider_responses", responses } } } };
}

ojson SimResponses::stats(const SimStats &stats)
{
    const auto counts = [](const QMap<QString, qint64> &map) {
        ojson object = ojson::object();
        for (auto it = map.cbegin(); it != map.cend(); ++it)
            object[text(it.key())] = it.value();
        return object;
    };
    return ojson { { "requests", stats.requests }, { "models", counts(stats.models) },
        { "providers", counts(stats.providers) }, { "user_agents", counts(stats.userAgents) },
        { "client_gone", counts(stats.clientGone) }, { "served", counts(stats.served) } };
}

QByteArray SimResponses::reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return QByteArrayLiteral("Continue");
    case 200:
        return QByteArrayLiteral("OK");
    case 400:
        return QByteArrayLiteral("Bad Request");
    case 401:
        return QByteArrayLiteral("Unauthorized");
    case 402:
        return QByteArrayLiteral("Payment Required");
    case 403:
        return QByteArrayLiteral("Forbidden");
    case 404:
        return QByteArrayLiteral("Not Found");
    case 405:
        return QByteArrayLiteral("Method Not Allowed");
    case 408:
        return QByteArrayLiteral("Request Timeout");
    case 411:
        return QByteArrayLiteral("Length Required");
    case 413:
        return QByteArrayLiteral("Payload Too Large");
    case 429:
        return QByteArrayLiteral("Too Many Requests");
    case 500:
        return QByteArrayLiteral("Internal Server Error");
    case 502:
        return QByteArrayLiteral("Bad Gateway");
    case 503:
        return QByteArrayLiteral("Service Unavailable");
    case 504:
        return QByteArrayLiteral("Gateway Timeout");
    default:
        return QByteArrayLiteral("Status");
    }
}

} // namespace detour
