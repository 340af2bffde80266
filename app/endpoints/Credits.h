// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "protocol/Result.h"

#include <QString>
#include <nlohmann/json_fwd.hpp>
#include <optional>

namespace detour {

// OpenRouter's `GET /credits`: credits bought and used by the account (USD).
struct Credits {
    double totalCredits = 0;
    double totalUsage = 0;

    double remaining() const { return totalCredits - totalUsage; }

    bool operator==(const Credits &) const = default;

    // Refused (with a reason) when the body is not `{"data": {...}}`; missing
    // or null amounts count as 0.
    static Result<Credits> fromJson(const nlohmann::json &root);
    static Result<Credits> fromBody(QByteArrayView body);
};

} // namespace detour
