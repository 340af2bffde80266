// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "Attempt.h"

#include <QString>

namespace detour {

// The one line under an assistant reply: who served it and at what cost, e.g.
// "Groq · moonshotai/kimi-k2 · after 1 fallback · first token 0.4 s · 1.3 s · 212 tok · $0.0003",
// or what went wrong, in one sentence.
class TurnBadge final {
public:
    static QString text(const TurnResult &result);

    // The pieces, for every place that states the same facts (exports, rehearsals):
    // "1.3 s" and "$0.0003" in the person's locale, "after 2 fallbacks".
    static QString seconds(qint64 ms);
    static QString dollars(double cost);
    static QString fallbacks(int count);
};

} // namespace detour
