// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "protocol/Result.h"

#include <QByteArrayView>
#include <QString>
#include <nlohmann/json_fwd.hpp>
#include <optional>

namespace detour {

// Shared reading helpers for the catalog's value types (ModelInfo,
// ProviderEndpointInfo, KeyInfo, Credits) and the catalog's cache.
class CatalogJson final {
public:
    // Largest catalog body or cache file Detour reads (OpenRouter's whole model
    // list is a few MiB).
    static constexpr qsizetype maxBodyBytes = 32 * 1024 * 1024;
    // Deepest nesting of arrays and objects accepted (the catalog needs 4).
    static constexpr int maxDepth = 64;

    // Parses a JSON object without throwing, refusing oversized or absurdly
    // nested input. On failure the error is "<subject> is ...".
    static Result<nlohmann::json> parseObject(QByteArrayView bytes, const QString &subject);

    // The `data` member of OpenRouter's `{"data": ...}` envelope when it has
    // the expected type (object or array), never nullptr; otherwise a reason
    // (quoting the body's `error.message` when the envelope is an error).
    static Result<const nlohmann::json *> data(
        const nlohmann::json &root, bool wantArray, const QString &subject);

    // A finite number (or numeric string) at `key`; nullopt when absent, null or not numeric.
    static std::optional<double> finiteAt(const nlohmann::json &object, const char *key);
    // A non-negative whole number at `key`, or `fallback`.
    static qint64 countAt(const nlohmann::json &object, const char *key, qint64 fallback = 0);
    // A price in USD per token; negative values (OpenRouter's "-1" for routers
    // whose price varies) and non-numbers give nullopt.
    static std::optional<double> priceAt(const nlohmann::json &pricing, const char *key);
    // A statistic given either as a number or as percentiles `{"p50": ...}`
    // (the median is used).
    static std::optional<double> statisticAt(const nlohmann::json &object, const char *key);

    // Serialises without throwing (invalid UTF-8 is replaced).
    static QByteArray dump(const nlohmann::json &value);
};

} // namespace detour
