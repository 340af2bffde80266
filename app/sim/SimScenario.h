// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

// Scenario format of the simulated OpenRouter (JSON).
//
// {
//   "models": [
//     {"id": "moonshotai/kimi-k2:free",            // required
//      "name": "MoonshotAI: Kimi K2 (free)",        // default: the id
//      "description": "...",                        // optional
//      "context_length": 65536,                     // default 131072
//      "max_completion_tokens": 16384,              // default: context_length / 4
//      "pricing": {"prompt": "0", "completion": "0"},  // USD per token, strings or numbers
//      "providers": ["Chutes"],                     // in OpenRouter's default order
//      "input_modalities": ["text"],                // default ["text", "image", "file"];
//                                                   // ["text"]: a text-only model
//      "distillable": false}                        // default true (enforce_distillable_text)
//   ],
//   "presets": {"fast": "moonshotai/kimi-k2"},      // @preset/fast asks for that model;
//                                                   // any other @preset/… answers 404
//   "providers": {
//     "Chutes": {"script": [{"kind": "upstream_429"}]},
//     "Groq":   {"latency_ms": 150, "tokens_per_second": 200, "uptime": 99.5,
//                "price": 1.5,     // USD per million tokens: provider.sort "price", :floor
//                "zdr": true,      // a Zero Data Retention endpoint (provider.zdr); default false
//                "reply": "optional provider-specific reply",
//                "script": [{"kind": "serve"}]}
//   },
//   "reply": "default reply text (Markdown)",
//   "reply_translations": {"de": "..."},   // optional: the reply for QLocale()'s language
//   "reply_by_question": false, // true: a served reply follows the question (code, table,
//                             // list, long, short; greetings get "reply"), see SimReplies.h;
//                             // a provider's or entry's own "reply" still wins
//   "keepalive_ms": 0,        // ": OPENROUTER PROCESSING" comment interval while waiting for the
//                             // first token; 0 = one comment at the start, -1 = none
//   "generation_lag_ms": 0,   // GET /generation answers 404 until this long after the end
//   "require_key": null,      // a string: requests without "Authorization: Bearer <it>" get 401
//   "require": null,          // headers / query a gateway insists on: see SimRequirement.h
//   "seed": 1,                // the random choices' seed (see "mix" and ranges below)
//   "free_requests_per_day": null  // the key's free daily allowance, see below
// }
//
// Every provider a model lists must be defined under "providers". A provider's
// "script" is consumed one entry per request that reaches the provider; the
// last entry repeats forever (no script = [{"kind": "serve"}]). Entries are
// {"kind": K, ...}; every entry may override "latency_ms", "tokens_per_second",
// "reply" and "keepalive_ms".
//
// Random behaviour, seeded:
//   - A script entry may be {"mix": [E1, E2, ...]} instead of a kind: each time it
//     is used, one element is picked at random by its "weight" (a non-negative
//     number; default 1). An element is an ordinary script entry plus "weight", so it
//     may carry its own overrides:
//       {"mix": [{"weight": 90, "kind": "upstream_429", "retry_after": [15, 30]},
//                {"weight": 9,  "kind": "serve"},
//                {"weight": 1,  "kind": "serve", "latency_ms": 20000}]}
//     A provider's "mix": [...] is short for "script": [{"mix": [...]}] (not both).
//   - "latency_ms" (a provider's or an entry's), "retry_after" and "retry_after_ms"
//     take a range [lo, hi] where they take a number: uniform at random in it, in
//     whole numbers (both ends included) when both ends are whole.
//   Each provider draws from its own stream, seeded by "seed" and its name, so the
//   n-th request reaching a provider gets the same behaviour on every simulator
//   started with the same scenario, whatever other providers were asked in between.
//
// "free_requests_per_day": N is the key's free daily allowance (OpenRouter's
// free-models-per-day): every chat completion asking for a ":free" model (or the Free
// Models Router) counts; after the N-th of a day (UTC) each one is refused at once,
// without reaching a provider, with the account-level 429 "Rate limit exceeded:
// free-models-per-day" (key_429's shape; X-RateLimit-Limit N, Remaining 0, Reset the
// next midnight UTC in ms). Requests for other models are not counted nor refused.
//
// Kinds:
//
//   Pre-stream failures (recorded; routing moves on to the next provider, then
//   the next model of the request's `models` list):
//     upstream_429   OpenRouter's "Provider returned error" 429; optional
//                    "retry_after" (s -> Retry-After) and "retry_after_ms" (-> retry-after-ms)
//     server_error   500 JSON          html_502   a proxy's 502 HTML page
//     unavailable    503 "No allowed providers are available" with Retry-After
//                    (optional "retry_after", default 30)
//     error          generic: "status" (default 500), "body" (string), "content_type"
//                    (default application/json), "headers" (object); a failure when
//                    status >= 500 or == 429, otherwise it ends routing like the next group
//   Account / request level (returned at once, no fallback):
//     key_429 (X-RateLimit-* headers, reset = now + 60 s), no_credits (402),
//     unauthorized (401), moderation (403)
//   Served (routing stops here; the chosen provider then behaves as scripted):
//     serve                      the reply, streamed or as one JSON body
//     error_in_200               200 application/json whose body is an error object
//     reset_before_first_token   200 headers, then the socket is reset
//     reset_after_tokens         "tokens": N content tokens, then reset
//     stall                      "phase": before_headers | before_first_token | mid_stream,
//                                "ms": M (absent = until the client goes away); mid_stream
//                                stalls after "tokens" (default 3) tokens, then continues;
//                                before_first_token sends comments only with "keepalive_ms" > 0
//     truncated_chunk            "tokens" (default 3), then half a chunk, then a clean body end
//     invalid_utf8               a delta carrying the bytes C3 28 and FF, then finishes normally
//     midstream_error            "tokens" (default 3), then an error chunk (finish_reason "error")
//     drip                       "bytes_per_second": B; the normal stream, B bytes per second
//
// Unknown keys are ignored; unknown kinds, malformed values and providers a
// model lists without defining them are errors.

#include "SimRandom.h"
#include "SimRequirement.h"
#include "protocol/HttpHeaders.h"
#include "protocol/Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <memory>
#include <optional>

namespace detour {

class SimScenario final {
public:
    enum class Kind {
        Serve,
        Upstream429,
        Key429,
        ServerError,
        Html502,
        Unavailable,
        NoCredits,
        Unauthorized,
        Moderation,
        Error,
        ErrorIn200,
        ResetBeforeFirstToken,
        ResetAfterTokens,
        Stall,
        TruncatedChunk,
        InvalidUtf8,
        MidstreamError,
        Drip,
    };
    enum class StallPhase { BeforeHeaders, BeforeFirstToken, MidStream };

    struct Entry;
    // One element of a "mix": the entry and its weight.
    struct Choice;
    // A [lo, hi] range of a scenario number; lo == hi for a plain number.
    struct Range {
        double lo = 0;
        double hi = 0;
        bool isFixed() const { return lo == hi; }
    };

    struct Entry {
        Kind kind = Kind::Serve;
        // A random choice ({"mix": [...]}); takeEntry() returns the chosen element.
        std::shared_ptr<const QList<Choice>> mix;
        // Ranges take the place of latencyMs / retryAfterS / retryAfterMs until takeEntry()
        // draws them.
        std::optional<Range> latencyRangeMs;
        std::optional<Range> retryAfterRangeS;
        std::optional<Range> retryAfterRangeMs;
        std::optional<qint64> latencyMs;
        std::optional<double> tokensPerSecond;
        std::optional<QString> reply;
        std::optional<int> keepaliveMs;
        std::optional<double> retryAfterS; // upstream_429, unavailable
        std::optional<qint64> retryAfterMs; // upstream_429
        int tokens = 3; // reset_after_tokens, stall mid_stream, truncated_chunk, midstream_error
        StallPhase phase = StallPhase::BeforeFirstToken;
        qint64 stallMs = -1; // -1: until the client goes away
        int bytesPerSecond = 64; // drip
        int status = 500; // error
        QByteArray body; // error
        QByteArray contentType; // error
        HttpHeaders headers; // error
    };

    struct Choice {
        double weight = 1;
        Entry entry;
    };

    struct Provider {
        QString name;
        qint64 latencyMs = 0; // a range's middle (sorting by latency, /endpoints)
        std::optional<Range> latencyRangeMs; // drawn per request when set
        double tokensPerSecond = 0; // 0: everything at once
        double uptime = 100;
        double price = 0; // USD per million tokens
        bool zdr = false;
        std::optional<QString> reply;
        QList<Entry> script;
    };

    struct Model {
        QString id;
        QString name;
        QString description;
        qint64 contextLength = 131072;
        qint64 maxCompletionTokens = 0;
        QString pricingPrompt = QStringLiteral("0");
        QString pricingCompletion = QStringLiteral("0");
        QStringList providers;
        // architecture.input_modalities in /models; a request with an image part sent to a
        // model without "image" gets OpenRouter's 404 "No endpoints found that support
        // image input".
        QStringList inputModalities { QStringLiteral("text"), QStringLiteral("image"),
            QStringLiteral("file") };
        bool distillable = true;

        bool isFree() const;
    };

    // The reason when the JSON is not a valid scenario.
    static Result<SimScenario> fromJson(QByteArrayView json);

    static QString kindName(Kind kind);
    static std::optional<Kind> kindFromName(const QString &name);

    const QList<Model> &models() const { return m_models; }
    const Model *model(const QString &id) const;
    const Provider *provider(const QString &name) const;
    // The model a preset slug ("@preset/fast" -> "fast") stands for; empty when unknown.
    QString presetModel(const QString &slug) const { return m_presets.value(slug); }
    // The default reply in the language of QLocale() when "reply_translations" has it
    // (the built-in demo explains itself in the UI's language), else "reply".
    QString reply() const;
    bool replyByQuestion() const { return m_replyByQuestion; }
    int keepaliveMs() const { return m_keepaliveMs; }
    qint64 generationLagMs() const { return m_generationLagMs; }
    const std::optional<QString> &requireKey() const { return m_requireKey; }
    const std::optional<SimRequirement> &requirement() const { return m_requirement; }

    quint64 seed() const { return m_seed; }
    // "free_requests_per_day"; empty: no allowance (nothing is counted).
    std::optional<qint64> freeRequestsPerDay() const { return m_freeRequestsPerDay; }
    // Counts one chat completion for a free model against the day's (UTC) allowance
    // at `nowMs`; false when the allowance was already used up (the request is refused).
    bool countFreeRequest(qint64 nowMs);
    // The free model requests counted today (tests).
    qint64 freeRequestsUsed() const { return m_freeRequestsUsed; }

    QStringList providerNames() const;
    // Replaces a provider's script (rehearsal injects faults this way) and
    // starts it again from its first entry. False for an unknown provider or
    // an empty script.
    bool setScript(const QString &providerName, const QList<Entry> &script);

    // The provider's next script entry (the last one repeats forever), with its random
    // choice made and its ranges drawn from the provider's random stream.
    Entry takeEntry(const QString &providerName);

private:
    QList<Model> m_models;
    QList<Provider> m_providers;
    QString m_reply;
    QHash<QString, QString> m_replyTranslations;
    QHash<QString, QString> m_presets; // slug -> model id // language ("de") -> reply
    bool m_replyByQuestion = false;
    int m_keepaliveMs = 0;
    qint64 m_generationLagMs = 0;
    std::optional<QString> m_requireKey;
    std::optional<SimRequirement> m_requirement;
    QHash<QString, int> m_cursor;
    quint64 m_seed = 1;
    QHash<QString, SimRandom> m_random; // by provider, made on first use
    std::optional<qint64> m_freeRequestsPerDay;
    qint64 m_freeRequestsUsed = 0;
    qint64 m_freeRequestsDay = -1; // days since the epoch (UTC) m_freeRequestsUsed counts
};

} // namespace detour
