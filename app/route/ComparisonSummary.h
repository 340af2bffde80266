// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "Attempt.h"

#include <QList>
#include <QString>
#include <optional>

namespace detour {

// Who won a comparison of routes on one question, and the sentence that says it:
// "First token: Groq route (0.4 s); fastest overall: Free first (1.2 s); cheapest:
// Groq route ($0.0003)." Only served columns take part; cost only where it is known.
// The one place these picks are computed: the window's summary line and
// `detour --ask … --route A --route B` both read them from here.
class ComparisonSummary final {
public:
    // One column as the summary needs it; times on the comparison's own clock.
    struct Entry {
        QString name; // the route's name
        bool served = false;
        qint64 firstTokenMs = -1; // since the comparison started; -1: none
        qint64 durationMs = -1; // the column's turn, start to end
        std::optional<double> cost; // USD, when the server said
    };

    static ComparisonSummary of(const QList<Entry> &entries);

    // Indexes into the entries, -1 when no column qualifies.
    int firstToken = -1;
    int fastest = -1;
    int cheapest = -1;

    // One sentence, through tr(); empty entries give "".
    QString text(const QList<Entry> &entries) const;

    // Completion tokens per second of a served turn, from its first token to its last;
    // none when the server did not count them or the reply came in one piece.
    static std::optional<double> tokensPerSecond(const TurnResult &result);
    // The cost of a turn: its served attempt's usage, when the server said.
    static std::optional<double> cost(const TurnResult &result);
};

} // namespace detour
