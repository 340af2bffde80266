// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#include "LongConversation.h"

#include "MarkdownSample.h"
#include "store/ConversationStore.h"

namespace detour::sample {

using namespace Qt::StringLiterals;

// What a real conversation leaves in the store: each question, then its reply
// with the turn that served it.
Result<qint64> writeConversation(ConversationStore &store, int messages)
{
    const Result<qint64> conversation =
        store.createConversation(u"A long conversation"_s, u"demo"_s);
    for (int turn = 0; conversation && turn < messages / 2; ++turn) {
        const auto question = store.addUserMessage(*conversation,
            u"Question %1: how does the route fall through when a provider is "
            "rate-limited upstream?"_s.arg(turn));
        TurnResult result;
        result.status = TurnResult::Status::Served;
        result.content = sample::section(turn);
        Attempt served;
        served.endpointId = u"simulated"_s;
        served.requestedModel = served.servedModel = u"moonshotai/kimi-k2"_s;
        served.provider = u"Groq"_s;
        served.httpStatus = 200;
        served.finishReason = u"stop"_s;
        served.timings = { 2, 150, 400, 900, 910 };
        served.usage = Usage { 120, 180, 300, 0, 0.00015, false };
        result.attempts = { served };
        result.servedAttempt = 0;
        result.durationMs = 910;
        if (!question)
            return Error(question.error());
        if (const Result<qint64> turnId = store.finishTurn(*conversation, *question, 0, result);
            !turnId)
            return turnId;
    }
    return conversation;
}

} // namespace detour::sample
