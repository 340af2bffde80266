// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "HttpHeaders.h"

#include <QDateTime>
#include <optional>

namespace detour {

// How long a server asks us to wait, from `retry-after-ms`, `Retry-After`
// (seconds or HTTP date), `X-RateLimit-Reset` (OpenRouter: epoch milliseconds;
// OpenAI-style `x-ratelimit-reset-requests`: a duration such as "7.66s" or "1m30s").
// The first header present wins, in that order. Dates and epoch times count from
// the response's `Date` header when it has a readable one, else from `now`. Never negative.
std::optional<double> retryAfterSeconds(const HttpHeaders &headers, const QDateTime &now);

// "7.66s", "1m30s", "250ms", "2h" -> seconds.
std::optional<double> parseDurationText(QByteArrayView text);

} // namespace detour
