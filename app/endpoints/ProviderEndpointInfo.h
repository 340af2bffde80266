// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "protocol/Result.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <nlohmann/json_fwd.hpp>
#include <optional>

namespace detour {

// One provider endpoint of a model, from OpenRouter's
// `GET /models/{author}/{slug}/endpoints` (`{"data": {"id", "endpoints": [...]}}`).
struct ProviderEndpointInfo {
    QString providerName; // "Groq"
    QString name; // "Groq | moonshotai/kimi-k2"
    QString tag; // "groq", "chutes/fp8"
    qint64 contextLength = 0; // 0 = unknown
    qint64 maxCompletionTokens = 0; // 0 = unknown
    qint64 maxPromptTokens = 0; // 0 = unknown
    std::optional<double> promptPrice; // USD per token
    std::optional<double> completionPrice;
    QString quantization; // "fp8", "bf16", "unknown", or empty
    QString status; // OpenRouter's status as text ("0" = normal; negative = degraded)
    std::optional<double> uptimeLast30m; // percent
    std::optional<double> latencyLast30m; // ms to the first token (median when percentiles)
    std::optional<double> throughputLast30m; // tokens/s (median when percentiles)
    QStringList supportedParameters;

    std::optional<double> promptPricePerMillion() const;
    std::optional<double> completionPricePerMillion() const;

    bool operator==(const ProviderEndpointInfo &) const = default;

    // One endpoint object; refused (with a reason) when it is not an object or
    // names no provider. Missing or null statistics stay nullopt.
    static Result<ProviderEndpointInfo> fromJson(const nlohmann::json &object);

    struct List {
        QString modelId; // data.id, may be empty
        QList<ProviderEndpointInfo> endpoints;
    };
    // The whole body; unreadable entries are skipped (counted in *skipped).
    static Result<List> listFromJson(const nlohmann::json &root, int *skipped = nullptr);
    static Result<List> listFromBody(QByteArrayView body, int *skipped = nullptr);
};

} // namespace detour
