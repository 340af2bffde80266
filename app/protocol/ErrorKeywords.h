// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "ErrorBody.h"

#include <QLatin1StringView>
#include <QString>
#include <initializer_list>

namespace detour {

// What the words of an error body say, for the classifier: the keyword tables
// that tell a context-length error from a rate limit when the status does not,
// and the model a body names. Providers word the same failure many ways; every
// phrase Detour recognises is listed here and nowhere else. Case is ignored.
class ErrorKeywords final {
public:
    static bool contains(const QString &haystack, QLatin1StringView needle);
    static bool containsAny(
        const QString &haystack, std::initializer_list<QLatin1StringView> needles);

    // Everything the body says (codes, types, messages, metadata.raw) in one string.
    static QString allText(const ErrorBody &body);

    static bool mentionsContextLength(const QString &text);
    // A wrong, missing or revoked key, whatever the status it came with.
    static bool mentionsInvalidKey(const QString &text);
    // Money or a spending cap used up (OpenAI's insufficient_quota, a gateway's
    // budget, OpenRouter's key limit), not a rate.
    static bool mentionsSpendingLimit(const QString &text);
    // The model does not exist here, or is not one this server or route can serve.
    static bool mentionsUnknownModel(const QString &text);
    // The server is up but the model is not ready: not loaded, not running, no capacity.
    static bool mentionsModelNotReady(const QString &text);
    static bool mentionsTimeout(const QString &text);
    // The upstream a gateway relays an error from, as the words name it:
    // "AzureException", "openai error: ...", "from deepinfra: {...}".
    static QString relayedProvider(const QString &text);
    static bool mentionsRateLimit(const QString &text);
    static bool mentionsModeration(const ErrorBody &body);
    // OpenRouter says so when a provider behind it, not your key, is limited.
    static bool mentionsUpstreamRateLimit(const ErrorBody &body);
    // OpenRouter's "free-models-per-day" / "free-models-per-min" limits on an account.
    static bool mentionsFreeModelDailyLimit(const QString &text);
    static bool mentionsFreeModelLimit(const QString &text);
    // A rate limit that applies to one model rather than the whole endpoint: a limit
    // on tokens per minute or day (providers count tokens per model), one said to be
    // per model, or one whose words name `model` (the step's) as what hit it.
    static bool mentionsPerModelLimit(const QString &text, const QString &model);

    // The HTTP status an error inside a 200 (or a stream) stands for: its code
    // when that is an HTTP error status (then `fromCode` is set), otherwise a
    // guess from its words (500 when they say nothing known).
    static int statusFromError(const ErrorBody &body, bool &fromCode);

    // The model the body names: "qwen/qwen3-235b-a22b-thinking-2507",
    // "deepseek/deepseek-chat-v3-0324:free"; empty when it names none.
    static QString modelOf(const ErrorBody &body);
};

} // namespace detour
