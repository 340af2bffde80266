// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "SimAttempt.h"
#include "SimGeneration.h"
#include "SimHttpResponse.h"
#include "SimScenario.h"
#include "SimStats.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <nlohmann/json_fwd.hpp>
#include <optional>

namespace detour {

// The simulator's non-streamed bodies, shaped like OpenRouter's (see
// tests/fixtures for the real ones). Stateless: everything comes in as arguments.
class SimResponses final {
public:
    SimResponses() = delete;

    static SimHttpResponse json(
        int status, const nlohmann::ordered_json &body, HttpHeaders headers = {});
    // {"error":{"code":status,"message":message}}
    static SimHttpResponse error(int status, const QString &message);
    static SimHttpResponse modelNotFound(const QString &model);
    // An @preset/<slug> the account does not have: 404 in OpenRouter's error shape.
    static SimHttpResponse presetNotFound(const QString &slug);
    static SimHttpResponse noEndpoints();
    // 404 "No endpoints found that support image input": no model asked for reads images.
    static SimHttpResponse noImageEndpoints();
    static SimHttpResponse noAuthCredentials();
    static SimHttpResponse unknownKey();
    static SimHttpResponse generationNotFound();
    // The key's free daily allowance used up: the account-level 429 "Rate limit exceeded:
    // free-models-per-day" with X-RateLimit-Limit `limit`, Remaining 0, Reset `resetMs`.
    static SimHttpResponse freeModelsPerDay(qint64 limit, qint64 resetMs);

    // The response a scripted non-serving entry produces (failures, account
    // errors, error_in_200). `previous` are the attempts before this one.
    static SimHttpResponse scripted(const SimScenario::Entry &entry, const QString &model,
        const QString &provider, const QList<SimAttempt> &previous);
    // An error inside a 200 (`scripted`'s error_in_200) as a streaming request
    // gets it: one SSE chunk carrying the error with finish_reason "error"
    // (https://openrouter.ai/docs/api/errors: errors while the model produces
    // output come "in the response body or as an SSE data event").
    static SimHttpResponse streamedError(
        const SimHttpResponse &errorIn200, const QString &model, const QString &provider);

    static nlohmann::ordered_json models(const SimScenario &scenario);
    static std::optional<nlohmann::ordered_json> endpoints(
        const SimScenario &scenario, const QString &modelId);
    static nlohmann::ordered_json key();
    static nlohmann::ordered_json credits();
    static nlohmann::ordered_json generation(const SimGeneration &generation);
    // {"requests": N, "models": {"id": N, ...}, "providers": {"name": N, ...}, ...}
    static nlohmann::ordered_json stats(const SimStats &stats);

    static QByteArray reasonPhrase(int status);
};

} // namespace detour
