// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QList>
#include <QString>
#include <optional>

namespace detour {

struct ChatMessage {
    QString role; // "system" | "user" | "assistant"
    QString content;
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
};

// What the person asked for, independent of where it is sent.
struct ChatRequest {
    QList<ChatMessage> messages;
    SamplingParameters sampling;
    bool stream = true;
    QString sessionId; // OpenRouter groups a conversation's generations by it
};

} // namespace detour
