// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "StoreTypes.h"
#include "protocol/Result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <optional>

namespace detour {

// A conversation as Markdown (to read or share), as JSON (to back up and import
// losslessly) and its attempt log as CSV (for a spreadsheet).
//
// None of them can contain a key: attempts never hold request headers, and
// response headers are redacted before they are stored (and again on import).
//
// JSON document, format "detour.conversation", version 2 (UTF-8; times are
// ISO 8601 UTC with milliseconds, "2025-01-31T12:00:00.123Z", or null). The
// JSON holds the whole tree of a conversation (every branch); the Markdown
// writes the branch on screen.
//
// {
//   "format": "detour.conversation", "version": 2,
//   "conversation": {"title", "route_name", "created_at", "updated_at", "deleted_at",
//                    "system_prompt": text ("" = none),
//                    "parameters": {"temperature", "top_p", "max_tokens", "seed", ...,
//                                   "reasoning": {"effort" | "max_tokens", "exclude"}}},
//                    // the last two are optional (older files have neither): unset = not sent
//                    "current_message": index into "messages" or null,  // the branch on
//                                       // screen ends there (version 2; null: the last one)
//                    "origin": "chatgpt:…" or null},  // where an import came from (version 2)
//   "messages": [                                   // oldest first, parents before children
//     {"role": "user" | "assistant" | "system", "content", "reasoning",
//      "attachments": [{"file_name", "mime_type", "kind": "image" | "pdf" | "text", "size",
//                       "sha256": hex, "data": base64}],  // in order; absent: none
//      "state": "complete" | "streaming" | "interrupted" | "failed" | "cancelled",
//      "created_at", "updated_at",
//      "turn": index into "turns" or null,
//      "parent": index into "messages" or null}  // version 2; version 1 files are one
//                                                // branch: each follows the one before
//   ],
//   "turns": [                                      // oldest first
//     {"user_message": index into "messages" or null, "assistant_message": ... or null,
//      "status": "served" | "interrupted" | "failed" | "cancelled", "summary",
//      "duration_ms", "started_at", "served_attempt": index into "attempts" or -1,
//      "attempts": [
//        {"index", "step", "endpoint_id", "endpoint_kind": "openrouter" | "openai",
//         "requested_model", "served_model", "provider", "generation_id", "http_status",
//         "outcome", "party", "summary", "fixes": [names], "retry_after_s": number | null,
//         "error_code", "message", "raw",
//         "body": text | {"base64": "..."} | null,        // error body, at most 64 KiB
//         "response_headers": [[name, value], ...],       // redacted; bytes as "body"
//         "wait_before_ms", "cooling_until", "interrupted", "finish_reason",
//         "timings_ms": {"sent", "headers", "first_token", "last_token", "finished"},  // -1 =
//         never "usage": {"prompt_tokens", "completion_tokens", "total_tokens",
//                   "reasoning_tokens", "cost": number | null, "is_byok": bool | null} | null,
//         "server_attempts": [{"provider", "model", "status", "code", "latency_ms",
//                              "is_byok", "source": "router_metadata" | "generation" |
//                              "error_metadata"}]}
//      ]}
//   ]
// }
//
// Readers accept any version up to jsonVersion and refuse newer ones; names
// are the engine's stable wire names (outcomeName, partyName, fixName).
class ConversationExporter final {
    Q_DECLARE_TR_FUNCTIONS(detour::ConversationExporter)

public:
    static constexpr int jsonVersion = 2;
    static constexpr const char *jsonFormat = "detour.conversation";

    // Whether the Markdown carries each reply's reasoning (a <details> block above it):
    // left out unless asked, as it is long and rarely what a reader wants. JSON keeps it always.
    enum class Thinking { LeftOut, Included };

    static QString toMarkdown(
        const ConversationRecord &record, Thinking thinking = Thinking::LeftOut);
    static QByteArray toJson(const ConversationRecord &record);
    // The record with ids numbered from 1 (messages and turns by position);
    // the reason when the document is not one this version reads.
    static Result<ConversationRecord> fromJson(QByteArrayView json);
    // One row per attempt of every turn, header first; RFC 4180 (CRLF, quotes doubled).
    static QByteArray attemptsCsv(const ConversationRecord &record);

    // The line under an assistant message, e.g. "Served by Groq · moonshotai/kimi-k2 ·
    // after 1 fallback · 0.4 s · 212 tok · $0.0003", or the failure's sentence.
    static QString outcomeLine(const StoredTurn &turn);
    static QString outcomeLine(const StoredMessage &assistantMessage, const StoredTurn *turn);
    static QString csvField(const QString &field);
};

} // namespace detour
