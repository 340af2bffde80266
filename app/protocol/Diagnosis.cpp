#include "Diagnosis.h"

#include "JsonUtil.h"
#include "RetryAfter.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

namespace detour {
namespace {

using namespace Qt::StringLiterals;
using Json = nlohmann::json;

// Every user-visible sentence is translated in the "Diagnosis" context.
struct Text {
    Q_DECLARE_TR_FUNCTIONS(Diagnosis)
};

// What the classifier knows about one failure.
struct Input {
    int received = 0; // HTTP status as received; 0 for a mid-stream error
    int status = 0; // the status the failure stands for (error.code for a 200 with an error)
    bool fromCode = false; // `status` was read from error.code
    bool inOkResponse = false; // the error came inside a 2xx response
    bool midStream = false;
    EndpointKind kind = EndpointKind::OpenRouter;
    ErrorBody body;
    std::optional<double> retryAfter;
    QString provider;
    QString model;
};

bool contains(const QString &haystack, QLatin1StringView needle)
{
    return haystack.contains(needle, Qt::CaseInsensitive);
}

bool containsAny(const QString &haystack, std::initializer_list<QLatin1StringView> needles)
{
    for (QLatin1StringView needle : needles) {
        if (contains(haystack, needle))
            return true;
    }
    return false;
}

// Everything the body says, for keyword checks.
QString allText(const ErrorBody &body)
{
    return QStringList { body.code, body.type, body.errorType, body.providerCode, body.message,
        body.rawMessage, body.raw }
        .join(u' ');
}

bool mentionsContextLength(const QString &text)
{
    return containsAny(text,
        { "context length"_L1, "context_length"_L1, "maximum context"_L1, "context window"_L1,
            "too many tokens"_L1, "maximum prompt length"_L1, "prompt is too long"_L1,
            "reduce the length"_L1 });
}

bool mentionsRateLimit(const QString &text)
{
    return containsAny(text,
        { "rate limit"_L1, "rate-limit"_L1, "rate_limit"_L1, "ratelimit"_L1,
            "too many requests"_L1 });
}

bool mentionsModeration(const ErrorBody &body)
{
    return !body.moderationReasons.isEmpty() || !body.flaggedInput.isEmpty()
        || containsAny(body.message, { "flagged"_L1, "requires moderation"_L1 });
}

// The status an error inside a 200 (or a stream) stands for: its code when that
// is an HTTP error status, otherwise a guess from its words.
int statusFromError(const ErrorBody &body, bool &fromCode)
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

// "qwen/qwen3-235b-a22b-thinking-2507", "deepseek/deepseek-chat-v3-0324:free".
QString modelOf(const ErrorBody &body)
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

// A wait the server asks for, at most a year: beyond that it only means "not
// any time soon", and larger numbers overflow the millisecond arithmetic of
// cooldowns and timers.
std::optional<double> sensibleWait(std::optional<double> seconds)
{
    constexpr double longest = 366 * 24 * 3600.0;
    if (!seconds || !std::isfinite(*seconds))
        return std::nullopt;
    return std::clamp(*seconds, 0.0, longest);
}

QString firstLine(const QString &text)
{
    constexpr qsizetype maxChars = 200;
    const QStringList lines = text.left(8 * maxChars).split(u'\n', Qt::SkipEmptyParts);
    for (const QString &line : lines) {
        const QString simplified = line.simplified();
        if (simplified.isEmpty())
            continue;
        if (simplified.size() <= maxChars)
            return simplified;
        // Prefer ending at a sentence, as long as that keeps a useful part.
        const qsizetype sentenceEnd = simplified.lastIndexOf(u". "_s, maxChars - 1);
        if (sentenceEnd >= maxChars / 4)
            return simplified.left(sentenceEnd + 1);
        return simplified.left(maxChars - 1) + u'\u2026';
    }
    return {};
}

// The most telling words of the body: the provider's own message when
// OpenRouter only says "Provider returned error".
QString headline(const ErrorBody &body)
{
    const bool generic = body.message.isEmpty()
        || body.message.compare("Provider returned error"_L1, Qt::CaseInsensitive) == 0;
    if (generic && !body.rawMessage.isEmpty())
        return body.rawMessage;
    if (generic && !body.raw.isEmpty())
        return body.raw;
    if (!body.message.isEmpty())
        return body.message;
    return body.htmlTitle;
}

// The body's message in quotes, or what kind of body it was.
QString quoted(const ErrorBody &body)
{
    const QString line = firstLine(headline(body));
    if (!line.isEmpty())
        return u'"' + line + u'"';
    switch (body.format) {
    case ErrorBody::Format::Empty:
        return Text::tr("an empty body");
    case ErrorBody::Format::Html:
        return Text::tr("an HTML page");
    case ErrorBody::Format::Json:
        return Text::tr("a JSON body without a message");
    case ErrorBody::Format::PlainText:
        break;
    }
    return Text::tr("an unreadable body");
}

QString durationText(double seconds)
{
    if (seconds < 100) {
        const double rounded =
            seconds < 1 ? std::round(seconds * 100) / 100 : std::round(seconds * 10) / 10;
        return Text::tr("%1 s").arg(QString::number(rounded));
    }
    if (seconds < 90 * 60)
        return Text::tr("%1 min").arg(QString::number(std::round(seconds / 60)));
    if (seconds < 48 * 3600)
        return Text::tr("%1 h").arg(QString::number(std::round(seconds / 360) / 10));
    return Text::tr("%1 days").arg(QString::number(std::round(seconds / 8640) / 10));
}

QString retryPhrase(const Input &in, bool shortly)
{
    if (in.retryAfter)
        return Text::tr("wait %1 and retry").arg(durationText(*in.retryAfter));
    return shortly ? Text::tr("retry shortly") : Text::tr("retry");
}

QString serverName(EndpointKind kind)
{
    return kind == EndpointKind::OpenRouter ? u"OpenRouter"_s : Text::tr("The endpoint");
}

QString statusLabel(const Input &in)
{
    if (in.fromCode)
        return Text::tr("error code %1").arg(in.status);
    if (in.received > 0)
        return Text::tr("HTTP %1").arg(in.received);
    return in.midStream ? Text::tr("a mid-stream error") : Text::tr("no HTTP status");
}

// "Sentence." + note -> "Sentence (note)."
QString withNote(QString sentence, const QString &note)
{
    if (sentence.endsWith(u'.'))
        sentence.chop(1);
    return sentence + u" ("_s + note + u")."_s;
}

void addFix(QList<Fix> &fixes, Fix fix)
{
    if (!fixes.contains(fix))
        fixes.append(fix);
}

void addWaitOrRetry(QList<Fix> &fixes, const Input &in)
{
    addFix(fixes, in.retryAfter ? Fix::Wait : Fix::Retry);
}

bool isUpstreamRateLimit(const Input &in)
{
    const ErrorBody &b = in.body;
    return !in.provider.isEmpty() || !b.providerCode.isEmpty() || in.midStream
        || b.limitSource.startsWith("upstream"_L1, Qt::CaseInsensitive)
        || containsAny(
            b.raw + u' ' + b.rawMessage, { "rate-limited upstream"_L1, "rate limited upstream"_L1 })
        || contains(b.message, "provider returned error"_L1);
}

void diagnoseRateLimit(const Input &in, Diagnosis &d)
{
    const ErrorBody &b = in.body;
    const QString text = allText(b);
    const QString what = quoted(b);
    if (in.kind == EndpointKind::OpenAiCompatible) {
        if (containsAny(text, { "insufficient_quota"_L1, "exceeded your current quota"_L1 })) {
            d.outcome = Outcome::NoCredits;
            d.party = Party::You;
            d.fixes = { Fix::AddCredits, Fix::MoveStepDown };
            d.summary = Text::tr("The endpoint says your account's quota or credits are used up "
                                 "(%1); add credits or raise the quota with that service, or "
                                 "move this step down.")
                            .arg(what);
            return;
        }
        d.outcome = Outcome::RateLimitedKey;
        d.party = Party::Endpoint;
        d.fixes = { Fix::Wait, Fix::MoveStepDown };
        d.summary = Text::tr("The endpoint is rate-limiting your key or account (%1); %2, or move "
                             "this step down so another endpoint answers first.")
                        .arg(what, retryPhrase(in, true));
        return;
    }

    if (isUpstreamRateLimit(in)) {
        const bool freeVariant = in.model.endsWith(":free"_L1, Qt::CaseInsensitive);
        d.outcome = Outcome::RateLimitedUpstream;
        d.party = Party::Provider;
        addWaitOrRetry(d.fixes, in);
        addFix(d.fixes, Fix::AllowFallbacks);
        addFix(d.fixes, Fix::MoveStepDown);
        addFix(d.fixes, Fix::Byok);
        if (freeVariant)
            addFix(d.fixes, Fix::PaidVariant);
        const bool named = !in.provider.isEmpty();
        const QString who = named ? in.provider : Text::tr("The upstream provider");
        const QString model = in.model.isEmpty() ? Text::tr("this model") : in.model;
        const QString ownKey = named ? Text::tr("your own %1 key").arg(in.provider)
                                     : Text::tr("your own key for that provider");
        const QString where = named ? in.provider : Text::tr("that provider");
        const QString alternatives = freeVariant
            ? Text::tr("let OpenRouter fall back to another provider, pick a paid "
                       "variant of the model, move this step down")
            : Text::tr("let OpenRouter fall back to another provider, move this step down");
        // OpenRouter's BYOK documentation: with OpenRouter credits, the rate limits
        // at each provider are OpenRouter's; with your own provider key, requests
        // to that provider use your key first and so your own limits there.
        d.summary = Text::tr("%1 is rate-limiting OpenRouter's shared capacity for %2 (not your "
                             "key or credits, so adding credits will not help); %3, %4, or add "
                             "%5 in OpenRouter's integrations settings (BYOK) so OpenRouter "
                             "uses your own rate limit at %6.")
                        .arg(who, model, retryPhrase(in, true), alternatives, ownKey, where);
        return;
    }

    // No provider named: a limit on your OpenRouter key or account.
    d.outcome = Outcome::RateLimitedKey;
    d.party = Party::You;
    const bool freeDaily = contains(text, "free-models-per-day"_L1);
    const bool credits = freeDaily || contains(b.message, "credit"_L1);
    addFix(d.fixes, Fix::Wait);
    if (credits)
        addFix(d.fixes, Fix::AddCredits);
    if (contains(text, "free-models-per"_L1) || in.model.endsWith(":free"_L1, Qt::CaseInsensitive))
        addFix(d.fixes, Fix::PaidVariant);
    if (freeDaily) {
        const QString wait = in.retryAfter
            ? Text::tr("wait %1 until it resets").arg(durationText(*in.retryAfter))
            : Text::tr("wait until it resets");
        d.summary = Text::tr("Your OpenRouter account has used up its daily allowance of "
                             "free-model requests (%1), a limit on your account rather than on "
                             "a provider; %2, add credits to raise the allowance as the message "
                             "says, or use a paid model.")
                        .arg(what, wait);
    } else if (credits) {
        d.summary = Text::tr("OpenRouter is rate-limiting your key or account (%1), not a "
                             "provider; %2, or add credits as the message suggests.")
                        .arg(what, retryPhrase(in, true));
    } else {
        d.summary = Text::tr("OpenRouter is rate-limiting your key or account (%1), not a "
                             "provider; %2 and send requests less often.")
                        .arg(what, retryPhrase(in, true));
    }
}

QString previousErrorsText(const ErrorBody &body)
{
    QStringList parts;
    for (const ServerAttempt &attempt : body.previousErrors) {
        QStringList detail;
        if (attempt.status > 0)
            detail.append(QString::number(attempt.status));
        if (!attempt.code.isEmpty())
            detail.append(attempt.code);
        const QString name = attempt.provider.isEmpty() ? Text::tr("a provider") : attempt.provider;
        parts.append(detail.isEmpty() ? name : name + u" ("_s + detail.join(u' ') + u')');
    }
    if (parts.isEmpty())
        parts = body.affectedProviders;
    return parts.join(u", "_s);
}

void diagnoseUnavailable(const Input &in, Diagnosis &d)
{
    const ErrorBody &b = in.body;
    const bool openRouter = in.kind == EndpointKind::OpenRouter;
    d.outcome = Outcome::Unavailable;
    const bool providerEvidence = !in.provider.isEmpty() || !b.previousErrors.isEmpty()
        || !b.affectedProviders.isEmpty() || !b.availabilityCode.isEmpty() || !b.errorType.isEmpty()
        || !b.providerCode.isEmpty();
    d.party =
        !openRouter ? Party::Endpoint : (providerEvidence ? Party::Provider : Party::OpenRouter);
    addWaitOrRetry(d.fixes, in);
    if (openRouter)
        addFix(d.fixes, Fix::AllowFallbacks);
    addFix(d.fixes, Fix::MoveStepDown);

    const QString tried = previousErrorsText(b);
    if (openRouter && !tried.isEmpty()) {
        const QString model = in.model.isEmpty() ? Text::tr("this model") : in.model;
        d.summary = Text::tr("No provider could serve %1 right now (%2), so OpenRouter gave up; "
                             "%3, let OpenRouter fall back to other providers, or move this "
                             "step down.")
                        .arg(model, tried, retryPhrase(in, false));
        return;
    }
    const QString who = !in.provider.isEmpty() ? in.provider : serverName(in.kind);
    d.summary = Text::tr("%1 is temporarily unavailable (%2: %3); %4, or move this step down.")
                    .arg(who, statusLabel(in), quoted(b), retryPhrase(in, true));
}

void diagnoseServerError(const Input &in, Diagnosis &d)
{
    const ErrorBody &b = in.body;
    const bool openRouter = in.kind == EndpointKind::OpenRouter;
    const bool providerNamed = openRouter && !in.provider.isEmpty();
    d.outcome = Outcome::ServerError;
    d.party = !openRouter ? Party::Endpoint : (providerNamed ? Party::Provider : Party::OpenRouter);
    addWaitOrRetry(d.fixes, in);
    if (providerNamed)
        addFix(d.fixes, Fix::AllowFallbacks);
    addFix(d.fixes, Fix::MoveStepDown);

    const QString server = serverName(in.kind);
    const QString retry = retryPhrase(in, false);
    const bool known = in.status == 500 || in.status == 502;
    if (b.format == ErrorBody::Format::Html) {
        d.summary = Text::tr("%1 or a proxy in front of it answered with an error page (%2: %3) "
                             "instead of a reply; %4, or move this step down.")
                        .arg(server, statusLabel(in), quoted(b), retry);
    } else if (providerNamed) {
        d.summary = Text::tr("%1 failed behind OpenRouter (%2: %3); %4, let OpenRouter fall back "
                             "to another provider, or move this step down.")
                        .arg(in.provider, statusLabel(in), quoted(b), retry);
    } else if (known) {
        d.summary = Text::tr("%1 failed with a server error (%2: %3); %4, or move this step down.")
                        .arg(server, statusLabel(in), quoted(b), retry);
    } else {
        d.summary = Text::tr("%1 failed with %2 (%3), a server-side error Detour has no specific "
                             "explanation for; %4, or move this step down.")
                        .arg(server, statusLabel(in), quoted(b), retry);
    }
}

void diagnoseTimeoutStatus(const Input &in, Diagnosis &d)
{
    const bool openRouter = in.kind == EndpointKind::OpenRouter;
    d.outcome = Outcome::Timeout;
    if (!openRouter)
        d.party = Party::Endpoint;
    else
        d.party = in.provider.isEmpty() ? Party::OpenRouter : Party::Provider;
    addWaitOrRetry(d.fixes, in);
    if (openRouter)
        addFix(d.fixes, Fix::AllowFallbacks);
    addFix(d.fixes, Fix::MoveStepDown);
    const QString who = !in.provider.isEmpty() ? in.provider : serverName(in.kind);
    d.summary = Text::tr("%1 timed out before the model answered (%2: %3); %4, or move this step "
                         "down.")
                    .arg(who, statusLabel(in), quoted(in.body), retryPhrase(in, false));
}

Diagnosis diagnose(const Input &in)
{
    Diagnosis d;
    d.httpStatus = in.received;
    d.error = in.body;
    d.provider = in.provider;
    d.retryAfterS = in.retryAfter;

    const ErrorBody &b = in.body;
    const bool openRouter = in.kind == EndpointKind::OpenRouter;
    const QString server = serverName(in.kind);
    const QString what = quoted(b);
    const QString label = statusLabel(in);
    const int status = in.status;

    if (status == 429) {
        diagnoseRateLimit(in, d);
    } else if (status == 402) {
        d.outcome = Outcome::NoCredits;
        d.party = Party::You;
        d.fixes = { Fix::AddCredits };
        const bool fewerTokens = contains(b.message, "max_tokens"_L1);
        if (fewerTokens)
            d.fixes.append(Fix::ShortenContext);
        if (!openRouter) {
            d.summary = Text::tr("The endpoint says your account is out of credits or quota (%1); "
                                 "add credits with that service or move this step down.")
                            .arg(what);
        } else if (fewerTokens) {
            d.summary = Text::tr("Your OpenRouter credits do not cover this request (%1); add "
                                 "credits in OpenRouter's settings or lower max_tokens.")
                            .arg(what);
        } else {
            d.summary = Text::tr("Your OpenRouter account does not have enough credits for this "
                                 "request (%1); add credits in OpenRouter's settings.")
                            .arg(what);
        }
    } else if (status == 401) {
        d.outcome = Outcome::Auth;
        d.party = Party::You;
        d.fixes = { Fix::CheckKey };
        d.summary = Text::tr("%1 rejected your API key (%2); check that the key is set, correct "
                             "and not revoked.")
                        .arg(server, what);
    } else if (status == 403 && mentionsModeration(b)) {
        d.outcome = Outcome::Moderation;
        d.party = Party::You;
        d.fixes = { Fix::ChangeModel };
        const QString who = in.provider.isEmpty() ? Text::tr("The provider") : in.provider;
        const QString reasons =
            !b.moderationReasons.isEmpty() ? b.moderationReasons.join(u", "_s) : what;
        const QString model = in.model.isEmpty() ? Text::tr("the model") : in.model;
        d.summary = Text::tr("%1's moderation flagged your input (%2), so the request to %3 was "
                             "refused; rephrase the message or choose another model.")
                        .arg(who, reasons, model);
    } else if (status == 401 || status == 403) {
        d.outcome = Outcome::Auth;
        d.party = Party::You;
        d.fixes = { Fix::CheckKey };
        d.summary = Text::tr("%1 refused the request as forbidden (%2); check your key's "
                             "permissions and limits.")
                        .arg(server, what);
    } else if (status == 404) {
        d.outcome = Outcome::NotFound;
        d.party = Party::You;
        d.fixes = { Fix::ChangeModel };
        d.summary = Text::tr("%1 could not find the model or no provider serves it (%2); check "
                             "the model ID and the endpoint URL, or choose another model.")
                        .arg(server, what);
    } else if ((status == 400 || status == 413 || status == 422)
        && mentionsContextLength(allText(b))) {
        d.outcome = Outcome::ContextLength;
        d.party = Party::You;
        d.fixes = { Fix::ShortenContext, Fix::ChangeModel };
        d.summary = Text::tr("The request does not fit in the model's context window (%1); "
                             "shorten the conversation, lower max_tokens, or choose a model with "
                             "a larger context.")
                        .arg(what);
    } else if (status == 400 || status == 422) {
        d.outcome = Outcome::BadRequest;
        d.party = Party::You;
        d.fixes = { Fix::ChangeModel };
        d.summary = Text::tr("%1 rejected the request as invalid (%2: %3); check the request's "
                             "parameters or choose a model that supports them.")
                        .arg(server, label, what);
    } else if (status == 408 || status == 504) {
        diagnoseTimeoutStatus(in, d);
    } else if (status == 503) {
        diagnoseUnavailable(in, d);
    } else if (status >= 500 && status <= 599) {
        diagnoseServerError(in, d);
    } else if (status >= 400 && status <= 499) {
        d.outcome = Outcome::BadRequest;
        d.party = Party::You;
        d.fixes = { Fix::MoveStepDown };
        d.summary = Text::tr("%1 refused the request with %2 (%3), a status Detour has no "
                             "specific explanation for; check the request and the endpoint "
                             "settings, or move this step down.")
                        .arg(server, label, what);
    } else if (status >= 300 && status <= 399) {
        d.outcome = Outcome::BadRequest;
        d.party = Party::You;
        d.summary = Text::tr("%1 answered with a redirect (%2) instead of a reply; check the "
                             "endpoint's base URL.")
                        .arg(server, label);
    } else if (status >= 200 && status <= 299 && b.format == ErrorBody::Format::Json) {
        d.outcome = Outcome::Served;
        d.party = Party::None;
        d.summary = Text::tr("%1 answered the request (%2) without an error.").arg(server, label);
    } else {
        d.outcome = Outcome::ServerError;
        d.party = openRouter ? Party::OpenRouter : Party::Endpoint;
        d.fixes = { Fix::Retry, Fix::MoveStepDown };
        d.summary = Text::tr("%1 answered with %2 and %3, which is not a reply Detour can read; "
                             "retry, or move this step down.")
                        .arg(server, label, what);
    }

    if (in.midStream) {
        d.summary =
            withNote(d.summary, Text::tr("this happened mid-stream, after the reply had started"));
    } else if (in.inOkResponse) {
        d.summary =
            withNote(d.summary, Text::tr("reported inside an HTTP %1 response").arg(in.received));
    }
    // The summary is one line wherever it is shown, whatever names the body
    // brought in (a provider name with a line break in it, say).
    for (QChar &ch : d.summary) {
        if (ch.unicode() < 0x20 || ch.unicode() == 0x7f)
            ch = u' ';
    }
    return d;
}

Diagnosis simple(Outcome outcome, Party party, QList<Fix> fixes, QString summary)
{
    Diagnosis d;
    d.outcome = outcome;
    d.party = party;
    d.fixes = std::move(fixes);
    d.summary = std::move(summary);
    return d;
}

Json errorJson(const ErrorBody &b)
{
    Json error = Json::object();
    const auto put = [&error](const char *key, const QString &value) {
        if (!value.isEmpty())
            error[key] = json::toStd(value);
    };
    switch (b.format) {
    case ErrorBody::Format::Empty:
        break;
    case ErrorBody::Format::Json:
        error["format"] = "json";
        break;
    case ErrorBody::Format::PlainText:
        error["format"] = "text";
        break;
    case ErrorBody::Format::Html:
        error["format"] = "html";
        break;
    }
    put("code", b.code);
    put("message", b.message);
    put("type", b.type);
    put("raw", b.raw);
    put("raw_message", b.rawMessage);
    put("provider_name", b.providerName);
    put("limit_source", b.limitSource);
    put("remedy_hint", b.remedyHint);
    put("error_type", b.errorType);
    put("provider_code", b.providerCode);
    put("model_slug", b.modelSlug);
    if (!b.moderationReasons.isEmpty())
        error["reasons"] = json::fromStringList(b.moderationReasons);
    put("flagged_input", b.flaggedInput);
    if (!b.previousErrors.isEmpty()) {
        Json previous = Json::array();
        for (const ServerAttempt &attempt : b.previousErrors) {
            Json item = Json::object();
            if (!attempt.provider.isEmpty())
                item["provider"] = json::toStd(attempt.provider);
            if (!attempt.model.isEmpty())
                item["model"] = json::toStd(attempt.model);
            if (attempt.status > 0)
                item["status"] = attempt.status;
            if (!attempt.code.isEmpty())
                item["code"] = json::toStd(attempt.code);
            if (attempt.latencyMs)
                item["latency_ms"] = *attempt.latencyMs;
            if (attempt.isByok)
                item["is_byok"] = *attempt.isByok;
            previous.push_back(std::move(item));
        }
        error["previous_errors"] = std::move(previous);
    }
    Json availability = Json::object();
    if (!b.availabilityCode.isEmpty())
        availability["code"] = json::toStd(b.availabilityCode);
    if (b.retryable)
        availability["retryable"] = *b.retryable;
    if (b.retryAfterS)
        availability["retry_after"] = *b.retryAfterS;
    if (!b.requestedModels.isEmpty())
        availability["requested_models"] = json::fromStringList(b.requestedModels);
    if (!b.affectedProviders.isEmpty())
        availability["affected_providers"] = json::fromStringList(b.affectedProviders);
    if (!availability.empty())
        error["availability"] = std::move(availability);
    put("html_title", b.htmlTitle);
    return error;
}

} // namespace

nlohmann::json Diagnosis::toJson() const
{
    Json out = Json::object();
    out["outcome"] = json::toStd(outcomeName(outcome));
    out["party"] = party == Party::None ? Json() : Json(json::toStd(partyName(party)));
    out["provider"] = provider.isEmpty() ? Json() : Json(json::toStd(provider));
    out["retry_after_s"] = retryAfterS ? Json(std::round(*retryAfterS * 1000) / 1000) : Json();
    out["summary"] = json::toStd(summary);
    Json names = Json::array();
    for (Fix fix : fixes)
        names.push_back(json::toStd(fixName(fix)));
    out["fixes"] = std::move(names);
    out["http_status"] = httpStatus > 0 ? Json(httpStatus) : Json();
    out["error"] = errorJson(error);
    return out;
}

Diagnosis ErrorClassifier::classify(int httpStatus, const HttpHeaders &headers, QByteArrayView body,
    EndpointKind kind, const QDateTime &now)
{
    Input in;
    in.received = httpStatus;
    in.status = httpStatus;
    in.kind = kind;
    in.body = ErrorBody::fromBody(body);
    if ((httpStatus == 0 || (httpStatus >= 200 && httpStatus <= 299)) && in.body.isError) {
        in.inOkResponse = httpStatus != 0;
        in.status = statusFromError(in.body, in.fromCode);
    }
    in.retryAfter = retryAfterSeconds(headers, now);
    if (!in.retryAfter)
        in.retryAfter = retryAfterSeconds(in.body.headers, now);
    if (!in.retryAfter)
        in.retryAfter = in.body.retryAfterS;
    in.retryAfter = sensibleWait(in.retryAfter);
    in.provider = in.body.providerName;
    in.model = modelOf(in.body);
    return diagnose(in);
}

Diagnosis ErrorClassifier::classifyStreamError(
    const nlohmann::json &error, EndpointKind kind, const QString &provider)
{
    Input in;
    in.midStream = true;
    in.kind = kind;
    in.body = ErrorBody::fromErrorObject(error);
    in.status = statusFromError(in.body, in.fromCode);
    // No clock here: only relative forms (durations, delta seconds) are read.
    in.retryAfter = in.body.retryAfterS;
    if (!in.retryAfter)
        in.retryAfter = retryAfterSeconds(in.body.headers, QDateTime());
    in.retryAfter = sensibleWait(in.retryAfter);
    in.provider = !in.body.providerName.isEmpty() ? in.body.providerName : provider;
    in.model = modelOf(in.body);
    return diagnose(in);
}

EndpointKind ErrorClassifier::inferKind(QByteArrayView body)
{
    const auto parsed = parseBodyJson(body.trimmed());
    if (!parsed)
        return EndpointKind::OpenRouter;
    const Json *top = &*parsed;
    if (top->is_array() && !top->empty())
        top = &top->front();
    if (!top->is_object())
        return EndpointKind::OpenRouter;
    if (top->contains("user_id"))
        return EndpointKind::OpenRouter;
    const auto error = top->find("error");
    if (error == top->end())
        return top->contains("detail") ? EndpointKind::OpenAiCompatible : EndpointKind::OpenRouter;
    if (error->is_string())
        return EndpointKind::OpenAiCompatible; // Ollama's {"error":"..."}
    if (!error->is_object() || error->contains("metadata"))
        return EndpointKind::OpenRouter;
    const auto code = error->find("code");
    if (code != error->end() && code->is_number())
        return EndpointKind::OpenRouter;
    const bool stringOrNoCode = code == error->end() || code->is_string() || code->is_null();
    if (error->contains("type") && stringOrNoCode)
        return EndpointKind::OpenAiCompatible;
    return EndpointKind::OpenRouter;
}

Diagnosis ErrorClassifier::timeout(TimeoutPhase phase, qint64 afterMs, EndpointKind kind)
{
    const QString after = durationText(double(std::max<qint64>(afterMs, 0)) / 1000.0);
    const Party server = kind == EndpointKind::OpenRouter ? Party::OpenRouter : Party::Endpoint;
    const QList<Fix> fixes { Fix::Retry, Fix::MoveStepDown };
    switch (phase) {
    case TimeoutPhase::Connect:
        return simple(Outcome::Timeout, Party::Network, fixes,
            Text::tr("Could not connect to %1 within %2; check your network connection "
                     "and the endpoint URL, then retry.")
                .arg(kind == EndpointKind::OpenRouter ? u"OpenRouter"_s : Text::tr("the endpoint"),
                    after));
    case TimeoutPhase::FirstToken:
        return simple(Outcome::Timeout, server, fixes,
            Text::tr("No first token from the server after %1; the model or its "
                     "provider may be overloaded, so retry, move this step down, or "
                     "raise the first-token timeout.")
                .arg(after));
    case TimeoutPhase::Idle:
        return simple(Outcome::Timeout, server, fixes,
            Text::tr("The server stopped sending in the middle of the reply (nothing "
                     "for %1); retry, or move this step down.")
                .arg(after));
    case TimeoutPhase::Total:
        break;
    }
    return simple(Outcome::Timeout, server, fixes,
        Text::tr("The reply took longer than the total time limit of %1; retry, raise "
                 "the limit, or move this step down.")
            .arg(after));
}

Diagnosis ErrorClassifier::network(const QString &detail, EndpointKind kind)
{
    const QString who =
        kind == EndpointKind::OpenRouter ? u"OpenRouter"_s : Text::tr("the endpoint");
    const QString line = firstLine(detail);
    return simple(Outcome::Network, Party::Network, { Fix::Retry, Fix::MoveStepDown },
        line.isEmpty() ? Text::tr("Could not reach %1; check your internet connection, proxy "
                                  "and the endpoint URL, then retry.")
                             .arg(who)
                       : Text::tr("Could not reach %1 (%2); check your internet connection, "
                                  "proxy and the endpoint URL, then retry.")
                             .arg(who, line));
}

Diagnosis ErrorClassifier::insecureConnection(
    const QString &detail, bool untrustedCertificate, EndpointKind kind)
{
    const QString who =
        kind == EndpointKind::OpenRouter ? u"OpenRouter"_s : Text::tr("the endpoint");
    const QString line = firstLine(detail);
    const QString why = line.isEmpty() ? QString() : u" ("_s + line + u')';
    // Never a reason to retry: the same certificate comes back. Whoever runs the
    // server, or whatever on the network intercepts it, has to act.
    return simple(Outcome::Network, Party::Network, { Fix::MoveStepDown },
        untrustedCertificate
            ? Text::tr("The server's certificate is not trusted%1, so Detour sent nothing to "
                       "%2; check the endpoint URL, and whether something on your network "
                       "intercepts secure connections.")
                  .arg(why, who)
            : Text::tr("Could not set up a secure connection to %1%2, so Detour sent nothing; "
                       "check the endpoint URL, and whether something on your network "
                       "intercepts secure connections.")
                  .arg(who, why));
}

Diagnosis ErrorClassifier::malformed(const QString &detail, EndpointKind kind)
{
    const bool openRouter = kind == EndpointKind::OpenRouter;
    const QString line = firstLine(detail);
    return simple(Outcome::ServerError, openRouter ? Party::OpenRouter : Party::Endpoint,
        { Fix::Retry, Fix::MoveStepDown },
        Text::tr("%1 sent a reply Detour could not read (%2); retry, or move this step "
                 "down.")
            .arg(serverName(kind), line.isEmpty() ? Text::tr("no details") : line));
}

Diagnosis ErrorClassifier::cancelled()
{
    return simple(Outcome::Cancelled, Party::You, { Fix::Retry },
        Text::tr("You stopped this request, so nothing failed; send it again to retry."));
}

} // namespace detour
