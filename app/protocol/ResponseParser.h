// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "Result.h"
#include "ServerAttempt.h"
#include "Usage.h"

#include <QList>
#include <QString>
#include <nlohmann/json.hpp>
#include <optional>

namespace detour {

// What one streamed chunk (or a whole non-streamed completion) says.
struct CompletionChunk {
    QString id; // generation id ("gen-...")
    QString model; // the model that served (may differ from the requested one)
    QString provider; // OpenRouter: the provider that served
    QString content; // content delta (streaming) or the whole message
    QString reasoning; // reasoning delta, when the model exposes it
    QString finishReason; // "stop", "length", "error", ... or empty
    std::optional<Usage> usage;
    nlohmann::json routerMetadata; // `openrouter_metadata`, null when absent
    QList<ServerAttempt> routerAttempts; // parsed from routerMetadata["attempts"]
    nlohmann::json error; // a top-level `error` object, null when absent

    bool hasError() const { return !error.is_null() || finishReason == QLatin1String("error"); }
};

class ResponseParser final {
public:
    // One `data:` payload of a chat.completion.chunk stream; the error says why
    // the bytes were not understood.
    static Result<CompletionChunk> parseChunk(QByteArrayView json);
    // A whole non-streamed chat.completion body (200 OK). A body that carries a
    // top-level `error` parses, with `error` set: it is an error, not a success.
    static Result<CompletionChunk> parseCompletion(QByteArrayView json);
    static QList<ServerAttempt> routerAttempts(const nlohmann::json &routerMetadata);

    // Parses a JSON object without throwing. Invalid UTF-8 inside strings is
    // replaced by U+FFFD rather than rejected. On failure the error is
    // "<subject> is ...", quoting the start of `bytes`.
    static Result<nlohmann::json> parseObject(QByteArrayView bytes, const QString &subject);
};

} // namespace detour
