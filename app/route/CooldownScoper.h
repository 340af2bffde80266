// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "Cooldown.h"
#include "RoutePlan.h"
#include "protocol/Diagnosis.h"

#include <QDateTime>
#include <optional>

namespace detour {

// Which cooldown a diagnosed failure calls for: the scope the limit that hit
// applies to (see Cooldown), and how long it lasts.
//
// - an upstream provider's 429: that provider for that model, for Retry-After (else
//   the policy's cooldown), at most the policy's cap;
// - OpenRouter's free-models-per-day / -per-min limits: every `:free` model on that
//   endpoint until the reset the headers give (X-RateLimit-Reset, counted from the
//   response's Date), at most a day; without a reset, the policy's cap for the daily
//   limit and its cooldown for the per-minute one;
// - any other 429 of an endpoint or a key: that model at the endpoint when the words
//   say the limit is per model (ErrorKeywords::mentionsPerModelLimit), else the whole
//   endpoint; as long as an upstream 429;
// - no credits: every paid model on that endpoint, with no end (until a paid model
//   there serves a turn or the person clears it);
// - a refused key (401, or words saying the key is invalid): that endpoint's key, with
//   no end (until the key changes or a turn there is served).
// Other failures call for none.
class CooldownScoper final {
public:
    static constexpr qint64 longestFreeLimitS = 24 * 3600;

    // `key` is the key the request carried (only a digest of it is kept).
    static std::optional<Cooldown> cooldownFor(const Diagnosis &diagnosis, const RouteStep &step,
        const Endpoint &endpoint, const QString &key, const RoutePolicy &policy,
        const QDateTime &now);
};

} // namespace detour
