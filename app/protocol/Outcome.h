// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QList>
#include <QString>
#include <optional>

namespace detour {

// What happened to one attempt. The wire names (outcomeName) are stable: they
// appear in `--json` output, route files and the store.
enum class Outcome {
    Served,
    RateLimitedUpstream, // a provider behind OpenRouter is saturated (shared pool)
    RateLimitedKey, // your key / account / endpoint limit
    NoCredits,
    Auth,
    Moderation,
    NotFound,
    ContextLength,
    BadRequest,
    Timeout,
    ServerError,
    Unavailable,
    Network,
    Cancelled,
    Skipped, // not sent: the step was cooling down or could not help
};

// Who has to act.
enum class Party {
    None,
    You, // your request, key, account limits or credits
    OpenRouter,
    Provider, // an upstream provider behind OpenRouter
    Endpoint, // a non-OpenRouter server used directly
    Network,
};

// A typed suggestion that a UI can turn into a button.
enum class Fix {
    Wait,
    Retry,
    AllowFallbacks,
    MoveStepDown,
    Byok,
    PaidVariant,
    AddCredits,
    CheckKey,
    ShortenContext,
    ChangeModel,
};

QString outcomeName(Outcome outcome);
std::optional<Outcome> outcomeFromName(const QString &name);
QString partyName(Party party); // "" for Party::None
std::optional<Party> partyFromName(const QString &name);
QString fixName(Fix fix);
std::optional<Fix> fixFromName(const QString &name);

// The words a person reads, translated: "Rate-limited upstream" where files, exports,
// `--json` and the store keep the wire name "rate_limited_upstream" (outcomeName()).
// Every view shows these; none shows a wire name.
QString outcomeLabel(Outcome outcome);
QString partyLabel(Party party); // "" for Party::None
QString fixLabel(Fix fix); // the fix in general; the inspector words it for the attempt at hand

// Rate limits, timeouts, 5xx and network trouble can be retried later; the rest cannot.
bool isTransient(Outcome outcome);
bool isRateLimit(Outcome outcome);

} // namespace detour
