// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "ChatRequest.h"
#include "Result.h"

#include <QStringList>
#include <nlohmann/json_fwd.hpp>

namespace detour {

// What a person set for one conversation: the system prompt that opens every
// request, and the parameters sent with each. Anything unset is not sent, so
// the server's defaults apply.
struct ConversationSettings {
    QString systemPrompt;
    SamplingParameters sampling;
    ReasoningParameters reasoning;

    bool operator==(const ConversationSettings &) const = default;
    bool isEmpty() const { return *this == ConversationSettings(); }

    // These settings with every field left unset taken from `defaults` (a route's):
    // the conversation's own value wins field by field, reasoning's fields included.
    ConversationSettings over(const ConversationSettings &defaults) const;

    // Puts the system prompt first in `request` (when there is one) and sets its parameters.
    void applyTo(ChatRequest &request) const;

    // The parameters in OpenRouter's request shape, e.g.
    // {"temperature": 0.7, "reasoning": {"effort": "high"}}: how the store and
    // the JSON export keep them. Reading skips unknown and malformed fields.
    nlohmann::json parametersJson() const;
    void readParameters(const nlohmann::json &parameters);

    // The names `detour --ask --set NAME=VALUE` accepts, and setting one from
    // text: an unknown name or a value out of range says why.
    static QStringList parameterNames();
    Result<> set(const QString &name, const QString &value);
};

} // namespace detour
