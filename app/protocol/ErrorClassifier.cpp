// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ErrorClassifier.h"

#include "DiagnosisText.h"
#include "ErrorKeywords.h"
#include "RetryAfter.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

namespace detour {
namespace {

using namespace Qt::StringLiterals;
using Json = nlohmann::json;
using Words = ErrorKeywords;
using Text = DiagnosisText;

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

void addFix(QList<Fix> &fixes, Fix fix)
{
    if (!fixes.contains(fix))
        fixes.append(fix);
}

void addWaitOrRetry(QList<Fix> &fixes, const FailureFacts &f)
{
    addFix(fixes, f.retryAfter ? Fix::Wait : Fix::Retry);
}

bool isUpstreamRateLimit(const FailureFacts &f)
{
    return !f.provider.isEmpty() || !f.body.providerCode.isEmpty() || f.midStream
        || Words::mentionsUpstreamRateLimit(f.body);
}

void diagnoseRateLimit(const FailureFacts &f, Diagnosis &d)
{
    const QString text = Words::allText(f.body);
    if (!f.isOpenRouter()) {
        if (!f.provider.isEmpty()) {
            // A gateway relaying its upstream's limit: the upstream, not your key at the gateway.
            d.outcome = Outcome::RateLimitedUpstream;
            d.party = Party::Provider;
            addWaitOrRetry(d.fixes, f);
            addFix(d.fixes, Fix::MoveStepDown);
            d.summary = Text::relayedRateLimit(f);
            return;
        }
        d.outcome = Outcome::RateLimitedKey;
        d.party = Party::Endpoint;
        d.fixes = { Fix::Wait, Fix::MoveStepDown };
        d.summary = Text::endpointRateLimit(f);
        return;
    }

    if (isUpstreamRateLimit(f)) {
        const bool freeVariant = f.model.endsWith(":free"_L1, Qt::CaseInsensitive);
        d.outcome = Outcome::RateLimitedUpstream;
        d.party = Party::Provider;
        addWaitOrRetry(d.fixes, f);
        addFix(d.fixes, Fix::AllowFallbacks);
        addFix(d.fixes, Fix::MoveStepDown);
        addFix(d.fixes, Fix::Byok);
        if (freeVariant)
            addFix(d.fixes, Fix::PaidVariant);
        d.summary = Text::upstreamRateLimit(f, freeVariant);
        return;
    }

    // No provider named: a limit on your OpenRouter key or account.
    d.outcome = Outcome::RateLimitedKey;
    d.party = Party::You;
    const bool freeDaily = Words::mentionsFreeModelDailyLimit(text);
    const bool credits = freeDaily || Words::contains(f.body.message, "credit"_L1);
    addFix(d.fixes, Fix::Wait);
    if (credits)
        addFix(d.fixes, Fix::AddCredits);
    if (Words::mentionsFreeModelLimit(text) || f.model.endsWith(":free"_L1, Qt::CaseInsensitive))
        addFix(d.fixes, Fix::PaidVariant);
    d.summary = Text::keyRateLimit(f,
        freeDaily     ? Text::KeyLimit::FreeModelsPerDay
            : credits ? Text::KeyLimit::Credits
                      : Text::KeyLimit::Requests);
}

void diagnoseNoCredits(const FailureFacts &f, Diagnosis &d)
{
    d.outcome = Outcome::NoCredits;
    d.party = Party::You;
    d.fixes = { Fix::AddCredits };
    const bool fewerTokens = Words::contains(f.body.message, "max_tokens"_L1);
    if (fewerTokens)
        d.fixes.append(Fix::ShortenContext);
    d.summary = Text::noCredits(f, fewerTokens);
}

void diagnoseUnavailable(const FailureFacts &f, Diagnosis &d)
{
    const ErrorBody &b = f.body;
    d.outcome = Outcome::Unavailable;
    const bool providerEvidence = !f.provider.isEmpty() || !b.previousErrors.isEmpty()
        || !b.affectedProviders.isEmpty() || !b.availabilityCode.isEmpty() || !b.errorType.isEmpty()
        || !b.providerCode.isEmpty();
    d.party = !f.isOpenRouter() ? Party::Endpoint
                                : (providerEvidence ? Party::Provider : Party::OpenRouter);
    addWaitOrRetry(d.fixes, f);
    if (f.isOpenRouter())
        addFix(d.fixes, Fix::AllowFallbacks);
    addFix(d.fixes, Fix::MoveStepDown);
    d.summary = Text::unavailable(f);
}

void diagnoseServerError(const FailureFacts &f, Diagnosis &d)
{
    const bool providerNamed = f.isOpenRouter() && !f.provider.isEmpty();
    d.outcome = Outcome::ServerError;
    d.party =
        !f.isOpenRouter() ? Party::Endpoint : (providerNamed ? Party::Provider : Party::OpenRouter);
    addWaitOrRetry(d.fixes, f);
    if (providerNamed)
        addFix(d.fixes, Fix::AllowFallbacks);
    addFix(d.fixes, Fix::MoveStepDown);
    d.summary = Text::serverError(f);
}

void diagnoseTimeoutStatus(const FailureFacts &f, Diagnosis &d)
{
    d.outcome = Outcome::Timeout;
    if (!f.isOpenRouter())
        d.party = Party::Endpoint;
    else
        d.party = f.provider.isEmpty() ? Party::OpenRouter : Party::Provider;
    addWaitOrRetry(d.fixes, f);
    if (f.isOpenRouter())
        addFix(d.fixes, Fix::AllowFallbacks);
    addFix(d.fixes, Fix::MoveStepDown);
    d.summary = Text::timedOut(f);
}

// The failure is the person's to fix: `outcome`, `fixes` and the sentence.
void yours(Diagnosis &d, Outcome outcome, QList<Fix> fixes, QString summary)
{
    d.outcome = outcome;
    d.party = Party::You;
    d.fixes = std::move(fixes);
    d.summary = std::move(summary);
}

// The body's own words decide over the status code and the endpoint kind: a 400
// that says the context is too long, a 429 that says the budget is spent, a 500
// that says the model is not loaded. False when the words say nothing decisive.
bool diagnoseFromWords(const FailureFacts &f, Diagnosis &d)
{
    const int status = f.status;
    if (status < 400)
        return false;
    const ErrorBody &b = f.body;
    const QString text = Words::allText(b);
    // A wait said in words ("try again in 50s") makes a limit a rate, not a size.
    const bool waitSaid = b.retryAfterS.has_value() && status == 429;
    if (status != 429 && Words::mentionsModeration(b)) {
        yours(d, Outcome::Moderation, { Fix::ChangeModel }, Text::moderation(f));
    } else if (Words::mentionsSpendingLimit(text)) {
        if (status == 402) {
            diagnoseNoCredits(f, d);
        } else {
            yours(d, Outcome::NoCredits, { Fix::AddCredits, Fix::MoveStepDown },
                Text::quotaUsedUp(f));
        }
    } else if (status != 429 && Words::mentionsInvalidKey(text)) {
        yours(d, Outcome::Auth, { Fix::CheckKey }, Text::keyRejected(f));
    } else if (!waitSaid && Words::mentionsContextLength(text)) {
        yours(d, Outcome::ContextLength, { Fix::ShortenContext, Fix::ChangeModel },
            Text::contextTooLong(f));
    } else if (status != 429 && Words::mentionsUnknownModel(text)) {
        yours(d, Outcome::NotFound, { Fix::ChangeModel }, Text::notFound(f));
    } else if (Words::mentionsModelNotReady(text)) {
        diagnoseUnavailable(f, d);
    } else if (status == 524 || (status >= 500 && Words::mentionsTimeout(text))) {
        diagnoseTimeoutStatus(f, d); // 524: Cloudflare's "the origin timed out"
    } else {
        return false;
    }
    return true;
}

Diagnosis diagnose(const FailureFacts &f)
{
    Diagnosis d;
    d.httpStatus = f.received;
    d.error = f.body;
    d.provider = f.provider;
    d.retryAfterS = f.retryAfter;

    if (diagnoseFromWords(f, d)) {
        d.summary = Text::inContext(d.summary, f);
        return d;
    }
    const ErrorBody &b = f.body;
    const int status = f.status;
    if (status == 429) {
        diagnoseRateLimit(f, d);
    } else if (status == 402) {
        diagnoseNoCredits(f, d);
    } else if (status == 401) {
        yours(d, Outcome::Auth, { Fix::CheckKey }, Text::keyRejected(f));
    } else if (status == 403 && Words::mentionsModeration(b)) {
        yours(d, Outcome::Moderation, { Fix::ChangeModel }, Text::moderation(f));
    } else if (status == 403) {
        yours(d, Outcome::Auth, { Fix::CheckKey }, Text::forbidden(f));
    } else if (status == 404) {
        yours(d, Outcome::NotFound, { Fix::ChangeModel }, Text::notFound(f));
    } else if ((status == 400 || status == 413 || status == 422)
        && Words::mentionsContextLength(Words::allText(b))) {
        yours(d, Outcome::ContextLength, { Fix::ShortenContext, Fix::ChangeModel },
            Text::contextTooLong(f));
    } else if (status == 400 || status == 422) {
        yours(d, Outcome::BadRequest, { Fix::ChangeModel }, Text::invalidRequest(f));
    } else if (status == 408 || status == 504) {
        diagnoseTimeoutStatus(f, d);
    } else if (status == 503) {
        diagnoseUnavailable(f, d);
    } else if (status >= 500 && status <= 599) {
        diagnoseServerError(f, d);
    } else if (status >= 400 && status <= 499) {
        yours(d, Outcome::BadRequest, { Fix::MoveStepDown }, Text::unexplainedRefusal(f));
    } else if (status >= 300 && status <= 399) {
        yours(d, Outcome::BadRequest, {}, Text::redirect(f));
    } else if (status >= 200 && status <= 299 && b.format == ErrorBody::Format::Json) {
        d.outcome = Outcome::Served;
        d.party = Party::None;
        d.summary = Text::noError(f);
    } else {
        d.outcome = Outcome::ServerError;
        d.party = f.isOpenRouter() ? Party::OpenRouter : Party::Endpoint;
        d.fixes = { Fix::Retry, Fix::MoveStepDown };
        d.summary = Text::unreadable(f);
    }
    d.summary = Text::inContext(d.summary, f);
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

Party serverParty(EndpointKind kind)
{
    return kind == EndpointKind::OpenRouter ? Party::OpenRouter : Party::Endpoint;
}

} // namespace

Diagnosis ErrorClassifier::classify(int httpStatus, const HttpHeaders &headers, QByteArrayView body,
    EndpointKind kind, const QDateTime &now)
{
    FailureFacts f;
    f.received = httpStatus;
    f.status = httpStatus;
    f.kind = kind;
    f.body = ErrorBody::fromBody(body);
    if ((httpStatus == 0 || (httpStatus >= 200 && httpStatus <= 299)) && f.body.isError) {
        f.inOkResponse = httpStatus != 0;
        f.status = Words::statusFromError(f.body, f.fromCode);
    }
    f.retryAfter = retryAfterSeconds(headers, now);
    if (!f.retryAfter)
        f.retryAfter = retryAfterSeconds(f.body.headers, now);
    if (!f.retryAfter)
        f.retryAfter = f.body.retryAfterS;
    f.retryAfter = sensibleWait(f.retryAfter);
    f.provider = f.body.providerName;
    if (f.provider.isEmpty())
        f.provider = Words::relayedProvider(Words::allText(f.body));
    f.model = Words::modelOf(f.body);
    return diagnose(f);
}

Diagnosis ErrorClassifier::classifyStreamError(
    const nlohmann::json &error, EndpointKind kind, const QString &provider)
{
    FailureFacts f;
    f.midStream = true;
    f.kind = kind;
    f.body = ErrorBody::fromErrorObject(error);
    f.status = Words::statusFromError(f.body, f.fromCode);
    // No clock here: only relative forms (durations, delta seconds) are read.
    f.retryAfter = f.body.retryAfterS;
    if (!f.retryAfter)
        f.retryAfter = retryAfterSeconds(f.body.headers, QDateTime());
    f.retryAfter = sensibleWait(f.retryAfter);
    f.provider = !f.body.providerName.isEmpty() ? f.body.providerName : provider;
    f.model = Words::modelOf(f.body);
    return diagnose(f);
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
    // Connecting failed on the way; any later phase waited on the server.
    const Party party = phase == TimeoutPhase::Connect ? Party::Network : serverParty(kind);
    return simple(Outcome::Timeout, party, { Fix::Retry, Fix::MoveStepDown },
        Text::timeout(phase, afterMs, kind));
}

Diagnosis ErrorClassifier::network(const QString &detail, EndpointKind kind)
{
    return simple(Outcome::Network, Party::Network, { Fix::Retry, Fix::MoveStepDown },
        Text::network(detail, kind));
}

Diagnosis ErrorClassifier::insecureConnection(
    const QString &detail, bool untrustedCertificate, EndpointKind kind)
{
    // Never a reason to retry: the same certificate comes back. Whoever runs the
    // server, or whatever on the network intercepts it, has to act.
    return simple(Outcome::Network, Party::Network, { Fix::MoveStepDown },
        Text::insecureConnection(detail, untrustedCertificate, kind));
}

Diagnosis ErrorClassifier::authorityFileUnusable(const QString &detail)
{
    // The route's own setting is wrong: retrying cannot help, editing the route can.
    return simple(
        Outcome::Network, Party::You, { Fix::MoveStepDown }, Text::authorityFileUnusable(detail));
}

Diagnosis ErrorClassifier::offline(EndpointKind kind)
{
    // Retrying once the network is back is the only help; the endpoint is not at fault.
    return simple(Outcome::Network, Party::Network, { Fix::Retry }, Text::offline(kind));
}

Diagnosis ErrorClassifier::proxyRefused(
    const QString &proxy, const QString &detail, bool needsCredentials, EndpointKind kind)
{
    // Credentials do not appear by retrying; a proxy that was down may be up again.
    return simple(Outcome::Network, Party::Network,
        needsCredentials ? QList<Fix> {} : QList<Fix> { Fix::Retry },
        Text::proxyRefused(proxy, detail, needsCredentials, kind));
}

Diagnosis ErrorClassifier::malformed(const QString &detail, EndpointKind kind)
{
    return simple(Outcome::ServerError, serverParty(kind), { Fix::Retry, Fix::MoveStepDown },
        Text::malformed(detail, kind));
}

Diagnosis ErrorClassifier::cancelled()
{
    return simple(Outcome::Cancelled, Party::You, { Fix::Retry }, Text::cancelled());
}

} // namespace detour
