// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "SimPlan.h"
#include "SimRouter.h"

#include <QString>
#include <QStringList>
#include <nlohmann/json_fwd.hpp>

namespace detour {

// Builds what a served chat completion sends, on a timeline (a SimPlan): the
// SSE stream shaped like OpenRouter's (tests/fixtures/stream-ok.sse), or one
// chat.completion JSON body, bent by the entry's kind (resets, stalls,
// truncation, invalid UTF-8, mid-stream errors, slow drip).
class SimStream final {
public:
    struct Request {
        bool stream = true;
        bool metadata = false; // X-OpenRouter-Metadata: enabled
        QString requestedModel;
        bool modelsFallback = false; // the request carried a `models` list
        // Streamed as `reasoning` deltas before the reply when the request asked
        // for reasoning (and did not exclude it); empty: none.
        QString reasoning;
        qint64 promptTokens = 1;
        QString generationId;
        qint64 created = 0; // epoch seconds
        double promptPrice = 0; // USD per token
        double completionPrice = 0;
    };

    SimStream() = delete;

    static SimPlan plan(const SimRoute &route, const Request &request);

    // The reply split into tokens: each word with its trailing whitespace.
    static QStringList tokenize(const QString &reply);
    // A rough prompt token count (4 characters a token) of a request's messages.
    static qint64 estimatePromptTokens(const nlohmann::json &request);
    // What the simulated model "thinks" when a request's `reasoning` object asks for it.
    static QString reasoningFor(const nlohmann::json &request);
};

} // namespace detour
