// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "EndpointKind.h"
#include "ErrorClassifier.h"
#include "FailureFacts.h"

#include <QCoreApplication>
#include <QString>

namespace detour {

// The wording of every diagnosis: one sentence that says who failed, why and
// what would help, from the facts the classifier gathered and the case it
// chose. Only sentences live here; which case applies (outcome, party, fixes)
// is ErrorClassifier's. The sentences are translated in the "Diagnosis" context.
class DiagnosisText final {
    Q_DECLARE_TR_FUNCTIONS(Diagnosis)

public:
    // Why a key or account is rate-limited at OpenRouter, as the body tells.
    enum class KeyLimit { FreeModelsPerDay, Credits, Requests };

    // 429
    static QString quotaUsedUp(const FailureFacts &f); // an OpenAI-compatible endpoint's quota
    static QString endpointRateLimit(const FailureFacts &f);
    static QString upstreamRateLimit(const FailureFacts &f, bool freeVariant);
    // A gateway that relays an upstream provider's rate limit.
    static QString relayedRateLimit(const FailureFacts &f);
    static QString keyRateLimit(const FailureFacts &f, KeyLimit limit);
    // 402; `fewerTokens`: the body says a lower max_tokens would fit the credits.
    static QString noCredits(const FailureFacts &f, bool fewerTokens);
    static QString keyRejected(const FailureFacts &f); // 401
    static QString moderation(const FailureFacts &f); // 403 with moderation details
    static QString forbidden(const FailureFacts &f); // 403
    static QString notFound(const FailureFacts &f); // 404
    static QString contextTooLong(const FailureFacts &f);
    static QString invalidRequest(const FailureFacts &f); // 400, 422
    static QString timedOut(const FailureFacts &f); // 408, 504
    static QString unavailable(const FailureFacts &f); // 503
    static QString serverError(const FailureFacts &f); // other 5xx
    static QString unexplainedRefusal(const FailureFacts &f); // other 4xx
    static QString redirect(const FailureFacts &f); // 3xx
    static QString noError(const FailureFacts &f); // a 2xx JSON body without an error
    static QString unreadable(const FailureFacts &f); // anything else
    // `summary` with where the failure happened (mid-stream, inside a 2xx), on one line.
    static QString inContext(QString summary, const FailureFacts &f);

    // Failures without a response.
    static QString timeout(ErrorClassifier::TimeoutPhase phase, qint64 afterMs, EndpointKind kind);
    static QString network(const QString &detail, EndpointKind kind);
    static QString insecureConnection(
        const QString &detail, bool untrustedCertificate, EndpointKind kind);
    static QString authorityFileUnusable(const QString &detail);
    static QString offline(EndpointKind kind);
    static QString proxyRefused(
        const QString &proxy, const QString &detail, bool needsCredentials, EndpointKind kind);
    static QString malformed(const QString &detail, EndpointKind kind);
    static QString cancelled();

private:
    static QString firstLine(const QString &text);
    static QString headline(const ErrorBody &body);
    static QString quoted(const ErrorBody &body);
    static QString durationText(double seconds);
    static QString retryPhrase(const FailureFacts &f, bool shortly);
    static QString serverName(EndpointKind kind); // "OpenRouter", "The endpoint"
    static QString objectName(EndpointKind kind); // "OpenRouter", "the endpoint"
    static QString statusLabel(const FailureFacts &f);
    static QString withNote(QString sentence, const QString &note);
    static QString previousErrorsText(const ErrorBody &body);
};

} // namespace detour
