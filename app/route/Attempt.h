// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "protocol/EndpointKind.h"
#include "protocol/HttpHeaders.h"
#include "protocol/Outcome.h"
#include "protocol/ServerAttempt.h"
#include "protocol/Usage.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <optional>

namespace detour {

// Milliseconds since the turn started; -1 when the moment never came.
struct AttemptTimings {
    qint64 sentMs = -1;
    qint64 headersMs = -1;
    qint64 firstTokenMs = -1;
    qint64 lastTokenMs = -1;
    qint64 finishedMs = -1;
};

// One HTTP request of a turn (or a step skipped without one).
struct Attempt {
    static constexpr qsizetype maxStoredBody = 64 * 1024; // error bodies kept for the inspector

    int index = 0; // position in the turn's trace
    QDateTime startedAt; // UTC: when it was sent (or skipped); timings count from the turn's start
    int stepIndex = 0;
    QString endpointId;
    EndpointKind endpointKind = EndpointKind::OpenRouter;
    QString requestedModel;
    QString servedModel;
    QString provider; // served provider, or the one named by the error
    QString generationId;
    int httpStatus = 0;

    Outcome outcome = Outcome::Served;
    Party party = Party::None;
    QString summary;
    QList<Fix> fixes;
    std::optional<double> retryAfterS;
    QString errorCode;
    QString message;
    QString raw; // metadata.raw
    QByteArray body; // error body, capped at maxStoredBody
    HttpHeaders headers; // response headers, redacted
    // An error a gateway relayed (see RelayReport): the gateway ("Portkey", else the
    // endpoint's id) and the server it relayed from ("openrouter"); `provider` then names
    // the provider behind that server when the error does ("Chutes"). Empty otherwise.
    QString relayedBy;
    QString upstream;
    QString proxy; // the way it went: "direct", "SOCKS5 proxy host:port", "system: http://…"

    qint64 waitBeforeMs = 0; // backoff waited before sending
    QDateTime coolingUntil; // for Skipped: when the cooldown ends (invalid: it has no end)
    // For Skipped: the scope of the cooldown that covered the step (Cooldown::scopeName:
    // "free_models"...); empty for other skips. Not kept in the store: the summary says it.
    QString cooldownScope;
    QString skipReason; // for Skipped: StepCursor::reasonName ("attachment_unsupported"...)
    bool interrupted = false; // failed after content had started
    QString finishReason;
    AttemptTimings timings;
    std::optional<Usage> usage;
    QList<ServerAttempt> serverAttempts; // OpenRouter's own tries inside this request

    // A cancelled attempt that lost a hedged race (HedgeRace) carries this error code;
    // it was cancelled at timings.finishedMs, when the winner's first content token came.
    static constexpr QLatin1StringView lostRaceCode { "lost_race" };
    bool lostRace() const { return outcome == Outcome::Cancelled && errorCode == lostRaceCode; }
    // How long it had waited without a content token when it lost; -1 when it did not.
    qint64 lostRaceByMs() const
    {
        return lostRace() && timings.sentMs >= 0 && timings.finishedMs >= timings.sentMs
            ? timings.finishedMs - timings.sentMs
            : -1;
    }
};

struct GenerationStats;

struct TurnResult {
    enum class Status { Served, Interrupted, Failed, Cancelled };
    Status status = Status::Failed;
    QString content;
    QString reasoning;
    QList<Attempt> attempts;
    int servedAttempt = -1; // index into attempts, or -1
    qint64 durationMs = 0;
    QString summary; // the failure's one sentence when not served

    const Attempt *served() const
    {
        return servedAttempt >= 0 && servedAttempt < attempts.size() ? &attempts[servedAttempt]
                                                                     : nullptr;
    }
};

// The one definition of a turn's fallbacks, for the badge, the inspector, the
// exports, the trace and rehearsals alike: the other steps the turn passed over
// before the one that served (each step once, whether it failed or was skipped
// while cooling down; retries of one step are not fallbacks), plus the
// providers OpenRouter tried and left inside the request that served. A turn
// that was not served counts the steps it moved on from.
int fallbackCount(const QList<Attempt> &attempts, int servedAttempt);

QString turnStatusName(TurnResult::Status status); // "served" | "interrupted" | ...
std::optional<TurnResult::Status> turnStatusFromName(const QString &name);

} // namespace detour
