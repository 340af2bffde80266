// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "protocol/Result.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <nlohmann/json_fwd.hpp>
#include <optional>

namespace detour {

// One entry of OpenRouter's `GET /models` (`{"data": [ModelInfo...]}`). An
// OpenAI-compatible server's `/models` (id only) parses too.
struct ModelInfo {
    QString id; // "moonshotai/kimi-k2:free"
    QString name; // "MoonshotAI: Kimi K2 (free)"; the id when the server gives none
    QString description;
    qint64 contextLength = 0; // tokens; 0 = unknown
    qint64 maxCompletionTokens = 0; // top_provider.max_completion_tokens; 0 = unknown
    // USD per token, as OpenRouter gives them; nullopt = unknown or variable
    // (OpenRouter prices its routers "-1").
    std::optional<double> promptPrice;
    std::optional<double> completionPrice;
    QStringList supportedParameters;
    // architecture.input_modalities: "text", "image", "file", "audio"...; empty when unknown.
    QStringList inputModalities;
    QDateTime created; // UTC; invalid when unknown

    std::optional<double> promptPricePerMillion() const;
    std::optional<double> completionPricePerMillion() const;
    // A ":free" variant, or a model whose prompt and completion are both priced 0.
    bool isFree() const;

    bool operator==(const ModelInfo &) const = default;

    // One model object. Missing or null fields take their defaults; an entry
    // that is not an object or has no string id is refused with a reason.
    static Result<ModelInfo> fromJson(const nlohmann::json &object);
    // The whole `{"data": [...]}` body. Entries that cannot be read are skipped
    // (counted in *skipped); a body of the wrong shape is refused with a reason.
    static Result<QList<ModelInfo>> listFromJson(
        const nlohmann::json &root, int *skipped = nullptr);
    static Result<QList<ModelInfo>> listFromBody(QByteArrayView body, int *skipped = nullptr);

    // Whether `id` may be placed in a URL path: "author/slug", the author made
    // of letters, digits, '.', '-', '_', the slug of those and ':', each part
    // starting with a letter or digit. Otherwise the reason it may not.
    static Result<> isValidId(const QString &id);
};

} // namespace detour
