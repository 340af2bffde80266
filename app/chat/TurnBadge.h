#pragma once

#include "route/Attempt.h"

#include <QString>

namespace detour {

// The one line under an assistant reply: who served it and at what cost, e.g.
// "Groq · moonshotai/kimi-k2 · after 1 fallback · first token 0.4 s · 1.3 s · 212 tok · $0.0003",
// or what went wrong, in one sentence.
class TurnBadge final {
public:
    static QString text(const TurnResult &result);
    static int fallbacks(const TurnResult &result);
};

} // namespace detour
