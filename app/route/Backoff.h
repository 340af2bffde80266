// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QtGlobal>
#include <chrono>
#include <cstdint>
#include <optional>
#include <random>

namespace detour {

// Exponential backoff with "equal jitter": the n-th retry (0-based) waits
// between half and all of base·2ⁿ, never less than the server's Retry-After,
// never more than the cap.
class Backoff final {
public:
    Backoff(std::chrono::milliseconds base, std::chrono::milliseconds cap,
        std::uint32_t seed = std::random_device {}());

    std::chrono::milliseconds delay(int retry, std::optional<double> retryAfterS);

    // The deterministic bounds of delay(), for tests and the UI.
    std::chrono::milliseconds lowerBound(int retry, std::optional<double> retryAfterS) const;
    std::chrono::milliseconds upperBound(int retry, std::optional<double> retryAfterS) const;

private:
    std::chrono::milliseconds exponential(int retry) const;

    std::chrono::milliseconds m_base;
    std::chrono::milliseconds m_cap;
    std::mt19937 m_random;
};

} // namespace detour
