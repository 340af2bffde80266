// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Diagnosis.h"

#include "JsonUtil.h"

#include <cmath>
#include <nlohmann/json.hpp>

namespace detour {
namespace {

using Json = nlohmann::json;

Json errorJson(const ErrorBody &b)
{
    Json error = Json::object();
    const auto put = [&error](const char *key, const QString &value) {
        if (!value.isEmpty())
            error[key] = json::toStd(value);
    };
    switch (b.format) {
    case ErrorBody::Format::Empty:
        break;
    case ErrorBody::Format::Json:
        error["format"] = "json";
        break;
    case ErrorBody::Format::PlainText:
        error["format"] = "text";
        break;
    case ErrorBody::Format::Html:
        error["format"] = "html";
        break;
    }
    put("code", b.code);
    put("message", b.message);
    put("type", b.type);
    put("raw", b.raw);
    put("raw_message", b.rawMessage);
    put("provider_name", b.providerName);
    put("limit_source", b.limitSource);
    put("remedy_hint", b.remedyHint);
    put("error_type", b.errorType);
    put("provider_code", b.providerCode);
    put("model_slug", b.modelSlug);
    if (!b.moderationReasons.isEmpty())
        error["reasons"] = json::fromStringList(b.moderationReasons);
    put("flagged_input", b.flaggedInput);
    if (!b.previousErrors.isEmpty()) {
        Json previous = Json::array();
        for (const ServerAttempt &attempt : b.previousErrors) {
            Json item = Json::object();
            if (!attempt.provider.isEmpty())
                item["provider"] = json::toStd(attempt.provider);
            if (!attempt.model.isEmpty())
                item["model"] = json::toStd(attempt.model);
            if (attempt.status > 0)
                item["status"] = attempt.status;
            if (!attempt.code.isEmpty())
                item["code"] = json::toStd(attempt.code);
            if (attempt.latencyMs)
                item["latency_ms"] = *attempt.latencyMs;
            if (attempt.isByok)
                item["is_byok"] = *attempt.isByok;
            previous.push_back(std::move(item));
        }
        error["previous_errors"] = std::move(previous);
    }
    Json availability = Json::object();
    if (!b.availabilityCode.isEmpty())
        availability["code"] = json::toStd(b.availabilityCode);
    if (b.retryable)
        availability["retryable"] = *b.retryable;
    if (b.retryAfterS)
        availability["retry_after"] = *b.retryAfterS;
    if (!b.requestedModels.isEmpty())
        availability["requested_models"] = json::fromStringList(b.requestedModels);
    if (!b.affectedProviders.isEmpty())
        availability["affected_providers"] = json::fromStringList(b.affectedProviders);
    if (!availability.empty())
        error["availability"] = std::move(availability);
    put("html_title", b.htmlTitle);
    return error;
}

} // namespace

nlohmann::json Diagnosis::toJson() const
{
    Json out = Json::object();
    out["outcome"] = json::toStd(outcomeName(outcome));
    out["party"] = party == Party::None ? Json() : Json(json::toStd(partyName(party)));
    out["provider"] = provider.isEmpty() ? Json() : Json(json::toStd(provider));
    out["retry_after_s"] = retryAfterS ? Json(std::round(*retryAfterS * 1000) / 1000) : Json();
    out["summary"] = json::toStd(summary);
    Json names = Json::array();
    for (Fix fix : fixes)
        names.push_back(json::toStd(fixName(fix)));
    out["fixes"] = std::move(names);
    out["http_status"] = httpStatus > 0 ? Json(httpStatus) : Json();
    out["error"] = errorJson(error);
    return out;
}

} // namespace detour
