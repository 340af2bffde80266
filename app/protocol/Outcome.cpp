#include "Outcome.h"

#include <array>
#include <utility>

namespace detour {
namespace {

using namespace Qt::StringLiterals;

constexpr std::array outcomeNames {
    std::pair { Outcome::Served, QLatin1StringView("served") },
    std::pair { Outcome::RateLimitedUpstream, QLatin1StringView("rate_limited_upstream") },
    std::pair { Outcome::RateLimitedKey, QLatin1StringView("rate_limited_key") },
    std::pair { Outcome::NoCredits, QLatin1StringView("no_credits") },
    std::pair { Outcome::Auth, QLatin1StringView("auth") },
    std::pair { Outcome::Moderation, QLatin1StringView("moderation") },
    std::pair { Outcome::NotFound, QLatin1StringView("not_found") },
    std::pair { Outcome::ContextLength, QLatin1StringView("context_length") },
    std::pair { Outcome::BadRequest, QLatin1StringView("bad_request") },
    std::pair { Outcome::Timeout, QLatin1StringView("timeout") },
    std::pair { Outcome::ServerError, QLatin1StringView("server_error") },
    std::pair { Outcome::Unavailable, QLatin1StringView("unavailable") },
    std::pair { Outcome::Network, QLatin1StringView("network") },
    std::pair { Outcome::Cancelled, QLatin1StringView("cancelled") },
    std::pair { Outcome::Skipped, QLatin1StringView("skipped") },
};

constexpr std::array fixNames {
    std::pair { Fix::Wait, QLatin1StringView("wait") },
    std::pair { Fix::Retry, QLatin1StringView("retry") },
    std::pair { Fix::AllowFallbacks, QLatin1StringView("allow_fallbacks") },
    std::pair { Fix::MoveStepDown, QLatin1StringView("move_step_down") },
    std::pair { Fix::Byok, QLatin1StringView("byok") },
    std::pair { Fix::PaidVariant, QLatin1StringView("paid_variant") },
    std::pair { Fix::AddCredits, QLatin1StringView("add_credits") },
    std::pair { Fix::CheckKey, QLatin1StringView("check_key") },
    std::pair { Fix::ShortenContext, QLatin1StringView("shorten_context") },
    std::pair { Fix::ChangeModel, QLatin1StringView("change_model") },
};

template<typename Table, typename Enum> QString nameIn(const Table &table, Enum value)
{
    for (const auto &[candidate, name] : table) {
        if (candidate == value)
            return QString(name);
    }
    return {};
}

template<typename Enum, typename Table>
std::optional<Enum> valueIn(const Table &table, const QString &name)
{
    for (const auto &[candidate, candidateName] : table) {
        if (name == candidateName)
            return candidate;
    }
    return std::nullopt;
}

} // namespace

QString outcomeName(Outcome outcome)
{
    return nameIn(outcomeNames, outcome);
}

std::optional<Outcome> outcomeFromName(const QString &name)
{
    return valueIn<Outcome>(outcomeNames, name);
}

QString partyName(Party party)
{
    switch (party) {
    case Party::None:
        return {};
    case Party::You:
        return u"you"_s;
    case Party::OpenRouter:
        return u"openrouter"_s;
    case Party::Provider:
        return u"provider"_s;
    case Party::Endpoint:
        return u"endpoint"_s;
    case Party::Network:
        return u"network"_s;
    }
    return {};
}

QString fixName(Fix fix)
{
    return nameIn(fixNames, fix);
}

std::optional<Fix> fixFromName(const QString &name)
{
    return valueIn<Fix>(fixNames, name);
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
