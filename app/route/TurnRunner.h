// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "Attempt.h"
#include "Backoff.h"
#include "EndpointRequest.h"
#include "HedgeRace.h"
#include "NetworkWait.h"
#include "RelayReport.h"
#include "RoutePlan.h"
#include "StepCursor.h"
#include "protocol/ChatRequest.h"
#include "protocol/GenerationStats.h"
#include "protocol/RequestBuilder.h"
#include "protocol/SseParser.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace detour {

struct Diagnosis;

class CooldownTable;
class NetworkAccess;
class Reachability;
class StepHistory;
struct CompletionChunk;

// Returns the key for an endpoint (empty for keyless servers). Called per
// request, with that request's own endpoint only.
using KeyResolver = std::function<QString(const Endpoint &)>;

// Runs one turn through a route as a state machine:
// order steps (policy.sort) -> pick step (StepCursor: skip if cooling, key refused
// or the model cannot take the attachments)
// -> [wait] -> send -> headers -> first token -> streaming
// -> served / failed / interrupted / cancelled.
// Every transition is recorded as an Attempt; all timers live here, so
// cancel() stops everything at once.
class TurnRunner final : public QObject {
    Q_OBJECT

public:
    struct Services {
        NetworkAccess *network = nullptr;
        CooldownTable *cooldowns = nullptr;
        const StepHistory *history = nullptr; // for the policy's sort; read once, at construction
        KeyResolver keys;
        ClientIdentity identity;
        const Reachability *reachability = nullptr; // none: assume online
        ModalityLookup modalities {}; // none: every step is tried with attachments
        // Offline: wait for the network (true) or fail at once with "You are offline".
        bool waitForNetwork = false;
        // The values of endpoints' secret headers and query parameters; none: no secrets.
        ParamResolver params {};
    };

    TurnRunner(const RoutePlan &plan, const ChatRequest &request, const Services &services,
        QObject *parent = nullptr);
    ~TurnRunner() override;

    void start();
    void cancel();
    bool isRunning() const { return m_running; }
    const TurnResult &result() const { return m_result; }

Q_SIGNALS:
    void attemptStarted(const detour::Attempt &attempt);
    void attemptFinished(const detour::Attempt &attempt);
    void waiting(qint64 milliseconds, const QString &reason);
    // The turn waits for the network to return (true) or no longer does (false).
    void waitingForNetwork(bool waiting);
    void contentDelta(const QString &text);
    void reasoningDelta(const QString &text);
    void finished(const detour::TurnResult &result);
    // After `finished`, for a turn served by OpenRouter: OpenRouter's own record of it.
    void generationStatsReceived(int attemptIndex, const detour::GenerationStats &stats);
    // Nothing more will be emitted.
    void settled();

private:
    friend class HedgeRace; // runs a second attempt beside this one's (hedged requests)
    enum class Phase { Idle, Waiting, AwaitingHeaders, Receiving, Done };

    void advance();
    void onNetworkLost();
    void recordSkip(const StepCursor::Skip &skip);
    void send();

    void onHeaders();
    void onReadyRead();
    void parseStream();
    void onReplyFinished();
    void handleEvent(const SseEvent &event);
    void handleChunk(const CompletionChunk &chunk);
    void onPhaseTimeout();
    void onIdleTimeout();
    void onTotalTimeout();

    void succeed();
    void fail(const Diagnosis &diagnosis);
    void decideAfterFailure(const Diagnosis &diagnosis);
    void applyDiagnosis(const Diagnosis &diagnosis);
    // Cools down what the failure's limit applies to (CooldownScoper), if anything.
    void coolDownScope(const Diagnosis &diagnosis);
    void finishAttempt();
    void finishTurn(TurnResult::Status status, const QString &summary = {});
    void dropReply();
    void fetchGenerationStats();
    qint64 now() const { return m_clock.elapsed(); }
    const Endpoint &currentEndpoint() const;

    RoutePlan m_plan;
    ChatRequest m_request;
    Services m_services;
    Backoff m_backoff;

    Phase m_phase = Phase::Idle;
    bool m_running = false;
    StepCursor m_steps; // over m_plan
    qint64 m_pendingWaitMs = 0;
    NetworkWait m_networkWait;

    QPointer<QNetworkReply> m_reply;
    Attempt m_attempt; // the one in flight
    bool m_streaming = false;
    bool m_sawDone = false;
    bool m_outputStarted = false;
    QByteArray m_body; // non-streamed or error body, capped
    QStringList m_certificateProblems; // why the server's certificate was refused
    SseParser m_sse;
    SseParser::Sink m_sseSink;

    TurnResult m_result;
    QElapsedTimer m_clock;
    QTimer m_backoffTimer;
    QTimer m_phaseTimer; // connect, then first token
    QTimer m_idleTimer;
    QTimer m_totalTimer;
    QTimer m_parseMore; // the rest of a burst, on the next turn of the event loop
    HedgeRace m_hedge; // hedged requests: a second attempt beside this one
};

} // namespace detour
