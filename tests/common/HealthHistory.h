// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// Attempts, turns and usage for tests that need a recorded history, and
// a small, known history of attempts written through the real store API, for
// the provider health suites. Times are relative to `now`:
//
//  10 min ago  Chutes 429 on kimi-k2:free, then Groq served kimi-k2 after
//              OpenRouter's own 429 at Cerebras (reported by two sources) (ttft 400 ms, 100 tokens
//              in 1 s, 150 tokens for $0.0003)
//  30 min ago  Groq served kimi-k2 (ttft 200 ms, 100 tokens in 0.5 s, 100 tokens for $0.0001)
//   3 h ago    kimi-k2:free skipped (cooling), Chutes interrupted after its first
//              token (ttft 300 ms), Groq served (ttft 800 ms, no usage), a cancelled Groq try
//   3 days ago a local server called directly served (ttft 50 ms)
//  30 days ago Cerebras 429 on kimi-k2
#include "store/ConversationStore.h"

#include <QTest>

namespace healthtest {

using namespace Qt::StringLiterals;
using namespace detour;

inline Attempt attemptAt(const QString &endpoint, const QString &model, const QString &provider,
    Outcome outcome, int status, qint64 sentMs = 0, qint64 firstTokenMs = -1,
    qint64 lastTokenMs = -1)
{
    Attempt attempt;
    attempt.endpointId = endpoint;
    attempt.endpointKind =
        endpoint == u"local"_s ? EndpointKind::OpenAiCompatible : EndpointKind::OpenRouter;
    attempt.requestedModel = model;
    attempt.servedModel = outcome == Outcome::Served ? model : QString();
    attempt.provider = provider;
    attempt.outcome = outcome;
    attempt.httpStatus = status;
    attempt.timings.sentMs = sentMs;
    attempt.timings.firstTokenMs = firstTokenMs;
    attempt.timings.lastTokenMs = lastTokenMs;
    attempt.timings.finishedMs = std::max({ sentMs, firstTokenMs, lastTokenMs });
    return attempt;
}

inline Usage usage(qint64 completion, qint64 total, std::optional<double> cost)
{
    Usage value;
    value.completionTokens = completion;
    value.promptTokens = total - completion;
    value.totalTokens = total;
    value.cost = cost;
    return value;
}

inline StoredTurn turnAt(const QDateTime &start, QList<Attempt> attempts)
{
    StoredTurn turn;
    turn.startedAt = start;
    turn.status = TurnResult::Status::Failed;
    for (qsizetype i = 0; i < attempts.size(); ++i) {
        attempts[i].index = int(i);
        if (attempts[i].outcome == Outcome::Served) {
            turn.status = TurnResult::Status::Served;
            turn.servedAttempt = int(i);
        }
    }
    turn.attempts = attempts;
    return turn;
}

inline void fill(ConversationStore &store, const QDateTime &now)
{
    const QString free = u"moonshotai/kimi-k2:free"_s;
    const QString paid = u"moonshotai/kimi-k2"_s;
    ConversationRecord record;
    record.conversation.title = u"History"_s;

    Attempt groqAfterCerebras =
        attemptAt(u"openrouter"_s, paid, u"Groq"_s, Outcome::Served, 200, 5, 405, 1405);
    groqAfterCerebras.usage = usage(100, 150, 0.0003);
    ServerAttempt cerebras;
    cerebras.provider = u"Cerebras"_s;
    cerebras.model = paid;
    cerebras.status = 429;
    cerebras.sources = { ServerAttempt::Source::RouterMetadata };
    ServerAttempt groq = cerebras;
    groq.provider = u"Groq"_s;
    groq.status = 200;
    ServerAttempt cerebrasAgain = cerebras; // the same try, as /generation reports it
    cerebrasAgain.model.clear();
    cerebrasAgain.sources = { ServerAttempt::Source::GenerationStats };
    groqAfterCerebras.serverAttempts = { cerebras, groq, cerebrasAgain };
    record.turns.append(turnAt(now.addSecs(-10 * 60),
        { attemptAt(u"openrouter"_s, free, u"Chutes"_s, Outcome::RateLimitedUpstream, 429),
            groqAfterCerebras }));

    Attempt quickGroq =
        attemptAt(u"openrouter"_s, paid, u"Groq"_s, Outcome::Served, 200, 0, 200, 700);
    quickGroq.usage = usage(100, 100, 0.0001);
    record.turns.append(turnAt(now.addSecs(-30 * 60), { quickGroq }));

    Attempt interrupted =
        attemptAt(u"openrouter"_s, paid, u"Chutes"_s, Outcome::ServerError, 200, 0, 300, 400);
    interrupted.interrupted = true;
    record.turns.append(turnAt(now.addSecs(-3 * 3600),
        { attemptAt(u"openrouter"_s, free, QString(), Outcome::Skipped, 0, -1), interrupted,
            attemptAt(u"openrouter"_s, paid, u"Groq"_s, Outcome::Served, 200, 500, 1300, 1400),
            attemptAt(u"openrouter"_s, paid, u"Groq"_s, Outcome::Cancelled, 0, 1500) }));

    record.turns.append(turnAt(now.addDays(-3),
        { attemptAt(u"local"_s, u"llama3"_s, QString(), Outcome::Served, 200, 0, 50, 60) }));
    record.turns.append(turnAt(now.addDays(-30),
        { attemptAt(u"openrouter"_s, paid, u"Cerebras"_s, Outcome::RateLimitedUpstream, 429) }));

    if (const auto imported = store.importRecord(record); !imported)
        qFatal("importRecord: %s", qPrintable(imported.error()));
}

} // namespace healthtest
