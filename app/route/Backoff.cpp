// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Backoff.h"

#include <algorithm>
#include <cmath>

namespace detour {

using std::chrono::milliseconds;

Backoff::Backoff(milliseconds base, milliseconds cap, std::uint32_t seed)
    : m_base(std::max(base, milliseconds(0)))
    , m_cap(std::max(cap, milliseconds(0)))
    , m_random(seed)
{
}

milliseconds Backoff::exponential(int retry) const
{
    // Doubling stops well before overflow; the cap applies afterwards.
    const int doublings = std::clamp(retry, 0, 30);
    const auto value = m_base.count() * (qint64(1) << doublings);
    return std::min(milliseconds(value), m_cap);
}

namespace {
milliseconds serverWait(std::optional<double> retryAfterS)
{
    if (!retryAfterS || !std::isfinite(*retryAfterS) || *retryAfterS <= 0)
        return milliseconds(0);
    return milliseconds(qint64(std::ceil(std::min(*retryAfterS, 1e9) * 1000.0)));
}
} // namespace

milliseconds Backoff::lowerBound(int retry, std::optional<double> retryAfterS) const
{
    return std::min(std::max(exponential(retry) / 2, serverWait(retryAfterS)), m_cap);
}

milliseconds Backoff::upperBound(int retry, std::optional<double> retryAfterS) const
{
    return std::min(std::max(exponential(retry), serverWait(retryAfterS)), m_cap);
}

milliseconds Backoff::delay(int retry, std::optional<double> retryAfterS)
{
    const milliseconds full = exponential(retry);
    const milliseconds half = full / 2;
    std::uniform_int_distribution<qint64> jitter(0, (full - half).count());
    const milliseconds jittered = half + milliseconds(jitter(m_random));
    return std::min(std::max(jittered, serverWait(retryAfterS)), m_cap);
}

} // namespace detour
