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

// A struct rather than a tr() function, so that lupdate files every string below
// under the context the code looks it up in.
struct Text {
    Q_DECLARE_TR_FUNCTIONS(Outcome)
};

} // namespace

QString outcomeLabel(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Served:
        return Text::tr("Served");
    case Outcome::RateLimitedUpstream:
        return Text::tr("Rate-limited upstream");
    case Outcome::RateLimitedKey:
        return Text::tr("Rate-limited (your key)");
    case Outcome::NoCredits:
        return Text::tr("Out of credits");
    case Outcome::Auth:
        return Text::tr("Key refused");
    case Outcome::Moderation:
        return Text::tr("Blocked by moderation");
    case Outcome::NotFound:
        return Text::tr("Model not found");
    case Outcome::ContextLength:
        return Text::tr("Context too long");
    case Outcome::BadRequest:
        return Text::tr("Bad request");
    case Outcome::Timeout:
        return Text::tr("Timed out");
    case Outcome::ServerError:
        return Text::tr("Server error");
    case Outcome::Unavailable:
        return Text::tr("Unavailable");
    case Outcome::Network:
        return Text::tr("Network error");
    case Outcome::Cancelled:
        return Text::tr("Cancelled");
    case Outcome::Skipped:
        return Text::tr("Skipped (cooling down)");
    }
    return outcomeName(outcome);
}

QString partyLabel(Party party)
{
    switch (party) {
    case Party::None:
        return {};
    case Party::You:
        return Text::tr("You");
    case Party::OpenRouter:
        return Text::tr("OpenRouter");
    case Party::Provider:
        return Text::tr("The provider");
    case Party::Endpoint:
        return Text::tr("The endpoint");
    case Party::Network:
        return Text::tr("The network");
    }
    return partyName(party);
}

QString fixLabel(Fix fix)
{
    switch (fix) {
    case Fix::Wait:
        return Text::tr("Wait and retry");
    case Fix::Retry:
        return Text::tr("Retry");
    case Fix::AllowFallbacks:
        return Text::tr("Allow OpenRouter fallbacks");
    case Fix::MoveStepDown:
        return Text::tr("Move the step down");
    case Fix::Byok:
        return Text::tr("Add your own provider key");
    case Fix::PaidVariant:
        return Text::tr("Try the paid variant");
    case Fix::AddCredits:
        return Text::tr("Add credits");
    case Fix::CheckKey:
        return Text::tr("Check the key");
    case Fix::ShortenContext:
        return Text::tr("Shorten the conversation");
    case Fix::ChangeModel:
        return Text::tr("Choose another model");
    }
    return fixName(fix);
}

QString outcomeName(Outcome outcome)
{
    return outcomeNames.name(outcome);
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
