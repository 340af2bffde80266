// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "CooldownScoper.h"

#include "CooldownTable.h"
#include "protocol/ErrorKeywords.h"

#include <algorithm>

namespace detour {

namespace {

using Scope = Cooldown::Scope;
using Words = ErrorKeywords;

// The rest of a rate limit: Retry-After, else the policy's cooldown; at most its cap.
QDateTime restEnd(const Diagnosis &diagnosis, const RoutePolicy &policy, const QDateTime &now)
{
    const auto rest =
        CooldownTable::restAfter(diagnosis.retryAfterS, policy.cooldownDefault, policy.cooldownCap);
    return rest.count() > 0 ? now.addMSecs(rest.count()) : QDateTime();
}

// OpenRouter's free-model limits reset when the headers say: that time is a fact, not
// a guess, so the policy's cap does not shorten it.
QDateTime freeLimitEnd(
    const Diagnosis &diagnosis, bool daily, const RoutePolicy &policy, const QDateTime &now)
{
    if (!diagnosis.retryAfterS) {
        const auto rest = daily ? policy.cooldownCap : policy.cooldownDefault;
        return rest.count() > 0 ? now.addMSecs(rest.count()) : QDateTime();
    }
    const double seconds =
        std::clamp(*diagnosis.retryAfterS, 0.0, double(CooldownScoper::longestFreeLimitS));
    return seconds > 0 ? now.addMSecs(qint64(seconds * 1000.0)) : QDateTime();
}

} // namespace

std::optional<Cooldown> CooldownScoper::cooldownFor(const Diagnosis &diagnosis,
    const RouteStep &step, const Endpoint &endpoint, const QString &key, const RoutePolicy &policy,
    const QDateTime &now)
{
    Cooldown cooldown;
    cooldown.endpointId = step.endpointId;
    cooldown.endpointUrl = Cooldown::urlOf(endpoint.baseUrl);
    cooldown.reason = diagnosis.outcome;
    const QString text = Words::allText(diagnosis.error);

    switch (diagnosis.outcome) {
    case Outcome::RateLimitedUpstream:
        cooldown.scope = Scope::ProviderModel;
        cooldown.model = step.target.model;
        cooldown.provider = diagnosis.provider;
        cooldown.until = restEnd(diagnosis, policy, now);
        break;
    case Outcome::RateLimitedKey:
        if (endpoint.kind == EndpointKind::OpenRouter && Words::mentionsFreeModelLimit(text)) {
            cooldown.scope = Scope::FreeModels;
            cooldown.until =
                freeLimitEnd(diagnosis, Words::mentionsFreeModelDailyLimit(text), policy, now);
        } else if (Words::mentionsPerModelLimit(text, step.target.model)) {
            cooldown.scope = Scope::EndpointModel;
            cooldown.model = step.target.model;
            cooldown.until = restEnd(diagnosis, policy, now);
        } else {
            cooldown.scope = Scope::Endpoint;
            cooldown.until = restEnd(diagnosis, policy, now);
        }
        break;
    case Outcome::NoCredits:
        cooldown.scope = Scope::PaidModels;
        return cooldown; // no end: until a paid model serves or the person clears it
    case Outcome::Auth:
        if (diagnosis.httpStatus != 401 && !Words::mentionsInvalidKey(text))
            return std::nullopt; // forbidden for this request, not a refused key
        cooldown.scope = Scope::Key;
        cooldown.keyId = Cooldown::keyIdOf(key);
        return cooldown; // no end: until the key changes or a turn there is served
    default:
        return std::nullopt;
    }
    if (!cooldown.until.isValid())
        return std::nullopt; // a rest of nothing (a cooldown of 0 in the policy)
    return cooldown;
}

} // namespace detour
