// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "RouteSort.h"
#include "protocol/Outcome.h"

#include <QList>
#include <chrono>

namespace detour {

using std::chrono::milliseconds;

// How a turn moves through the steps. The defaults suit a person waiting at
// the keyboard: while another step can serve, a failing step falls through at
// once (and cools down); only the last step standing waits and retries.
struct RoutePolicy {
    int maxRetries = 2; // extra tries of the last step standing (or of every step, see below)
    bool retryEveryStep = false; // LangChain-style: retry each step before falling through
    milliseconds backoffBase { 500 };
    milliseconds backoffCap { 15'000 }; // no single wait exceeds this, Retry-After included
    QList<Outcome> fallThrough = defaultFallThrough();
    // Auth and credit failures condemn the endpoint's key, not the model: they
    // fall through to steps on a different endpoint only.
    bool keyFailuresFallThroughToOtherEndpoints = true;

    milliseconds connectTimeout { 10'000 }; // until response headers
    milliseconds firstTokenTimeout { 60'000 }; // from send to first content token
    milliseconds idleTimeout { 30'000 }; // between chunks; SSE comments count as activity
    milliseconds totalTimeout { 300'000 }; // the whole turn

    milliseconds cooldownDefault { 30'000 }; // after a rate limit without Retry-After
    milliseconds cooldownCap { 600'000 };

    // Reorders the steps before each turn from the recorded history; client-side only.
    RouteSort sort = RouteSort::None;

    // Hedged requests (HedgeRace): when the attempt in front has delivered no content
    // token this long after it was sent, the next usable step is started beside it and
    // the first to deliver content wins. 0 = off; hedgeAuto: the delay comes from the
    // step's history instead (HedgeDelay), and hedgeAfter is ignored.
    milliseconds hedgeAfter { 0 };
    bool hedgeAuto = false;

    static QList<Outcome> defaultFallThrough()
    {
        return { Outcome::RateLimitedUpstream, Outcome::RateLimitedKey, Outcome::Timeout,
            Outcome::ServerError, Outcome::Unavailable, Outcome::Network, Outcome::NotFound };
    }
    bool operator==(const RoutePolicy &) const = default;
};

} // namespace detour
