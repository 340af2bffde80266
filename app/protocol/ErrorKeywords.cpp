// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ErrorKeywords.h"

#include <QRegularExpression>
#include <QStringList>
#include <algorithm>

namespace detour {

using namespace Qt::StringLiterals;

namespace {

// A needle Qt's case folding leaves as it is: no capitals, nothing beyond ASCII.
bool isFolded(QLatin1StringView needle)
{
    return std::none_of(needle.begin(), needle.end(), [](char c) {
        const auto u = uchar(c);
        return u >= 0x80 || (u >= 'A' && u <= 'Z');
    });
}

} // namespace

bool ErrorKeywords::contains(const QString &haystack, QLatin1StringView needle)
{
    return containsAny(haystack, { needle });
}

// Qt's case-insensitive search folds both sides character by character at every
// position: some 10,000 instructions per needle in a 300-character error body,
// and a 429 meets about 40 needles (a sixth of a millisecond before the next
// step could be asked). The haystack is folded once instead, and the needles,
// lower-case ASCII, are searched as they are.
bool ErrorKeywords::containsAny(
    const QString &haystack, std::initializer_list<QLatin1StringView> needles)
{
    QString folded;
    for (QLatin1StringView needle : needles) {
        if (!isFolded(needle)) {
            if (haystack.contains(needle, Qt::CaseInsensitive))
                return true;
            continue;
        }
        if (folded.isNull())
            folded = haystack.toCaseFolded();
        if (folded.contains(needle))
            return true;
    }
    return false;
}

QString ErrorKeywords::allText(const ErrorBody &body)
{
    return QStringList { body.code, body.type, body.errorType, body.providerCode, body.message,
        body.rawMessage, body.raw }
        .join(u' ');
}

bool ErrorKeywords::mentionsContextLength(const QString &text)
{
    return containsAny(text,
        { "context length"_L1, "context_length"_L1, "maximum context"_L1, "context window"_L1,
            "context size"_L1, "exceed_context_size"_L1, "too many tokens"_L1,
            "maximum prompt length"_L1, "prompt is too long"_L1, "prompt too long"_L1,
            "reduce the length"_L1, "maximum input length"_L1, "input length"_L1,
            "request too large"_L1, "reduce your message size"_L1 });
}

bool ErrorKeywords::mentionsInvalidKey(const QString &text)
{
    return containsAny(text,
        { "invalid api key"_L1, "invalid_api_key"_L1, "incorrect api key"_L1,
            "api key not valid"_L1, "api_key_invalid"_L1, "invalid x-api-key"_L1,
            "no auth credentials"_L1, "api key is invalid"_L1, "api key expired"_L1,
            "invalid authentication"_L1, "invalid token"_L1 });
}

bool ErrorKeywords::mentionsSpendingLimit(const QString &text)
{
    return containsAny(text,
        { "insufficient_quota"_L1, "exceeded your current quota"_L1, "budget has been exceeded"_L1,
            "budget_exceeded"_L1, "exceeded budget"_L1, "max budget"_L1, "key limit exceeded"_L1,
            "insufficient balance"_L1, "insufficient credits"_L1, "requires more credits"_L1,
            "credit balance is too low"_L1, "out of credits"_L1, "spending limit"_L1 });
}

bool ErrorKeywords::mentionsUnknownModel(const QString &text)
{
    return containsAny(text,
        { "not a valid model"_L1, "invalid model"_L1, "invalid_model"_L1, "model not found"_L1,
            "model_not_found"_L1, "unknown model"_L1, "no such model"_L1,
            "unknown provider for model"_L1, "non-serverless model"_L1, "try pulling it first"_L1,
            "model does not exist"_L1, "no endpoints found"_L1 });
}

bool ErrorKeywords::mentionsModelNotReady(const QString &text)
{
    return containsAny(text,
        { "no models loaded"_L1, "model is not loaded"_L1, "is not running"_L1,
            "no capacity available"_L1, "capacity_exhausted"_L1, "model is loading"_L1,
            "model is currently loading"_L1, "overloaded"_L1 });
}

bool ErrorKeywords::mentionsTimeout(const QString &text)
{
    return containsAny(text, { "timed out"_L1, "timeout"_L1, "time out"_L1, "error code: 524"_L1 });
}

QString ErrorKeywords::relayedProvider(const QString &text)
{
    // Inference providers a gateway (LiteLLM, Portkey, TrueFoundry...) names when
    // it relays their errors; a name outside this list is not taken for one.
    static const QList<std::pair<QLatin1StringView, QLatin1StringView>> providers {
        { "azure"_L1, "Azure"_L1 }, { "openai"_L1, "OpenAI"_L1 },
        { "anthropic"_L1, "Anthropic"_L1 }, { "bedrock"_L1, "Bedrock"_L1 },
        { "vertex"_L1, "Vertex"_L1 }, { "gemini"_L1, "Google"_L1 }, { "google"_L1, "Google"_L1 },
        { "deepinfra"_L1, "DeepInfra"_L1 }, { "together"_L1, "Together"_L1 },
        { "groq"_L1, "Groq"_L1 }, { "fireworks"_L1, "Fireworks"_L1 },
        { "mistral"_L1, "Mistral"_L1 }, { "cohere"_L1, "Cohere"_L1 },
        { "cerebras"_L1, "Cerebras"_L1 }, { "deepseek"_L1, "DeepSeek"_L1 }, { "xai"_L1, "xAI"_L1 },
        { "perplexity"_L1, "Perplexity"_L1 }, { "openrouter"_L1, "OpenRouter"_L1 },
        { "nvidia"_L1, "NVIDIA"_L1 }
    };
    static const QRegularExpression patterns[] = {
        QRegularExpression(uR"(\b([a-z]+)(?:[-_]?openai)?Exception\b)"_s,
            QRegularExpression::CaseInsensitiveOption),
        QRegularExpression(
            uR"(\b([a-z]+)(?:-openai)?\s+error:)"_s, QRegularExpression::CaseInsensitiveOption),
        QRegularExpression(uR"(\bfrom ([a-z]+)\s*:)"_s, QRegularExpression::CaseInsensitiveOption),
    };
    for (const QRegularExpression &pattern : patterns) {
        auto matches = pattern.globalMatch(text);
        while (matches.hasNext()) {
            const QString word = matches.next().captured(1).toLower();
            for (const auto &[key, name] : providers) {
                if (word == key)
                    return name;
            }
        }
    }
    return {};
}

bool ErrorKeywords::mentionsRateLimit(const QString &text)
{
    return containsAny(text,
        { "rate limit"_L1, "rate-limit"_L1, "rate_limit"_L1, "ratelimit"_L1,
            "too many requests"_L1 });
}

bool ErrorKeywords::mentionsModeration(const ErrorBody &body)
{
    return !body.moderationReasons.isEmpty() || !body.flaggedInput.isEmpty()
        || containsAny(body.message + u' ' + body.rawMessage + u' ' + body.code + u' ' + body.type,
            { "flagged"_L1, "requires moderation"_L1, "content_filter"_L1,
                "content management policy"_L1, "moderation block"_L1 });
}

bool ErrorKeywords::mentionsUpstreamRateLimit(const ErrorBody &body)
{
    return body.limitSource.startsWith("upstream"_L1, Qt::CaseInsensitive)
        || containsAny(body.raw + u' ' + body.rawMessage,
            { "rate-limited upstream"_L1, "rate limited upstream"_L1 })
        || contains(body.message, "provider returned error"_L1);
}

bool ErrorKeywords::mentionsFreeModelDailyLimit(const QString &text)
{
    return contains(text, "free-models-per-day"_L1);
}

bool ErrorKeywords::mentionsFreeModelLimit(const QString &text)
{
    return contains(text, "free-models-per"_L1);
}

bool ErrorKeywords::mentionsPerModelLimit(const QString &text, const QString &model)
{
    static const QRegularExpression tokensPerTime(
        u"\\b(tokens?[ _-]+per[ _-]+(min|minute|hour|day)|tpm|tpd|itpm|otpm)\\b"_s,
        QRegularExpression::CaseInsensitiveOption);
    if (tokensPerTime.match(text).hasMatch())
        return true;
    if (containsAny(text,
            { "per model"_L1, "per-model"_L1, "for this model"_L1, "for the model"_L1,
                "for model"_L1, "model_rate_limit"_L1, "model-specific"_L1 }))
        return true;
    // "Rate limit reached for gpt-4o-mini in organization ..." names what was limited.
    // Only a model id long enough not to be an ordinary word counts.
    const QString name = model.section(u'/', -1).section(u':', 0, 0);
    return name.size() >= 4 && text.contains(name, Qt::CaseInsensitive);
}

int ErrorKeywords::statusFromError(const ErrorBody &body, bool &fromCode)
{
    bool ok = false;
    const int code = body.code.trimmed().toInt(&ok);
    if (ok && code >= 400 && code <= 599) {
        fromCode = true;
        return code;
    }
    if (body.statedStatus) {
        fromCode = true;
        return *body.statedStatus;
    }
    fromCode = false;
    const QString text = allText(body);
    if (mentionsContextLength(text))
        return 400;
    if (containsAny(text, { "insufficient_quota"_L1, "insufficient credits"_L1, "credits"_L1 }))
        return 402;
    if (mentionsRateLimit(text))
        return 429;
    if (mentionsModeration(body))
        return 403;
    if (containsAny(text,
            { "unauthorized"_L1, "invalid api key"_L1, "invalid_api_key"_L1,
                "no auth credentials"_L1, "authentication"_L1 })) {
        return 401;
    }
    if (containsAny(text, { "no endpoints found"_L1, "model_not_found"_L1, "not found"_L1 }))
        return 404;
    if (containsAny(text, { "timed out"_L1, "timeout"_L1 }))
        return 408;
    if (containsAny(text, { "overloaded"_L1, "unavailable"_L1, "capacity"_L1 }))
        return 503;
    return 500;
}

QString ErrorKeywords::modelOf(const ErrorBody &body)
{
    if (!body.modelSlug.isEmpty())
        return body.modelSlug;
    if (!body.requestedModels.isEmpty())
        return body.requestedModels.front();
    static const QRegularExpression slug(
        uR"((?<![\w./:-])([A-Za-z0-9][\w.-]*)/([\w.-]+(?::[\w.-]+)?))"_s);
    for (const QString *text : { &body.raw, &body.rawMessage, &body.message }) {
        auto matches = slug.globalMatch(*text);
        while (matches.hasNext()) {
            const QRegularExpressionMatch match = matches.next();
            QString model = match.captured(0);
            while (model.endsWith(u'.') || model.endsWith(u':'))
                model.chop(1);
            const bool modelLike = model.contains(u'-') || model.contains(u':')
                || model.contains(QRegularExpression(u"\\d"_s));
            if (modelLike && match.captured(1).compare("http"_L1, Qt::CaseInsensitive) != 0)
                return model;
        }
    }
    return {};
}

} // namespace detour
