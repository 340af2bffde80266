// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QtGlobal>
#include <optional>

namespace detour {

struct Usage {
    qint64 promptTokens = 0;
    qint64 completionTokens = 0;
    qint64 totalTokens = 0;
    qint64 reasoningTokens = 0;
    std::optional<double> cost; // credits (USD), OpenRouter only
    std::optional<bool> isByok;

    bool operator==(const Usage &) const = default;
};

} // namespace detour
