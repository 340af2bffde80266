// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "Outcome.h"

#include "EnumNames.h"

#include <QCoreApplication>

namespace detour {
namespace {

using namespace Qt::StringLiterals;

constexpr EnumNames outcomeNames { std::array {
    std::pair { Outcome::Served, "served"_L1 },
    std::pair { Outcome::RateLimitedUpstream, "rate_limited_upstream"_L1 },
    std::pair { Outcome::RateLimitedKey, "rate_limited_key"_L1 },
    std::pair { Outcome::NoCredits, "no_credits"_L1 },
    std::pair { Outcome::Auth, "auth"_L1 },
    std::pair { Outcome::Moderation, "moderation"_L1 },
    std::pair { Outcome::NotFound, "not_found"_L1 },
    std::pair { Outcome::ContextLength, "context_length"_L1 },
    std::pair { Outcome::BadRequest, "bad_request"_L1 },
    std::pair { Outcome::Timeout, "timeout"_L1 },
    std::pair { Outcome::ServerError, "server_error"_L1 },
    std::pair { Outcome::Unavailable, "unavailable"_L1 },
    std::pair { Outcome::Network, "network"_L1 },
    std::pair { Outcome::Cancelled, "cancelled"_L1 },
    std::pair { Outcome::Skipped, "skipped"_L1 },
} };

// What a person reads, beside the wire names; the translations are filed under "Outcome".
constexpr std::array outcomeLabels {
    std::pair { Outcome::Served, QT_TRANSLATE_NOOP("Outcome", "Served") },
    std::pair {
        Outcome::RateLimitedUpstream, QT_TRANSLATE_NOOP("Outcome", "Rate-limited upstream") },
    std::pair { Outcome::RateLimitedKey, QT_TRANSLATE_NOOP("Outcome", "Rate-limited (your key)") },
    std::pair { Outcome::NoCredits, QT_TRANSLATE_NOOP("Outcome", "Out of credits") },
    std::pair { Outcome::Auth, QT_TRANSLATE_NOOP("Outcome", "Key refused") },
    std::pair { Outcome::Moderation, QT_TRANSLATE_NOOP("Outcome", "Blocked by moderation") },
    std::pair { Outcome::NotFound, QT_TRANSLATE_NOOP("Outcome", "Model not found") },
    std::pair { Outcome::ContextLength, QT_TRANSLATE_NOOP("Outcome", "Context too long") },
    std::pair { Outcome::BadRequest, QT_TRANSLATE_NOOP("Outcome", "Bad request") },
    std::pair { Outcome::Timeout, QT_TRANSLATE_NOOP("Outcome", "Timeout") },
    std::pair { Outcome::ServerError, QT_TRANSLATE_NOOP("Outcome", "Server error") },
    std::pair { Outcome::Unavailable, QT_TRANSLATE_NOOP("Outcome", "Unavailable") },
    std::pair { Outcome::Network, QT_TRANSLATE_NOOP("Outcome", "Network error") },
    std::pair { Outcome::Cancelled, QT_TRANSLATE_NOOP("Outcome", "Cancelled") },
    std::pair { Outcome::Skipped, QT_TRANSLATE_NOOP("Outcome", "Skipped") },
};

// Party::None has the empty name: "nobody has to act".
constexpr EnumNames partyNames { std::array {
    std::pair { Party::None, ""_L1 },
    std::pair { Party::You, "you"_L1 },
    std::pair { Party::OpenRouter, "openrouter"_L1 },
    std::pair { Party::Provider, "provider"_L1 },
    std::pair { Party::Endpoint, "endpoint"_L1 },
    std::pair { Party::Network, "network"_L1 },
} };

constexpr EnumNames fixNames { std::array {
    std::pair { Fix::Wait, "wait"_L1 },
    std::pair { Fix::Retry, "retry"_L1 },
    std::pair { Fix::AllowFallbacks, "allow_fallbacks"_L1 },
    std::pair { Fix::MoveStepDown, "move_step_down"_L1 },
    std::pair { Fix::Byok, "byok"_L1 },
    std::pair { Fix::PaidVariant, "paid_variant"_L1 },
    std::pair { Fix::AddCredits, "add_credits"_L1 },
    std::pair { Fix::CheckKey, "check_key"_L1 },
    std::pair { Fix::ShortenContext, "shorten_context"_L1 },
    std::pair { Fix::ChangeModel, "change_model"_L1 },
} };

} // namespace

QString outcomeName(Outcome outcome)
{
    return outcomeNames.name(outcome);
}

QString outcomeLabel(Outcome outcome)
{
    for (const auto &[candidate, label] : outcomeLabels) {
        if (candidate == outcome)
            return QCoreApplication::translate("Outcome", label);
    }
    return outcomeName(outcome);
}

std::optional<Outcome> outcomeFromName(const QString &name)
{
    return outcomeNames.value(name);
}

QString partyName(Party party)
{
    return partyNames.name(party);
}

std::optional<Party> partyFromName(const QString &name)
{
    return partyNames.value(name);
}

QString fixName(Fix fix)
{
    return fixNames.name(fix);
}

std::optional<Fix> fixFromName(const QString &name)
{
    return fixNames.value(name);
}

bool isTransient(Outcome outcome)
{
    switch (outcome) {
    case Outcome::RateLimitedUpstream:
    case Outcome::RateLimitedKey:
    case Outcome::Timeout:
    case Outcome::ServerError:
    case Outcome::Unavailable:
    case Outcome::Network:
        return true;
    default:
        return false;
    }
}

bool isRateLimit(Outcome outcome)
{
    return outcome == Outcome::RateLimitedUpstream || outcome == Outcome::RateLimitedKey;
}

} // namespace detour
