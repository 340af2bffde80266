// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "DiagnosisText.h"

#include "NumberText.h"

#include <QStringList>
#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

namespace detour {

using namespace Qt::StringLiterals;

// ---------------------------------------------------------------------------
// Pieces the sentences share

QString DiagnosisText::firstLine(const QString &text)
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
QString DiagnosisText::headline(const ErrorBody &body)
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
QString DiagnosisText::quoted(const ErrorBody &body)
{
    const QString line = firstLine(headline(body));
    if (!line.isEmpty())
        return u'"' + line + u'"';
    switch (body.format) {
    case ErrorBody::Format::Empty:
        return tr("an empty body");
    case ErrorBody::Format::Html:
        return tr("an HTML page");
    case ErrorBody::Format::Json:
        return tr("a JSON body without a message");
    case ErrorBody::Format::PlainText:
        break;
    }
    return tr("an unreadable body");
}

QString DiagnosisText::durationText(double seconds)
{
    if (seconds < 100) {
        const double rounded =
            seconds < 1 ? std::round(seconds * 100) / 100 : std::round(seconds * 10) / 10;
        return tr("%1 s").arg(NumberText::trimmed(rounded, 2));
    }
    if (seconds < 90 * 60)
        return tr("%1 min").arg(NumberText::trimmed(std::round(seconds / 60), 0));
    if (seconds < 48 * 3600)
        return tr("%1 h").arg(NumberText::trimmed(std::round(seconds / 360) / 10, 1));
    return tr("%1 days").arg(NumberText::trimmed(std::round(seconds / 8640) / 10, 1));
}

QString DiagnosisText::retryPhrase(const FailureFacts &f, bool shortly)
{
    if (f.retryAfter)
        return tr("wait %1 and retry").arg(durationText(*f.retryAfter));
    return shortly ? tr("retry shortly") : tr("retry");
}

QString DiagnosisText::serverName(EndpointKind kind)
{
    return kind == EndpointKind::OpenRouter ? u"OpenRouter"_s : tr("The endpoint");
}

QString DiagnosisText::objectName(EndpointKind kind)
{
    return kind == EndpointKind::OpenRouter ? u"OpenRouter"_s : tr("the endpoint");
}

QString DiagnosisText::statusLabel(const FailureFacts &f)
{
    if (f.fromCode)
        return tr("error code %1").arg(f.status);
    if (f.received > 0)
        return tr("HTTP %1").arg(f.received);
    return f.midStream ? tr("a mid-stream error") : tr("no HTTP status");
}

// "Sentence." + note -> "Sentence (note)."
QString DiagnosisText::withNote(QString sentence, const QString &note)
{
    if (sentence.endsWith(u'.'))
        sentence.chop(1);
    return sentence + u" ("_s + note + u")."_s;
}

QString DiagnosisText::previousErrorsText(const ErrorBody &body)
{
    QStringList parts;
    for (const ServerAttempt &attempt : body.previousErrors) {
        QStringList detail;
        if (attempt.status > 0)
            detail.append(QString::number(attempt.status));
        if (!attempt.code.isEmpty())
            detail.append(attempt.code);
        const QString name = attempt.provider.isEmpty() ? tr("a provider") : attempt.provider;
        parts.append(detail.isEmpty() ? name : name + u" ("_s + detail.join(u' ') + u')');
    }
    if (parts.isEmpty())
        parts = body.affectedProviders;
    return parts.join(u", "_s);
}

// ---------------------------------------------------------------------------
// Rate limits (429)

QString DiagnosisText::quotaUsedUp(const FailureFacts &f)
{
    return tr("The endpoint says your account's quota or credits are used up "
              "(%1); add credits or raise the quota with that service, or "
              "move this step down.")
        .arg(quoted(f.body));
}

QString DiagnosisText::endpointRateLimit(const FailureFacts &f)
{
    return tr("The endpoint is rate-limiting your key or account (%1); %2, or move "
              "this step down so another endpoint answers first.")
        .arg(quoted(f.body), retryPhrase(f, true));
}

QString DiagnosisText::upstreamRateLimit(const FailureFacts &f, bool freeVariant)
{
    const bool named = !f.provider.isEmpty();
    const QString who = named ? f.provider : tr("The upstream provider");
    const QString model = f.model.isEmpty() ? tr("this model") : f.model;
    const QString ownKey =
        named ? tr("your own %1 key").arg(f.provider) : tr("your own key for that provider");
    const QString where = named ? f.provider : tr("that provider");
    const QString alternatives = freeVariant
        ? tr("let OpenRouter fall back to another provider, pick a paid "
             "variant of the model, move this step down")
        : tr("let OpenRouter fall back to another provider, move this step down");
    // OpenRouter's BYOK documentation: with OpenRouter credits, the rate limits
    // at each provider are OpenRouter's; with your own provider key, requests
    // to that provider use your key first and so your own limits there.
    return tr("%1 is rate-limiting OpenRouter's shared capacity for %2 (not your "
              "key or credits, so adding credits will not help); %3, %4, or add "
              "%5 in OpenRouter's integrations settings (BYOK) so OpenRouter "
              "uses your own rate limit at %6.")
        .arg(who, model, retryPhrase(f, true), alternatives, ownKey, where);
}

QString DiagnosisText::relayedRateLimit(const FailureFacts &f)
{
    return tr("%1 is rate-limiting the requests this endpoint relays to it (%2); %3, or move "
              "this step down so another endpoint answers first.")
        .arg(f.provider, quoted(f.body), retryPhrase(f, true));
}

QString DiagnosisText::keyRateLimit(const FailureFacts &f, KeyLimit limit)
{
    const QString what = quoted(f.body);
    switch (limit) {
    case KeyLimit::FreeModelsPerDay: {
        const QString wait = f.retryAfter
            ? tr("wait %1 until it resets").arg(durationText(*f.retryAfter))
            : tr("wait until it resets");
        return tr("Your OpenRouter account has used up its daily allowance of "
                  "free-model requests (%1), a limit on your account rather than on "
                  "a provider; %2, add credits to raise the allowance as the message "
                  "says, or use a paid model.")
            .arg(what, wait);
    }
    case KeyLimit::Credits:
        return tr("OpenRouter is rate-limiting your key or account (%1), not a "
                  "provider; %2, or add credits as the message suggests.")
            .arg(what, retryPhrase(f, true));
    case KeyLimit::Requests:
        break;
    }
    return tr("OpenRouter is rate-limiting your key or account (%1), not a "
              "provider; %2 and send requests less often.")
        .arg(what, retryPhrase(f, true));
}

// ---------------------------------------------------------------------------
// The request was refused (4xx)

QString DiagnosisText::noCredits(const FailureFacts &f, bool fewerTokens)
{
    const QString what = quoted(f.body);
    if (!f.isOpenRouter()) {
        return tr("The endpoint says your account is out of credits or quota (%1); "
                  "add credits with that service or move this step down.")
            .arg(what);
    }
    if (fewerTokens) {
        return tr("Your OpenRouter credits do not cover this request (%1); add "
                  "credits in OpenRouter's settings or lower max_tokens.")
            .arg(what);
    }
    return tr("Your OpenRouter account does not have enough credits for this "
              "request (%1); add credits in OpenRouter's settings.")
        .arg(what);
}

QString DiagnosisText::keyRejected(const FailureFacts &f)
{
    return tr("%1 rejected your API key (%2); check that the key is set, correct "
              "and not revoked.")
        .arg(serverName(f.kind), quoted(f.body));
}

QString DiagnosisText::moderation(const FailureFacts &f)
{
    const ErrorBody &b = f.body;
    const QString who = f.provider.isEmpty() ? tr("The provider") : f.provider;
    const QString reasons =
        !b.moderationReasons.isEmpty() ? b.moderationReasons.join(u", "_s) : quoted(b);
    const QString model = f.model.isEmpty() ? tr("the model") : f.model;
    return tr("%1's moderation flagged your input (%2), so the request to %3 was "
              "refused; rephrase the message or choose another model.")
        .arg(who, reasons, model);
}

QString DiagnosisText::forbidden(const FailureFacts &f)
{
    return tr("%1 refused the request as forbidden (%2); check your key's "
              "permissions and limits.")
        .arg(serverName(f.kind), quoted(f.body));
}

QString DiagnosisText::notFound(const FailureFacts &f)
{
    return tr("%1 could not find the model or no provider serves it (%2); check "
              "the model ID and the endpoint URL, or choose another model.")
        .arg(serverName(f.kind), quoted(f.body));
}

QString DiagnosisText::contextTooLong(const FailureFacts &f)
{
    return tr("The request does not fit in the model's context window (%1); "
              "shorten the conversation, lower max_tokens, or choose a model with "
              "a larger context.")
        .arg(quoted(f.body));
}

QString DiagnosisText::invalidRequest(const FailureFacts &f)
{
    return tr("%1 rejected the request as invalid (%2: %3); check the request's "
              "parameters or choose a model that supports them.")
        .arg(serverName(f.kind), statusLabel(f), quoted(f.body));
}

QString DiagnosisText::unexplainedRefusal(const FailureFacts &f)
{
    return tr("%1 refused the request with %2 (%3), a status Detour has no "
              "specific explanation for; check the request and the endpoint "
              "settings, or move this step down.")
        .arg(serverName(f.kind), statusLabel(f), quoted(f.body));
}

// ---------------------------------------------------------------------------
// The server failed (408, 5xx)

QString DiagnosisText::timedOut(const FailureFacts &f)
{
    const QString who = !f.provider.isEmpty() ? f.provider : serverName(f.kind);
    return tr("%1 timed out before the model answered (%2: %3); %4, or move this step "
              "down.")
        .arg(who, statusLabel(f), quoted(f.body), retryPhrase(f, false));
}

QString DiagnosisText::unavailable(const FailureFacts &f)
{
    const QString tried = previousErrorsText(f.body);
    if (f.isOpenRouter() && !tried.isEmpty()) {
        const QString model = f.model.isEmpty() ? tr("this model") : f.model;
        return tr("No provider could serve %1 right now (%2), so OpenRouter gave up; "
                  "%3, let OpenRouter fall back to other providers, or move this "
                  "step down.")
            .arg(model, tried, retryPhrase(f, false));
    }
    const QString who = !f.provider.isEmpty() ? f.provider : serverName(f.kind);
    return tr("%1 is temporarily unavailable (%2: %3); %4, or move this step down.")
        .arg(who, statusLabel(f), quoted(f.body), retryPhrase(f, true));
}

QString DiagnosisText::serverError(const FailureFacts &f)
{
    const QString server = serverName(f.kind);
    const QString label = statusLabel(f);
    const QString what = quoted(f.body);
    const QString retry = retryPhrase(f, false);
    if (f.body.format == ErrorBody::Format::Html) {
        return tr("%1 or a proxy in front of it answered with an error page (%2: %3) "
                  "instead of a reply; %4, or move this step down.")
            .arg(server, label, what, retry);
    }
    if (f.isOpenRouter() && !f.provider.isEmpty()) {
        return tr("%1 failed behind OpenRouter (%2: %3); %4, let OpenRouter fall back "
                  "to another provider, or move this step down.")
            .arg(f.provider, label, what, retry);
    }
    if (f.status == 500 || f.status == 502) {
        return tr("%1 failed with a server error (%2: %3); %4, or move this step down.")
            .arg(server, label, what, retry);
    }
    return tr("%1 failed with %2 (%3), a server-side error Detour has no specific "
              "explanation for; %4, or move this step down.")
        .arg(server, label, what, retry);
}

// ---------------------------------------------------------------------------
// Answers that are no failure Detour knows

QString DiagnosisText::redirect(const FailureFacts &f)
{
    return tr("%1 answered with a redirect (%2) instead of a reply; check the "
              "endpoint's base URL.")
        .arg(serverName(f.kind), statusLabel(f));
}

QString DiagnosisText::noError(const FailureFacts &f)
{
    return tr("%1 answered the request (%2) without an error.")
        .arg(serverName(f.kind), statusLabel(f));
}

QString DiagnosisText::unreadable(const FailureFacts &f)
{
    return tr("%1 answered with %2 and %3, which is not a reply Detour can read; "
              "retry, or move this step down.")
        .arg(serverName(f.kind), statusLabel(f), quoted(f.body));
}

QString DiagnosisText::inContext(QString summary, const FailureFacts &f)
{
    if (f.midStream)
        summary = withNote(summary, tr("this happened mid-stream, after the reply had started"));
    else if (f.inOkResponse)
        summary = withNote(summary, tr("reported inside an HTTP %1 response").arg(f.received));
    // The summary is one line wherever it is shown, whatever names the body
    // brought in (a provider name with a line break in it, say).
    for (QChar &ch : summary) {
        if (ch.unicode() < 0x20 || ch.unicode() == 0x7f)
            ch = u' ';
    }
    return summary;
}

// ---------------------------------------------------------------------------
// Failures without a response

QString DiagnosisText::timeout(
    ErrorClassifier::TimeoutPhase phase, qint64 afterMs, EndpointKind kind)
{
    const QString after = durationText(double(std::max<qint64>(afterMs, 0)) / 1000.0);
    switch (phase) {
    case ErrorClassifier::TimeoutPhase::Connect:
        return tr("Could not connect to %1 within %2; check your network connection "
                  "and the endpoint URL, then retry.")
            .arg(objectName(kind), after);
    case ErrorClassifier::TimeoutPhase::FirstToken:
        return tr("No first token from the server after %1; the model or its "
                  "provider may be overloaded, so retry, move this step down, or "
                  "raise the first-token timeout.")
            .arg(after);
    case ErrorClassifier::TimeoutPhase::Idle:
        return tr("The server stopped sending in the middle of the reply (nothing "
                  "for %1); retry, or move this step down.")
            .arg(after);
    case ErrorClassifier::TimeoutPhase::Total:
        break;
    }
    return tr("The reply took longer than the total time limit of %1; retry, raise "
              "the limit, or move this step down.")
        .arg(after);
}

QString DiagnosisText::network(const QString &detail, EndpointKind kind)
{
    const QString who = objectName(kind);
    const QString line = firstLine(detail);
    if (line.isEmpty()) {
        return tr("Could not reach %1; check your internet connection, proxy "
                  "and the endpoint URL, then retry.")
            .arg(who);
    }
    return tr("Could not reach %1 (%2); check your internet connection, "
              "proxy and the endpoint URL, then retry.")
        .arg(who, line);
}

QString DiagnosisText::insecureConnection(
    const QString &detail, bool untrustedCertificate, EndpointKind kind)
{
    const QString who = objectName(kind);
    const QString line = firstLine(detail);
    const QString why = line.isEmpty() ? QString() : u" ("_s + line + u')';
    if (untrustedCertificate) {
        return tr("The server's certificate is not trusted%1, so Detour sent nothing to "
                  "%2; check the endpoint URL, and whether something on your network "
                  "intercepts secure connections. To trust a company or private certificate "
                  "authority on purpose, name its PEM file as \"ca_file\" of this endpoint "
                  "in the route, or under Certificate authority in the route editor.")
            .arg(why, who);
    }
    return tr("Could not set up a secure connection to %1%2, so Detour sent nothing; "
              "check the endpoint URL, and whether something on your network "
              "intercepts secure connections.")
        .arg(who, why);
}

QString DiagnosisText::authorityFileUnusable(const QString &detail)
{
    QString why = firstLine(detail);
    while (why.endsWith(u'.'))
        why.chop(1);
    return tr("Detour sent nothing: %1; fix or remove \"ca_file\" of this endpoint in the "
              "route.")
        .arg(why);
}

QString DiagnosisText::offline(EndpointKind kind)
{
    return tr("You are offline: this computer has no network connection, so Detour sent "
              "nothing to %1; retry once you are connected again.")
        .arg(objectName(kind));
}

QString DiagnosisText::proxyRefused(
    const QString &proxy, const QString &detail, bool needsCredentials, EndpointKind kind)
{
    const QString which = proxy.isEmpty() ? tr("the proxy") : tr("the proxy %1").arg(proxy);
    if (needsCredentials) {
        return tr("Detour could not get through %1: it asks for a user name and password "
                  "(407), so the request never reached %2; put them in the proxy setting "
                  "(http://user:password@host:port in https_proxy / http_proxy), or use a "
                  "proxy that needs none.")
            .arg(which, objectName(kind));
    }
    const QString line = firstLine(detail);
    return tr("Detour could not get through %1 (%2), so the request never reached %3; check "
              "that the proxy is running and the proxy setting (https_proxy / http_proxy) is "
              "right, then retry.")
        .arg(which, line.isEmpty() ? tr("connection refused") : line, objectName(kind));
}

QString DiagnosisText::malformed(const QString &detail, EndpointKind kind)
{
    const QString line = firstLine(detail);
    return tr("%1 sent a reply Detour could not read (%2); retry, or move this step "
              "down.")
        .arg(serverName(kind), line.isEmpty() ? tr("no details") : line);
}

QString DiagnosisText::cancelled()
{
    return tr("You stopped this request, so nothing failed; send it again to retry.");
}

} // namespace detour
