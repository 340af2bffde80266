// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "protocol/Result.h"

#include <QString>
#include <nlohmann/json_fwd.hpp>
#include <optional>

namespace detour {

// What OpenRouter's `GET /key` says about the key in use (`{"data": {...}}`).
struct KeyInfo {
    QString label; // a masked form of the key, e.g. "sk-or-v1-abc...d0e"
    std::optional<double> limit; // USD; nullopt = no limit
    double usage = 0; // USD spent with this key
    std::optional<double> limitRemaining; // USD; nullopt = no limit
    bool isFreeTier = false; // never bought credits: free models are capped per day
    bool isProvisioningKey = false;
    std::optional<qint64> rateLimitRequests; // requests per rateLimitInterval
    QString rateLimitInterval; // "10s"

    bool operator==(const KeyInfo &) const = default;

    // Refused (with a reason) when the body is not `{"data": {...}}`; missing
    // or null fields take their defaults.
    static Result<KeyInfo> fromJson(const nlohmann::json &root);
    static Result<KeyInfo> fromBody(QByteArrayView body);
};

} // namespace detour
