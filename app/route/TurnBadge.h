// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "Attempt.h"

#include <QLocale>
#include <QString>

namespace detour {

// The one line under an assistant reply: who served it and at what cost, e.g.
// "Groq · moonshotai/kimi-k2 · after 1 fallback · first token 0.4 s · 1.3 s · 212 tok · $0.0003",
// or what went wrong, in one sentence.
class TurnBadge final {
public:
    static QString text(const TurnResult &result);

    // The pieces, for every place that states the same facts (exports, rehearsals):
    // "1.3 s" and "$0.0003" in the person's locale (NumberText, the one rule for numbers;
    // exports pass QLocale::c()), "after 2 fallbacks".
    static QString seconds(qint64 ms, const QLocale &locale = QLocale());
    static QString dollars(double cost, const QLocale &locale = QLocale());
    static QString fallbacks(int count);
    // For a served turn whose request raced another (hedge_after_ms): "hedged: Groq was
    // first by 1.2 s", by how long the loser had waited; empty otherwise.
    static QString hedged(const TurnResult &result);

    // One stop on the way to the reply: a request of Detour's, or a provider OpenRouter
    // tried and left inside a request (a server attempt that did not answer 200).
    struct Hop {
        Outcome outcome = Outcome::Served;
        QString who; // the provider; else the model requested, else the endpoint
        int httpStatus = 0; // 0: none (timeouts, network errors, skipped steps)
        bool serverSide = false;
        int count = 1; // the same hop this many times in a row (retries)

        bool operator==(const Hop &) const = default;
    };
    // The turn's attempts in the order of its trace, each attempt's refused server
    // attempts just before it, repeats in a row counted once: the facts the inspector
    // lists row by row, for the slim line under a reply.
    static QList<Hop> hops(const TurnResult &result);
    static QString symbol(Outcome outcome); // ✓ served, ↷ skipped, ✗ any failure
    static QString hopText(const Hop &hop); // "✗ Chutes 429", "✗ Groq · Timed out ×2"
    // "✗ Chutes 429 → ✓ Groq"; empty when a single request served the turn (the badge
    // says all there is) or the turn has no attempts.
    static QString attemptsLine(const TurnResult &result);
};

} // namespace detour
