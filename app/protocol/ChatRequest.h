// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "Attachment.h"

#include <QList>
#include <QString>
#include <optional>

namespace detour {

struct ChatMessage {
    QString role; // "system" | "user" | "assistant"
    QString content;
    QList<Attachment> attachments {}; // user messages only; sent as content parts

    bool operator==(const ChatMessage &) const = default;
};

// Unset parameters are omitted from the request so the server's defaults apply.
struct SamplingParameters {
    std::optional<double> temperature;
    std::optional<double> topP;
    std::optional<int> topK;
    std::optional<double> frequencyPenalty;
    std::optional<double> presencePenalty;
    std::optional<double> repetitionPenalty;
    std::optional<int> maxTokens;
    std::optional<int> seed;

    bool operator==(const SamplingParameters &) const = default;
};

// OpenRouter's `reasoning` object. OpenRouter takes `effort` or `max_tokens`,
// not both; when both are set, `effort` wins (RequestBuilder). Never sent to a
// plain OpenAI-compatible endpoint.
struct ReasoningParameters {
    QString effort; // "low" | "medium" | "high"; empty: not set
    std::optional<int> maxTokens;
    std::optional<bool> exclude; // true: the model reasons, but the reply leaves it out

    bool isSet() const { return !effort.isEmpty() || maxTokens || exclude; }
    bool operator==(const ReasoningParameters &) const = default;
};

// What the person asked for, independent of where it is sent.
struct ChatRequest {
    QList<ChatMessage> messages;
    SamplingParameters sampling;
    ReasoningParameters reasoning;
    bool stream = true;
    QString sessionId; // OpenRouter groups a conversation's generations by it
};

} // namespace detour
