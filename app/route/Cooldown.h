// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "protocol/Outcome.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>
#include <QUrl>
#include <optional>

namespace detour {

// One rest after a limit: what it covers (its scope), why, and until when.
//
// Scopes, from the narrowest:
//   ProviderModel  one provider behind OpenRouter for one model (an upstream 429);
//                  the step is skipped while any of its providers rests
//   EndpointModel  one model at an endpoint (a direct endpoint's per-model limit,
//                  such as tokens per minute)
//   Endpoint       every model at an endpoint (the endpoint's or your key's rate limit)
//   FreeModels     every `:free` model at an endpoint (OpenRouter's free-models-per-day
//                  and free-models-per-min limits), until the reset the headers give
//   PaidModels     every model but the `:free` ones at an endpoint (no credits), until the
//                  person acts: clears it, or a paid model there serves a turn
//   Key            an endpoint's key (refused), until the key changes or a turn on the
//                  endpoint is served
// `until` is invalid for the last two: they have no end of their own.
struct Cooldown {
    Q_DECLARE_TR_FUNCTIONS(Cooldown)

public:
    enum class Scope { ProviderModel, EndpointModel, Endpoint, FreeModels, PaidModels, Key };

    Scope scope = Scope::ProviderModel;
    QString endpointId;
    QString endpointUrl; // where the endpoint was (urlOf); empty: any URL of that id
    QString model; // ProviderModel, EndpointModel
    QString provider; // ProviderModel; may be empty (unknown, or not behind OpenRouter)
    QString keyId; // Key: keyIdOf the refused key
    QDateTime until; // invalid: until the person acts or the key changes
    Outcome reason = Outcome::RateLimitedUpstream; // what started the rest

    // What a step is, as cooldowns see it.
    struct Target {
        QString endpointId;
        QString endpointUrl; // empty: any
        QString model;
        QString keyId; // empty: not known (a Key cooldown then covers it)
    };

    bool operator==(const Cooldown &) const = default;

    bool isActive(const QDateTime &now) const { return !until.isValid() || until > now; }
    // True when this cooldown, active at `now`, keeps `target` from being tried.
    bool covers(const Target &target, const QDateTime &now) const;
    // The same scope over the same thing (provider, key...): one rest, whatever its end.
    bool sameRest(const Cooldown &other) const;
    // "ends later" with "no end" as the latest of all.
    bool endsAfter(const Cooldown &other) const;

    // What it covers in words: "all :free models on openrouter", "moonshotai/kimi-k2:free
    // at Chutes on openrouter", "the key of groq".
    QString scopeText() const;
    // The scope with its end: "all :free models on openrouter until 18:00", "all paid models
    // on openrouter until you clear it", "the key of groq until its key changes".
    QString description(const QDateTime &now = QDateTime::currentDateTimeUtc()) const;
    // What started it, in a few words: "OpenRouter's free-model limit", "no credits".
    QString causeText() const;

    // The stable names ("provider_model", "endpoint_model", "endpoint", "free_models",
    // "paid_models", "key") of the trace and the database.
    static QString scopeName(Scope scope);
    static std::optional<Scope> scopeFromName(const QString &name);

    // An endpoint's base URL as kept with a cooldown: no user info, query or fragment.
    static QString urlOf(const QUrl &baseUrl);
    // Which key a Key cooldown is about, without the key: a one-way digest of it
    // ("none" for no key). Never the key itself, in memory or on disk.
    static QString keyIdOf(const QString &key);
    static bool isFreeModel(const QString &model); // ends in ":free"
};

} // namespace detour
