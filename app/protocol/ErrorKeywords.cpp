// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ErrorKeywords.h"

#include <QRegularExpression>
#include <QStringList>

namespace detour {

using namespace Qt::StringLiterals;

bool ErrorKeywords::contains(const QString &haystack, QLatin1StringView needle)
{
    return haystack.contains(needle, Qt::CaseInsensitive);
}

bool ErrorKeywords::containsAny(
    const QString &haystack, std::initializer_list<QLatin1StringView> needles)
{
    for (QLatin1StringView needle : needles) {
        if (contains(haystack, needle))
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
            "too many tokens"_L1, "maximum prompt length"_L1, "prompt is too long"_L1,
            "reduce the length"_L1 });
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
        || containsAny(body.message, { "flagged"_L1, "requires moderation"_L1 });
}

bool ErrorKeywords::mentionsQuotaUsedUp(const QString &text)
{
    return containsAny(text, { "insufficient_quota"_L1, "exceeded your current quota"_L1 });
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

int ErrorKeywords::statusFromError(const ErrorBody &body, bool &fromCode)
{
    bool ok = false;
    const int code = body.code.trimmed().toInt(&ok);
    if (ok && code >= 400 && code <= 599) {
        fromCode = true;
        return code;
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
